"""Backups taken before destructive actions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.backup import backup_before, backup_to
from fangzhi_desktop.storage.workpoints import list_items


def test_a_backup_is_a_complete_consistent_copy(demo_db: Path, tmp_path: Path) -> None:
    from fangzhi_desktop.storage import open_database

    conn = open_database(demo_db)
    copy = backup_to(conn, tmp_path / "copy.db")
    other = open_database(copy)
    assert len(list_items(other, 2023)) == len(list_items(conn, 2023)) == 40
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not (tmp_path / "copy.db.part").exists()


def test_backup_before_names_the_reason(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = backup_before(conn, "替换2023年工作要点前", tmp_path)
    assert path.parent == tmp_path and "替换2023年工作要点前" in path.name


def test_an_unwritable_folder_gives_a_clear_message(conn: sqlite3.Connection,
                                                    tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FangzhiError, match="无法写入备份"):
        backup_to(conn, blocker / "sub" / "b.db")
