"""Password encryption of backups and packages: round trips, wrong password, tampering."""

from __future__ import annotations

import os
import stat

import pytest

from fangzhi_desktop import crypto
from fangzhi_desktop.crypto import DamagedFile, WrongPassword, decrypt_file, encrypt_file

FAST = 10  # scrypt log2(N) for tests; the app uses crypto.DEFAULT_LOG_N


@pytest.mark.parametrize("size", [0, 1, crypto.CHUNK - 1, crypto.CHUNK, 2 * crypto.CHUNK + 5])
def test_round_trip_at_chunk_edges(tmp_path, size):
    data = os.urandom(size)
    src, enc, out = tmp_path / "a.db", tmp_path / "a.db.fzenc", tmp_path / "b.db"
    src.write_bytes(data)
    encrypt_file(src, enc, "方志2026", log_n=FAST)
    assert crypto.is_encrypted(enc) and not crypto.is_encrypted(src)
    # A few plain bytes may occur in random ciphertext by chance; 16 or more never do.
    assert size < 16 or data[:64] not in enc.read_bytes()
    decrypt_file(enc, out, "方志2026")
    assert out.read_bytes() == data
    assert stat.S_IMODE(enc.stat().st_mode) == 0o600 or os.name == "nt"


def _encrypted(tmp_path, size=3 * crypto.CHUNK // 2):
    src, enc = tmp_path / "a.db", tmp_path / "a.fzenc"
    src.write_bytes(os.urandom(size))
    encrypt_file(src, enc, "secret", log_n=FAST)
    return enc


def test_wrong_password_is_named_and_leaves_nothing(tmp_path):
    enc = _encrypted(tmp_path)
    with pytest.raises(WrongPassword, match="密码不正确"):
        decrypt_file(enc, tmp_path / "out.db", "Secret")
    assert not list(tmp_path.glob("out.db*"))


@pytest.mark.parametrize("where", ["header", "first", "tail"])
def test_flipped_byte_is_refused(tmp_path, where):
    enc = _encrypted(tmp_path)
    data = bytearray(enc.read_bytes())
    at = {"header": 9, "first": crypto.HEADER_LEN + 100, "tail": len(data) - 3}[where]
    data[at] ^= 0x01
    enc.write_bytes(bytes(data))
    with pytest.raises((DamagedFile, WrongPassword)):
        decrypt_file(enc, tmp_path / "out.db", "secret")
    assert not (tmp_path / "out.db").exists()


def test_cut_file_and_dropped_last_chunk_are_refused(tmp_path):
    enc = _encrypted(tmp_path)
    data = enc.read_bytes()
    first_len = int.from_bytes(data[crypto.HEADER_LEN:crypto.HEADER_LEN + 4], "big")
    for cut in (data[:-10], data[:crypto.HEADER_LEN + 4 + first_len], data[:crypto.HEADER_LEN]):
        enc.write_bytes(cut)
        with pytest.raises(DamagedFile):
            decrypt_file(enc, tmp_path / "out.db", "secret")
    assert not (tmp_path / "out.db").exists()


def test_not_an_encrypted_file(tmp_path):
    plain = tmp_path / "x.db"
    plain.write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    with pytest.raises(DamagedFile, match="不是本软件加密的文件"):
        decrypt_file(plain, tmp_path / "out.db", "secret")


def test_empty_password_refused(tmp_path):
    src = tmp_path / "a"
    src.write_bytes(b"x")
    with pytest.raises(WrongPassword):
        encrypt_file(src, tmp_path / "b", "", log_n=FAST)
