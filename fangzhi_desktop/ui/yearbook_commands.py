"""Undoable edits of a yearbook volume (stages and the stage plan, reviews, 盖章, 通过, adding,
editing and moving 篇目, a 供稿单位's contact and deadline), on the work points' base
(``ItemCommand``: applied once before being pushed, refusals shown)."""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult
from fangzhi_desktop.domain.yearbook_stages import TemplateStage
from fangzhi_desktop.storage import yearbook as volumes
from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts
from fangzhi_desktop.storage import yearbook_tree as tree
from fangzhi_desktop.storage.yearbook import StageFields, UnitFields
from fangzhi_desktop.storage.yearbook_tree import NodeFields
from fangzhi_desktop.ui.workpoints_commands import ItemCommand, Notify, push

__all__ = ["AddNode", "EditNode", "EditStagePlan", "MarkStage", "MoveNode", "RecordReview",
           "SaveStageTemplate", "SetAccepted", "SetSealed", "SetVolumeUnit", "push"]

PlanRow = tuple[int | None, StageFields]  # a stage's id (None: new) and its fields


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


class AddNode(ItemCommand):
    """新增类目/分目/条目 under ``parent_id`` (None: a 类目); undone by deleting it again."""

    def __init__(self, conn: sqlite3.Connection, volume_id: int, notify: Notify, *,
                 parent_id: int | None, fields: NodeFields, position: int | None = None,
                 kind: str = "篇目") -> None:
        super().__init__(conn, 0, notify, f"新增{kind}“{fields.title.strip()}”")
        self.volume_id, self.parent_id = volume_id, parent_id
        self.fields, self.position = fields, position

    def do(self) -> None:
        self.item_id = tree.add_node(self.conn, self.volume_id, self.parent_id, self.fields,
                                     self.position)

    def revert(self) -> None:
        tree.delete_node(self.conn, self.item_id)


class EditNode(ItemCommand):
    """重命名 / 指定供稿单位 / 设置预算: new fields for a node, the old ones kept for undo."""

    def __init__(self, conn: sqlite3.Connection, node_id: int, notify: Notify, *,
                 fields: NodeFields, text: str) -> None:
        super().__init__(conn, node_id, notify, text)
        self.fields = fields
        self.before: NodeFields | None = None

    def do(self) -> None:
        self.before = tree.update_node(self.conn, self.item_id, self.fields)

    def revert(self) -> None:
        if self.before is not None:
            tree.update_node(self.conn, self.item_id, self.before)


def apply_stage_plan(conn: sqlite3.Connection, volume_id: int,
                     rows: list[PlanRow]) -> list[int]:
    """Make the volume's stages ``rows`` in that order: stages not in it are deleted, the
    others updated and moved, new ones added. Returns the stages' ids in order."""
    keep = {stage_id for stage_id, _ in rows if stage_id is not None}
    for stage in volumes.list_stages(conn, volume_id):
        if stage.id not in keep:
            volumes.delete_stage(conn, stage.id)
    ids = []
    for position, (stage_id, fields) in enumerate(rows, start=1):
        if stage_id is None:
            stage_id = volumes.add_stage(conn, volume_id, fields, position)
        else:
            volumes.update_stage(conn, stage_id, fields)
            volumes.move_stage(conn, stage_id, position)
        ids.append(stage_id)
    return ids


class EditStagePlan(ItemCommand):
    """The stage plan editor's result: renamed, re-planned, added, removed, reordered stages.

    Undo puts the stages back as they were (a deleted stage comes back as a new row); ids are
    followed across undo/redo so each row stays the same stage."""

    def __init__(self, conn: sqlite3.Connection, volume_id: int, notify: Notify, *,
                 rows: list[PlanRow]) -> None:
        super().__init__(conn, volume_id, notify, "修改编纂阶段计划")
        self.after = list(rows)
        self.before: list[PlanRow] = []

    def do(self) -> None:
        if not self.before:
            self.before = [(s.id, volumes.stage_fields(self.conn, s.id))
                           for s in volumes.list_stages(self.conn, self.item_id)]
        ids = apply_stage_plan(self.conn, self.item_id, self.after)
        self.after = [(i, f) for i, (_, f) in zip(ids, self.after, strict=True)]

    def revert(self) -> None:
        current = {i for i, _ in self.after}
        rows = [(i if i in current else None, f) for i, f in self.before]
        ids = apply_stage_plan(self.conn, self.item_id, rows)
        moved = {old: new for (old, _), new in zip(self.before, ids, strict=True)}
        self.before = [(i, f) for i, (_, f) in zip(ids, self.before, strict=True)]
        self.after = [(moved.get(i) if i is not None and i in moved else None, f)
                      for i, f in self.after]


class SaveStageTemplate(ItemCommand):
    """另存为阶段模板: the office's stages for volumes created from now on."""

    def __init__(self, conn: sqlite3.Connection, notify: Notify,
                 stages: list[TemplateStage]) -> None:
        super().__init__(conn, 0, notify, "保存编纂阶段模板")
        self.stages = stages
        self.before: list[TemplateStage] | None = None

    def do(self) -> None:
        self.before = volumes.save_stage_template(self.conn, self.stages)

    def revert(self) -> None:
        if self.before:
            volumes.save_stage_template(self.conn, self.before)


class SetVolumeUnit(ItemCommand):
    """A 供稿单位's contact person, phone and deadline in the volume."""

    def __init__(self, conn: sqlite3.Connection, volume_id: int, notify: Notify, *,
                 name: str, fields: UnitFields) -> None:
        super().__init__(conn, volume_id, notify, f"修改供稿单位“{name}”")
        self.name, self.fields = name, fields
        self.before: UnitFields | None = None
        self.unit_id: int | None = None

    def do(self) -> None:
        self.unit_id, self.before = volumes.set_volume_unit(self.conn, self.item_id, self.name,
                                                            self.fields)

    def revert(self) -> None:
        if self.before is not None:
            volumes.set_volume_unit(self.conn, self.item_id, self.name, self.before)
        elif self.unit_id is not None:
            volumes.remove_volume_unit(self.conn, self.item_id, self.unit_id)
