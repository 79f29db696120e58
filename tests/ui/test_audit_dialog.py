"""修改记录 in the window: a work item's trail after an edit and its undo, a campaign task's,
a person's from the people list, and 文件 → 修改记录… with its filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt

from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.storage.audit_triggers import who
from fangzhi_desktop.storage.workpoints import StatusFields
from fangzhi_desktop.ui.audit_menu import HistoryMenu
from fangzhi_desktop.ui.dialogs import campaign_dialogs
from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog
from fangzhi_desktop.ui.dialogs.item_dialogs import LogValue, StatusDialog
from fangzhi_desktop.ui.learning_models import ID_ROLE
from fangzhi_desktop.ui.main_window import MainWindow
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import select_work_item


def _rows(dialog: AuditDialog) -> list[tuple[str, ...]]:
    proxy = dialog.proxy
    return [tuple(proxy.data(proxy.index(row, column))
                  for column in range(proxy.columnCount()))
            for row in range(proxy.rowCount())]


def _headers(dialog: AuditDialog) -> list[str]:
    return [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dialog.model.columnCount())]


def _open_tab(make_window, demo_db: Path, name: str) -> Any:
    """A window on the demo with tab ``name`` shown; returns the tab."""
    window = make_window(demo_db)
    window.select_tab(name)
    return getattr(window, name)


def _open_dialog(window: MainWindow) -> AuditDialog:
    dialogs = window.findChildren(AuditDialog)
    assert dialogs, "no 修改记录 window opened"
    return dialogs[-1]


def test_a_work_item_shows_its_edit_and_undo(make_window, demo_db: Path, monkeypatch,
                                             qtmodeltester) -> None:
    window = make_window(demo_db)
    tab = select_work_item(window)
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
    tab = _open_tab(make_window, demo_db, "campaigns")
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


def _history_at(history: HistoryMenu, index: QModelIndex) -> AuditDialog:
    """Right-click the row of ``index`` → 修改记录…"""
    menu = history.menu_at(history.view.visualRect(index).center())
    assert menu is not None and [a.text() for a in menu.actions()] == ["修改记录…"]
    dialog = history.open_for(index)
    assert dialog is not None
    return dialog


def _history_of_first_row(view: Any) -> list[tuple[str, ...]]:
    """修改记录… of the list's first row: the window's title, then its (字段, 原值, 新值)."""
    dialog = _history_at(view.history_menu, view.table.model().index(0, 0))
    return [(dialog.windowTitle(),), *(r[3:] for r in _rows(dialog))]


def test_a_person_from_the_people_list(make_window, demo_db: Path) -> None:
    people = _open_tab(make_window, demo_db, "learning").people
    index = people.proxy.index(0, 0)
    dialog = _history_at(people.history_menu, index)
    assert people.history_menu.menu_at(QPoint(-5, -5)) is None  # not on a row
    assert dialog.windowTitle() == f"修改记录 — {index.data()}"
    # The demo was built in one go: a person has no edits of their own yet.
    assert _rows(dialog) == [] and dialog.count_label.text() == "还没有修改记录。"


def test_the_whole_log_with_a_user_filter(make_window, demo_db: Path, monkeypatch,
                                          qtmodeltester) -> None:
    window = make_window(demo_db)
    tab = select_work_item(window)
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

    tab = _open_tab(make_window, demo_db, "yearbook")
    item = next(n for n in tab.view.nodes().values()
                if n.manuscript is not None and not n.manuscript.accepted)
    assert item.manuscript is not None
    manuscripts.record_review(tab.conn, item.manuscript.id, ReviewLevel.FIRST,
                              ReviewResult.RETURNED, DEMO_TODAY, "数据需核实", "张编辑")
    dialog = tab.show_history(item)
    assert dialog.windowTitle() == f"修改记录 — {item.node.title}"
    fields = {r[3]: r[5] for r in _rows(dialog)}
    assert fields["审稿·原因"] == "数据需核实" and fields["审稿·审稿人"] == "张编辑"


def _first_row(make_window, demo_db: Path, view_name: str) -> tuple[Any, int]:
    """The 干部学习 list ``view_name`` and the record id of its first row."""
    view = getattr(_open_tab(make_window, demo_db, "learning"), view_name)
    return view, int(view.table.model().index(0, 0).data(ID_ROLE))


def test_a_learning_activity_from_its_list(make_window, demo_db: Path) -> None:
    from fangzhi_desktop.storage import learning as store

    view, activity_id = _first_row(make_window, demo_db, "activities")
    activity = store.get_activity(view.ctx.conn, activity_id)
    assert activity is not None
    store.save_activity(view.ctx.conn, replace(activity, place="县委党校报告厅"))

    title, *changes = _history_of_first_row(view)
    assert title == (f"修改记录 — {activity.title}",)
    assert ("地点", activity.place, "县委党校报告厅") in changes


def test_a_briefing_issue_from_its_list(make_window, demo_db: Path) -> None:
    from fangzhi_desktop.storage import briefings as store

    view, issue_id = _first_row(make_window, demo_db, "briefings")
    issue = store.get_issue(view.ctx.conn, issue_id)
    assert issue is not None
    store.update_issue(view.ctx.conn, issue.id, replace(issue, publisher="县志办编印组"))

    title, *changes = _history_of_first_row(view)
    assert title == (f"修改记录 — {issue.name}{issue.year}年第{issue.issue}期",)
    assert ("编印单位", issue.publisher, "县志办编印组") in changes


def test_a_yearbook_unit_shows_only_its_own_changes(make_window, demo_db: Path) -> None:
    from fangzhi_desktop.storage import yearbook as volumes
    from fangzhi_desktop.storage.yearbook import UnitFields

    tab = _open_tab(make_window, demo_db, "yearbook")
    assert tab.view is not None
    first, second = tab.units_model.units[:2]
    for progress, contact in ((first, "王联络"), (second, "赵联络")):
        unit = progress.unit
        volumes.set_volume_unit(tab.conn, tab.view.volume.id, unit.name, UnitFields(
            contact, "13912345678", unit.deadline, unit.remarks))
    tab.reload()

    dialog = _history_at(tab.units_history, tab.units_model.index(0, 0))
    assert dialog.windowTitle() == f"修改记录 — {first.name}（{tab.view.volume.title}）"
    rows = {r[3:] for r in _rows(dialog)}
    assert ("供稿单位·联系人", first.unit.contact, "王联络") in {
        (f.split("（")[0], o, n) for f, o, n in rows}
    assert not any("赵联络" in n for _f, _o, n in rows)  # the other unit's edit is not here
    assert any(n == "139****5678" for _f, _o, n in rows)  # the phone stays masked
