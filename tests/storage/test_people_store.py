"""Saving people: insert, update on re-import (never duplicate), one transaction, rollback."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.errors import Cancelled, InputErrors
from fangzhi_desktop.storage.database import applied_migrations
from fangzhi_desktop.storage.people import count_people, find_person, list_people, save_people
from tests.importers.roster_builders import make_id

BORN = date(1985, 3, 12)


def _people(n: int) -> list[Person]:
    """``n`` distinct people (IDs unique up to 25,000)."""
    return [Person(name=f"人{i}", sex="男", birth=f"{1950 + i // 500}-03",
                   id_number=make_id(date(1950 + i // 500, 3, 12), i % 500), department="办公室")
            for i in range(n)]


def _table(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT * FROM people ORDER BY id").fetchall()


def test_the_migration_creates_the_people_table(conn: sqlite3.Connection) -> None:
    assert "0003_people" in applied_migrations(conn)
    assert count_people(conn) == 0


def test_save_and_list_in_roster_order(conn: sqlite3.Connection) -> None:
    people = [Person(name="王𠀀䶮", sex="女", birth="1990-10", id_number=make_id(BORN, 1),
                     department="编研科", phone="13800000000"),
              Person(name="张三", birth="1974-08", department="办公室")]
    result = save_people(conn, people, source="花名册.xlsx")
    assert (result.inserted, result.updated, result.total) == (2, 0, 2)
    stored = list_people(conn)
    assert [p.name for p in stored] == ["王𠀀䶮", "张三"]
    assert replace(stored[0], id=None) == people[0]
    assert stored[1].id_number == ""
    assert conn.execute("SELECT id_number FROM people WHERE name = '张三'").fetchone() == (None,)
    assert [p.name for p in list_people(conn, department="办公室")] == ["张三"]
    assert find_person(conn, make_id(BORN, 1)) == stored[0]
    assert find_person(conn, make_id(BORN, 9)) is None


def test_reimport_updates_by_id_number_and_keeps_row_ids(conn: sqlite3.Connection) -> None:
    save_people(conn, _people(3))
    before = {p.id_number: p.id for p in list_people(conn)}
    changed = _people(3)
    changed[1].department = "资料科"
    changed[2].phone = "13911112222"
    newcomer = Person(name="新人", birth="1999-01", id_number=make_id(date(1999, 1, 1), 1))
    result = save_people(conn, [*changed, newcomer])
    assert (result.inserted, result.updated) == (1, 3)
    assert count_people(conn) == 4
    after = {p.id_number: p for p in list_people(conn)}
    assert all(after[key].id == pk for key, pk in before.items())
    assert after[changed[1].id_number].department == "资料科"
    assert after[changed[2].id_number].phone == "13911112222"


def test_people_without_an_id_are_matched_by_name_and_birth_when_unique(
        conn: sqlite3.Connection) -> None:
    save_people(conn, [Person(name="张三", birth="1985-03"), Person(name="李四", birth="1990-10"),
                       Person(name="李四", birth="1990-10")])
    result = save_people(conn, [Person(name="张三", birth="1985-03", phone="1"),
                                Person(name="李四", birth="1990-10", phone="2")])
    assert (result.inserted, result.updated) == (1, 1)  # 李四 is ambiguous: a new row
    assert count_people(conn) == 4
    # The ID arrives later: the same person gets it.
    result = save_people(conn, [Person(name="张三", birth="1985-03", id_number=make_id(BORN))])
    assert result.updated == 1 and count_people(conn) == 4
    assert find_person(conn, make_id(BORN)) is not None
    # A row without the ID later does not erase it.
    save_people(conn, [Person(name="张三", birth="1985-03", department="编研科")])
    person = find_person(conn, make_id(BORN))
    assert person is not None and person.department == "编研科"


def test_two_known_ids_are_never_merged_by_name(conn: sqlite3.Connection) -> None:
    save_people(conn, [Person(name="张三", birth="1985-03", id_number=make_id(BORN, 1))])
    result = save_people(conn, [Person(name="张三", birth="1985-03", id_number=make_id(BORN, 2))])
    assert result.inserted == 1 and count_people(conn) == 2


def test_one_transaction_for_the_whole_import(conn: sqlite3.Connection) -> None:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    save_people(conn, _people(4500))
    conn.set_trace_callback(None)
    assert sum(s.startswith("BEGIN") for s in statements) == 1
    assert sum(s == "COMMIT" for s in statements) == 1
    assert count_people(conn) == 4500


def test_cancel_during_the_save_leaves_the_table_unchanged(conn: sqlite3.Connection) -> None:
    save_people(conn, _people(10))
    before = _table(conn)
    calls = 0

    def cancel_on_second_chunk(_fraction: float, _text: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise Cancelled

    changed = [replace(p, department="资料科") for p in _people(5000)]
    with pytest.raises(Cancelled):
        save_people(conn, changed, progress=cancel_on_second_chunk)
    assert _table(conn) == before
    assert not conn.in_transaction


def test_duplicate_ids_in_one_import_are_refused(conn: sqlite3.Connection) -> None:
    save_people(conn, _people(2))
    before = _table(conn)
    with pytest.raises(InputErrors, match="出现了两次"):
        save_people(conn, [*_people(3), _people(1)[0]])
    assert _table(conn) == before
