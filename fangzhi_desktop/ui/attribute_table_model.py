"""A read-only table of objects, one column per attribute, headed in Chinese (the change lines
of 修改记录, the packages of 交换包导入记录, …)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class AttributeTableModel(QAbstractTableModel):
    """``rows`` shown as text: column ``n`` is ``str(getattr(row, columns[n]))``."""

    def __init__(self, columns: tuple[str, ...], headers: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.headers = headers
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return str(getattr(self.rows[index.row()], self.columns[index.column()]))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[self.columns[section]]
        return None
