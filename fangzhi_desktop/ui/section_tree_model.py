"""A two-level tree model: sections at the top, their rows below (the ledger, the preview).

A section index carries internal id 0; a child carries its section's row + 1, so ``parent()``
needs no lookup. Subclasses give the headers and the two counts, and their own ``data``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

ROOT = QModelIndex()
SECTION_ID = 0


class SectionTreeModel(QAbstractItemModel):
    headers: tuple[str, ...] = ()

    def section_rows(self) -> int:
        raise NotImplementedError

    def child_rows(self, section_row: int) -> int:
        raise NotImplementedError

    @staticmethod
    def is_section(index: QModelIndex) -> bool:
        return index.isValid() and index.internalId() == SECTION_ID

    def index(self, row: int, column: int, parent: QModelIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, SECTION_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:
            return super().parent()
        if not index.isValid() or index.internalId() == SECTION_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, SECTION_ID)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        if not parent.isValid():
            return self.section_rows()
        if parent.internalId() == SECTION_ID and parent.column() == 0:
            return self.child_rows(parent.row())
        return 0

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None
