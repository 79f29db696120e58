"""Backups of the office's database: consistent online copies (SQLite's backup API, never a
file copy of a live WAL database), verified after writing, kept by a rotation, and restored
without ever leaving a half-written database.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from fangzhi_desktop.errors import DatabaseError, FangzhiError

PREFIX = "fangzhi-"
_NAME = re.compile(r"^fangzhi-(\d{8}-\d{6})-(.+)\.db(\.fzenc)?$")
ENCRYPTED_SUFFIX = ".fzenc"  # an encrypted backup is ``fangzhi-….db.fzenc`` (see ``crypto.py``)
STAMP_FORMAT = "%Y%m%d-%H%M%S"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupInfo:
    """A backup file as the 备份与恢复 dialog lists it."""

    path: Path
    created: datetime
    reason: str
    size: int
    counts: dict[str, int]  # rows per main table
    encrypted: bool = False  # password-protected: contents unknown until opened

    def describe(self) -> str:
        if self.encrypted:
            return "加密备份（输入密码后才能查看和恢复）"
        parts = [f"{label}{self.counts[table]}条" for table, label in SUMMARY_TABLES
                 if self.counts.get(table)]
        return "，".join(parts) or "空数据库"


# Tables shown as the contents of a backup (those that exist in it).
SUMMARY_TABLES = (("work_items", "工作要点"), ("people", "人员"), ("learning_activities", "学习活动"),
                  ("campaign_tasks", "专项活动任务"), ("briefing_issues", "简报"))


def backup_to(conn: sqlite3.Connection, dest: str | Path) -> Path:
    """Copy the database behind ``conn`` to ``dest`` and check the copy's integrity."""
    from fangzhi_desktop.storage.database import create_private

    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        create_private(tmp)  # private while being written, not only once renamed
        target = sqlite3.connect(str(tmp))
        try:
            conn.backup(target)
            # A backup is one self-contained file, not a WAL database with side files.
            target.execute("PRAGMA journal_mode = DELETE")
            (verdict,) = target.execute("PRAGMA integrity_check").fetchone()
        finally:
            target.close()
        if verdict != "ok":
            raise FangzhiError(f"备份文件校验未通过（{verdict}），已放弃这次备份。")
        _private(tmp)
        tmp.replace(dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise FangzhiError(f"无法写入备份 {dest}（{exc.strerror or exc}）。") from exc
    return dest


def _private(path: Path) -> None:
    """Backups hold personal data: readable by the current user only (where the OS allows)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def default_backup_dir() -> Path:
    from fangzhi_desktop.paths import user_data_dir

    return user_data_dir() / "backups"


def backup_name(reason: str, now: datetime | None = None) -> str:
    reason = re.sub(r"[\\/:*?\"<>|\s]+", "_", reason) or "手动"
    return f"{PREFIX}{(now or datetime.now()).strftime(STAMP_FORMAT)}-{reason}.db"


def backup_before(conn: sqlite3.Connection, reason: str, folder: Path | None = None,
                  now: datetime | None = None) -> Path:
    """A backup taken before a destructive action (``reason`` names it in the file name)."""
    folder = folder or default_backup_dir()
    return backup_to(conn, folder / backup_name(reason, now))


def inspect_backup(path: str | Path) -> BackupInfo:
    """Open a backup read-only, check it and count its main tables; ``DatabaseError`` if bad."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"{path} 不存在或不是文件。")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = conn.execute("PRAGMA integrity_check").fetchone()
            if verdict != "ok":
                raise DatabaseError(f"备份 {path.name} 已损坏（{verdict}），不能使用。")
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "_sqlite_migrations" not in tables:
                raise DatabaseError(f"{path.name} 不是方志办公桌面的数据文件。")
            counts = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                      for table, _ in SUMMARY_TABLES if table in tables}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path.name} 不是有效的数据文件（{exc}）。") from exc
    m = _NAME.match(path.name)
    created = (datetime.strptime(m[1], STAMP_FORMAT) if m
               else datetime.fromtimestamp(path.stat().st_mtime))
    return BackupInfo(path, created, m[2] if m else "", path.stat().st_size, counts)


def encrypted_info(path: Path) -> BackupInfo:
    """What the name and size tell of an encrypted backup (its contents need the password)."""
    m = _NAME.match(path.name)
    stat = path.stat()
    created = (datetime.strptime(m[1], STAMP_FORMAT) if m
               else datetime.fromtimestamp(stat.st_mtime))
    reason = m[2] if m else path.name.removesuffix(f".db{ENCRYPTED_SUFFIX}")  # a chosen name
    return BackupInfo(path, created, reason, stat.st_size, {}, encrypted=True)


def list_backups(folder: Path | None = None, *, encrypted: bool = True) -> list[BackupInfo]:
    """The app's backups in ``folder``, newest first; damaged files are left out; encrypted
    ones (any ``*.db.fzenc`` that starts like one) too unless ``encrypted`` is False."""
    from fangzhi_desktop.crypto import is_encrypted

    folder = folder or default_backup_dir()
    out = []
    for path in folder.glob(f"{PREFIX}*.db") if folder.is_dir() else ():
        with contextlib.suppress(FangzhiError, OSError):
            out.append(inspect_backup(path))
    pattern = f"*.db{ENCRYPTED_SUFFIX}"  # ours by default, or a name chosen with --out
    for path in folder.glob(pattern) if encrypted and folder.is_dir() else ():
        with contextlib.suppress(OSError):
            if is_encrypted(path):
                out.append(encrypted_info(path))
    return sorted(out, key=lambda b: b.created, reverse=True)


def to_keep(created: Iterable[datetime], now: datetime) -> set[datetime]:
    """Rotation: the newest backup of each of the last 7 days, 4 weeks and 12 months."""
    stamps = sorted(created, reverse=True)
    keep: set[datetime] = set()
    for count, key in ((KEEP_DAILY, lambda d: d.date()),
                       (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
                       (KEEP_MONTHLY, lambda d: (d.year, d.month))):
        seen: list[object] = []
        for stamp in stamps:
            if stamp > now + timedelta(days=1):
                continue
            k = key(stamp)
            if k not in seen:
                seen.append(k)
                if len(seen) > count:
                    break
                keep.add(stamp)
    return keep


def rotate(folder: Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation does not keep (never an encrypted one, which the user
    made on purpose); returns what was deleted."""
    backups = list_backups(folder, encrypted=False)
    keep = to_keep((b.created for b in backups), now or datetime.now())
    deleted = []
    for backup in backups:
        if backup.created not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                deleted.append(backup.path)
    return deleted


def daily_backup(conn: sqlite3.Connection, folder: Path | None = None,
                 now: datetime | None = None) -> Path | None:
    """At start-up: one backup a day (none if today's exists), then the rotation."""
    now = now or datetime.now()
    folder = folder or default_backup_dir()
    if any(b.created.date() == now.date() for b in list_backups(folder, encrypted=False)):
        return None
    path = backup_before(conn, "每日", folder, now)
    rotate(folder, now)
    return path


def restore(db_path: str | Path, backup: str | Path,
            folder: Path | None = None) -> Path | None:
    """Replace the database at ``db_path`` with ``backup``; the current file is backed up
    first (returned; None when there was no current file). The swap is a rename: never a
    half-written database."""
    from fangzhi_desktop.storage.database import check_schema, checkpoint, connect, create_private

    db_path, backup = Path(db_path), Path(backup)
    inspect_backup(backup)
    source = connect(backup)
    try:
        check_schema(source, backup)  # a backup from a newer app version is refused
    finally:
        source.close()
    folder = folder or default_backup_dir()
    safety: Path | None = None
    if db_path.exists():
        current = connect(db_path)
        try:
            safety = backup_before(current, "恢复前", folder)
            checkpoint(current)
        finally:
            current.close()
    tmp = db_path.with_name(db_path.name + ".restoring")
    tmp.unlink(missing_ok=True)
    create_private(tmp)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    target = sqlite3.connect(str(tmp))
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = WAL")
    finally:
        target.close()
        source.close()
    _private(tmp)
    for suffix in ("-wal", "-shm"):  # empty after the checkpoint; never replay them on the copy
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return safety
