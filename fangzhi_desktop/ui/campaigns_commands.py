"""Undoable edits of campaign tasks (QUndoCommand), each calling storage with before/after
values; they share the work points' base (``ItemCommand``: applied once before being pushed,
refusals shown, failing undo/redo dropped) and go on the main window's undo stack.

Every ``do`` reads the task first, so a task deleted meanwhile (a re-import, 删除) is reported
as such instead of failing in the database.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.campaign_followup import TaskStatusFields
from fangzhi_desktop.storage.campaigns import TaskFields
from fangzhi_desktop.ui.workpoints_commands import ItemCommand, Notify, push

__all__ = ["AddTask", "AddTaskEntry", "CloseOff", "EditTask", "ExtendTask", "MarkStep",
           "SetTaskStatus", "push"]


class AddTaskEntry(ItemCommand):
    """Record progress (进展) or a follow-up (催办) on a task."""

    def __init__(self, conn: sqlite3.Connection, task_id: int, notify: Notify, *,
                 entry_date: date, text: str, reporter: str = "",
                 kind: EntryKind = EntryKind.PROGRESS) -> None:
        super().__init__(conn, task_id, notify,
                         "添加任务进展" if kind is EntryKind.PROGRESS else "记录任务催办")
        self.entry_date = entry_date
        self.entry_text = text
        self.reporter = reporter
        self.kind = kind
        self.entry_id: int | None = None
        self._status_before: TaskStatusFields | None = None

    def do(self) -> None:
        task = store.get_task(self.conn, self.item_id)
        self._status_before = TaskStatusFields(task.status, task.status_date,
                                               task.status_remark, task.closed_by)
        self.entry_id = followup.add_task_entry(self.conn, self.item_id, self.entry_date,
                                                self.entry_text, self.reporter, self.kind,
                                                entry_id=self.entry_id)

    def revert(self) -> None:
        if self.entry_id is not None:
            followup.delete_task_entry(self.conn, self.entry_id)
        before = self._status_before
        if before is not None and before.status is Status.NOT_STARTED:
            # Progress moved a task that had not started to 推进中; put it back.
            followup.set_task_status(self.conn, self.item_id, before)


class SetTaskStatus(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, task_id: int, notify: Notify,
                 value: TaskStatusFields) -> None:
        super().__init__(conn, task_id, notify, "修改任务状态")
        self.value = value
        self.before: TaskStatusFields | None = None

    def do(self) -> None:
        self.before = followup.set_task_status(self.conn, self.item_id, self.value)

    def revert(self) -> None:
        if self.before is not None:
            followup.set_task_status(self.conn, self.item_id, self.before)


class CloseOff(ItemCommand):
    """销号: confirmed done by someone on a day."""

    def __init__(self, conn: sqlite3.Connection, task_id: int, notify: Notify, *,
                 on: date, confirmed_by: str, remark: str = "") -> None:
        super().__init__(conn, task_id, notify, "销号")
        self.on = on
        self.confirmed_by = confirmed_by
        self.remark = remark
        self.before: TaskStatusFields | None = None

    def do(self) -> None:
        self.before = followup.close_off(self.conn, self.item_id, self.on, self.confirmed_by,
                                         self.remark)

    def revert(self) -> None:
        if self.before is not None:
            followup.set_task_status(self.conn, self.item_id, self.before)


class ExtendTask(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, task_id: int, notify: Notify, *,
                 new_deadline: date, reason: str, decided_on: date) -> None:
        super().__init__(conn, task_id, notify, "任务延期")
        self.new_deadline = new_deadline
        self.reason = reason
        self.decided_on = decided_on
        self.extension_id: int | None = None

    def do(self) -> None:
        self.extension_id = followup.extend_task_deadline(
            self.conn, self.item_id, self.new_deadline, self.reason, self.decided_on)

    def revert(self) -> None:
        if self.extension_id is not None:
            followup.revoke_task_extension(self.conn, self.extension_id)
            self.extension_id = None


class EditTask(ItemCommand):
    """编辑任务: text, unit, person, deadline (phrase or date) and, when changed, the steps."""

    def __init__(self, conn: sqlite3.Connection, task_id: int, notify: Notify,
                 after: TaskFields, *, steps: bool = False) -> None:
        super().__init__(conn, task_id, notify, "编辑任务")
        self.after = after
        self.steps = steps
        self.before: TaskFields | None = None

    def do(self) -> None:
        self.before = store.update_task(self.conn, self.item_id, self.after, steps=self.steps)

    def revert(self) -> None:
        if self.before is not None:
            store.update_task(self.conn, self.item_id, self.before, steps=self.steps)


class MarkStep(ItemCommand):
    """Tick a step done (or not). The step is found by its place in the task, so an edit
    that rewrote the steps in between does not break undo."""

    def __init__(self, conn: sqlite3.Connection, task_id: int, notify: Notify, *,
                 position: int, done: bool, done_on: date) -> None:
        super().__init__(conn, task_id, notify, "完成实施步骤" if done else "取消步骤完成")
        self.position = position
        self.done = done
        self.done_on = done_on
        self.before: tuple[bool, date | None] | None = None

    def _step_id(self) -> int:
        steps = store.task_steps(self.conn, self.item_id)
        if not 1 <= self.position <= len(steps):
            store.get_task(self.conn, self.item_id)  # says so when the task is gone
            raise FangzhiError("该实施步骤已不存在（可能已被修改）。")
        return steps[self.position - 1].id

    def do(self) -> None:
        self.before = store.mark_step(self.conn, self._step_id(), self.done, self.done_on)

    def revert(self) -> None:
        if self.before is not None:
            done, done_on = self.before
            store.mark_step(self.conn, self._step_id(), done, done_on)


class AddTask(ItemCommand):
    """添加任务 at the end of the ledger; undo deletes it again."""

    def __init__(self, conn: sqlite3.Connection, campaign_id: int, notify: Notify,
                 fields: TaskFields) -> None:
        super().__init__(conn, 0, notify, "添加任务")
        self.campaign_id = campaign_id
        self.fields = fields

    def do(self) -> None:
        self.item_id = store.add_task(self.conn, self.campaign_id, self.fields)

    def revert(self) -> None:
        if self.item_id:
            store.delete_task(self.conn, self.item_id)
