"""A read-only table model over a ``PagedQuery``: the row count from SQL, rows fetched a page
at a time when the view asks for them, filter and sort done by SQL.

The view sees every row (``rowCount`` is the whole count, so the scroll bar is true and any
row can be selected); only the pages the view paints are read. A few recent pages are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from fangzhi_desktop.storage.paged_query import PagedQuery
from fangzhi_desktop.ui.headed_table_model import HeadedTableModel

PAGE_SIZE = 200
KEPT_PAGES = 16


class PagedTableModel(HeadedTableModel):
    """Rows are ``(id, *values)`` tuples of the query. ``sort_names`` names the query's sort
    key of each column (``None``: that column sorts in the default order). Subclasses
    override ``cell`` to show a row. ``sorted`` follows every ``sort`` (the view's selection
    is gone with the old order: find the row again with ``row_of``)."""

    sorted = Signal()

    headers: tuple[str, ...] = ()
    sort_names: tuple[str | None, ...] = ()

    def __init__(self, query: PagedQuery | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = query
        self._count = 0
        self._pages: OrderedDict[int, list[tuple[object, ...]]] = OrderedDict()
        self.pages_read = 0  # for tests and benchmarks

    # --- Query -------------------------------------------------------------------------------

    def set_query(self, query: PagedQuery | None) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        """Count again and forget every page (after a filter change or a write)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self.query.count() if self.query is not None else 0
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if self.query is not None:
            self.query.set_search(text)
        self.refresh()

    def set_filter(self, name: str, value: object | None) -> None:
        if self.query is not None:
            self.query.set_filter(name, value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's header click: the new order comes from SQL (persistent indexes are not
        kept: the view's current row is found again by id, see ``row_of``)."""
        if self.query is None:
            return
        name = self.sort_names[column] if 0 <= column < len(self.sort_names) else None
        self.query.set_sort(name, order == Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()
        self.sorted.emit()

    # --- Rows --------------------------------------------------------------------------------

    def row(self, row: int) -> tuple[object, ...] | None:
        """The row at ``row`` (its page read when not held)."""
        if self.query is None or not 0 <= row < self._count:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self.query.page(number * PAGE_SIZE, PAGE_SIZE)
            self.pages_read += 1
            self._pages[number] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def id_at(self, row: int) -> int | None:
        values = self.row(row)
        return int(values[0]) if values is not None else None  # type: ignore[call-overload]

    def row_of(self, row_id: int) -> int:
        """Where a row stands in the current filter and order; -1 when filtered out."""
        return self.query.row_of(row_id) if self.query is not None else -1

    # --- Qt ----------------------------------------------------------------------------------

    def _rows(self) -> int:
        return self._count

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        values = self.row(index.row())
        if values is None:
            return None
        return self.cell(values, index.column(), role)

    def cell(self, values: Sequence[object], column: int, role: int) -> Any:
        """What a cell shows: by default the row's value of the column as text."""
        if role == Qt.ItemDataRole.DisplayRole and column + 1 < len(values):
            value = values[column + 1]
            return "" if value is None else str(value)
        return None
