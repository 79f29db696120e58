"""Consistent copies of the open database (SQLite's online backup API, never a file copy of a
live WAL database), verified after writing."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path

from fangzhi_desktop.errors import FangzhiError


def backup_to(conn: sqlite3.Connection, dest: str | Path) -> Path:
    """Copy the database behind ``conn`` to ``dest`` and check the copy's integrity."""
    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        target = sqlite3.connect(str(tmp))
        try:
            conn.backup(target)
            (verdict,) = target.execute("PRAGMA integrity_check").fetchone()
        finally:
            target.close()
        if verdict != "ok":
            raise FangzhiError(f"备份文件校验未通过（{verdict}），已放弃这次备份。")
        tmp.replace(dest)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise FangzhiError(f"无法写入备份 {dest}（{exc.strerror or exc}）。") from exc
    return dest


def default_backup_dir() -> Path:
    from fangzhi_desktop.paths import user_data_dir

    return user_data_dir() / "backups"


def backup_before(conn: sqlite3.Connection, reason: str, folder: Path | None = None) -> Path:
    """A backup taken before a destructive action (``reason`` names it in the file name)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = folder or default_backup_dir()
    return backup_to(conn, folder / f"fangzhi-{stamp}-{reason}.db")
