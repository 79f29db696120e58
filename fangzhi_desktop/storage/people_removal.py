"""Removing a person's personal data (个人信息保护法: deletion on request or when they leave).

A person without learning records is deleted. A person with records becomes an anonymous
placeholder, ``已删除人员 #<row id>``: every personal field is emptied (name, sex, ethnicity,
birth, ID number, political status, education, degree, work start, position, phone, remarks,
source file, the notes on their attendance), and only what the statistics need stays — the
科室 and the 职级 (which sets the hours required) and the attendance itself — so the office's
hours, totals and completion rates do not change. Where another record names them (who
reported progress, who is responsible for or closed a campaign task, who reviewed a
manuscript), the name becomes ``已删除人员`` unless someone else on the roster has the same name.
Free text (log entries, briefing articles) is the office's record and is left as written.

The change is written with ``secure_delete`` on, then the file is rebuilt (``VACUUM``: older
copies left in free space by earlier edits, written while ``secure_delete`` was off, go too) and
the WAL folded into the main file, so the old values are overwritten, not merely unlinked.
The copies the app keeps for itself go too: the audit trail keeps one "删除人员" entry and
forgets the person's earlier values, and the full-text indexes are rewritten without the
deleted name.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fangzhi_desktop.domain.people import placeholder_name
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.database import (
    checkpoint,
    fulltext_tables,
    table_exists,
    transaction,
)

# Columns that hold the name of a member of staff (table, column).
NAME_COLUMNS = (("work_item_log", "reporter"), ("campaign_tasks", "person"),
                ("campaign_tasks", "closed_by"), ("campaign_task_log", "reporter"),
                ("yearbook_reviews", "reviewer"))
REMOVED_NAME = "已删除人员"

_CLEAR = """UPDATE people SET name = ?, sex = '', ethnicity = '', birth = '', id_number = NULL,
    political_status = '', education = '', degree = '', work_start = '', position = '',
    phone = '', remarks = '', source_file = '', updated_at = datetime('now', 'localtime')
    WHERE id = ?"""


@dataclass(frozen=True)
class Removal:
    """What became of the person: deleted outright, or kept as ``placeholder``."""

    person_id: int
    placeholder: str = ""  # 已删除人员 #n when their attendance was kept
    attendances: int = 0


def remove_person(conn: sqlite3.Connection, person_id: int) -> Removal:
    """Remove ``person_id``'s personal data as described above; ``FangzhiError`` if unknown."""
    (previous,) = conn.execute("PRAGMA secure_delete").fetchone()
    conn.execute("PRAGMA secure_delete = ON")
    try:
        with transaction(conn), audit.bulk(conn, "删除人员", table="people",
                                             record_id=person_id):
            row = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
            if row is None:
                raise FangzhiError(f"没有编号为{person_id}的人员，未做改动。")
            _forget_name(conn, person_id, row[0])
            _forget_history(conn, person_id)
            (attendances,) = conn.execute(
                "SELECT count(*) FROM learning_attendance WHERE person_id = ?",
                (person_id,)).fetchone()
            if attendances:
                name = placeholder_name(person_id)
                conn.execute(_CLEAR, (name, person_id))
                conn.execute("UPDATE learning_attendance SET note = '' WHERE person_id = ?",
                             (person_id,))
                result = Removal(person_id, name, int(attendances))
            else:
                conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
                result = Removal(person_id)
            _rewrite_indexes(conn)
        if not conn.in_transaction:
            conn.execute("VACUUM")
            checkpoint(conn)  # the rewritten pages replace the old ones in the main file
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(previous)}")
    return result


def _forget_name(conn: sqlite3.Connection, person_id: int, name: str) -> None:
    (namesakes,) = conn.execute("SELECT count(*) FROM people WHERE name = ? AND id != ?",
                                (name, person_id)).fetchone()
    if namesakes or not name.strip():
        return
    for table, column in NAME_COLUMNS:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                     (REMOVED_NAME, name))
    if table_exists(conn, "audit_log"):  # e.g. the progress entries they reported, as logged
        conn.execute("UPDATE audit_log SET before = replace(before, ?1, ?2),"
                     " after = replace(after, ?1, ?2)"
                     " WHERE instr(before, ?1) OR instr(after, ?1)", (name, REMOVED_NAME))


def _forget_history(conn: sqlite3.Connection, person_id: int) -> None:
    """The audit trail's earlier values of the person's own row (a copy of what is deleted)."""
    if table_exists(conn, "audit_log"):
        conn.execute("UPDATE audit_log SET before = NULL, after = NULL"
                     " WHERE table_name = 'people' AND record_id = ?", (person_id,))


def _rewrite_indexes(conn: sqlite3.Connection) -> None:
    """The full-text indexes hold names: "optimize" rewrites them without deleted entries."""
    for table in fulltext_tables(conn):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def count_attendance(conn: sqlite3.Connection, person_id: int) -> int:
    """How many learning records the person has (the confirmation says what is kept)."""
    (count,) = conn.execute("SELECT count(*) FROM learning_attendance WHERE person_id = ?",
                            (person_id,)).fetchone()
    return int(count)
