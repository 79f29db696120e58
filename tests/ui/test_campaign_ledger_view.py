"""The flat 台账 of the 专项活动 tab: the "按阶段" / "台账" toggle (remembered), selection
driving the detail pane, edits refreshing it, SQL filters and sorts, and large campaigns
shown flat without the choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from bench.big_campaign import fill_campaign
from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage import open_database, transaction
from fangzhi_desktop.ui.campaign_ledger_model import LedgerColumn
from fangzhi_desktop.ui.campaign_ledger_view import BIG_NOTE, FLAT_ABOVE
from fangzhi_desktop.ui.campaigns_tab import CampaignsTab
from fangzhi_desktop.ui.dialogs import campaign_dialogs
from fangzhi_desktop.ui.dialogs.item_dialogs import LogValue
from tests.conftest import DEMO_TODAY


def _tab(make_window, db: Path) -> CampaignsTab:
    window = make_window(db)
    window.select_tab("campaigns")
    return window.campaigns


def _cell(tab: CampaignsTab, row: int, column: LedgerColumn) -> str:
    return str(tab.table.ledger.data(tab.table.ledger.index(row, column)))


def test_toggle_shows_the_same_tasks_flat_and_is_remembered(make_window,
                                                            demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    assert not tab.is_flat() and tab.task_views.currentWidget() is tab.tree
    assert not tab.mode_toggle.note.isVisibleTo(tab)
    tree_tasks = {t.id for t in tab.model.tasks()}
    tab.mode_toggle.flat_button.click()
    assert tab.is_flat() and tab.task_views.currentWidget() is tab.table
    assert tab.search_edit.placeholderText() == "搜索任务、单位、责任人…"  # no 进展 in SQL
    ledger = tab.table.ledger
    assert ledger.rowCount() == 30 and tab.model.task_count() == 0  # the tree let go
    assert {ledger.id_at(row) for row in range(30)} == tree_tasks
    assert tab.count_label.text() == "共 30 项，其中逾期 5 项"
    assert ledger.headerData(2, Qt.Orientation.Horizontal) == "阶段"
    again = _tab(make_window, demo_db)
    assert again.is_flat() and again.mode_toggle.flat_button.isChecked()
    again.mode_toggle.tree_button.click()
    assert not again.is_flat() and again.model.task_count() == 30
    assert again.table.ledger.query is None


def test_flat_filters_and_sort_run_in_sql(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    tab.mode_toggle.flat_button.click()
    tab.overdue_check.setChecked(True)
    assert tab.table.ledger.rowCount() == 5
    assert {_cell(tab, row, LedgerColumn.GRADE) for row in range(5)} == {"逾期"}
    assert tab.count_label.text() == "显示 5 项（共 30 项），全部任务中逾期 5 项"
    tab.overdue_check.setChecked(False)
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(Status.CLOSED.value))
    rows = tab.table.ledger.rowCount()
    assert rows and {_cell(tab, r, LedgerColumn.STATUS) for r in range(rows)} == {"已销号"}
    tab.status_combo.setCurrentIndex(0)
    tab.search_edit.setText("年鉴")
    tab.reload()  # the search waits for typing to pause
    rows = tab.table.ledger.rowCount()
    assert 0 < rows < 30
    tab.search_edit.clear()
    tab.reload()
    tab.table.sortByColumn(LedgerColumn.DEADLINE, Qt.SortOrder.DescendingOrder)
    first = store.get_task(tab.conn, tab.table.ledger.id_at(0) or 0)
    deadlines = [t.deadline for t in store.list_tasks(tab.conn, first.campaign_id)
                 if t.deadline is not None]
    assert first.deadline == max(deadlines)


def test_selection_drives_the_detail_pane_and_edits_refresh_it(make_window, demo_db: Path,
                                                               monkeypatch) -> None:
    tab = _tab(make_window, demo_db)
    tab.mode_toggle.flat_button.click()
    tab.table.select_row(8)
    task_id = tab.table.ledger.id_at(8)
    assert tab.current_id == task_id and tab.detail.task is not None
    assert tab.detail.task.id == task_id
    assert tab.detail.title.text() == f"第{_cell(tab, 8, LedgerColumn.NO)}项任务"
    monkeypatch.setattr(campaign_dialogs.TaskLogDialog, "ask", classmethod(
        lambda cls, *a, **k: LogValue(DEMO_TODAY, "已制定初审分工。", "李文博",
                                      EntryKind.PROGRESS)))
    before = _cell(tab, 8, LedgerColumn.STATUS)
    tab.detail.buttons["progress"].click()
    assert before == "未启动" and _cell(tab, 8, LedgerColumn.STATUS) == "推进中"
    assert tab.detail.log_model.entries()[0].text == "已制定初审分工。"
    assert tab.table.currentIndex().row() == 8  # still selected after the refresh
    tab.table.sortByColumn(LedgerColumn.TEXT, Qt.SortOrder.AscendingOrder)
    row = tab.table.currentIndex().row()
    assert tab.table.ledger.id_at(row) == task_id  # found again after the sort
    tab.undo_stack.undo()
    assert _cell(tab, row, LedgerColumn.STATUS) == "未启动"
    assert tab.detail.log_model.entries() == []
    assert tab.select_task(task_id or 0) and tab.detail.task.id == task_id


def test_a_big_campaign_is_always_flat(make_window, tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    conn = open_database(db)
    with transaction(conn):
        fill_campaign(conn, FLAT_ABOVE + 1)
    conn.close()
    tab = _tab(make_window, db)
    assert tab.is_flat() and tab.task_views.currentWidget() is tab.table
    assert tab.mode_toggle.note.text() == BIG_NOTE and not tab.mode_toggle.note.isHidden()
    assert not tab.mode_toggle.tree_button.isEnabled()
    assert tab.model.task_count() == 0  # never loaded into the tree
    assert tab.table.ledger.rowCount() == FLAT_ABOVE + 1
    assert tab.table.ledger.pages_read <= 2
