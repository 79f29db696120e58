"""Undoable edits of a yearbook volume (stages, reviews, 盖章, 通过, moving 篇目), on the
work points' base (``ItemCommand``: applied once before being pushed, refusals shown)."""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult
from fangzhi_desktop.storage import yearbook as volumes
from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts
from fangzhi_desktop.storage import yearbook_tree as tree
from fangzhi_desktop.storage.yearbook import StageFields
from fangzhi_desktop.ui.workpoints_commands import ItemCommand, Notify, push

__all__ = ["MarkStage", "MoveNode", "RecordReview", "SetAccepted", "SetSealed", "push"]


class MarkStage(ItemCommand):
    """开始 or 完成 a stage on a day."""

    def __init__(self, conn: sqlite3.Connection, stage_id: int, notify: Notify, *,
                 finish: bool, on: date, name: str = "") -> None:
        super().__init__(conn, stage_id, notify, f"{'完成' if finish else '开始'}阶段{name}")
        self.finish = finish
        self.on = on
        self.before: StageFields | None = None

    def do(self) -> None:
        mark = volumes.finish_stage if self.finish else volumes.start_stage
        self.before = mark(self.conn, self.item_id, self.on)

    def revert(self) -> None:
        if self.before is not None:
            volumes.update_stage(self.conn, self.item_id, self.before)


class RecordReview(ItemCommand):
    """审核: a level, a result and (for 退改) the reason."""

    def __init__(self, conn: sqlite3.Connection, manuscript_id: int, notify: Notify, *,
                 level: ReviewLevel, result: ReviewResult, on: date, reason: str = "",
                 reviewer: str = "") -> None:
        super().__init__(conn, manuscript_id, notify, f"{level.value}{result.value}")
        self.level, self.result, self.on = level, result, on
        self.reason, self.reviewer = reason, reviewer
        self.review_id: int | None = None
        self._accepted: tuple[bool, date | None] | None = None

    def do(self) -> None:
        before = manuscripts.get_manuscript(self.conn, self.item_id)
        self._accepted = (before.accepted, before.accepted_on)
        self.review_id = manuscripts.record_review(self.conn, self.item_id, self.level,
                                                   self.result, self.on, self.reason,
                                                   self.reviewer)

    def revert(self) -> None:
        if self.review_id is not None:
            manuscripts.delete_review(self.conn, self.review_id)
            self.review_id = None
        if self._accepted is not None:
            accepted, on = self._accepted
            manuscripts.set_accepted(self.conn, self.item_id, accepted, on)


class SetSealed(ItemCommand):
    """盖章已收 (or taken back)."""

    def __init__(self, conn: sqlite3.Connection, manuscript_id: int, notify: Notify, *,
                 sealed: bool, on: date) -> None:
        super().__init__(conn, manuscript_id, notify, "盖章件已收" if sealed else "取消盖章件")
        self.sealed, self.on = sealed, on
        self.before: tuple[bool, date | None] | None = None

    def do(self) -> None:
        self.before = manuscripts.set_sealed(self.conn, self.item_id, self.sealed, self.on)

    def revert(self) -> None:
        if self.before is not None:
            manuscripts.set_sealed(self.conn, self.item_id, *self.before)


class SetAccepted(ItemCommand):
    """通过 (采用) a manuscript, or take that back."""

    def __init__(self, conn: sqlite3.Connection, manuscript_id: int, notify: Notify, *,
                 accepted: bool, on: date) -> None:
        super().__init__(conn, manuscript_id, notify, "通过来稿" if accepted else "取消通过")
        self.accepted, self.on = accepted, on
        self.before: tuple[bool, date | None] | None = None

    def do(self) -> None:
        self.before = manuscripts.set_accepted(self.conn, self.item_id, self.accepted, self.on)

    def revert(self) -> None:
        if self.before is not None:
            manuscripts.set_accepted(self.conn, self.item_id, *self.before)


class MoveNode(ItemCommand):
    """Move a 篇目 node (with everything below it) by drag and drop."""

    def __init__(self, conn: sqlite3.Connection, node_id: int, notify: Notify, *,
                 parent_id: int | None, position: int) -> None:
        super().__init__(conn, node_id, notify, "移动篇目")
        self.parent_id, self.position = parent_id, position
        self.before: tuple[int | None, int] | None = None

    def do(self) -> None:
        self.before = tree.move_node(self.conn, self.item_id, self.parent_id, self.position)

    def revert(self) -> None:
        if self.before is not None:
            tree.move_node(self.conn, self.item_id, *self.before)
