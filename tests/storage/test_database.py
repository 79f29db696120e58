"""Opening the database: WAL, foreign keys, migrations, refusal of newer and foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fangzhi_desktop.errors import DatabaseError
from fangzhi_desktop.storage import open_database, transaction
from fangzhi_desktop.storage.database import applied_migrations, pending_migrations
from fangzhi_desktop.storage.migrations import MIGRATIONS, known_migrations


def test_a_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "sub" / "new.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert applied_migrations(conn) == known_migrations()
    assert pending_migrations(conn) == []
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()


def test_reopening_applies_nothing_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = open_database(path)
    with transaction(conn):
        conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    conn.close()
    conn = open_database(path)
    assert conn.execute("SELECT value FROM meta").fetchone()[0] == "v"
    assert len(conn.execute("SELECT * FROM _sqlite_migrations").fetchall()) == len(MIGRATIONS)


def _content(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = [(t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)) for t in tables]
    conn.close()
    return out


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = open_database(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('fangzhi', '0099_from_the_future', '2030-01-01')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_newer_user_version_alone_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer2.db"
    conn = open_database(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(DatabaseError, match="请升级本程序"):
        open_database(path)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="不是方志办公桌面的数据文件"):
        open_database(path)
    assert path.read_bytes() == before


def test_an_empty_sqlite_file_from_elsewhere_gets_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    conn = open_database(path)
    assert pending_migrations(conn) == []


def test_transaction_rolls_back_everything_on_error(conn: sqlite3.Connection) -> None:
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        with transaction(conn):  # nested: a savepoint
            conn.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
        raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM meta").fetchone()[0] == 0


def test_nested_failure_rolls_back_only_the_savepoint(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        with pytest.raises(RuntimeError), transaction(conn):
            conn.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
            raise RuntimeError("inner")
    assert [r[0] for r in conn.execute("SELECT key FROM meta")] == ["a"]


def test_migration_functions_run_on_an_in_memory_database() -> None:
    conn = open_database(":memory:")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"units", "unit_aliases", "work_plans", "work_sections", "work_items",
            "work_item_units", "work_item_log", "work_item_extensions"} <= tables
