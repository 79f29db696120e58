"""Progress and follow-up entries (进展/催办) of every work item and campaign task in a
period, for the monthly and quarterly report."""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.workpoints import EntryKind, LogEntry


def _entries(conn: sqlite3.Connection, sql: str, start: date, end: date) -> list[LogEntry]:
    rows = conn.execute(sql, (start.isoformat(), end.isoformat()))
    return [LogEntry(r[0], r[1], date.fromisoformat(r[2]), EntryKind(r[3]), r[4], r[5])
            for r in rows]


def workpoint_log_between(conn: sqlite3.Connection, start: date, end: date) -> list[LogEntry]:
    """Entries of work items dated ``start``..``end``, oldest first (``item_id`` is the item)."""
    return _entries(conn, """SELECT id, item_id, entry_date, kind, text, reporter
                             FROM work_item_log WHERE entry_date BETWEEN ? AND ?
                             ORDER BY entry_date, id""", start, end)


def campaign_log_between(conn: sqlite3.Connection, start: date, end: date) -> list[LogEntry]:
    """Entries of campaign tasks dated ``start``..``end``, oldest first (``item_id`` is the
    task)."""
    return _entries(conn, """SELECT id, task_id, entry_date, kind, text, reporter
                             FROM campaign_task_log WHERE entry_date BETWEEN ? AND ?
                             ORDER BY entry_date, id""", start, end)
