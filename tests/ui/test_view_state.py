"""Column widths, sort order, splitter sizes, geometry and tab survive a window restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTableView, QTreeView
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui.settings import Settings
from fangzhi_desktop.ui.view_state import remember


def test_views_are_restored_after_a_restart(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    window.select_tab("campaigns")
    tasks = window.campaigns.tree.header()
    tasks.resizeSection(1, 333)
    window.campaigns.splitter.setSizes([500, 500])
    window.campaigns.splitter.splitterMoved.emit(500, 1)  # what dragging the handle sends
    campaign_sizes = window.campaigns.splitter.sizes()
    window.select_tab("learning")
    people = window.learning.people.table
    people.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    window.select_tab("yearbook")
    window.yearbook.tree.header().resizeSection(0, 280)
    window.close()

    again = make_window(demo_db, show=True)
    assert again.current_tab_key() == "yearbook"
    assert again.yearbook.tree.header().sectionSize(0) == 280
    again.select_tab("campaigns")
    assert again.campaigns.tree.header().sectionSize(1) == 333
    assert again.campaigns.splitter.sizes() == campaign_sizes
    header = again.learning.people.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1, Qt.SortOrder.DescendingOrder)


def test_remember_is_per_key_and_ignores_other_views(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QStandardItemModel

    settings = Settings(tmp_path / "views.ini")
    model = QStandardItemModel(3, 3)
    table, tree, splitter = QTableView(), QTreeView(), QSplitter()
    for view in (table, tree):
        view.setModel(model)
        qtbot.addWidget(view)
    remember(settings, "a", table=table)
    remember(settings, "b", tree=tree)
    table.horizontalHeader().resizeSection(2, 211)
    fresh = QTableView()
    qtbot.addWidget(fresh)
    fresh.setModel(model)
    remember(settings, "a", table=fresh)
    assert fresh.horizontalHeader().sectionSize(2) == 211
    other = QTableView()
    qtbot.addWidget(other)
    other.setModel(model)
    remember(settings, "c", table=other)
    assert other.horizontalHeader().sectionSize(2) != 211
    qtbot.addWidget(splitter)
    for _ in range(2):
        splitter.addWidget(QTableView())
    splitter.resize(400, 100)
    remember(settings, "s", splitter=splitter)
    splitter.setSizes([100, 300])
    splitter.splitterMoved.emit(100, 1)
    settings.sync()
    reread = Settings(tmp_path / "views.ini")
    copy = QSplitter()
    qtbot.addWidget(copy)
    for _ in range(2):
        copy.addWidget(QTableView())
    copy.resize(400, 100)
    remember(reread, "s", splitter=copy)
    assert copy.sizes()[0] < copy.sizes()[1] / 2  # the saved 1:3, not the default 1:1
