"""A volume's progress table (供稿进度表) as .xlsx: one sheet per 供稿单位 row, one per 篇目
node, and the stages with the “当年卷当年出版” forecast — in the shared ledger layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.privacy import shown_phone
from fangzhi_desktop.domain.yearbook import BudgetStatus, NodeKind, TreeNode, deviation
from fangzhi_desktop.domain.yearbook_progress import VolumeView
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_ledger import fill, finish_sheet, sheet_frame, write_row
from fangzhi_desktop.progress import Progress, no_progress

UNIT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("供稿单位", 20), ("联系人", 10), ("联系电话", 14), ("交稿时限", 12),
    ("承担条目", 8), ("已交", 7), ("未交", 7), ("已采用", 7), ("退改中", 7), ("字数", 9),
    ("字数定额", 9), ("字数偏差", 9), ("图片", 7), ("图片定额", 8), ("供稿情况", 14),
    ("未交条目", 40),
)
NODE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("类目", 12), ("分目", 14), ("条目", 24), ("层级", 6), ("供稿单位", 18), ("字数定额", 9),
    ("字数", 9), ("字数偏差", 9), ("字数核定", 9), ("图片定额", 8), ("图片", 7),
    ("来稿文件", 26), ("收稿日期", 12), ("版本", 6), ("盖章", 6), ("审稿", 10), ("退改次数", 8),
    ("退改原因", 30), ("采用", 6),
)
STAGE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("阶段", 18), ("计划开始", 12), ("计划结束", 12), ("实际开始", 12),
    ("实际结束", 12), ("状态", 10), ("逾期天数", 9), ("负责人", 12), ("备注", 30),
)
LATE_FILL = "FFC7CE"
OVER_FILL = "FFEB9C"
DONE_FILL = "C6EFCE"
BUDGET_FILLS = {BudgetStatus.OVER: "FFC7CE", BudgetStatus.UNDER: "FFEB9C",
                BudgetStatus.WITHIN: "C6EFCE"}


def write_yearbook_xlsx(path: str | Path, view: VolumeView,
                        progress: Progress = no_progress, *, full_numbers: bool = False) -> Path:
    """Write the progress table of ``view`` to ``path`` (atomically) and return it; contacts'
    phones masked unless ``full_numbers``."""
    from openpyxl import Workbook  # heavy, only when exporting

    wb = Workbook()
    subtitle = f"统计日期：{cn_date(view.today)}"
    _units_sheet(wb.active, view, subtitle, full_numbers)
    progress(0.3, "已写供稿单位")
    _nodes_sheet(wb.create_sheet("篇目"), view, subtitle)
    progress(0.8, "已写篇目")
    _stages_sheet(wb.create_sheet("编纂进度"), view, subtitle)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    progress(1.0, "已导出")
    return Path(path)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:+.0%}"


def unit_state(view: VolumeView, unit: Any) -> str:
    """``已交齐`` / ``逾期12天`` / ``未到期``."""
    if not unit.missing:
        return "已交齐"
    if unit.late(view.today):
        return f"逾期{unit.days_late(view.today)}天"
    return "未到期" if unit.deadline else "未定时限"


def _units_sheet(ws: Any, view: VolumeView, subtitle: str, full_numbers: bool) -> None:
    ws.title = "供稿单位"
    header = sheet_frame(ws, f"{view.volume.quoted}供稿情况（按单位）", subtitle, UNIT_COLUMNS)
    state_column = 1 + [name for name, _ in UNIT_COLUMNS].index("供稿情况")
    units = [u for u in view.units if u.entries]
    for n, unit in enumerate(units, start=1):
        row = header + n
        budget = unit.word_budget
        write_row(ws, row, [
            n, unit.name, unit.unit.contact, shown_phone(unit.unit.phone, full_numbers),
            unit.deadline, unit.assigned,
            unit.received, len(unit.missing), unit.accepted, unit.returned, unit.words, budget,
            _percent(deviation(unit.words, budget) if unit.received == unit.assigned else None),
            unit.photos, unit.photo_budget, unit_state(view, unit),
            "、".join(e.title for e in unit.missing)])
        state = unit_state(view, unit)
        if state.startswith("逾期"):
            fill(ws, row, state_column, LATE_FILL)
        elif state == "已交齐":
            fill(ws, row, state_column, DONE_FILL)
    finish_sheet(ws, header, len(UNIT_COLUMNS), len(units), keep_columns=2)


def _nodes_sheet(ws: Any, view: VolumeView, subtitle: str) -> None:
    header = sheet_frame(ws, f"{view.volume.quoted}供稿情况（按篇目）", subtitle, NODE_COLUMNS)
    budget_column = 1 + [name for name, _ in NODE_COLUMNS].index("字数核定")
    rows = list(_with_columns(view.roots))
    for n, (node, columns) in enumerate(rows, start=1):
        row = header + n
        write_row(ws, row, _node_values(node, columns))
        colour = BUDGET_FILLS.get(node.budget_status)
        if colour and not node.children:
            fill(ws, row, budget_column, colour)
    finish_sheet(ws, header, len(NODE_COLUMNS), len(rows), keep_columns=3)


_KIND_COLUMN = {NodeKind.CATEGORY: 0, NodeKind.SECTION: 1, NodeKind.ENTRY: 2}


def _with_columns(roots: list[TreeNode]) -> Iterator[tuple[TreeNode, list[str]]]:
    """Each node in tree order with its 类目, 分目 and 条目 cells (a 条目 directly under its
    类目 leaves the 分目 cell empty)."""
    def visit(node: TreeNode, above: list[str]) -> Iterator[tuple[TreeNode, list[str]]]:
        columns = list(above)
        columns[_KIND_COLUMN[node.kind]] = node.title
        yield node, columns
        for child in node.children:
            yield from visit(child, columns)

    for root in roots:
        yield from visit(root, ["", "", ""])


def _node_values(node: TreeNode, columns: list[str]) -> list[object]:
    m = node.manuscript
    leaf = not node.children
    words: object = node.words if (leaf and m) or (not leaf and node.received) else None
    return [
        *columns, node.kind.value, node.unit, node.word_budget, words,
        _percent(deviation(node.words, node.word_budget)) if leaf and m else "",
        node.budget_status.value if leaf else "", node.photo_budget,
        (node.photos if m else None) if leaf else node.photos or None,
        m.file_name if m else "", m.received_on if m else None, m.version if m else None,
        ("是" if m.sealed else "否") if m else "", m.review_text if m else "",
        m.returns if m and m.returns else None, "；".join(m.return_reasons) if m else "",
        ("是" if m.accepted else "") if m else "",
    ]


def _stages_sheet(ws: Any, view: VolumeView, subtitle: str) -> None:
    note = f"{subtitle}　　当前阶段：{view.stage_today.text()}　　{view.forecast.text()}"
    header = sheet_frame(ws, f"{view.volume.quoted}编纂进度", note, STAGE_COLUMNS)
    state_column = 1 + [name for name, _ in STAGE_COLUMNS].index("状态")
    for n, stage in enumerate(view.stages, start=1):
        row = header + n
        late = stage.days_late(view.today)
        write_row(ws, row, [n, stage.name, stage.planned_start, stage.planned_end,
                            stage.actual_start, stage.actual_end, stage.state.value,
                            late or None, stage.owner, stage.remarks])
        if late:
            fill(ws, row, state_column, LATE_FILL)
    finish_sheet(ws, header, len(STAGE_COLUMNS), len(view.stages), keep_columns=2)
