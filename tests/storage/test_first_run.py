"""The 入门向导 is due on a new, empty database until it is closed once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.first_run import dismiss_guide, guide_due, is_empty
from fangzhi_desktop.storage.office import save_profile


def test_a_new_database_is_empty_and_due(conn: sqlite3.Connection) -> None:
    assert is_empty(conn)
    assert guide_due(conn)


def test_dismissing_is_remembered_in_the_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = open_database(path)
    dismiss_guide(conn)
    dismiss_guide(conn)  # twice is harmless
    conn.close()
    again = open_database(path)
    try:
        assert is_empty(again)
        assert not guide_due(again)
    finally:
        again.close()


def test_a_saved_profile_means_the_office_has_started(conn: sqlite3.Connection) -> None:
    save_profile(conn, OfficeProfile(full_name="某某县地方志办公室", short_name="某县志办"))
    assert not is_empty(conn)
    assert not guide_due(conn)


def test_the_demo_database_is_not_new(demo_db: Path) -> None:
    conn = open_database(demo_db)
    try:
        assert not is_empty(conn)
        assert not guide_due(conn)
    finally:
        conn.close()
