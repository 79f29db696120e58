"""修改记录 in the window: a work item's trail after an edit and its undo, a campaign task's,
a person's from the people list, and 文件 → 修改记录… with its filter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.storage.audit_triggers import who
from fangzhi_desktop.storage.workpoints import StatusFields
from fangzhi_desktop.ui.dialogs import campaign_dialogs
from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog
from fangzhi_desktop.ui.dialogs.item_dialogs import LogValue, StatusDialog
from fangzhi_desktop.ui.learning_models import ID_ROLE
from fangzhi_desktop.ui.main_window import MainWindow
from tests.conftest import DEMO_TODAY


def _rows(dialog: AuditDialog) -> list[tuple[str, ...]]:
    proxy = dialog.proxy
    return [tuple(proxy.data(proxy.index(row, column))
                  for column in range(proxy.columnCount()))
            for row in range(proxy.rowCount())]


def _headers(dialog: AuditDialog) -> list[str]:
    return [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dialog.model.columnCount())]


def _open_dialog(window: MainWindow) -> AuditDialog:
    dialogs = window.findChildren(AuditDialog)
    assert dialogs, "no 修改记录 window opened"
    return dialogs[-1]


def test_a_work_item_shows_its_edit_and_undo(make_window, demo_db: Path, monkeypatch,
                                             qtmodeltester) -> None:
    window = make_window(demo_db)
    window.select_tab("workpoints")
    tab = window.workpoints
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(2023))
    item = next(i for i in tab.model.items() if i.no == 19)
    assert tab.select_item(item.id)
    monkeypatch.setattr(StatusDialog, "ask", classmethod(
        lambda cls, parent, item, today: StatusFields(Status.DONE, date(2026, 11, 20), "已印发")))
    tab.detail.buttons["status"].click()
    window.undo_action.trigger()

    tab.detail.buttons["history"].click()
    dialog = _open_dialog(tab)
    qtmodeltester.check(dialog.model)
    assert dialog.windowTitle() == "修改记录 — 2023年 第19条"
    assert _headers(dialog) == ["时间", "用户", "操作", "字段", "原值", "新值"]
    rows = _rows(dialog)
    user = who()[0]
    status_rows = [(r[1].split("@")[0], r[2], r[3], r[4], r[5]) for r in rows if r[3] == "状态"]
    assert status_rows == [(user, "撤销：修改状态", "状态", "已完成", "未启动"),
                           (user, "修改状态", "状态", "未启动", "已完成")]  # newest first
    assert ("状态说明", "已结转至2026年第3条", "已印发") in [(r[3], r[4], r[5]) for r in rows]
    assert all(r[0].startswith(str(date.today().year)) for r in rows)
    assert dialog.count_label.text() == f"共 {len(rows)} 行"

    dialog.filter_edit.setText("撤销")
    assert {r[2] for r in _rows(dialog)} == {"撤销：修改状态"}
    assert dialog.count_label.text().startswith("筛选出")
    dialog.close()


def test_a_campaign_task_shows_its_progress(make_window, demo_db: Path, monkeypatch) -> None:
    window = make_window(demo_db)
    window.select_tab("campaigns")
    tab = window.campaigns
    task = next(t for t in tab.model.tasks() if t.no == 9)
    assert tab.select_task(task.id)
    monkeypatch.setattr(campaign_dialogs.TaskLogDialog, "ask", classmethod(
        lambda cls, *a, **k: LogValue(DEMO_TODAY, "已制定初审分工。", "李文博",
                                      EntryKind.PROGRESS)))
    tab.detail.buttons["progress"].click()
    tab.detail.buttons["history"].click()
    dialog = _open_dialog(tab)
    assert dialog.windowTitle() == "修改记录 — 第9项任务"
    fields = {(r[2], r[3]): r[5] for r in _rows(dialog)}
    assert fields[("添加任务进展（新增）", "进展记录·内容")] == "已制定初审分工。"
    assert fields[("添加任务进展", "状态")] == "推进中"


def test_a_person_from_the_people_list(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    window.select_tab("learning")
    people = window.learning.people
    index = people.proxy.index(0, 0)
    rect = people.table.visualRect(index)
    menu = people.history_menu.menu_at(rect.center())
    assert menu is not None and [a.text() for a in menu.actions()] == ["修改记录…"]
    assert people.history_menu.menu_at(QPoint(-5, -5)) is None  # not on a row
    dialog = people.history_menu.open_for(index)
    assert dialog is not None
    assert dialog.windowTitle() == f"修改记录 — {index.data()}"
    # The demo was built in one go: a person has no edits of their own yet.
    assert _rows(dialog) == [] and dialog.count_label.text() == "还没有修改记录。"


def test_the_whole_log_with_a_user_filter(make_window, demo_db: Path, monkeypatch,
                                          qtmodeltester) -> None:
    window = make_window(demo_db)
    window.select_tab("workpoints")
    tab = window.workpoints
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(2023))
    item = next(i for i in tab.model.items() if i.no == 19)
    assert tab.select_item(item.id)
    monkeypatch.setattr(StatusDialog, "ask", classmethod(
        lambda cls, parent, item, today: StatusFields(Status.IN_PROGRESS, None, "")))
    tab.detail.buttons["status"].click()

    dialog = window.show_audit_log()
    assert isinstance(dialog, AuditDialog)
    qtmodeltester.check(dialog.model)
    assert _headers(dialog) == ["时间", "用户", "操作", "对象", "字段", "原值", "新值"]
    rows = _rows(dialog)
    assert rows[0][2:] == ("修改状态", "工作要点条目 2023年第19条", "状态", "未启动", "推进中")
    assert "生成演示数据" in {r[2] for r in rows}  # the demo: one summary, not thousands
    assert len(rows) < 10
    users = [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())]
    assert users == ["全部用户", who()[0]]
    dialog.user_combo.setCurrentIndex(1)
    assert len(_rows(dialog)) == len(rows)
    dialog.filter_edit.setText("没有这样的内容")
    assert _rows(dialog) == [] and dialog.count_label.text() == f"筛选出 0 行（共 {len(rows)} 行）"
    assert window.audit_action.text() == "修改记录…"


def test_a_yearbook_entry_shows_its_review(make_window, demo_db: Path) -> None:
    from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult
    from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts

    window = make_window(demo_db)
    window.select_tab("yearbook")
    tab = window.yearbook
    item = next(n for n in tab.view.nodes().values()
                if n.manuscript is not None and not n.manuscript.accepted)
    assert item.manuscript is not None
    manuscripts.record_review(tab.conn, item.manuscript.id, ReviewLevel.FIRST,
                              ReviewResult.RETURNED, DEMO_TODAY, "数据需核实", "张编辑")
    dialog = tab.show_history(item)
    assert dialog.windowTitle() == f"修改记录 — {item.node.title}"
    fields = {r[3]: r[5] for r in _rows(dialog)}
    assert fields["审稿·原因"] == "数据需核实" and fields["审稿·审稿人"] == "张编辑"


def _history_of_first_row(view: Any) -> AuditDialog:  # a view with a HistoryMenu
    index = view.table.model().index(0, 0)
    menu = view.history_menu.menu_at(view.table.visualRect(index).center())
    assert menu is not None and [a.text() for a in menu.actions()] == ["修改记录…"]
    dialog = view.history_menu.open_for(index)
    assert dialog is not None
    return dialog


def test_a_learning_activity_from_its_list(make_window, demo_db: Path) -> None:
    from dataclasses import replace

    from fangzhi_desktop.storage import learning as learning_store

    window = make_window(demo_db)
    window.select_tab("learning")
    activities = window.learning.activities
    index = activities.table.model().index(0, 0)
    activity_id = index.data(ID_ROLE)
    activity = learning_store.get_activity(activities.ctx.conn, activity_id)
    assert activity is not None
    learning_store.save_activity(activities.ctx.conn, replace(activity, place="县委党校报告厅"))

    dialog = _history_of_first_row(activities)
    assert dialog.windowTitle() == f"修改记录 — {activity.title}"
    assert ("地点", activity.place, "县委党校报告厅") in {r[3:] for r in _rows(dialog)}


def test_a_briefing_issue_from_its_list(make_window, demo_db: Path) -> None:
    from dataclasses import replace

    from fangzhi_desktop.storage import briefings as briefing_store

    window = make_window(demo_db)
    window.select_tab("learning")
    briefings = window.learning.briefings
    index = briefings.table.model().index(0, 0)
    issue = briefing_store.get_issue(briefings.ctx.conn, index.data(ID_ROLE))
    assert issue is not None
    briefing_store.update_issue(briefings.ctx.conn, issue.id, replace(issue, publisher="县地方志办公室编印组"))

    dialog = _history_of_first_row(briefings)
    assert dialog.windowTitle() == f"修改记录 — {issue.name}{issue.year}年第{issue.issue}期"
    assert ("编印单位", issue.publisher, "县地方志办公室编印组") in {r[3:] for r in _rows(dialog)}


def test_a_yearbook_unit_shows_only_its_own_changes(make_window, demo_db: Path) -> None:
    from fangzhi_desktop.storage import yearbook as volumes
    from fangzhi_desktop.storage.yearbook import UnitFields

    window = make_window(demo_db)
    window.select_tab("yearbook")
    tab = window.yearbook
    assert tab.view is not None
    first, second = tab.units_model.units[:2]
    for progress, contact in ((first, "王联络"), (second, "赵联络")):
        unit = progress.unit
        volumes.set_volume_unit(tab.conn, tab.view.volume.id, unit.name, UnitFields(
            contact, "13912345678", unit.deadline, unit.remarks))
    tab.reload()

    index = tab.units_model.index(0, 0)
    menu = tab.units_history.menu_at(tab.units_view.visualRect(index).center())
    assert menu is not None and [a.text() for a in menu.actions()] == ["修改记录…"]
    dialog = tab.units_history.open_for(index)
    assert dialog is not None
    assert dialog.windowTitle() == f"修改记录 — {first.name}（{tab.view.volume.title}）"
    rows = {r[3:] for r in _rows(dialog)}
    assert ("供稿单位·联系人", first.unit.contact, "王联络") in {
        (f.split("（")[0], o, n) for f, o, n in rows}
    assert not any("赵联络" in n for _f, _o, n in rows)  # the other unit's edit is not here
    assert any(n == "139****5678" for _f, _o, n in rows)  # the phone stays masked
