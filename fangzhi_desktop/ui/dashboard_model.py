"""The dashboard's lists: items overdue, and items due this week."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from fangzhi_desktop.domain.workpoints import WorkItem
from fangzhi_desktop.ui.formatting import (
    grade_background,
    grade_foreground,
    iso,
    rich_tooltip,
    units_text,
)
from fangzhi_desktop.ui.workpoints_model import ITEM_ID_ROLE, SORT_ROLE, deadline_tooltip

_ROOT = QModelIndex()


class DueItemsModel(QAbstractTableModel):
    """Items with their year; the last column counts days overdue (or days left)."""

    def __init__(self, overdue: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overdue = overdue
        self.headers = ("年度", "序号", "工作任务", "牵头单位", "完成时限",
                        "逾期天数" if overdue else "剩余天数")
        self._items: list[WorkItem] = []
        self._today = date.today()

    def set_items(self, items: list[WorkItem], today: date) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._today = today
        self.endResetModel()

    def item(self, index: QModelIndex) -> WorkItem | None:
        return self._items[index.row()] if index.isValid() else None

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def _days(self, item: WorkItem) -> int:
        days = item.days_left(self._today)
        return -days if self.overdue else days

    def _days_text(self, item: WorkItem) -> str:
        days = self._days(item)
        if self.overdue:
            return f"{days}天"
        return "今天到期" if days == 0 else f"{days}天"

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{item.year}", str(item.no), item.text, units_text(item.lead),
                    iso(item.deadline), self._days_text(item))[column]
        if role == SORT_ROLE:
            return (item.year, item.position, item.text, units_text(item.lead),
                    item.deadline.isoformat(), self._days(item))[column]
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return rich_tooltip(f"{item.year}年第{item.no}条（双击查看）", item.text)
            if column == 4:
                return deadline_tooltip(item)
            return None
        if column == 5 and role == Qt.ItemDataRole.BackgroundRole:
            return grade_background(item.grade(self._today))
        if column == 5 and role == Qt.ItemDataRole.ForegroundRole:
            return grade_foreground(item.grade(self._today))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 1, 4, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
