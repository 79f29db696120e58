"""Files that hold personal data are readable by the current user only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.backup import backup_before

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_and_backups_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = tmp_path / "office.db"
        conn = open_database(db)
        conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        wal_mode = _mode(Path(str(db) + "-wal"))  # removed again when the last connection closes
        backup = backup_before(conn, "测试", tmp_path / "backups")
        conn.close()
    finally:
        os.umask(old)
    assert _mode(db) == 0o600
    assert wal_mode == 0o600
    assert _mode(backup) == 0o600


def test_the_log_file_is_private() -> None:
    from fangzhi_desktop.logs import setup_logging

    path = setup_logging()
    assert path is not None and _mode(path) == 0o600


def test_a_backup_is_private_while_it_is_being_written(tmp_path: Path) -> None:
    """Not only once renamed into place: the partial file is never readable by others."""
    conn = open_database(tmp_path / "office.db")
    seen: list[int] = []

    class Watching:
        def backup(self, target: object) -> None:
            seen.append(_mode(tmp_path / "b" / "x.db.part"))
            conn.backup(target)  # type: ignore[arg-type]

    old = os.umask(0o022)
    try:
        from fangzhi_desktop.storage.backup import backup_to

        backup_to(Watching(), tmp_path / "b" / "x.db")  # type: ignore[arg-type]
    finally:
        os.umask(old)
        conn.close()
    assert seen == [0o600]
