"""Following up the tasks of a campaign: progress and 催办 entries, status, 销号, extensions, and
the updates read from returned feedback sheets.

Same shape as the work points (``storage.workpoints``): each write is one transaction and the
editing functions return the previous values for undo. Entries and extensions are the
work-point records (``LogEntry``, ``Extension``) with the task's id in ``item_id``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fangzhi_desktop.domain.campaigns import TaskUpdate
from fangzhi_desktop.domain.workpoints import EntryKind, Extension, LogEntry, Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage.campaigns import get_task
from fangzhi_desktop.storage.database import transaction

# --- Progress and follow-up entries ----------------------------------------------------------


def task_log(conn: sqlite3.Connection, task_id: int) -> list[LogEntry]:
    """The entries of a task, newest first."""
    rows = conn.execute(
        """SELECT id, task_id, entry_date, kind, text, reporter FROM campaign_task_log
           WHERE task_id = ? ORDER BY entry_date DESC, id DESC""", (task_id,))
    return [LogEntry(r[0], r[1], date.fromisoformat(r[2]), EntryKind(r[3]), r[4], r[5])
            for r in rows]


def add_task_entry(conn: sqlite3.Connection, task_id: int, entry_date: date, text: str,
                   reporter: str = "", kind: EntryKind = EntryKind.PROGRESS,
                   entry_id: int | None = None) -> int:
    """Record progress (进展) or a follow-up (催办); ``entry_id`` re-inserts for redo.

    Progress on a task that has not started moves it to 推进中.
    """
    if not text.strip():
        raise FangzhiError("进展内容不能为空。")
    with transaction(conn):
        cur = conn.execute(
            """INSERT INTO campaign_task_log (id, task_id, entry_date, kind, text, reporter)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (entry_id, task_id, entry_date.isoformat(), kind.value, text.strip(),
             reporter.strip()),
        )
        if kind is EntryKind.PROGRESS:
            _start(conn, task_id, entry_date)
    return int(cur.lastrowid or 0)


def _start(conn: sqlite3.Connection, task_id: int, on: date) -> None:
    conn.execute(
        "UPDATE campaign_tasks SET status = ?, status_date = ? WHERE id = ? AND status = ?",
        (Status.IN_PROGRESS.value, on.isoformat(), task_id, Status.NOT_STARTED.value))


def delete_task_entry(conn: sqlite3.Connection, entry_id: int) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM campaign_task_log WHERE id = ?", (entry_id,))


# --- Status and closing off (销号) -------------------------------------------------------------


@dataclass(frozen=True)
class TaskStatusFields:
    """A task's status with its date and remark; ``closed_by`` names who confirmed a 销号."""

    status: Status
    status_date: date | None = None
    remark: str = ""
    closed_by: str = ""


def set_task_status(conn: sqlite3.Connection, task_id: int,
                    value: TaskStatusFields) -> TaskStatusFields:
    """Set the status; returns the previous one (for undo). 已销号 needs its date and who
    confirmed it (see ``close_off``)."""
    task = get_task(conn, task_id)
    before = TaskStatusFields(task.status, task.status_date, task.status_remark, task.closed_by)
    closed_by = value.closed_by.strip()
    if value.status is Status.CLOSED:
        if value.status_date is None:
            raise FangzhiError("销号须写明销号日期。")
        if not closed_by:
            raise FangzhiError("销号须写明确认人（由谁确认完成）。")
    else:
        closed_by = ""
    with transaction(conn):
        conn.execute(
            """UPDATE campaign_tasks SET status = ?, status_date = ?, status_remark = ?,
                   closed_by = ?, updated_at = datetime('now', 'localtime') WHERE id = ?""",
            (value.status.value, value.status_date.isoformat() if value.status_date else None,
             value.remark.strip(), closed_by, task_id),
        )
    return before


def close_off(conn: sqlite3.Connection, task_id: int, on: date, confirmed_by: str,
              remark: str = "") -> TaskStatusFields:
    """销号: the task is confirmed done by ``confirmed_by`` on ``on``; returns the previous
    status (for undo)."""
    task = get_task(conn, task_id)
    if task.status is Status.CLOSED:
        raise FangzhiError(f"第{task.no}项任务已经销号。")
    return set_task_status(conn, task_id, TaskStatusFields(
        Status.CLOSED, on, remark or task.status_remark, confirmed_by))


# --- Extensions (延期) -----------------------------------------------------------------------


def task_extensions(conn: sqlite3.Connection, task_id: int) -> list[Extension]:
    rows = conn.execute(
        """SELECT id, task_id, old_deadline, new_deadline, reason, decided_on
           FROM campaign_task_extensions WHERE task_id = ? ORDER BY id""", (task_id,))
    return [Extension(r[0], r[1], date.fromisoformat(r[2]), date.fromisoformat(r[3]), r[4],
                      date.fromisoformat(r[5])) for r in rows]


def extend_task_deadline(conn: sqlite3.Connection, task_id: int, new_deadline: date,
                         reason: str, decided_on: date) -> int:
    """Grant an extension: the current deadline moves, the issued one stays as the baseline;
    the reason is required."""
    task = get_task(conn, task_id)
    if task.deadline is None:
        raise FangzhiError(f"第{task.no}项任务没有完成时限，无需延期；请直接设定时限。")
    if new_deadline == task.deadline:
        raise FangzhiError("新的期限与现在的期限相同。")
    if not reason.strip():
        raise FangzhiError("请写明延期原因。")
    with transaction(conn):
        cur = conn.execute(
            """INSERT INTO campaign_task_extensions (task_id, old_deadline, new_deadline,
                   reason, decided_on) VALUES (?, ?, ?, ?, ?)""",
            (task_id, task.deadline.isoformat(), new_deadline.isoformat(), reason.strip(),
             decided_on.isoformat()),
        )
        conn.execute("UPDATE campaign_tasks SET deadline = ? WHERE id = ?",
                     (new_deadline.isoformat(), task_id))
    return int(cur.lastrowid or 0)


def revoke_task_extension(conn: sqlite3.Connection, extension_id: int) -> None:
    """Undo an extension: the deadline goes back to what it was before it."""
    row = conn.execute(
        "SELECT task_id, old_deadline FROM campaign_task_extensions WHERE id = ?",
        (extension_id,)).fetchone()
    if row is None:
        return
    with transaction(conn):
        conn.execute("UPDATE campaign_tasks SET deadline = ? WHERE id = ?", (row[1], row[0]))
        conn.execute("DELETE FROM campaign_task_extensions WHERE id = ?", (extension_id,))


# --- Returned feedback sheets ----------------------------------------------------------------


def apply_task_updates(conn: sqlite3.Connection, updates: Sequence[TaskUpdate],
                       entry_date: date, progress: Progress = no_progress) -> int:
    """Write the updates of a batch of returned sheets in one transaction; returns how many
    tasks changed. Progress is dated ``entry_date`` (the day it was received)."""
    total = max(1, len(updates))
    with transaction(conn):
        for n, update in enumerate(updates, start=1):
            if update.progress:
                conn.execute(
                    """INSERT INTO campaign_task_log (task_id, entry_date, kind, text, reporter)
                       VALUES (?, ?, ?, ?, ?)""",
                    (update.task_id, entry_date.isoformat(), EntryKind.PROGRESS.value,
                     update.progress, update.reporter))
            if update.completed_on is not None:
                conn.execute(
                    """UPDATE campaign_tasks SET status = ?, status_date = ?,
                           updated_at = datetime('now', 'localtime')
                       WHERE id = ? AND status != ?""",
                    (update.status_after.value, update.completed_on.isoformat(),
                     update.task_id, Status.CLOSED.value))
            elif update.progress:
                _start(conn, update.task_id, entry_date)
            progress(n / total, f"正在保存第{update.task_no}项任务")
    return len({u.task_id for u in updates})
