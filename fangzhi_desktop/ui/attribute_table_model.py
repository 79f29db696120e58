"""A read-only table of objects, one column per attribute, headed in Chinese (the change lines
of 修改记录, the packages of 交换包导入记录, …)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.ui.headed_table_model import HeadedTableModel, Index


class AttributeTableModel(HeadedTableModel):
    """``rows`` shown as text: column ``n`` is ``str(getattr(row, columns[n]))``, headed
    ``headers[columns[n]]``."""

    def __init__(self, columns: tuple[str, ...], headers: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.headers = tuple(headers[c] for c in columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def _rows(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return str(getattr(self.rows[index.row()], self.columns[index.column()]))
