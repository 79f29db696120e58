"""The work-points ledger on the demo database (today = 2026-11-23)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.ui.workpoints_exports import ExportKind
from fangzhi_desktop.ui.workpoints_model import ITEM_ID_ROLE, Column, LogModel
from fangzhi_desktop.ui.workpoints_tab import EMPTY_TEXT, WorkpointsTab
from tests.ui.conftest import type_text


def _tab(make_window, demo_db: Path, year: int | None = 2023) -> WorkpointsTab:
    window = make_window(demo_db)
    window.select_tab("workpoints")
    tab = window.workpoints
    if year is not None:
        tab.year_combo.setCurrentIndex(tab.year_combo.findData(year))
    return tab


def _visible_texts(tab: WorkpointsTab) -> list[str]:
    return [item.text for item in tab.model.items()]


def test_years_newest_first(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db, year=None)
    assert [tab.year_combo.itemText(i) for i in range(tab.year_combo.count())] == \
        ["2026年", "2023年"]
    assert tab.year() == 2026
    assert tab.model.item_count() == 6


def test_2023_shows_nine_sections_and_forty_items(make_window, demo_db: Path,
                                                  qtmodeltester) -> None:
    tab = _tab(make_window, demo_db)
    assert tab.model.rowCount() == 9
    assert tab.model.item_count() == 40
    first_section = tab.model.index(0, 0)
    assert tab.model.data(first_section) == "一、依法治志工作（2）"
    assert tab.tree.isExpanded(first_section)
    first = tab.model.index(0, Column.NO, first_section)
    assert tab.model.data(first) == "1"
    assert tab.model.headerData(Column.GRADE, Qt.Orientation.Horizontal) == "预警"
    assert tab.count_label.text() == "共 40 项"
    qtmodeltester.check(tab.model)


def test_grade_column_is_coloured(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    section = tab.model.index(0, 0)
    item2 = tab.model.index(1, Column.GRADE, section)  # 第2条: unfinished, late
    assert tab.model.data(item2) == "逾期"
    assert tab.model.data(item2, Qt.ItemDataRole.BackgroundRole).name().upper() == "#FFC7CE"
    item1 = tab.model.index(0, Column.GRADE, section)
    assert tab.model.data(item1) == "正常"


def test_extended_deadline_is_marked(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    item25 = next(i for i in tab.model.items() if i.no == 25)
    index = tab.model.index_of(item25.id).siblingAtColumn(Column.DEADLINE)
    assert tab.model.data(index) == "2024-06-30（已延期1次）"
    assert "原定时限：2023-12-31" in tab.model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_only_overdue_shows_the_unfinished_items(make_window, demo_db: Path,
                                                 qtmodeltester) -> None:
    tab = _tab(make_window, demo_db)
    tab.overdue_check.click()
    shown = sorted(item.no for item in tab.model.items())
    assert shown == [2, 9, 19, 25, 27, 38]
    assert all(not item.status.finished for item in tab.model.items())
    assert tab.count_label.text() == "显示 6 项（共 40 项）"
    qtmodeltester.check(tab.model)
    tab.overdue_check.click()
    assert tab.model.item_count() == 40


def test_search_as_you_type(make_window, demo_db: Path, qtbot) -> None:
    tab = _tab(make_window, demo_db)
    type_text(tab.search_edit, "年鉴")
    qtbot.waitUntil(lambda: tab.model.item_count() < 40, timeout=2000)
    texts = _visible_texts(tab)
    assert texts
    conn = open_database(demo_db)
    try:
        expected = store.list_items(conn, 2023, store.ItemFilter(search="年鉴"))
    finally:
        conn.close()
    assert [i.id for i in tab.model.items()] == [i.id for i in expected]
    assert sum("年鉴" in text for text in texts) >= len(texts) - 1  # or in its section/units
    tab.search_edit.clear()
    qtbot.waitUntil(lambda: tab.model.item_count() == 40, timeout=2000)


def test_unit_and_status_filters(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    units = [tab.unit_combo.itemText(i) for i in range(tab.unit_combo.count())]
    assert units[0] == "全部"
    assert "年鉴指导处" in units
    tab.unit_combo.setCurrentIndex(units.index("年鉴指导处"))
    assert tab.model.item_count() > 0
    assert all("年鉴指导处" in item.lead + item.support for item in tab.model.items())
    tab.unit_combo.setCurrentIndex(0)
    statuses = [tab.status_combo.itemText(i) for i in range(tab.status_combo.count())]
    assert statuses == ["全部", "未启动", "推进中", "已完成", "已销号"]
    tab.status_combo.setCurrentIndex(1)
    assert sorted(item.no for item in tab.model.items()) == [19, 27]


def test_selecting_an_item_fills_the_detail_pane(make_window, demo_db: Path,
                                                 qtmodeltester) -> None:
    tab = _tab(make_window, demo_db)
    section = tab.model.index(0, 0)
    index = tab.model.index(1, 0, section)
    tab.tree.setCurrentIndex(index)
    item_id = tab.model.data(index, ITEM_ID_ROLE)
    assert tab.current_id == item_id
    assert tab.detail.title.text() == "2023年 第2条"
    assert "研究室" in tab.detail.lead.text()
    log: LogModel = tab.detail.log_model
    assert log.rowCount() == 2
    kinds = {log.data(log.index(r, 1)) for r in range(log.rowCount())}
    assert kinds == {"进展", "催办"}
    qtmodeltester.check(log)


def test_empty_database_shows_how_to_start(make_window, tmp_path: Path,
                                           qtmodeltester) -> None:
    window = make_window(tmp_path / "new.db")
    tab = window.workpoints
    qtmodeltester.check(tab.model)
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.empty_label.text() == EMPTY_TEXT
    assert tab.import_button.isEnabled()
    assert not tab.export_button.isEnabled()
    assert tab.year() is None
    assert window.dashboard.body.currentWidget() is window.dashboard.no_plan


def test_carry_over_asks_the_year_and_reports(make_window, demo_db: Path, said) -> None:
    tab = _tab(make_window, demo_db)
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(2026))
    said.answers["ask_year"] = 2027
    tab.carry_button.click()
    assert tab.year() == 2027
    assert tab.model.item_count() == 6
    assert "已把 6 项未完成事项结转到2027年" in said.texts("inform")[-1]
    # The demo's 2023 items were carried into 2026 already: nothing more to carry.
    said.answers["ask_year"] = 2024
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(2023))
    tab.carry_button.click()
    assert "都已结转过，没有再结转" in said.texts("inform")[-1]
    assert tab.year_combo.findData(2024) == -1


def test_export_writes_the_ledger(make_window, demo_db: Path, said, qtbot,
                                  tmp_path: Path) -> None:
    tab = _tab(make_window, demo_db)
    out = tmp_path / "台账"
    said.answers["save_file"] = out
    tab.exports.actions[ExportKind.XLSX].trigger()
    assert not tab.export_button.isEnabled()  # while the job runs
    qtbot.waitUntil(lambda: bool(said.texts("offer_open")), timeout=10000)
    written = tmp_path / "台账.xlsx"
    assert written.stat().st_size > 0
    assert said.texts("offer_open") == [f"已导出：{written}"]
    qtbot.waitUntil(tab.export_button.isEnabled, timeout=2000)
