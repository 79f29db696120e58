"""编辑 → 搜索 (Ctrl+K / Ctrl+F): one box that finds work items, campaign tasks, yearbook
nodes, people and learning activities; Enter or a double-click jumps to the record."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.storage.search import Hit, Kind, search
from fangzhi_desktop.ui.widgets import empty_label

HINT = ("输入关键词，搜索工作要点、专项活动任务、年鉴篇目、人员和学习活动。\n"
        "人名可用拼音首字母（如 zsf 找“张三丰”）；身份证号须输入完整号码。")
COLUMNS = ("名称", "年度", "单位", "说明")
DELAY_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    """``SearchDialog(conn_getter, parent)``; ``hit_chosen(Hit)`` when the user picks a result
    (the dialog then hides itself). The connection is asked for at each search, so a restored
    database is never searched through a closed connection."""

    hit_chosen = Signal(object)

    def __init__(self, conn: Callable[[], sqlite3.Connection | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self.setWindowTitle("搜索")
        self.resize(760, 480)
        self.box = QLineEdit()
        self.box.setPlaceholderText("搜索工作要点、任务、篇目、人员、学习活动…")
        self.box.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setHeaderLabels(COLUMNS)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.results.header()
        for column, width in enumerate((330, 60, 130)):
            header.resizeSection(column, width)
        self.message = empty_label(HINT)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.results)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._enter_in_box)
        self.box.installEventFilter(self)
        self.results.itemActivated.connect(lambda item, _column: self._choose(item))

    # --- Searching -------------------------------------------------------------------------

    def start(self, text: str = "") -> None:
        """Show the dialog with the box focused (its text selected for a new search)."""
        if text:
            self.box.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.box.setFocus()
        self.box.selectAll()

    def run_search(self) -> list[Hit]:
        """Search now (the box searches by itself shortly after each keystroke)."""
        self._timer.stop()
        text = self.box.text().strip()
        conn = self._conn()
        hits = search(conn, text) if text and conn is not None else []
        self._show(text, hits)
        return hits

    def _show(self, text: str, hits: list[Hit]) -> None:
        self.results.clear()
        if not text:
            self.message.setText(HINT)
            self.stack.setCurrentWidget(self.message)
            self.count_label.clear()
            return
        if not hits:
            self.message.setText(f"没有找到“{text}”。\n换个词试试，或少输入几个字；"
                                 "身份证号须输入完整的18位号码。")
            self.stack.setCurrentWidget(self.message)
            self.count_label.clear()
            return
        groups: dict[Kind, QTreeWidgetItem] = {}
        for hit in hits:
            group = groups.get(hit.kind)
            if group is None:
                group = QTreeWidgetItem(self.results, [hit.kind.label])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                groups[hit.kind] = group
            row = QTreeWidgetItem(group, [hit.title, f"{hit.year}" if hit.year else "",
                                          hit.unit, hit.context])
            row.setToolTip(0, hit.title)
            row.setData(0, HIT_ROLE, hit)
        for kind, group in groups.items():
            group.setText(0, f"{kind.label}（{group.childCount()}）")
        self.results.expandAll()
        self.stack.setCurrentWidget(self.results)
        self.results.setCurrentItem(self._rows()[0])
        self.count_label.setText(f"共找到 {len(hits)} 条，按回车或双击打开所选结果。")

    def _rows(self) -> list[QTreeWidgetItem]:
        return [self.results.topLevelItem(i).child(j)
                for i in range(self.results.topLevelItemCount())
                for j in range(self.results.topLevelItem(i).childCount())]

    # --- Choosing --------------------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        item = self.results.currentItem()
        return item.data(0, HIT_ROLE) if item is not None else None

    def _enter_in_box(self) -> None:
        if self._timer.isActive():
            self.run_search()
        item = self.results.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, Hit):
            self.hide()
            self.hit_chosen.emit(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the box move through the results, so the hands stay on the keys."""
        if watched is self.box and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.stack.currentWidget() \
                    is self.results:
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = self._rows()
        if not rows:
            return
        current = self.results.currentItem()
        index = rows.index(current) if current in rows else -1
        self.results.setCurrentItem(rows[max(0, min(len(rows) - 1, index + delta))])


def open_hit(window: Any, hit: Hit) -> None:
    """Jump to ``hit`` with the main window's ``open_*`` methods."""
    if hit.kind is Kind.ITEM and hit.year is not None:
        window.open_item(hit.year, hit.ref)
    elif hit.kind is Kind.TASK:
        window.open_campaign(hit.owner_id, hit.ref)
    elif hit.kind is Kind.NODE and hit.year is not None:
        window.open_yearbook_node(hit.year, hit.ref)
    elif hit.kind is Kind.PERSON:
        year = window.learning.year() if window.conn is not None else window.clock().year
        window.open_person(year, hit.ref)
    elif hit.kind is Kind.ACTIVITY and hit.year is not None:
        window.open_activity(hit.year, hit.ref)
