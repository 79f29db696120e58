"""Undoable edits of work items (QUndoCommand), each calling storage with before/after values.

``push(stack, command, parent)`` applies the edit first; when storage refuses it (a
``FangzhiError``) the user is told and nothing goes on the stack. Later undo/redo failures
(say the item was deleted by a re-import) are shown and the command is dropped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.workpoints import ItemFields, StatusFields
from fangzhi_desktop.ui.errors import report_error

Notify = Callable[[int], None]  # called with the item id after every change


class ItemCommand(QUndoCommand):
    """Base: applies once on ``apply()``; the stack's first ``redo()`` is then skipped."""

    def __init__(self, conn: sqlite3.Connection, item_id: int, notify: Notify,
                 text: str) -> None:
        super().__init__(text)
        self.conn = conn
        self.item_id = item_id
        self._notify = notify
        self._applied_once = False

    def apply(self) -> None:
        """Do the edit now (raises on refusal); called before pushing."""
        try:
            with audit.action(self.conn, self.text()):
                self.do()
        finally:
            self._notify(self.item_id)
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self._guarded(self.do, f"重做：{self.text()}")

    def undo(self) -> None:
        self._guarded(self.revert, f"撤销：{self.text()}")

    def _guarded(self, action: Callable[[], None], name: str) -> None:
        """Run ``action`` under ``name`` in the audit trail; a failure drops the command."""
        try:
            with audit.action(self.conn, name):
                action()
        except Exception as exc:
            self.setObsolete(True)
            report_error(None, exc, "无法撤销或重做")
        finally:
            self._notify(self.item_id)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddLogEntry(ItemCommand):
    """Record progress (进展) or a follow-up (催办)."""

    def __init__(self, conn: sqlite3.Connection, item_id: int, notify: Notify, *,
                 entry_date: date, text: str, reporter: str = "",
                 kind: EntryKind = EntryKind.PROGRESS) -> None:
        super().__init__(conn, item_id, notify,
                         "添加进展" if kind is EntryKind.PROGRESS else "记录催办")
        self.entry_date = entry_date
        self.entry_text = text
        self.reporter = reporter
        self.kind = kind
        self.entry_id: int | None = None
        self._status_before: StatusFields | None = None

    def do(self) -> None:
        item = store.get_item(self.conn, self.item_id)
        self._status_before = StatusFields(item.status, item.status_date, item.status_remark)
        self.entry_id = store.add_log_entry(self.conn, self.item_id, self.entry_date,
                                            self.entry_text, self.reporter, self.kind,
                                            entry_id=self.entry_id)

    def revert(self) -> None:
        if self.entry_id is not None:
            store.delete_log_entry(self.conn, self.entry_id)
        before = self._status_before
        if before is not None and before.status is Status.NOT_STARTED:
            # add_log_entry moved an item that had not started to 推进中; put it back.
            store.set_status(self.conn, self.item_id, before)


class SetStatus(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, item_id: int, notify: Notify,
                 value: StatusFields) -> None:
        super().__init__(conn, item_id, notify, "修改状态")
        self.value = value
        self.before: StatusFields | None = None

    def do(self) -> None:
        self.before = store.set_status(self.conn, self.item_id, self.value)

    def revert(self) -> None:
        if self.before is not None:
            store.set_status(self.conn, self.item_id, self.before)


class ExtendDeadline(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, item_id: int, notify: Notify, *,
                 new_deadline: date, reason: str, decided_on: date) -> None:
        super().__init__(conn, item_id, notify, "延期")
        self.new_deadline = new_deadline
        self.reason = reason
        self.decided_on = decided_on
        self.extension_id: int | None = None

    def do(self) -> None:
        self.extension_id = store.extend_deadline(self.conn, self.item_id, self.new_deadline,
                                                  self.reason, self.decided_on)

    def revert(self) -> None:
        if self.extension_id is not None:
            store.revoke_extension(self.conn, self.extension_id)
            self.extension_id = None


class EditItem(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, item_id: int, notify: Notify,
                 after: ItemFields) -> None:
        super().__init__(conn, item_id, notify, "编辑条目")
        self.after = after
        self.before: ItemFields | None = None

    def do(self) -> None:
        self.before = store.update_item(self.conn, self.item_id, self.after)

    def revert(self) -> None:
        if self.before is not None:
            store.update_item(self.conn, self.item_id, self.before)


def push(stack: QUndoStack, command: ItemCommand, parent: QWidget | None) -> bool:
    """Apply ``command`` and put it on ``stack``; on refusal tell the user, return False."""
    try:
        command.apply()
    except Exception as exc:
        report_error(parent, exc)
        return False
    stack.push(command)
    return True
