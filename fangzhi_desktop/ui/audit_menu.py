"""A "修改记录…" context-menu entry for a table of records (the people list, learning
activities, briefings, a volume's 供稿单位, …)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu

from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog, Part

# (table, record id, title for the window) or, for one part of a record, (…, part)
Record = tuple[str, int, str] | tuple[str, int, str, Part]
# index -> the row's record, or None when the row has no record
RecordOf = Callable[[QModelIndex], Record | None]


def records_by_id(table: str, id_role: int, title_columns: tuple[int, ...] = (0,)) -> RecordOf:
    """``RecordOf`` for a model keeping each row's record id under ``id_role``; the window is
    titled by the row's texts in ``title_columns`` (``学习简报`` + ``2025年第3期``)."""

    def record_of(index: QModelIndex) -> Record | None:
        record_id = index.data(id_role) if index.isValid() else None
        if record_id is None:
            return None
        title = "".join(str(index.siblingAtColumn(c).data() or "") for c in title_columns)
        return table, int(record_id), title

    return record_of


class HistoryMenu(QObject):
    """Right-click a row → 修改记录… opens that record's trail."""

    def __init__(self, view: QAbstractItemView, conn: Callable[[], sqlite3.Connection],
                 record_of: RecordOf) -> None:
        super().__init__(view)
        self.view = view
        self.conn = conn
        self.record_of = record_of
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._requested)

    def menu_at(self, pos: QPoint) -> QMenu | None:
        index = self.view.indexAt(pos)
        if self.record_of(index) is None:
            return None
        menu = QMenu(self.view)
        action = QAction("修改记录…", menu)
        action.triggered.connect(lambda _checked=False: self.open_for(index))
        menu.addAction(action)
        return menu

    def open_for(self, index: QModelIndex) -> AuditDialog | None:
        record = self.record_of(index)
        if record is None:
            return None
        table, record_id, title, *part = record
        return AuditDialog.show_record(self.view, self.conn(), table, record_id, title,
                                       part[0] if part else None)

    def _requested(self, pos: QPoint) -> None:
        menu = self.menu_at(pos)
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))
            menu.deleteLater()
