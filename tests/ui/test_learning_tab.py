"""干部学习 → 人员与学时 on the demo database (25 people, 4 short on 2026-11-23), the exports of
the year, and the dashboard's summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.people import list_people
from fangzhi_desktop.ui.dialogs.export_dialog import ExportChoice, ExportDocumentDialog
from fangzhi_desktop.ui.learning_models import PeopleColumn
from fangzhi_desktop.ui.learning_tab import LearningTab
from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.screenshot import take_screenshot
from tests.ui.conftest import wait_for_jobs

SHORT = ["韩志远", "王淑华", "黄雅琴", "邓晓光"]  # the demo's four, largest shortfall first


def _tab(make_window, demo_db: Path) -> tuple[MainWindow, LearningTab]:
    window = make_window(demo_db)
    window.select_tab("learning")
    return window, window.learning


def _column(tab: LearningTab, column: PeopleColumn) -> list[str]:
    model = tab.people.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_roster_with_its_hours(make_window, demo_db: Path, qtmodeltester) -> None:
    _window, tab = _tab(make_window, demo_db)
    assert tab.year() == 2026
    assert [tab.views.tabText(i) for i in range(3)] == ["人员与学时", "学习活动", "政工简讯"]
    people = tab.people
    assert people.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    assert [people.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)] == \
        ["姓名", "科室", "职务", "职级", "应修学时", "已修学时", "结转", "差额", "状态"]
    assert people.model.rowCount() == 25
    assert people.count_label.text() == "共 25 人，已完成 21 人"
    assert "21/25 人已完成" in tab.summary_label.text()
    statuses = _column(tab, PeopleColumn.STATUS)
    assert statuses.count("已完成") == 21 and statuses.count("未完成") == 4

    people.short_check.setChecked(True)
    assert people.model.rowCount() == 4
    assert sorted(_column(tab, PeopleColumn.NAME)) == sorted(SHORT)
    index = people.model.index(0, PeopleColumn.STATUS)
    assert people.model.data(index, Qt.ItemDataRole.BackgroundRole).name() == "#ffc7ce"
    assert "显示 4 人" in people.count_label.text()

    for model in (people.model, people.departments, people.card.model,
                  tab.activities.model, tab.briefings.model):
        qtmodeltester.check(model)


def test_filters_sorting_and_departments(make_window, demo_db: Path, qtbot) -> None:
    _window, tab = _tab(make_window, demo_db)
    people = tab.people
    combo = people.department_combo
    combo.setCurrentIndex(combo.findData("编研科"))
    assert people.model.rowCount() == 5
    assert set(_column(tab, PeopleColumn.DEPARTMENT)) == {"编研科"}
    people.short_check.setChecked(True)
    assert _column(tab, PeopleColumn.NAME) == ["黄雅琴"]
    people.clear_filters()
    people.search_edit.setText("王")
    qtbot.waitUntil(lambda: people.model.rowCount() == 2, timeout=2000)  # 王淑华, 王丽
    assert sorted(_column(tab, PeopleColumn.NAME)) == ["王丽", "王淑华"]
    people.clear_filters()
    people.table.sortByColumn(PeopleColumn.SHORTFALL, Qt.SortOrder.DescendingOrder)
    assert _column(tab, PeopleColumn.NAME)[:4] == SHORT

    deps = people.departments
    rows = [deps.data(deps.index(r, 0)) for r in range(deps.rowCount())]
    assert rows == ["办领导", "办公室", "年鉴编辑部", "编研科", "资料科（方志馆）", "合计"]
    assert deps.data(deps.index(5, 1)) == "25" and deps.data(deps.index(5, 2)) == "21"


def test_no_id_numbers_or_phones_in_the_table(make_window, demo_db: Path) -> None:
    _window, tab = _tab(make_window, demo_db)
    conn = open_database(demo_db)
    try:
        secrets = {v for p in list_people(conn) for v in (p.id_number, p.phone) if v}
    finally:
        conn.close()
    model = tab.people.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                text = str(model.data(model.index(row, column), role) or "")
                assert not any(secret in text for secret in secrets)


def test_a_persons_card(make_window, demo_db: Path) -> None:
    _window, tab = _tab(make_window, demo_db)
    people = tab.people
    person_id = next(p.person.id for p in people.model.people() if p.person.name == "周海涛")
    assert people.select_person(person_id)
    card = people.card
    assert card.name.text() == "周海涛"
    assert card.status.text() == "已完成"
    assert card.role.text() == "办公室 · 科员 · 三级主任科员"
    lines = [card.model.line(r) for r in range(card.model.rowCount())]
    assert lines and all(line.start.year == 2026 or line.end.year == 2026 for line in lines)
    leave = [r for r, line in enumerate(lines) if line.leave]
    assert len(leave) == 1  # 党日2
    assert card.model.data(card.model.index(leave[0], 3)) == "请假"
    assert "请假 1 次" in card.count.text()

    # Clicking a row in the table shows that person.
    short = next(p for p in people.model.people() if p.person.name == "韩志远")
    row = people.model.index(people.model.row_of(short.person.id), 0)
    people.table.setCurrentIndex(row)
    assert card.name.text() == "韩志远"
    assert card.status.text() == "未完成，差52学时"
    assert card.values["shortfall"].text() == "52"


def test_dashboard_summary_opens_the_card(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    summary = window.dashboard.learning
    assert summary.completion.text() == "21/25 人已完成，人均 98.22 学时"
    assert "韩志远" in summary.short.text() and "等4人" in summary.short.text()
    target = next(p for p in summary.stats.shortfall_list() if p.person.name == "王淑华")
    window.learning.people.short_check.setChecked(True)
    summary.short.linkActivated.emit(f"person:{target.person.id}")
    assert window.current_tab_key() == "learning"
    assert window.learning.people.card.name.text() == "王淑华"
    assert not window.learning.people.short_check.isChecked()
    window.select_tab("dashboard")
    summary.title.linkActivated.emit("tab")
    assert window.current_tab_key() == "learning"


def test_empty_database_explains_what_to_do(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "new.db")
    people = window.learning.people
    assert people.stack.currentWidget() is people.empty_label
    assert "导入花名册" in people.empty_label.text()
    assert not people.hours_button.isEnabled()
    assert people.import_button.isEnabled()
    assert window.dashboard.learning.completion.text() == "还没有导入花名册。"


def test_export_hours_workbook(make_window, demo_db: Path, said, qtbot, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _window, tab = _tab(make_window, demo_db)
    out = tmp_path / "out" / "学时"
    out.parent.mkdir()
    said.answers["save_file"] = out
    qtbot.mouseClick(tab.people.hours_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    written = out.with_name("学时.xlsx")
    assert written.exists()
    book = load_workbook(written, read_only=True)
    assert len(book.sheetnames) >= 2
    book.close()
    kinds = [kind for kind, *_ in said.shown]
    assert kinds == ["full_numbers", "save_file", "offer_open"]
    assert said.texts("offer_open") == [f"已导出：{written}"]


def test_export_report(make_window, demo_db: Path, said, qtbot, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.exporters.docx_checks import all_text

    _window, tab = _tab(make_window, demo_db)
    asked = []

    def ask(cls, parent, conn, options, when):
        asked.append((options.document, when))
        return ExportChoice(date(2026, 11, 23), 7)

    monkeypatch.setattr(ExportDocumentDialog, "ask", classmethod(ask))
    out = tmp_path / "通报.docx"
    said.answers["save_file"] = out
    said.answers["offer_open"] = "file"
    tab.people.report_button.click()
    wait_for_jobs(qtbot)
    assert asked == [("关于2026年度干部学习学时完成情况的通报", date(2026, 11, 23))]
    assert out.exists()
    text = all_text(out)
    assert "关于2026年度干部学习学时完成情况的通报" in text
    assert "〔2026〕7号" in text
    assert "发文字号" in said.texts("offer_open")[0]
    assert said.texts("open_url") == [str(out)]


def test_screenshot_shows_a_card(demo_db: Path, tmp_path: Path, qapp) -> None:
    out = take_screenshot(demo_db, "learning", tmp_path / "learning.png", size=(1024, 700))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)


def test_rules_dialog(make_window, demo_db: Path, said, qtmodeltester) -> None:
    from fangzhi_desktop.ui.dialogs.learning_rules_dialog import LearningRulesDialog

    window, tab = _tab(make_window, demo_db)
    tab.rules_button.click()
    dialog = tab.rules_dialog
    assert isinstance(dialog, LearningRulesDialog)
    qtmodeltester.check(dialog.types.model())
    names = [dialog.types.item(r, 0).text() for r in range(dialog.types.rowCount())]
    assert names[:2] == ["理论学习中心组学习", "专题讲座"]
    assert dialog.default_spin.value() == 90 and dialog.carry_spin.value() == 20
    assert dialog.ranks.rowCount() == 4

    # A type in use cannot go: the row comes back, nothing is lost.
    dialog.types.setCurrentCell(names.index("主题党日"), 0)
    dialog.remove_type()
    assert dialog.types.rowCount() == len(names) - 1
    dialog.accept()
    assert "不能删除" in said.texts("error")[0]
    assert dialog.isVisible()
    assert dialog.types.rowCount() == len(names)

    row = next(r for r in range(dialog.types.rowCount())
               if dialog.types.item(r, 0).text() == "主题党日")
    dialog.types.item(row, 2).setText("３")  # typed with a full-width digit
    new = dialog.add_type()
    dialog.types.item(new, 0).setText("读书班")
    dialog.default_spin.setValue(80)
    dialog.accept()
    assert not dialog.isVisible()
    assert tab.stats is not None and tab.stats.policy.default_hours == 80
    assert tab.stats.policy.from_year == 2026
    assert tab.people.model.people()[3].requirement == 80  # 张晓梅, 一级主任科员
    form = tab.activities.form
    assert form.rules["主题党日"].hours == 3
    assert "读书班" in form.rules
    assert window.dashboard.learning.stats.policy.default_hours == 80


def test_rules_dialog_refuses_bad_numbers(make_window, demo_db: Path) -> None:
    _window, tab = _tab(make_window, demo_db)
    dialog = tab.edit_rules()
    dialog.types.item(0, 2).setText("三")
    dialog.add_rank("", 0)
    dialog.add_rank("正处", 120)
    dialog.accept()
    assert "不是数字" in dialog.problem.text()
    assert dialog.isVisible()
    dialog.reject()


def test_a_whole_id_number_finds_the_person_and_sorting_keeps_the_selection(
        make_window, demo_db: Path, qtbot) -> None:
    _window, tab = _tab(make_window, demo_db)
    people = tab.people
    target = next(p for p in people.model.people() if p.person.id_number)
    people.search_edit.setText(target.person.id_number)
    people.apply_filter()
    assert _column(tab, PeopleColumn.NAME) == [target.person.name]
    assert target.person.id_number not in people.count_label.text()
    people.clear_filters()
    assert people.select_person(target.person.id)
    people.table.sortByColumn(PeopleColumn.EARNED, Qt.SortOrder.AscendingOrder)
    current = people.table.currentIndex()
    assert current.isValid() and people.model.person(current) is target
    assert people.card.name.text() == target.person.name
