"""A two-level tree model: sections at the top, their rows below (the ledger, the preview).

A section index carries internal id 0; a child carries its section's row + 1, so ``parent()``
needs no lookup. Subclasses give the headers and the two counts, and their own ``data``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

ROOT = QModelIndex()
SECTION_ID = 0


class SectionTreeModel(QAbstractItemModel):
    headers: tuple[str, ...] = ()

    def section_rows(self) -> int:
        raise NotImplementedError

    def child_rows(self, section_row: int) -> int:
        return len(self.section_children(section_row))

    def section_children(self, section_row: int) -> Sequence[Any]:
        """The records under a section (rows with an ``id``); models of records override it."""
        raise NotImplementedError

    # --- Records (for models whose children are records with an ``id``) -----------------

    def record(self, index: QModelIndex) -> Any:
        """The record of a child row, or None for a section row or an invalid index."""
        if not index.isValid() or index.internalId() == SECTION_ID:
            return None
        return self.section_children(index.internalId() - 1)[index.row()]

    def index_of(self, record_id: int) -> QModelIndex:
        """The first-column index of the record with ``record_id`` (invalid when not shown)."""
        for section_row in range(self.section_rows()):
            for row, record in enumerate(self.section_children(section_row)):
                if record.id == record_id:
                    return self.createIndex(row, 0, section_row + 1)
        return QModelIndex()

    def first_record_index(self) -> QModelIndex:
        for section_row in range(self.section_rows()):
            if self.section_children(section_row):
                return self.createIndex(0, 0, section_row + 1)
        return QModelIndex()

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
