"""干部学习 → 学习活动: the form (type, dates, hours by rule, attendees by 科室 with 请假),
undoable new / edit / delete, and an activity read from a news text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.ui.activity_form import AttendeeColumn
from fangzhi_desktop.ui.learning_activities import ActivitiesView
from fangzhi_desktop.ui.learning_models import ActivityColumn
from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.widgets import to_qdate
from tests.conftest import SAMPLES
from tests.ui.conftest import type_text, wait_for_jobs

SEED_NEWS = SAMPLES / "002_df6267391c5c8d51.txt"


def _view(make_window, db: Path) -> tuple[MainWindow, ActivitiesView]:
    window = make_window(db)
    window.select_tab("learning")
    window.learning.select_view("activities")
    return window, window.learning.activities


def _titles(view: ActivitiesView) -> list[str]:
    model = view.model
    return [model.data(model.index(r, ActivityColumn.TITLE)) for r in range(model.rowCount())]


def _stored(db: Path, year: int) -> list[store.Activity]:
    conn = open_database(db)
    try:
        return store.list_activities(conn, year)
    finally:
        conn.close()


def _department_row(view: ActivitiesView, name: str) -> int:
    model = view.form.attendees
    return next(r for r in range(model.rowCount()) if model.item(r, 0).text() == name)


def test_new_activity_with_computed_hours_and_undo(make_window, demo_db: Path,
                                                   qtbot, qtmodeltester) -> None:
    window, view = _view(make_window, demo_db)
    before = view.model.rowCount()
    assert view.form_stack.currentWidget() is view.placeholder
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    form = view.form
    assert view.form_stack.currentWidget() is form
    assert form.title_label.text() == "新建学习活动"
    assert not form.save_button.isEnabled()

    form.type_combo.setCurrentText("专题讲座")
    form.start_edit.setDate(to_qdate(date(2026, 11, 20)))
    assert form.rule_label.text() == "每半天4学时"
    assert form.hours_rule.text() == "按规则 4 学时"
    form.end_edit.setDate(to_qdate(date(2026, 11, 21)))  # two days: four half days
    assert form.days_label.text() == "共2天"
    assert form.hours_rule.text() == "按规则 16 学时"
    form.end_edit.setDate(to_qdate(date(2026, 11, 20)))
    assert form.hours_rule.text() == "按规则 4 学时"
    form.title_edit.setFocus()
    type_text(form.title_edit, "方志编纂业务专题讲座")
    assert form.title_edit.text() == "方志编纂业务专题讲座"
    type_text(form.host_edit, "孙立军")
    form.studied_edit.setPlainText("《地方志工作条例》\n《地方志书质量规定》")

    # 全选本科室: tick the 科室; 请假 for one of them.
    group = form.attendees.item(_department_row(view, "办公室"), 0)
    group.setCheckState(Qt.CheckState.Checked)
    assert all(group.child(r, 0).checkState() == Qt.CheckState.Checked
               for r in range(group.rowCount()))
    group.child(1, AttendeeColumn.LEAVE).setCheckState(Qt.CheckState.Checked)
    assert group.checkState() == Qt.CheckState.Checked
    assert form.people_label.text() == "已选 5 人，其中请假 1 人"
    qtmodeltester.check(form.attendees)
    assert form.save_button.isEnabled()

    assert view.save()
    assert view.model.rowCount() == before + 1
    row = view.model.row_of(view.current_id)
    assert view.model.data(view.model.index(row, ActivityColumn.TITLE)) == "方志编纂业务专题讲座"
    assert view.model.data(view.model.index(row, ActivityColumn.HOURS)) == "4"
    assert view.model.data(view.model.index(row, ActivityColumn.PEOPLE)) == "4人（请假1人）"
    saved = next(a for a in _stored(demo_db, 2026) if a.title == "方志编纂业务专题讲座")
    assert saved.hours == 4 and saved.units == 1 and len(saved.attendees) == 5
    assert saved.studied == ["《地方志工作条例》", "《地方志书质量规定》"]
    assert form.title_label.text() == "学习活动：方志编纂业务专题讲座"
    assert not form.dirty
    assert window.undo_action.text() == "撤销 新建学习活动“方志编纂业务专题讲座”"
    # The people view counts the new hours (赵敏 attended).
    zhao = next(p for p in window.learning.people.model.people() if p.person.name == "张晓梅")
    assert any(line.title == "方志编纂业务专题讲座" for line in zhao.lines)

    window.undo_action.trigger()
    assert view.model.rowCount() == before
    assert "方志编纂业务专题讲座" not in _titles(view)
    assert view.form_stack.currentWidget() is view.placeholder
    window.redo_action.trigger()
    assert "方志编纂业务专题讲座" in _titles(view)


def test_edit_manual_hours_and_delete(make_window, demo_db: Path, said) -> None:
    window, view = _view(make_window, demo_db)
    row = next(r for r, a in enumerate(view.model.activities()) if a.type_name == "主题党日")
    view.table.setCurrentIndex(view.model.index(row, 0))
    form = view.form
    original = view.model.activities()[row]
    assert form.activity_id == original.id
    assert form.title_edit.text() == original.title
    assert form.hours_rule.text() == "按规则 2 学时"
    form.manual_check.setChecked(True)
    form.hours_spin.setValue(3)
    assert form.dirty and form.save_button.isEnabled()
    assert view.save()
    assert view.model.data(view.model.index(view.model.row_of(original.id),
                                            ActivityColumn.HOURS)) == "3"
    window.undo_action.trigger()
    assert view.model.data(view.model.index(view.model.row_of(original.id),
                                            ActivityColumn.HOURS)) == "2"
    assert form.hours_rule.text() == "按规则 2 学时" and not form.manual_check.isChecked()

    # Leaving unsaved changes asks first; 取消 keeps them.
    form.title_edit.setText("改了没保存")
    said.answers["confirm"] = False
    other = next(r for r, a in enumerate(view.model.activities()) if a.id != original.id)
    view.table.setCurrentIndex(view.model.index(other, 0))
    assert form.title_edit.text() == "改了没保存"
    assert view.table.currentIndex().row() == view.model.row_of(original.id)
    qtbot_revert = form.revert_button
    qtbot_revert.click()
    assert form.title_edit.text() == original.title and not form.dirty

    said.answers["confirm"] = True
    count = view.model.rowCount()
    view.delete_button.click()
    assert view.model.rowCount() == count - 1
    assert original.title not in _titles(view) or _titles(view).count(original.title) == 0
    window.undo_action.trigger()
    assert view.model.rowCount() == count
    restored = next(a for a in view.model.activities() if a.title == original.title)
    assert len(restored.attendees) == len(original.attendees)


def test_errors_prevent_saving(make_window, demo_db: Path) -> None:
    _window, view = _view(make_window, demo_db)
    view.new_activity()
    form = view.form
    form.type_combo.setCurrentText("网络学习")
    form.host_edit.setText("x")
    assert form.hours_rule.text() == "按规则：请填写课程学时"
    messages = [p.message for p in form.errors()]
    assert "请填写活动名称（主题）。" in messages
    assert any("按课程学时计" in m for m in messages)
    assert not view.save()
    assert "不能保存" in form.problem_label.text()
    form.title_edit.setText("网上专题班")
    form.units_spin.setValue(12)
    assert form.hours_rule.text() == "按规则 12 学时"
    # A person's own hours must be a number.
    pid = form.attendees.person_ids()[0]
    form.attendees.set_picked([pid])
    form.attendees.set_hours(pid, "十")
    assert any("不是数字" in p.message for p in form.errors())
    form.attendees.set_hours(pid, "6")
    assert not form.errors()
    assert view.save()
    saved = next(a for a in view.model.activities() if a.title == "网上专题班")
    assert saved.attendees[0].hours == 6
    assert view.model.data(view.model.index(view.model.row_of(saved.id),
                                            ActivityColumn.HOURS)) == "按个人"


def test_import_from_a_news_text(make_window, demo_db: Path, said, qtbot) -> None:
    window, view = _view(make_window, demo_db)
    said.answers["open_file"] = SEED_NEWS
    qtbot.mouseClick(view.news_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    form = view.form
    assert view.form_stack.currentWidget() is form
    assert form.title_label.text() == "从新闻稿导入：请核对后保存"
    assert form.start() == date(2020, 5, 21)
    assert form.end() is None
    assert form.host_edit.text() == "陈建春"
    assert form.type_combo.currentText() == "理论学习中心组学习"
    assert form.hours_rule.text() == "按规则 3 学时"
    assert "中共中央办公厅印发的《关于持续解决" in form.studied_edit.toPlainText()
    assert form.notice.isVisibleTo(form)
    notice = form.notice_label.text()
    assert "陈建春（党组书记、主任）" in notice and "赵行" in notice
    assert "副处级以上干部" in notice
    assert form.source == SEED_NEWS.name
    assert form.dirty and form.save_button.isEnabled()

    # The user ticks who took part (the demo roster has none of the names in the text).
    group = form.attendees.item(_department_row(view, "办领导"), 0)
    group.setCheckState(Qt.CheckState.Checked)
    assert view.save()
    learning = window.learning
    assert learning.year() == 2020
    assert _titles(view) == ["省地方志办召开党组中心组（扩大）学习会 传达学习中央、省委文件和会议精神"]
    saved = _stored(demo_db, 2020)[0]
    assert saved.host == "陈建春" and len(saved.attendees) == 3 and saved.hours == 3
    assert saved.source == SEED_NEWS.name

    # Importing it again: the same type, date and title are flagged before saving.
    qtbot.mouseClick(view.news_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    said.answers["confirm"] = False
    assert not view.save()
    assert "可能重复" in [title for kind, title, _ in said.shown if kind == "confirm"]
    view.revert()
    assert view.form_stack.currentWidget() is view.placeholder


def test_unsaved_changes_hold_the_year_and_the_window(make_window, demo_db: Path,
                                                      said) -> None:
    window, view = _view(make_window, demo_db)
    view.new_activity()
    view.form.title_edit.setText("还没保存")
    learning = window.learning
    said.answers["confirm"] = False
    learning.year_combo.setCurrentIndex(learning.years().index(2025))
    assert learning.year() == 2026
    assert view.form.title_edit.text() == "还没保存"
    window.close()
    assert window.conn is not None  # still open
    said.answers["confirm"] = True
    learning.year_combo.setCurrentIndex(learning.years().index(2025))
    assert learning.year() == 2025
    assert view.form_stack.currentWidget() is view.placeholder


def test_ticking_a_department_leaves_out_a_removed_person(make_window, demo_db: Path,
                                                         said) -> None:
    from fangzhi_desktop.storage.people import list_people
    from fangzhi_desktop.storage.people_removal import remove_person

    conn = open_database(demo_db)
    removed = next(p for p in list_people(conn) if p.department == "办公室")
    remove_person(conn, removed.id or 0)
    conn.close()
    _window, view = _view(make_window, demo_db)
    view.new_button.click()
    form = view.form
    group = form.attendees.item(_department_row(view, "办公室"), 0)
    group.setCheckState(Qt.CheckState.Checked)
    states = {group.child(r, 0).text(): group.child(r, 0).checkState()
              for r in range(group.rowCount())}
    assert states.pop(f"已删除人员 #{removed.id}") == Qt.CheckState.Unchecked
    assert set(states.values()) == {Qt.CheckState.Checked}
    assert group.checkState() == Qt.CheckState.PartiallyChecked
    assert form.people_label.text() == f"已选 {len(states)} 人"
    said.answers["confirm"] = True  # closing the window drops the unsaved activity


def test_attendee_tree_is_built_when_an_activity_is_shown(make_window, demo_db: Path) -> None:
    """Opening the tab does not build the roster's tick-box tree (seconds at 100,000 people);
    showing an activity does, with every person of the roster."""
    _window, view = _view(make_window, demo_db)
    form = view.form
    assert form.attendees.rowCount() == 0
    view.new_activity()
    assert form.attendees.rowCount() > 0
    assert sorted(form.attendees.person_ids()) == sorted(
        p.id for p in form.people if p.id is not None)
