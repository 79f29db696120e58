"""Item models of the work-points ledger: sections with their items, and an item's log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont

from fangzhi_desktop.domain.workpoints import EntryKind, LogEntry, Status, WorkItem
from fangzhi_desktop.storage.workpoints import SectionInfo
from fangzhi_desktop.ui.formatting import (
    GRADE_ORDER,
    grade_background,
    grade_foreground,
    iso,
    rich_tooltip,
    units_text,
)
from fangzhi_desktop.ui.section_tree_model import ROOT, SECTION_ID, SectionTreeModel

SORT_ROLE = Qt.ItemDataRole.UserRole
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ORDER = {status: n for n, status in enumerate(Status)}
SECTION_BACKGROUND = "#E8EEF6"


class Column(IntEnum):
    NO = 0
    TEXT = 1
    LEAD = 2
    SUPPORT = 3
    DEADLINE = 4
    STATUS = 5
    GRADE = 6
    PROGRESS = 7


HEADERS = ("序号", "工作任务", "牵头单位", "配合单位", "完成时限", "状态", "预警", "最近进展")
_CENTRED = {Column.NO, Column.STATUS, Column.GRADE}


@dataclass
class _Group:
    section_id: int
    ordinal: str
    title: str
    items: list[WorkItem]

    @property
    def label(self) -> str:
        head = f"{self.ordinal}、{self.title}" if self.ordinal else self.title
        return f"{head}（{len(self.items)}）"


def deadline_text(item: WorkItem) -> str:
    text = iso(item.deadline)
    return f"{text}（已延期{item.extensions}次）" if item.extensions else text


def deadline_tooltip(item: WorkItem) -> str:
    lines = [f"完成时限：{iso(item.deadline)}"]
    if item.deadline_phrase:
        lines.append(f"通知原文：“{item.deadline_phrase}”")
    if item.deadline_rule:
        lines.append(f"计算规则：{item.deadline_rule}")
    if item.extensions:
        lines.append(f"原定时限：{iso(item.deadline_issued)}，已延期{item.extensions}次")
    return "\n".join(lines)


def grade_tooltip(item: WorkItem, today: date) -> str:
    if item.status.finished:
        return f"{item.status.value}"
    days = item.days_left(today)
    if days < 0:
        return f"已逾期{-days}天"
    if days == 0:
        return "今天到期"
    return f"还有{days}天到期"


def progress_text(item: WorkItem) -> str:
    if not item.last_progress:
        return ""
    when = iso(item.last_progress_date)
    return f"{when} {item.last_progress}" if when else item.last_progress


class WorkpointsModel(SectionTreeModel):
    """Sections as top-level rows, their items as children; read-only."""

    headers = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._today = date.today()

    # --- Filling ---------------------------------------------------------------------------

    def set_items(self, items: list[WorkItem], today: date,
                  sections: list[SectionInfo] | None = None) -> None:
        """Show ``items`` grouped by section; ``sections`` adds sections left without items."""
        groups: dict[int, _Group] = {}
        order: list[int] = []
        for s in sections or []:
            groups[s.id] = _Group(s.id, s.ordinal, s.title, [])
            order.append(s.id)
        for item in items:
            if item.section_id not in groups:
                groups[item.section_id] = _Group(item.section_id, item.section_ordinal,
                                                 item.section_title, [])
                order.append(item.section_id)
            groups[item.section_id].items.append(item)
        self.beginResetModel()
        self._today = today
        self._groups = [groups[sid] for sid in order]
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([], self._today)

    # --- Queries ---------------------------------------------------------------------------

    def section_count(self) -> int:
        return len(self._groups)

    def item_count(self) -> int:
        return sum(len(g.items) for g in self._groups)

    def items(self) -> list[WorkItem]:
        return [item for g in self._groups for item in g.items]

    def item(self, index: QModelIndex) -> WorkItem | None:
        return self.record(index)


    def first_item_index(self) -> QModelIndex:
        return self.first_record_index()

    # --- QAbstractItemModel ----------------------------------------------------------------

    def section_rows(self) -> int:
        return len(self._groups)

    def section_children(self, section_row: int) -> Sequence[Any]:
        return self._groups[section_row].items

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == SECTION_ID:
            return self._section_data(self._groups[index.row()], index.column(), role)
        item = self._groups[index.internalId() - 1].items[index.row()]
        return self._item_data(item, Column(index.column()), role)

    def _section_data(self, group: _Group, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return group.label if column == 0 else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return group.label
        if role == SORT_ROLE:
            return group.section_id
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(SECTION_BACKGROUND)
        return None

    def _item_data(self, item: WorkItem, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == SORT_ROLE:
            return self._sort_key(item, column)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if column == Column.GRADE:
            grade = item.grade(self._today)
            if role == Qt.ItemDataRole.BackgroundRole:
                return grade_background(grade)
            if role == Qt.ItemDataRole.ForegroundRole:
                return grade_foreground(grade)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, item: WorkItem, column: Column) -> str:
        match column:
            case Column.NO:
                return str(item.no)
            case Column.TEXT:
                return item.text
            case Column.LEAD:
                return units_text(item.lead)
            case Column.SUPPORT:
                return units_text(item.support)
            case Column.DEADLINE:
                return deadline_text(item)
            case Column.STATUS:
                return item.status.value
            case Column.GRADE:
                return item.grade(self._today).value
            case Column.PROGRESS:
                return progress_text(item)

    def _sort_key(self, item: WorkItem, column: Column) -> Any:
        match column:
            case Column.NO:
                return item.position
            case Column.DEADLINE:
                return item.deadline.isoformat()
            case Column.STATUS:
                return STATUS_ORDER[item.status]
            case Column.GRADE:
                return GRADE_ORDER[item.grade(self._today)]
            case Column.PROGRESS:
                return iso(item.last_progress_date)
            case _:
                return self._display(item, column)

    def _tooltip(self, item: WorkItem, column: Column) -> str:
        match column:
            case Column.TEXT:
                return rich_tooltip(f"第{item.no}条", item.text)
            case Column.DEADLINE:
                return deadline_tooltip(item)
            case Column.GRADE:
                return grade_tooltip(item, self._today)
            case Column.STATUS:
                remark = f"（{item.status_remark}）" if item.status_remark else ""
                when = f"，{iso(item.status_date)}" if item.status_date else ""
                return f"{item.status.value}{when}{remark}"
            case Column.PROGRESS:
                return rich_tooltip(progress_text(item))
            case _:
                return self._display(item, column)


LOG_HEADERS = ("日期", "类型", "内容", "报告人")
URGE_COLOUR = "#9C5700"


class LogModel(QAbstractTableModel):
    """An item's log (督办记录): progress reports and follow-ups, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LogEntry] = []

    def set_entries(self, entries: list[LogEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[LogEntry]:
        return list(self._entries)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(LOG_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(LOG_HEADERS):
            return LOG_HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        values = (iso(entry.entry_date), entry.kind.value, entry.text, entry.reporter)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[column]
        if role == SORT_ROLE:
            return entry.entry_date.isoformat() if column == 0 else values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return rich_tooltip(entry.text)
        if role == Qt.ItemDataRole.ForegroundRole and entry.kind is EntryKind.URGE:
            return QColor(URGE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 1):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
