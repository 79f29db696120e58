"""专项活动 on the demo database (today = 2026-11-23): the seed-000 campaign and the 30-task
ledger campaign."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.ui.campaigns_model import TaskColumn
from fangzhi_desktop.ui.campaigns_tab import EMPTY_TEXT, CampaignsTab
from fangzhi_desktop.ui.dialogs import campaign_dialogs
from fangzhi_desktop.ui.dialogs.campaign_dialogs import TaskEditDialog
from fangzhi_desktop.ui.dialogs.item_dialogs import LogValue
from tests.conftest import DEMO_TODAY, SAMPLES
from tests.ui.conftest import type_text, wait_for_jobs

SEED_PLAN = SAMPLES / "000_d1fb1299b6599f8a.txt"
LEDGER = "2026年地方志工作“三大攻坚”专项行动实施方案"


def _tab(make_window, db: Path) -> CampaignsTab:
    window = make_window(db)
    window.select_tab("campaigns")
    return window.campaigns


def _task(tab: CampaignsTab, no: int):
    return next(t for t in tab.model.tasks() if t.no == no)


def _select(tab: CampaignsTab, no: int):
    task = _task(tab, no)
    assert tab.select_task(task.id)
    return task


def test_campaigns_newest_first_with_the_phase_today(make_window, demo_db: Path,
                                                     qtmodeltester) -> None:
    tab = _tab(make_window, demo_db)
    names = [tab.campaign_combo.itemText(i) for i in range(tab.campaign_combo.count())]
    assert names[0] == LEDGER
    assert "学习吴志宏" in names[1] and names[1].endswith("（2021年）")
    assert tab.strip.today_label.text() == "今天处于：集中攻坚阶段（9月1日—12月31日），还剩38天"
    assert tab.strip.highlighted() == ["2. 集中攻坚阶段　9月1日—12月31日"]
    assert tab.model.group_count() == 3
    assert tab.model.task_count() == 30
    first_group = tab.model.index(0, 0)
    assert tab.model.data(first_group) == "第三轮县志编纂攻坚方案（10项）"
    assert tab.count_label.text() == "共 30 项，其中逾期 5 项"
    qtmodeltester.check(tab.model)


def test_open_ended_phase_says_long_term(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    tab.campaign_combo.setCurrentIndex(1)
    assert tab.strip.today_label.text() == "今天处于：常态化学习阶段（2022年1月1日起，长期）"
    assert tab.model.task_count() == 10
    long_term = _task(tab, 9)
    index = tab.model.index_of(long_term.id).siblingAtColumn(TaskColumn.DEADLINE)
    assert tab.model.data(index) == "不设时限（长期）"


def test_columns_show_steps_deadline_and_grade(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    task = _task(tab, 5)
    index = tab.model.index_of(task.id)
    assert tab.model.data(index.siblingAtColumn(TaskColumn.STEPS)) == "1/2 完成"
    assert tab.model.data(index.siblingAtColumn(TaskColumn.DEADLINE)) == "第44周（10月30日）"
    grade = index.siblingAtColumn(TaskColumn.GRADE)
    assert tab.model.data(grade) == "逾期"
    assert tab.model.data(grade, Qt.ItemDataRole.BackgroundRole).name().upper() == "#FFC7CE"
    extended = _task(tab, 14)
    cell = tab.model.index_of(extended.id).siblingAtColumn(TaskColumn.DEADLINE)
    assert tab.model.data(cell).endswith("（已延期1次）")
    tooltip = tab.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "原定时限：2026年10月23日，已延期1次" in tooltip
    assert "延期原因：部分单位退改稿件质量不达标" in tooltip


def test_filters_go_through_the_task_filter(make_window, demo_db: Path, qtmodeltester) -> None:
    tab = _tab(make_window, demo_db)
    tab.overdue_check.click()
    assert sorted(t.no for t in tab.model.tasks()) == [5, 6, 15, 25, 26]
    assert tab.count_label.text() == "显示 5 项（共 30 项），其中逾期 5 项"
    qtmodeltester.check(tab.model)
    tab.overdue_check.click()
    tab.unit_combo.setCurrentIndex(tab.unit_combo.findText("县融媒体中心"))
    assert sorted(t.no for t in tab.model.tasks()) == [8, 15, 26]
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(Status.NOT_STARTED.value))
    assert [t.no for t in tab.model.tasks()] == [15]
    tab.clear_filters()
    type_text(tab.search_edit, "年鉴")
    tab.reload()  # the search waits for typing to pause
    assert {t.no for t in tab.model.tasks()} >= {11, 16, 19}
    assert all(t.no not in (1, 21) for t in tab.model.tasks())


def test_progress_entry_is_undoable(make_window, demo_db: Path, monkeypatch) -> None:
    tab = _tab(make_window, demo_db)
    task = _select(tab, 9)
    assert task.status is Status.NOT_STARTED
    monkeypatch.setattr(campaign_dialogs.TaskLogDialog, "ask", classmethod(
        lambda cls, *a, **k: LogValue(DEMO_TODAY, "已制定初审分工。", "李文博",
                                      EntryKind.PROGRESS)))
    tab.detail.buttons["progress"].click()
    task = store.get_task(tab.conn, task.id)
    assert task.status is Status.IN_PROGRESS
    assert tab.detail.log_model.entries()[0].text == "已制定初审分工。"
    index = tab.model.index_of(task.id).siblingAtColumn(TaskColumn.PROGRESS)
    assert tab.model.data(index) == "2026-11-23 已制定初审分工。"
    assert tab.undo_stack.undoText() == "添加任务进展"
    tab.undo_stack.undo()
    assert store.get_task(tab.conn, task.id).status is Status.NOT_STARTED
    assert followup.task_log(tab.conn, task.id) == []
    assert tab.detail.log_model.entries() == []
    tab.undo_stack.redo()
    assert store.get_task(tab.conn, task.id).status is Status.IN_PROGRESS
    assert len(followup.task_log(tab.conn, task.id)) == 1


def test_close_off_is_undoable(make_window, demo_db: Path, monkeypatch) -> None:
    tab = _tab(make_window, demo_db)
    task = _select(tab, 4)
    assert task.status is Status.DONE
    monkeypatch.setattr(campaign_dialogs.CloseOffDialog, "ask", classmethod(
        lambda cls, *a, **k: (DEMO_TODAY, "王建华", "经督查核实")))
    tab.detail.buttons["close"].click()
    closed = store.get_task(tab.conn, task.id)
    assert (closed.status, closed.status_date, closed.closed_by) == \
        (Status.CLOSED, DEMO_TODAY, "王建华")
    assert "王建华确认" in tab.detail.status.text()
    assert not tab.detail.buttons["close"].isEnabled()
    tab.undo_stack.undo()
    reopened = store.get_task(tab.conn, task.id)
    assert (reopened.status, reopened.closed_by) == (Status.DONE, "")
    assert tab.detail.buttons["close"].isEnabled()


def test_close_off_asks_who_confirmed(qtbot, demo_db: Path) -> None:
    from fangzhi_desktop.storage import open_database

    conn = open_database(demo_db)
    try:
        task = next(t for t in store.list_tasks(conn, 2) if t.no == 4)
        dialog = campaign_dialogs.CloseOffDialog(None, task, DEMO_TODAY)
        qtbot.addWidget(dialog)
        dialog.accept()
        assert dialog.problem.text() == "请填写确认人（由谁确认完成）。"
        type_text(dialog.confirmed_by, "王建华")
        assert dialog.value()[1] == "王建华"
    finally:
        conn.close()


def test_extension_keeps_the_baseline(make_window, demo_db: Path, monkeypatch) -> None:
    tab = _tab(make_window, demo_db)
    task = _select(tab, 6)
    monkeypatch.setattr(campaign_dialogs.TaskExtensionDialog, "ask", classmethod(
        lambda cls, *a, **k: (date(2026, 12, 18), "档案馆搬迁，查档暂停", DEMO_TODAY)))
    tab.detail.buttons["extend"].click()
    moved = store.get_task(tab.conn, task.id)
    assert (moved.deadline, moved.deadline_issued, moved.extensions) == \
        (date(2026, 12, 18), date(2026, 11, 6), 1)
    assert "原定2026年11月6日" in tab.detail.deadline.text()
    tab.undo_stack.undo()
    assert store.get_task(tab.conn, task.id).deadline == date(2026, 11, 6)


def test_edit_task_with_a_week_phrase(make_window, demo_db: Path, monkeypatch, qtbot) -> None:
    tab = _tab(make_window, demo_db)
    task = _select(tab, 9)
    steps = store.task_steps(tab.conn, task.id)
    dialog = TaskEditDialog(tab, tab._resolver(), tab._phases, task, steps)
    qtbot.addWidget(dialog)
    assert dialog.deadline.text() == "第52周"
    dialog.deadline.setText("第50周")
    assert dialog.resolved.text().startswith("即2026年12月11日（星期五）；第50周（12月7日—12月13日）")
    dialog.deadline.setText("第60周")
    assert "2026年只有53周" in dialog.resolved.text()
    dialog.accept()
    assert "没有第60周" in dialog.problem.text()
    dialog.deadline.setText("3月第2周")
    assert dialog.resolved.text().startswith("即2026年3月6日（星期五）；3月第2周（3月2日—3月8日）")
    dialog.deadline.setText("第50周")
    fields = dialog.value()
    assert (fields.deadline_phrase, fields.deadline) == ("第50周", None)
    assert not dialog.steps_changed()
    monkeypatch.setattr(TaskEditDialog, "ask", classmethod(lambda cls, *a, **k: (fields, False)))
    tab.detail.buttons["edit"].click()
    edited = store.get_task(tab.conn, task.id)
    assert (edited.deadline, edited.deadline_phrase) == (date(2026, 12, 11), "第50周")
    assert "最后一个工作日为12月11日" in tab.detail.deadline_source.text()
    tab.undo_stack.undo()
    assert store.get_task(tab.conn, task.id).deadline == date(2026, 12, 25)


def test_ticking_a_step_is_undoable(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    task = _select(tab, 5)
    model = tab.detail.steps_model
    second = model.index(1, 0)
    assert model.data(second, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    model.setData(second, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert store.get_task(tab.conn, task.id).steps_done == 2
    assert model.data(model.index(1, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert tab.model.data(tab.model.index_of(task.id).siblingAtColumn(TaskColumn.STEPS)) == \
        "2/2 完成"
    tab.undo_stack.undo()
    assert store.get_task(tab.conn, task.id).steps_done == 1


def test_add_task_and_undo(make_window, demo_db: Path, monkeypatch) -> None:
    from fangzhi_desktop.storage.campaigns import TaskFields

    tab = _tab(make_window, demo_db)
    fields = TaskFields("编印《方志七进》工作简报。", "方志馆", "郑凯", "12月第3周",
                        group="“方志七进”宣传教育方案")
    monkeypatch.setattr(TaskEditDialog, "ask", classmethod(lambda cls, *a, **k: (fields, True)))
    tab.add_task_button.click()
    added = tab.current_task()
    assert added is not None and added.no == 31
    assert added.deadline == date(2026, 12, 18)
    assert tab.model.task_count() == 31
    tab.undo_stack.undo()
    assert tab.model.task_count() == 30


def test_import_a_plan_through_the_preview(make_window, tmp_path: Path, said, qtbot) -> None:
    tab = _tab(make_window, tmp_path / "new.db")
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.empty_label.text() == EMPTY_TEXT
    said.answers["open_file"] = SEED_PLAN
    tab.import_button.click()
    dialog = tab.import_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert dialog.tree.topLevelItemCount() == 4
    assert dialog.task_count() == 10
    assert dialog.year_spin.value() == 2021
    assert dialog.import_button.isEnabled()
    first = dialog.tree.topLevelItem(0)
    first.child(0).setText(0, "")  # an empty task blocks the import…
    assert not dialog.import_button.isEnabled()
    dialog.tree.setCurrentItem(first.child(0))
    first.child(0).setSelected(True)
    dialog.delete_selected()  # …until it is removed
    assert dialog.import_button.isEnabled()
    assert dialog.task_count() == 9
    dialog.import_button.click()
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: tab.campaign_combo.count() == 1, timeout=5000)
    assert "学习吴志宏" in tab.campaign_combo.currentText()
    assert tab.model.task_count() == 9
    assert tab.strip.today_label.text() == "今天处于：常态化学习阶段（2022年1月1日起，长期）"


def test_importing_a_plan_again_asks_before_replacing(make_window, demo_db: Path, said,
                                                      qtbot) -> None:
    tab = _tab(make_window, demo_db)
    said.answers["open_file"] = SEED_PLAN
    said.answers["confirm"] = False
    tab.start_import()
    dialog = tab.import_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert "已经导入过" in dialog.blocked.text()
    dialog.import_button.click()
    assert said.texts("confirm") and "已经导入过" in said.texts("confirm")[0]
    assert dialog.isVisible()
    dialog.reject()


def test_phases_of_a_new_campaign(make_window, demo_db: Path, monkeypatch, qtbot) -> None:
    from fangzhi_desktop.storage.campaigns import CampaignFields
    from fangzhi_desktop.ui.dialogs.campaign_dialogs import PhasesDialog

    tab = _tab(make_window, demo_db)
    monkeypatch.setattr(campaign_dialogs.NewCampaignDialog, "ask", classmethod(
        lambda cls, *a, **k: CampaignFields("2026年方志进校园专项行动方案", 2026)))
    tab.new_button.click()
    dialog = PhasesDialog(tab, [])
    qtbot.addWidget(dialog)
    dialog.add_row("宣传发动阶段", "2026-09-01", "2026-10-31")
    dialog.add_row("常态化阶段", "2026-11-01", "")
    dialog.add_row("坏阶段", "2026-13-01", "")
    dialog.accept()
    assert "2026-13-01" in dialog.problem.text()
    dialog.table.removeRow(2)
    rows = dialog.rows()
    assert [(r.name, r.end) for r in rows] == [("宣传发动阶段", date(2026, 10, 31)),
                                               ("常态化阶段", None)]
    monkeypatch.setattr(PhasesDialog, "ask", classmethod(lambda cls, *a, **k: rows))
    tab.strip.edit_button.click()
    assert tab.strip.today_label.text() == "今天处于：常态化阶段（2026年11月1日起，长期）"
    assert len(tab.strip.chips) == 2
    renamed = [dataclasses.replace(rows[0], id=tab._phases[0].id, name="动员阶段")]
    monkeypatch.setattr(PhasesDialog, "ask", classmethod(lambda cls, *a, **k: renamed))
    tab.strip.edit_button.click()
    assert [p.name for p in tab._phases] == ["动员阶段"]
    assert tab.strip.today_label.text() == "今天：各阶段均已结束"


def test_new_and_delete_campaign(make_window, demo_db: Path, said, monkeypatch, qtbot) -> None:
    from fangzhi_desktop.storage.campaigns import CampaignFields

    tab = _tab(make_window, demo_db)
    monkeypatch.setattr(campaign_dialogs.NewCampaignDialog, "ask", classmethod(
        lambda cls, *a, **k: CampaignFields("2027年方志进机关专项行动方案", 2027)))
    tab.new_button.click()
    assert tab.campaign_combo.count() == 3
    assert tab.campaign_combo.currentText() == "2027年方志进机关专项行动方案"
    assert tab.strip.today_label.text().startswith("今天：本活动未设阶段")
    said.answers["confirm"] = True
    tab.delete_button.click()
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: tab.campaign_combo.count() == 2, timeout=5000)
    assert tab.campaign_combo.currentText() == LEDGER


@pytest.mark.parametrize("view", ["ledger", "chart"])
def test_views(make_window, demo_db: Path, view: str) -> None:
    tab = _tab(make_window, demo_db)
    tab.show_view(view)
    if view == "chart":
        data = tab.chart.canvas.data
        assert data is not None and len(data.tasks) == 30
        tab.overdue_check.click()  # the chart shows the whole campaign
        assert len(tab.chart.canvas.data.tasks) == 30


def test_chart_double_click_opens_the_task_in_the_ledger(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    tab.show_view("chart")
    task = _task(tab, 15)
    tab.chart.task_activated.emit(task.id)
    assert tab.views.currentIndex() == 0
    assert tab.current_task().id == task.id


def test_screenshot_preparation_selects_a_late_task(make_window, demo_db: Path) -> None:
    tab = _tab(make_window, demo_db)
    tab.campaign_combo.setCurrentIndex(1)
    tab.prepare_screenshot()
    assert tab.campaign_combo.currentText() == LEDGER
    task = tab.current_task()
    assert task is not None and task.overdue(DEMO_TODAY)


def test_fits_a_small_screen(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    assert window.campaigns.minimumSizeHint().height() <= 600
    assert window.minimumSizeHint().height() <= 700


def test_calendar_menu_and_campaign_jump(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    assert window.calendar_action.text() == "工作日历…"
    late = store.overdue_tasks(window.conn, DEMO_TODAY)[0]
    window.open_campaign(late.campaign_id, late.id)
    assert window.current_tab_key() == "campaigns"
    assert window.campaigns.current_task().id == late.id
