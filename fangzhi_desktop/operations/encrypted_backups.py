"""Backups that leave the PC (a USB stick, a chosen folder), encrypted with a password.

The verified plain backup is written to a private temporary folder (0700) on this PC, encrypted
to the destination, and removed: the plain copy never reaches the removable drive. Opening one
decrypts it to such a folder and checks it before anything else happens, so a wrong password or
a changed file is refused with the current database untouched (``storage.backup.restore`` then
swaps the checked copy in). The command line and the window call these same functions.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from fangzhi_desktop.crypto import DEFAULT_LOG_N, decrypt_file, encrypt_file
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.backup import (
    ENCRYPTED_SUFFIX,
    BackupInfo,
    backup_name,
    backup_to,
    inspect_backup,
)


def encrypted_target(dest: str | Path, reason: str = "手动",
                     now: datetime | None = None) -> Path:
    """``dest`` as an encrypted backup's path: a folder gets ``fangzhi-<time>-<reason>.db.fzenc``,
    a file name gets ``.fzenc`` (and ``.db`` before it) when it lacks them."""
    dest = Path(dest)
    if dest.is_dir():
        return dest / (backup_name(reason, now) + ENCRYPTED_SUFFIX)
    if dest.name.endswith(ENCRYPTED_SUFFIX):
        return dest
    if dest.suffix.lower() != ".db":
        dest = dest.with_name(dest.name + ".db")
    return dest.with_name(dest.name + ENCRYPTED_SUFFIX)


def write_encrypted_backup(conn: sqlite3.Connection, dest: str | Path, password: str, *,
                           log_n: int = DEFAULT_LOG_N) -> Path:
    """A verified backup of ``conn``'s database, encrypted with ``password`` to ``dest``
    (see :func:`encrypted_target`); returns the written file."""
    target = encrypted_target(dest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FangzhiError(f"无法创建文件夹 {target.parent}（{exc.strerror or exc}）。") from exc
    with private_folder() as folder:
        plain = backup_to(conn, Path(folder) / "backup.db")
        return encrypt_file(plain, target, password, log_n=log_n)


def private_folder() -> tempfile.TemporaryDirectory[str]:
    """A temporary folder readable by the current user only (0700), for a decrypted copy."""
    return tempfile.TemporaryDirectory(prefix="fangzhi-")


def decrypt_into(path: str | Path, password: str, folder: Path) -> tuple[Path, BackupInfo]:
    """The backup decrypted into ``folder`` (a :func:`private_folder`) and checked;
    ``WrongPassword`` / ``DamagedFile`` / ``DatabaseError`` otherwise."""
    plain = decrypt_file(path, folder / "backup.db", password)
    return plain, inspect_backup(plain)


@contextmanager
def opened(path: str | Path, password: str) -> Iterator[tuple[Path, BackupInfo]]:
    """The decrypted, checked backup in a private temporary folder (removed afterwards);
    ``WrongPassword`` / ``DamagedFile`` / ``DatabaseError`` before anything else happens."""
    with private_folder() as folder:
        yield decrypt_into(path, password, Path(folder))

