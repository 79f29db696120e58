"""Undoable edits of the 干部学习 tab (on the window's undo stack): learning activities and
briefing issues, each calling storage with the values before and after.

They follow the work-point commands (``workpoints_commands.ItemCommand``): applied once before
being pushed (a refusal is shown and nothing goes on the stack), later undo/redo failures are
shown and the command dropped. ``item_id`` is the activity's (or issue's) current id: a deleted
activity that comes back through 撤销 is stored again under a new id.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from fangzhi_desktop.domain.briefings import BriefingDraft
from fangzhi_desktop.domain.learning import Activity
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import briefings as briefing_store
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.ui.workpoints_commands import ItemCommand, Notify, push

__all__ = ["AddActivity", "AddIssue", "DeleteActivity", "DeleteIssue", "EditActivity",
           "EditIssue", "push"]


def _stored(conn: sqlite3.Connection, activity_id: int) -> Activity:
    activity = store.get_activity(conn, activity_id)
    if activity is None:
        raise FangzhiError("该学习活动已被删除。")
    return activity


class AddActivity(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, activity: Activity, notify: Notify) -> None:
        super().__init__(conn, 0, notify, f"新建学习活动“{activity.title}”")
        self.activity = replace(activity, id=None)

    def do(self) -> None:
        self.item_id = store.save_activity(self.conn, self.activity)

    def revert(self) -> None:
        store.delete_activity(self.conn, self.item_id)


class EditActivity(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, activity: Activity, notify: Notify) -> None:
        assert activity.id is not None
        super().__init__(conn, activity.id, notify, f"修改学习活动“{activity.title}”")
        self.after = activity
        self.before: Activity | None = None

    def do(self) -> None:
        self.before = _stored(self.conn, self.item_id)
        store.save_activity(self.conn, replace(self.after, id=self.item_id))

    def revert(self) -> None:
        if self.before is not None:
            store.save_activity(self.conn, replace(self.before, id=self.item_id))


class DeleteActivity(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, activity_id: int, title: str,
                 notify: Notify) -> None:
        super().__init__(conn, activity_id, notify, f"删除学习活动“{title}”")
        self.before: Activity | None = None

    def do(self) -> None:
        self.before = _stored(self.conn, self.item_id)
        store.delete_activity(self.conn, self.item_id)

    def revert(self) -> None:
        if self.before is not None:
            self.item_id = store.save_activity(self.conn, replace(self.before, id=None))


# --- Briefing issues -----------------------------------------------------------------------------


def _issue(conn: sqlite3.Connection, issue_id: int) -> BriefingDraft:
    issue = briefing_store.get_issue(conn, issue_id)
    if issue is None:
        raise FangzhiError("该期简报已被删除。")
    return issue


class AddIssue(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, draft: BriefingDraft, notify: Notify) -> None:
        super().__init__(conn, 0, notify, f"新建简报{draft.year}年{draft.label}")
        self.draft = draft

    def do(self) -> None:
        self.item_id = briefing_store.save_issue(self.conn, self.draft)

    def revert(self) -> None:
        briefing_store.delete_issue(self.conn, self.item_id)


class EditIssue(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, issue_id: int, draft: BriefingDraft,
                 notify: Notify) -> None:
        super().__init__(conn, issue_id, notify, f"修改简报{draft.year}年{draft.label}")
        self.after = draft
        self.before: BriefingDraft | None = None

    def do(self) -> None:
        self.before = _issue(self.conn, self.item_id)
        briefing_store.update_issue(self.conn, self.item_id, self.after)

    def revert(self) -> None:
        if self.before is not None:
            briefing_store.update_issue(self.conn, self.item_id, self.before)


class DeleteIssue(ItemCommand):
    def __init__(self, conn: sqlite3.Connection, issue_id: int, label: str,
                 notify: Notify) -> None:
        super().__init__(conn, issue_id, notify, f"删除简报{label}")
        self.before: BriefingDraft | None = None

    def do(self) -> None:
        self.before = _issue(self.conn, self.item_id)
        briefing_store.delete_issue(self.conn, self.item_id)

    def revert(self) -> None:
        if self.before is not None:
            self.item_id = briefing_store.save_issue(self.conn, self.before)
