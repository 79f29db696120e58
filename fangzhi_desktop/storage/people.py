"""Staff in the database: saving a roster (insert or update), listing and counting people.

A re-imported roster updates the people it already holds instead of adding them again: a person
is matched by 公民身份号码, or — when either side lacks one — by name and birth month if exactly
one stored person has them. Stored rows keep their id, so records that point at a person
(learning hours) stay attached.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from pathlib import Path

from fangzhi_desktop.domain.people import PERSON_FIELDS, Person
from fangzhi_desktop.errors import InputErrors
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import audit

_CHUNK = 2000
# From this many people on, the trigram name index (people_fts, migration 0012) is rebuilt once
# instead of following each row through its triggers (35 µs a row against 7 µs a row).
_BULK = 2000
_BULK_ON = "INSERT INTO meta (key, value) VALUES ('people_fts_bulk', '1')"
_BULK_OFF = "DELETE FROM meta WHERE key = 'people_fts_bulk'"
_REBUILD_NAMES = "INSERT INTO people_fts(people_fts) VALUES ('rebuild')"
_SET = ", ".join(f"{c} = ?" for c in PERSON_FIELDS if c != "id_number")
# The timestamps are one parameter per import (not a per-row SQL default): the same moment for
# every row of the import, and measurably faster for large rosters.
# An unknown ID number ('') is stored as NULL: UNIQUE allows any number of NULLs.
_PLACES = ", ".join("nullif(?, '')" if c == "id_number" else "?" for c in PERSON_FIELDS)
_INSERT = (f"INSERT INTO people ({', '.join(PERSON_FIELDS)}, roster_order, source_file,"
           f" created_at, updated_at) VALUES ({_PLACES}, ?, ?, ?, ?)")
_UPDATE = (f"UPDATE people SET {_SET}, id_number = coalesce(nullif(?, ''), id_number),"
           " roster_order = ?, source_file = ?, updated_at = ? WHERE id = ?")
_SELECT = f"SELECT id, {', '.join(PERSON_FIELDS)} FROM people"
_ALL_FIELDS = attrgetter(*PERSON_FIELDS)
_UPDATED_FIELDS = attrgetter(*(c for c in PERSON_FIELDS if c != "id_number"), "id_number")


@dataclass(frozen=True)
class SaveResult:
    """How many people an import added and how many it updated."""

    inserted: int
    updated: int

    @property
    def total(self) -> int:
        return self.inserted + self.updated


def save_people(conn: sqlite3.Connection, people: Sequence[Person], *, source: str = "",
                progress: Progress = no_progress) -> SaveResult:
    """Insert new people and update known ones, all in one transaction.

    ``progress`` may raise ``Cancelled``: the transaction is rolled back, nothing is written.
    Raises ``InputErrors`` (nothing written) when two people carry the same ID number.
    """
    _refuse_duplicates(people)
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")  # as datetime('now', 'localtime')
    with audit.bulk(conn, "导入花名册", table="people",
                    source=Path(source).name if source else "") as note:
        inserts, updates = _plan(conn, people, source, now)
        total = max(1, len(inserts) + len(updates))
        bulk = total >= _BULK
        if bulk:  # the name index's triggers stand aside; one rebuild at the end
            conn.execute(_BULK_ON)
        done = 0
        for sql, rows in ((_UPDATE, updates), (_INSERT, inserts)):
            for start in range(0, len(rows), _CHUNK):
                progress(done / total, f"正在保存人员（{done}/{total}）")
                chunk = rows[start:start + _CHUNK]
                conn.executemany(sql, chunk)
                done += len(chunk)
        if bulk:
            conn.execute(_BULK_OFF)
            conn.execute(_REBUILD_NAMES)
        progress(1.0, f"已保存{done}人")
        note.summary = f"导入花名册：新增 {len(inserts)} 人，更新 {len(updates)} 人"
    return SaveResult(inserted=len(inserts), updated=len(updates))


def _refuse_duplicates(people: Sequence[Person]) -> None:
    seen: set[str] = set()
    for person in people:
        if person.id_number and person.id_number in seen:
            raise InputErrors(f"身份证号码{person.id_number}出现了两次，未做改动。")
        seen.add(person.id_number)


def _plan(conn: sqlite3.Connection, people: Sequence[Person], source: str,
          now: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Rows to insert and rows to update (their stored id last), matched as described above."""
    by_id: dict[str, int] = {}
    by_name: dict[tuple[str, str], list[tuple[int, str | None]]] = {}
    for pk, id_number, name, birth in conn.execute(
            "SELECT id, id_number, name, birth FROM people"):
        if id_number:
            by_id[id_number] = pk
        by_name.setdefault((name, birth), []).append((pk, id_number))
    claimed: set[int] = set()
    inserts: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    for order, person in enumerate(people, start=1):
        pk = _match(person, by_id, by_name)
        if pk is None or pk in claimed:
            inserts.append((*_ALL_FIELDS(person), order, source, now, now))
            continue
        claimed.add(pk)
        updates.append((*_UPDATED_FIELDS(person), order, source, now, pk))
    return inserts, updates


def _match(person: Person, by_id: dict[str, int],
           by_name: dict[tuple[str, str], list[tuple[int, str | None]]]) -> int | None:
    if person.id_number:
        pk = by_id.get(person.id_number)
        if pk is not None:
            return pk
    candidates = by_name.get((person.name, person.birth), ())
    if len(candidates) == 1:
        pk, stored_id = candidates[0]
        if not stored_id or not person.id_number:  # never merge two different known IDs
            return pk
    return None


def list_people(conn: sqlite3.Connection, *, department: str | None = None) -> list[Person]:
    """Everyone (or one 科室), in the order of the last imported roster."""
    sql, params = _SELECT, ()
    if department is not None:
        sql, params = sql + " WHERE department = ?", (department,)
    rows = conn.execute(sql + " ORDER BY roster_order, id", params).fetchall()
    return [_person(row) for row in rows]


def find_person(conn: sqlite3.Connection, id_number: str) -> Person | None:
    row = conn.execute(_SELECT + " WHERE id_number = ?", (id_number,)).fetchone()
    return _person(row) if row else None


def count_people(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])


def _person(row: Sequence[object]) -> Person:
    values = dict(zip(PERSON_FIELDS, row[1:], strict=True))
    values["id_number"] = values["id_number"] or ""
    return Person(id=int(row[0]), **values)  # type: ignore[arg-type]
