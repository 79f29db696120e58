"""Backups: verified copies, rotation, restore without a half-written file, before upgrades."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fangzhi_desktop.errors import DatabaseError, FangzhiError
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.backup import (
    backup_before,
    backup_to,
    daily_backup,
    inspect_backup,
    list_backups,
    restore,
    rotate,
    to_keep,
)
from fangzhi_desktop.storage.workpoints import delete_plan, list_items, plan_years


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    out = {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    conn.close()
    return out


def test_a_backup_is_a_complete_consistent_private_copy(demo_db: Path, tmp_path: Path) -> None:
    conn = open_database(demo_db)
    copy = backup_to(conn, tmp_path / "copy.db")
    assert _tables(copy) == _tables(demo_db)
    assert not (tmp_path / "copy.db.part").exists()
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    info = inspect_backup(copy)
    assert info.counts["work_items"] == 46 and "工作要点46条" in info.describe()


def test_backup_before_names_the_reason(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = backup_before(conn, "替换2023年工作要点前", tmp_path)
    assert path.parent == tmp_path and "替换2023年工作要点前" in path.name
    assert [b.reason for b in list_backups(tmp_path)] == ["替换2023年工作要点前"]


def test_an_unwritable_folder_gives_a_clear_message(conn: sqlite3.Connection,
                                                    tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FangzhiError, match="无法写入备份"):
        backup_to(conn, blocker / "sub" / "b.db")


def test_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    now = datetime(2026, 11, 23, 9, 0)
    stamps = [now - timedelta(hours=12 * n) for n in range(2 * 400)]  # twice a day, 400 days
    keep = to_keep(stamps, now)
    days = {s.date() for s in keep}
    assert len([d for d in days if (now.date() - d).days < 7]) == 7
    assert all(max(s for s in stamps if s.date() == d) in keep for d in days)
    assert 12 <= len(keep) <= 7 + 4 + 12
    assert min(keep) >= now - timedelta(days=366)


def test_daily_backup_once_a_day_then_rotation(conn: sqlite3.Connection, tmp_path: Path) -> None:
    first = datetime(2026, 11, 20, 8)
    for day in range(12):
        daily_backup(conn, tmp_path, first + timedelta(days=day))
    assert daily_backup(conn, tmp_path, first + timedelta(days=11, hours=3)) is None
    dates = sorted(b.created.date() for b in list_backups(tmp_path))
    assert len(dates) == len(set(dates)) <= 12
    assert dates[-1] == (first + timedelta(days=11)).date()
    rotate(tmp_path, first + timedelta(days=11))
    assert len(list_backups(tmp_path)) <= 7 + 4 + 12


def test_restore_round_trip_table_by_table(demo_db: Path, tmp_path: Path) -> None:
    conn = open_database(demo_db)
    saved = backup_to(conn, tmp_path / "saved.db")
    before = _tables(demo_db)
    delete_plan(conn, 2023)
    assert plan_years(conn) == [2026]
    conn.close()
    safety = restore(demo_db, saved, tmp_path / "backups")
    assert safety is not None and "恢复前" in safety.name
    assert plan_years(open_database(safety)) == [2026]  # the state before restoring is kept
    assert _tables(demo_db) == before
    restored = open_database(demo_db)
    assert len(list_items(restored, 2023)) == 40
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(demo_db: Path,
                                                                    tmp_path: Path) -> None:
    before = demo_db.read_bytes()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    with pytest.raises(DatabaseError):
        restore(demo_db, junk, tmp_path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DatabaseError, match="不是方志办公桌面的数据文件"):
        restore(demo_db, other, tmp_path)
    assert demo_db.read_bytes() == before


def test_a_backup_from_a_newer_version_is_refused(demo_db: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    backup_to(open_database(demo_db), newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        restore(demo_db, newer, tmp_path)


def test_an_upgrade_backs_up_the_old_database_first(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from fangzhi_desktop.storage import migrations

    path = tmp_path / "old.db"
    every = migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS", every[:1])
    open_database(path).close()  # a database of the first schema version
    monkeypatch.setattr(migrations, "MIGRATIONS", every)
    open_database(path).close()  # this version upgrades it
    (backup,) = [b for b in list_backups() if b.reason == "升级前"]
    old = sqlite3.connect(backup.path)
    assert old.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 1


def test_encrypted_backups_are_listed_but_never_rotated(tmp_path: Path) -> None:
    from fangzhi_desktop.operations.encrypted_backups import write_encrypted_backup
    from fangzhi_desktop.storage.backup import backup_name, list_backups, rotate

    conn = open_database(tmp_path / "a.db")
    old = datetime(2020, 1, 1, 9, 0, 0)
    write_encrypted_backup(conn, tmp_path / "b" / backup_name("手动", old), "secret", log_n=10)
    conn.close()
    (info,) = list_backups(tmp_path / "b")
    assert info.encrypted and info.reason == "手动" and info.created == old
    assert "加密" in info.describe() and info.counts == {}
    assert rotate(tmp_path / "b", datetime(2026, 1, 1)) == []
    assert info.path.exists()


def test_an_encrypted_backup_under_a_chosen_name_is_listed_too(tmp_path: Path) -> None:
    from fangzhi_desktop.operations.encrypted_backups import write_encrypted_backup
    from fangzhi_desktop.storage.backup import list_backups

    conn = open_database(tmp_path / "a.db")
    written = write_encrypted_backup(conn, tmp_path / "u" / "给市办的备份", "secret", log_n=10)
    conn.close()
    (tmp_path / "u" / "junk.db.fzenc").write_bytes(b"not ours")
    assert written.name == "给市办的备份.db.fzenc"
    assert [(b.path, b.encrypted, b.reason) for b in list_backups(tmp_path / "u")] == [
        (written, True, "给市办的备份")]
