"""总览 on the demo database, today = 2026-11-23."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fangzhi_desktop.ui.main_window import MainWindow


def test_counts_and_lists(make_window, demo_db: Path, qtmodeltester) -> None:
    window: MainWindow = make_window(demo_db)
    dash = window.dashboard
    assert dash.date_label.text() == "今天是2026年11月23日（星期一）"
    assert dash.summary_label.text() == "逾期 7 项，本周到期 3 项"
    assert dash.overdue_model.rowCount() == 7
    assert dash.due_model.rowCount() == 3
    model = dash.overdue_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == \
        ["类型", "年度", "序号", "任务", "责任单位", "完成时限", "逾期天数"]
    assert [model.data(model.index(r, 6)) for r in range(7)] == \
        ["24天", "23天", "17天", "17天", "10天", "9天", "3天"]
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["专项活动", "工作要点", "专项活动"]
    assert [dash.due_model.data(dash.due_model.index(r, 6)) for r in range(3)] == ["4天"] * 3
    assert dash.due_box.title() == "本周到期（11月23日—11月29日）"
    qtmodeltester.check(dash.overdue_model)
    qtmodeltester.check(dash.due_model)


def test_double_click_opens_the_item(make_window, demo_db: Path, qtbot) -> None:
    window: MainWindow = make_window(demo_db, show=True)
    dash = window.dashboard
    index = dash.overdue_model.index(1, 2)
    item = dash.overdue_model.item(index)
    window.workpoints.search_edit.setText("不相干")  # a filter that would hide it
    rect = dash.overdue_view.visualRect(index)
    # A real double click is a click followed by a double-click event.
    qtbot.mouseClick(dash.overdue_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dash.overdue_view.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert window.current_tab_key() == "workpoints"
    tab = window.workpoints
    assert tab.year() == item.year
    assert tab.search_edit.text() == ""
    assert tab.model.item(tab.tree.currentIndex()).id == item.id
    assert tab.detail.title.text() == f"{item.year}年 第{item.no}条"


def test_chart_is_built_after_showing(make_window, demo_db: Path, qtbot) -> None:
    window: MainWindow = make_window(demo_db)
    dash = window.dashboard
    assert dash.chart is None  # nothing built before the window shows
    window.show()
    qtbot.waitUntil(lambda: dash.chart is not None, timeout=3000)
    assert dash.chart_stack.currentWidget() is dash.chart
    assert "2026年工作要点" in dash.chart.current_page().frame.view.chart().title()


def test_empty_database(make_window, tmp_path: Path, qtbot) -> None:
    window: MainWindow = make_window(tmp_path / "new.db", show=True)
    dash = window.dashboard
    assert dash.summary_label.text() == "逾期 0 项，本周到期 0 项"
    assert dash.body.currentWidget() is dash.no_plan
    assert "导入" in dash.no_plan.text()


def test_campaign_rows_and_summary_open_the_campaign(make_window, demo_db: Path) -> None:
    window: MainWindow = make_window(demo_db)
    dash = window.dashboard
    text = dash.campaigns.body.text()
    assert "三大攻坚" in text and "集中攻坚阶段（还剩38天）" in text
    assert "逾期5项" in text and "本周到期2项" in text
    assert "常态化学习阶段（长期）" in text
    model = dash.overdue_model
    index = model.index(0, 3)
    task = model.item(index)
    assert model.kind(index) == "专项活动"
    dash.overdue_view.doubleClicked.emit(index)
    assert window.current_tab_key() == "campaigns"
    assert window.campaigns.current_task().id == task.id
    window.select_tab("dashboard")
    dash.campaigns.body.linkActivated.emit("1")
    assert window.current_tab_key() == "campaigns"
    assert "学习吴志宏" in window.campaigns.campaign_combo.currentText()


def test_yearbook_days_left_and_learning_totals(make_window, demo_db: Path) -> None:
    window: MainWindow = make_window(demo_db)
    dash = window.dashboard
    assert dash.yearbook.days_left.text() == "距“当年卷当年出版”时限（12月31日）还有38天"
    assert dash.learning.hours.text() == "全办合计 2455.4 学时"
    dash.learning.short.linkActivated.emit(
        f"person:{dash.learning.stats.shortfall_list()[0].person.id}")
    assert window.current_tab_key() == "learning"


def test_days_left_wording() -> None:
    from datetime import date

    from fangzhi_desktop.ui.dashboard_yearbook import days_left_text

    assert days_left_text(date(2026, 12, 31), date(2027, 1, 2)) == \
        "已超过“当年卷当年出版”时限（2026年12月31日）2天"
    assert days_left_text(date(2026, 12, 31), date(2026, 12, 31)).endswith("还有0天")
    assert days_left_text(date(2026, 12, 31), date(2026, 1, 1), published=True) == "本卷已出版。"
