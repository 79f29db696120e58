"""The flat 台账 view of the 专项活动 tab: a sortable table over ``CampaignLedgerModel``, the
"按阶段" / "台账" toggle, and the rule that large campaigns are always shown flat."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QWidget,
)

from fangzhi_desktop.storage.campaign_paging import ledger_query, set_overdue_on
from fangzhi_desktop.ui.campaign_ledger_model import CampaignLedgerModel, LedgerColumn
from fangzhi_desktop.ui.view_state import view_choice

FLAT_ABOVE = 5000  # more tasks than this: the tree by phase would hold them all in memory
MODE_SETTING = view_choice("campaigns/mode", "tree")
BIG_NOTE = f"任务超过{FLAT_ABOVE}项，以台账方式分页显示"
COLUMN_WIDTHS = {LedgerColumn.NO: 52, LedgerColumn.TEXT: 260, LedgerColumn.PHASE: 90,
                 LedgerColumn.UNIT: 110, LedgerColumn.PERSON: 60, LedgerColumn.DEADLINE: 130,
                 LedgerColumn.STATUS: 56, LedgerColumn.GRADE: 44}


class LedgerTable(QTableView):
    """The paged table of tasks; the header sorts in SQL."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = CampaignLedgerModel(self)
        self.setModel(self.ledger)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)

    def show_campaign(self, conn: sqlite3.Connection, campaign_id: int, year: int, today: date,
                      *, unit_id: int | None, status: str | None, overdue: bool,
                      search: str) -> None:
        """Query the campaign's tasks with the tab's filters, in the header's order."""
        query = ledger_query(conn, campaign_id)
        query.set_filter("unit", unit_id)
        query.set_filter("status", status)
        set_overdue_on(query, today if overdue else None)
        query.set_search(search)
        header = self.horizontalHeader()
        column = header.sortIndicatorSection()
        if 0 <= column < len(self.ledger.sort_names):
            query.set_sort(self.ledger.sort_names[column],
                           header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)
        self.ledger.today = today
        self.ledger.year = year
        self.ledger.set_query(query)

    def clear(self) -> None:
        if self.ledger.query is not None:
            self.ledger.set_query(None)

    def select_row(self, row: int) -> None:
        index = self.ledger.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)


class ModeToggle(QWidget):
    """"按阶段" (the tree) or "台账" (the flat paged table); a note when the choice is forced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree_button = QToolButton()
        self.tree_button.setText("按阶段")
        self.tree_button.setToolTip("按阶段（或所属方案）分组显示任务")
        self.flat_button = QToolButton()
        self.flat_button.setText("台账")
        self.flat_button.setToolTip("平铺显示全部任务，可按任一列排序（分页读取，适合大量任务）")
        self.group = QButtonGroup(self)
        for button in (self.tree_button, self.flat_button):
            button.setCheckable(True)
            button.setAutoRaise(False)
            self.group.addButton(button)
        self.tree_button.setChecked(True)
        self.note = QLabel(BIG_NOTE)
        self.note.setStyleSheet("color: #8A5A00;")
        self.note.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tree_button)
        layout.addWidget(self.flat_button)
        layout.addSpacing(8)
        layout.addWidget(self.note)

    def show_state(self, flat: bool, forced: bool) -> None:
        """Check the button of the mode shown; with ``forced`` the tree cannot be chosen."""
        self.group.blockSignals(True)
        (self.flat_button if flat else self.tree_button).setChecked(True)
        self.group.blockSignals(False)
        self.tree_button.setEnabled(not forced)
        self.tree_button.setToolTip(BIG_NOTE if forced else "按阶段（或所属方案）分组显示任务")
        self.note.setVisible(forced)
