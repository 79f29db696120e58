"""The audit trail (修改记录): naming an edit, silencing a bulk action, reading the log.

Rows are written by the triggers of ``storage.audit_triggers``. An edit names itself with
``with action(conn, "修改状态"):`` (default ``编辑``); a bulk action (an import writing thousands
of rows) is one ``with bulk(conn, "导入花名册", table="people") as note:`` transaction — the
per-row records are silenced for it and one summary entry is written instead, inside it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from fangzhi_desktop.storage.audit_triggers import (
    DEFAULT_ACTION,
    drop_triggers,
    ensure_context,
)
from fangzhi_desktop.storage.database import table_exists, transaction

if TYPE_CHECKING:  # the labels module is only needed to read the trail, not at start-up
    from fangzhi_desktop.domain.audit import AuditEntry

_COLUMNS = ("id, at, user, host, action, op, table_name, row_id, record_table, record_id,"
            " before, after")
# How a record is named in the whole trail: record table -> SQL giving (id, name).
_RECORD_NAMES = {
    "work_items": "SELECT i.id, p.year || '年第' || i.no || '条' FROM work_items i"
                  " JOIN work_plans p ON p.id = i.plan_id WHERE i.id IN ({})",
    "campaign_tasks": "SELECT id, '第' || no || '项任务' FROM campaign_tasks WHERE id IN ({})",
    "people": "SELECT id, name FROM people WHERE id IN ({})",
    "units": "SELECT id, name FROM units WHERE id IN ({})",
    "work_plans": "SELECT id, title FROM work_plans WHERE id IN ({})",
    "campaign_activities": "SELECT id, title FROM campaign_activities WHERE id IN ({})",
    "learning_activities": "SELECT id, title FROM learning_activities WHERE id IN ({})",
    "briefing_issues": "SELECT id, name || year || '年第' || issue || '期' FROM briefing_issues"
                       " WHERE id IN ({})",
    "yearbook_volumes": "SELECT id, title FROM yearbook_volumes WHERE id IN ({})",
    "yearbook_nodes": "SELECT id, title FROM yearbook_nodes WHERE id IN ({})",
}
# Ids shown by name in the trail: column -> (table, name column).
_NAMED_IDS = {"unit_id": ("units", "name"), "person_id": ("people", "name"),
              "type_id": ("learning_types", "name"), "phase_id": ("campaign_phases", "name")}


@contextmanager
def action(conn: sqlite3.Connection, name: str) -> Iterator[None]:
    """Record the writes inside the block under ``name`` (nested blocks restore the outer)."""
    ensure_context(conn)
    (previous,) = conn.execute("SELECT action FROM temp.audit_context").fetchone()
    conn.execute("UPDATE temp.audit_context SET action = ?", (name or DEFAULT_ACTION,))
    try:
        yield
    finally:
        conn.execute("UPDATE temp.audit_context SET action = ?", (previous,))


@dataclass
class BulkNote:
    """What a bulk action's summary entry will say; the block fills in the outcome."""

    summary: str
    table: str
    record_id: int | None = None
    details: dict[str, object] = field(default_factory=dict)
    changed: bool = True  # False: the action changed nothing, and no entry is written


@contextmanager
def quiet(conn: sqlite3.Connection) -> Iterator[bool]:
    """No per-row records inside the block; yields whether an outer block was already quiet.

    The triggers are dropped rather than told to do nothing (a trigger that fires and does
    nothing still costs ~3 µs a row); the next write outside the block creates them again.
    Entered before the transaction, so a connection's first write, if it is a bulk one, does
    not create the triggers only to drop them.
    """
    _, previous = ensure_context(conn)
    conn.execute("UPDATE temp.audit_context SET quiet = 1")
    try:
        drop_triggers(conn)
        yield bool(previous)
    finally:
        conn.execute("UPDATE temp.audit_context SET quiet = ?", (previous,))


@contextmanager
def bulk(conn: sqlite3.Connection, name: str, *, table: str, record_id: int | None = None,
         source: str = "") -> Iterator[BulkNote]:
    """One transaction without per-row records, ending with one summary entry (written, or
    rolled back, with the data). The block may reword ``note.summary`` with its outcome."""
    note = BulkNote(name, table, record_id, {"source_file": source} if source else {})
    with quiet(conn) as nested, transaction(conn):
        yield note
        if not nested and note.changed:  # inside another bulk action the outer one is enough
            record_summary(conn, note.summary, table=note.table, record_id=note.record_id,
                           details=note.details)


def record_summary(conn: sqlite3.Connection, action_name: str, *, table: str,
                   record_id: int | None = None,
                   details: Mapping[str, object] | None = None) -> None:
    """Write one summary entry (nothing when the file has no audit trail yet)."""
    if not _has_log(conn):
        return
    ensure_context(conn)
    user, host = conn.execute("SELECT user, host FROM temp.audit_context").fetchone()
    conn.execute(
        """INSERT INTO audit_log (user, host, action, op, table_name, record_table, record_id,
               after) VALUES (?, ?, ?, 'summary', ?, ?, ?, ?)""",
        (user, host, action_name, table, table, record_id,
         json.dumps(dict(details), ensure_ascii=False) if details else None),
    )


def history(conn: sqlite3.Connection, table: str, record_id: int) -> list[AuditEntry]:
    """Every entry of one record (its parts included), newest first."""
    if not _has_log(conn):
        return []
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM audit_log WHERE record_table = ? AND record_id = ?
            ORDER BY id DESC""", (table, record_id)).fetchall()
    return _entries(conn, rows)


def part_history(conn: sqlite3.Connection, table: str, record_id: int, part_table: str,
                 key_column: str, key_value: int) -> list[AuditEntry]:
    """The entries of one part of a record, newest first: the rows of ``part_table`` whose
    ``key_column`` is ``key_value`` (a 供稿单位 of a yearbook volume: ``yearbook_units``,
    ``unit_id``). The key is an identity column, kept in every entry of the row."""
    if not _has_log(conn):
        return []
    path = f"$.{key_column}"
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM audit_log WHERE record_table = ? AND record_id = ?
            AND table_name = ? AND coalesce(json_extract(after, ?), json_extract(before, ?)) = ?
            ORDER BY id DESC""",
        (table, record_id, part_table, path, path, key_value)).fetchall()
    return _entries(conn, rows)


def latest(conn: sqlite3.Connection, limit: int = 500, *, user: str | None = None,
           since: str | None = None, until: str | None = None,
           table: str | None = None) -> list[AuditEntry]:
    """The newest entries overall, optionally of one user, a date range (``YYYY-MM-DD``,
    inclusive) or one kind of record."""
    if not _has_log(conn):
        return []
    where: list[str] = []
    params: list[object] = []
    if user:
        where.append("user = ?")
        params.append(user)
    if since:
        where.append("at >= ?")
        params.append(since)
    if until:
        where.append("at < date(?, '+1 day')")
        params.append(until)
    if table:
        where.append("record_table = ?")
        params.append(table)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM audit_log {clause} ORDER BY id DESC LIMIT ?",
        (*params, max(1, limit))).fetchall()
    return _entries(conn, rows)


def users(conn: sqlite3.Connection) -> list[str]:
    """Everyone who appears in the trail."""
    if not _has_log(conn):
        return []
    return [r[0] for r in conn.execute("SELECT DISTINCT user FROM audit_log ORDER BY user")]


def count(conn: sqlite3.Connection) -> int:
    if not _has_log(conn):
        return 0
    return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def _has_log(conn: sqlite3.Connection) -> bool:
    return table_exists(conn, "audit_log")


def _entries(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> list[AuditEntry]:
    from fangzhi_desktop.domain.audit import AuditEntry

    entries = [AuditEntry(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                          str(r[6]), _int(r[7]), str(r[8]), _int(r[9]), _json(r[10]),
                          _json(r[11])) for r in rows]
    records = _record_names(conn, entries)
    if records:
        entries = [replace(e, record_name=records.get((e.record_table, e.record_id), ""))
                   for e in entries]
    names = _names(conn, entries)
    if names:
        for entry in entries:
            for values in (entry.before, entry.after):
                for column, value in values.items():
                    if (column, value) in names:
                        values[column] = names[column, value]
    return entries


def _record_names(conn: sqlite3.Connection,
                  entries: list[AuditEntry]) -> dict[tuple[str, int | None], str]:
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.record_table in _RECORD_NAMES and entry.record_id is not None:
            wanted.setdefault(entry.record_table, set()).add(entry.record_id)
    names: dict[tuple[str, int | None], str] = {}
    for table, ids in wanted.items():
        sql = _RECORD_NAMES[table].format(", ".join("?" * len(ids)))
        for pk, text in conn.execute(sql, sorted(ids)):
            names[table, int(pk)] = str(text)
    return names


def _names(conn: sqlite3.Connection, entries: list[AuditEntry]) -> dict[tuple[str, object], str]:
    """Names of the units, people, … whose ids the entries hold (``unit_id`` 3 → 地方志办)."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        for values in (entry.before, entry.after):
            for column, value in values.items():
                if column in _NAMED_IDS and isinstance(value, int):
                    wanted.setdefault(column, set()).add(value)
    names: dict[tuple[str, object], str] = {}
    for column, ids in wanted.items():
        table, name = _NAMED_IDS[column]
        marks = ", ".join("?" * len(ids))
        for pk, text in conn.execute(
                f"SELECT id, {name} FROM {table} WHERE id IN ({marks})", sorted(ids)):
            names[column, pk] = str(text)
    return names


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def _json(value: object) -> dict[str, object]:
    if not value:
        return {}
    data = json.loads(str(value))
    return data if isinstance(data, dict) else {}
