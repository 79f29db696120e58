"""Removing a person: personal fields gone from the file itself, statistics unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.people import Person, is_placeholder
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.operations.people_removal import remove_with_backup
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.backup import list_backups
from fangzhi_desktop.storage.learning import load_year
from fangzhi_desktop.storage.people import list_people, save_people
from fangzhi_desktop.storage.people_removal import count_attendance, remove_person


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


def test_a_person_with_records_becomes_an_anonymous_placeholder(demo_db: Path,
                                                                tmp_path: Path) -> None:
    conn = open_database(demo_db)
    person = list_people(conn)[3]
    before = load_year(conn, 2026, date(2026, 11, 23))
    mine = next(p for p in before.people if p.person.id == person.id)
    attendances = count_attendance(conn, person.id)
    assert attendances > 0
    # The values are in the file before (as UTF-8 text in the pages).
    secrets = [person.name.encode(), person.id_number.encode(), person.phone.encode()]
    conn.close()
    assert all(s in _file_bytes(demo_db) for s in secrets)

    conn = open_database(demo_db)
    removal, backup = remove_with_backup(conn, person.id, tmp_path / "backups")
    assert removal.placeholder == f"已删除人员 #{person.id}"
    assert removal.attendances == attendances
    assert [b.path for b in list_backups(tmp_path / "backups")] == [backup]
    assert "删除人员前" in backup.name and person.name not in backup.name

    stored = next(p for p in list_people(conn) if p.id == person.id)
    assert is_placeholder(stored)
    assert (stored.id_number, stored.phone, stored.birth, stored.sex, stored.position) == (
        "", "", "", "", "")
    assert (stored.department, stored.rank) == (person.department, person.rank)
    after = load_year(conn, 2026, date(2026, 11, 23))
    theirs = next(p for p in after.people if p.person.id == person.id)
    assert (theirs.earned, theirs.requirement, theirs.attendances) == (
        mine.earned, mine.requirement, mine.attendances)
    assert (after.total_hours, after.completed, after.headcount) == (
        before.total_hours, before.completed, before.headcount)
    (renamed,) = conn.execute("SELECT count(*) FROM work_item_log WHERE reporter = '已删除人员'"
                              ).fetchone()
    assert renamed > 0  # the demo's progress entries they reported
    conn.close()
    data = _file_bytes(demo_db)
    for secret in secrets:
        assert secret not in data, secret


def test_a_person_without_records_is_deleted(conn) -> None:
    conn.execute("PRAGMA secure_delete = 0")
    save_people(conn, [Person("钱多多", id_number="110101199003074514", phone="13800138000")])
    (person,) = list_people(conn)
    assert remove_person(conn, person.id).placeholder == ""
    assert list_people(conn) == []
    with pytest.raises(FangzhiError, match="没有编号为"):
        remove_person(conn, person.id)
    (secure,) = conn.execute("PRAGMA secure_delete").fetchone()
    assert secure == 0  # the connection's setting is restored afterwards


def test_older_copies_left_in_free_space_go_too(tmp_path: Path) -> None:
    """On a build where ``secure_delete`` is off by default (Windows' Python), an edit leaves the
    old value in free space; removing the person clears that as well."""
    db = tmp_path / "office.db"
    conn = open_database(db)
    conn.execute("PRAGMA secure_delete = 0")
    save_people(conn, [Person("钱多多", id_number="110101199003074514", phone="13800138000",
                              remarks="旧备注" * 200)])
    save_people(conn, [Person("钱多多", id_number="110101199003074514", phone="13911112222")])
    (person,) = list_people(conn)
    remove_person(conn, person.id)
    conn.close()
    data = _file_bytes(db)
    for secret in ("110101199003074514", "13800138000", "13911112222", "钱多多", "旧备注"):
        assert secret.encode() not in data, secret
