"""Password encryption of files that leave the PC: backups on a USB stick, exchange packages.

AES-256-GCM (``cryptography``) with the key derived from the password by scrypt. The file is
encrypted in 1 MiB chunks, each with its own nonce and the chunk number and a "last chunk"
flag in its associated data, so a reordered, cut or extended file is refused as well as a
changed byte. A key-check value in the header tells a wrong password apart from a damaged or
tampered file. Layout::

    magic "FZENC1\\n\\0" | log2(N) r p (3 bytes) | salt (16) | nonce prefix (8) | check (16)
    then chunks: length (4, big-endian) | ciphertext + tag

``cryptography`` is imported only when a file is actually encrypted or decrypted.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from pathlib import Path

from fangzhi_desktop.errors import FangzhiError

MAGIC = b"FZENC1\n\0"
CHUNK = 1 << 20
SALT_LEN, PREFIX_LEN, CHECK_LEN = 16, 8, 16
HEADER_LEN = len(MAGIC) + 3 + SALT_LEN + PREFIX_LEN + CHECK_LEN
# scrypt cost: 2**15 × 8 × 1 takes ~0.1 s and 32 MiB on an office PC (the RFC 7914
# interactive-login recommendation); tests may pass a lower ``log_n``.
DEFAULT_LOG_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
SUFFIX = ".fzenc"


class WrongPassword(FangzhiError):
    """The password does not open the file."""


class DamagedFile(FangzhiError):
    """The file was changed, cut short or is not an encrypted file of this app."""


def is_encrypted(path: str | Path) -> bool:
    """True when ``path`` starts like a file written by :func:`encrypt_file`."""
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _derive(password: str, salt: bytes, log_n: int) -> tuple[bytes, bytes]:
    if not password:
        raise WrongPassword("密码不能为空。")
    material = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=1 << log_n,
                              r=SCRYPT_R, p=SCRYPT_P, maxmem=256 << 20, dklen=32)
    check = hmac.new(material, b"fangzhi key check", hashlib.sha256).digest()[:CHECK_LEN]
    return material, check


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">I?", index, last)


def _chunks(f) -> Iterator[tuple[bytes, bool]]:  # type: ignore[no-untyped-def]
    """Plain chunks with a flag for the last one (an empty file is one empty last chunk)."""
    current = f.read(CHUNK)
    while True:
        following = f.read(CHUNK)
        yield current, not following
        if not following:
            return
        current = following


def encrypt_file(src: str | Path, dest: str | Path, password: str, *,
                 log_n: int = DEFAULT_LOG_N) -> Path:
    """Write ``src`` encrypted with ``password`` to ``dest`` (via a temporary file)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    dest = Path(dest)
    salt, prefix = os.urandom(SALT_LEN), os.urandom(PREFIX_LEN)
    key, check = _derive(password, salt, log_n)
    header = MAGIC + bytes((log_n, SCRYPT_R, SCRYPT_P)) + salt + prefix + check
    aes = AESGCM(key)
    tmp = dest.with_name(dest.name + ".part")
    try:
        with open(src, "rb") as plain, open(tmp, "wb") as out:
            out.write(header)
            for index, (chunk, last) in enumerate(_chunks(plain)):
                sealed = aes.encrypt(_nonce(prefix, index), chunk, _aad(header, index, last))
                out.write(struct.pack(">I", len(sealed)))
                out.write(sealed)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        tmp.replace(dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise FangzhiError(f"无法写入加密文件 {dest}（{exc.strerror or exc}）。") from exc
    return dest


def decrypt_file(src: str | Path, dest: str | Path, password: str) -> Path:
    """Decrypt ``src`` to ``dest``; ``WrongPassword`` or ``DamagedFile``, and then nothing is
    left at ``dest``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    src, dest = Path(src), Path(dest)
    damaged = DamagedFile(f"{src.name} 已损坏或被改动过，不能使用（文件未解密）。")
    tmp = dest.with_name(dest.name + ".part")
    try:
        with open(src, "rb") as f:
            header = f.read(HEADER_LEN)
            if len(header) < HEADER_LEN or not header.startswith(MAGIC):
                raise DamagedFile(f"{src.name} 不是本软件加密的文件。")
            log_n, r, p = header[len(MAGIC):len(MAGIC) + 3]
            if (r, p) != (SCRYPT_R, SCRYPT_P) or not 10 <= log_n <= 22:
                raise damaged
            at = len(MAGIC) + 3
            salt = header[at:at + SALT_LEN]
            prefix = header[at + SALT_LEN:at + SALT_LEN + PREFIX_LEN]
            check = header[at + SALT_LEN + PREFIX_LEN:]
            key, expected = _derive(password, salt, log_n)
            if not hmac.compare_digest(check, expected):
                raise WrongPassword(f"密码不正确，无法打开 {src.name}。")
            aes = AESGCM(key)
            with open(tmp, "wb") as out:
                index = 0
                while True:
                    size_bytes = f.read(4)
                    if len(size_bytes) < 4:
                        raise damaged  # cut short before the last chunk
                    (size,) = struct.unpack(">I", size_bytes)
                    if size > CHUNK + 16:
                        raise damaged
                    sealed = f.read(size)
                    if len(sealed) < size:
                        raise damaged
                    last = not f.peek(1) if hasattr(f, "peek") else False
                    try:
                        plain = aes.decrypt(_nonce(prefix, index), sealed,
                                            _aad(header, index, last))
                    except InvalidTag as exc:
                        raise damaged from exc
                    out.write(plain)
                    index += 1
                    if last:
                        break
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        tmp.replace(dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise FangzhiError(f"无法读取 {src.name}（{exc.strerror or exc}）。") from exc
    except FangzhiError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return dest
