"""干部学习 → 政工简讯: the issues, composing a new one from learning activities and free
articles (next numbers proposed), exporting it as .docx, importing an existing issue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from fangzhi_desktop.storage import briefings as store
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.ui.dialogs.briefing_dialogs import (
    ActivityPickDialog,
    BriefingImportDialog,
    IssueDialog,
)
from fangzhi_desktop.ui.learning_briefings import BriefingsView
from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.widgets import to_qdate
from tests.conftest import SAMPLES
from tests.exporters.docx_checks import all_text
from tests.ui.conftest import type_text, wait_for_jobs

SEED_ISSUE = SAMPLES / "002_df6267391c5c8d51.txt"
NAME = "四川省地方志办政工简讯"


def _view(make_window, db: Path) -> tuple[MainWindow, BriefingsView]:
    window = make_window(db)
    window.select_tab("learning")
    window.learning.select_view("briefings")
    return window, window.learning.briefings


def _issues(db: Path) -> list[store.IssueSummary]:
    conn = open_database(db)
    try:
        return store.list_issues(conn)
    finally:
        conn.close()


def test_the_issues(make_window, demo_db: Path) -> None:
    window, view = _view(make_window, demo_db)
    model = view.model
    assert model.rowCount() == 2
    assert [model.data(model.index(0, c)) for c in range(4)] == \
        [NAME, "2021年第1期", "总第1期", "2021-01-13"]
    assert model.data(model.index(1, 1)) == "2020年第2期"
    assert view.current_id == model.issue(model.index(0, 0)).id
    assert NAME in view.preview.toPlainText()
    assert not window.learning.year_combo.isEnabled()  # issues are listed across the years
    window.learning.select_view("people")
    assert window.learning.year_combo.isEnabled()


def test_compose_export_and_undo(make_window, demo_db: Path, said, qtbot,
                                 tmp_path: Path) -> None:
    window, view = _view(make_window, demo_db)
    dialog = view.new_issue()
    assert isinstance(dialog, IssueDialog)
    assert dialog.name() == NAME
    assert dialog.when() == date(2026, 11, 23)
    # 第1期 of 2026, 总期号 continues after 总第2期.
    assert (dialog.issue_spin.value(), dialog.total_spin.value()) == (1, 3)
    assert dialog.numbers_hint.text() == "按已有各期顺延编排。"
    dialog.date.setDate(to_qdate(date(2020, 6, 1)))
    assert (dialog.issue_spin.value(), dialog.total_spin.value()) == (3, 3)
    dialog.date.setDate(to_qdate(date(2026, 11, 23)))
    assert dialog.issue_spin.value() == 1

    offered = dialog.activities_to_offer()
    assert offered and offered[0].start >= offered[-1].start
    assert {a.start.year for a in offered} <= {2025, 2026}
    picker = ActivityPickDialog(dialog, offered)
    central = [n for n, a in enumerate(offered) if a.type_name == "理论学习中心组学习"][:1]
    picker.set_checked(central)
    dialog.add_activities(picker.chosen())
    assert dialog.article_list.count() == 1
    activity = offered[central[0]]
    first = dialog.articles[0]
    assert first.title == activity.title.rstrip("。")
    assert first.paragraphs[0].startswith(f"{activity.start.month}月{activity.start.day}日，")
    assert first.origin == f"learning:{activity.id}"
    assert "孙立军、王淑华、李建国等7人参加" in first.paragraphs[-1]

    dialog.add_article()
    assert dialog.article_list.count() == 2
    dialog.title_edit.setFocus()
    type_text(dialog.title_edit, "我办开展保密教育")
    dialog.body_edit.setPlainText("11月20日，办机关开展保密教育。\n全体干部职工参加。")
    dialog.attribution_edit.setText("（办公室）")
    assert dialog.article_list.item(1).text() == "2. 我办开展保密教育"
    dialog.move_article(-1)
    assert dialog.articles[0].title == "我办开展保密教育"
    dialog.copies.setValue(60)
    dialog.accept()
    assert not dialog.isVisible()

    issues = _issues(demo_db)
    assert len(issues) == 3
    new = issues[0]
    assert (new.year, new.issue, new.total_issue, new.article_count) == (2026, 1, 3, 2)
    assert view.current_id == new.id
    assert view.model.data(view.model.index(0, 1)) == "2026年第1期"
    assert "我办开展保密教育" in view.preview.toPlainText()
    assert window.undo_action.text() == "撤销 新建简报2026年第1期（总第3期）"

    out = tmp_path / "简讯.docx"
    said.answers["save_file"] = out
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    text = all_text(out)
    assert NAME in text
    assert "第1期" in text and "总第3期" in text
    assert "我办开展保密教育" in text and "（办公室）" in text
    assert said.texts("offer_open")[0].startswith(f"已导出：{out}")

    window.undo_action.trigger()
    assert len(_issues(demo_db)) == 2
    assert view.model.rowCount() == 2


def test_edit_and_delete(make_window, demo_db: Path, said) -> None:
    window, view = _view(make_window, demo_db)
    issue_id = view.current_id
    dialog = view.edit_current()
    assert dialog is not None and dialog.issue_id == issue_id
    assert dialog.article_list.count() == 2
    dialog.title_edit.setText("改过的标题")
    dialog.accept()
    assert view.current_id == issue_id
    assert "改过的标题" in view.preview.toPlainText()
    window.undo_action.trigger()
    assert "改过的标题" not in view.preview.toPlainText()

    # Numbers another issue has are refused; the dialog stays open to correct them.
    dialog = view.edit_current()
    dialog.date.setDate(to_qdate(date(2020, 5, 22)))
    dialog.issue_spin.setValue(2)
    dialog.accept()
    assert "已经存在" in said.texts("error")[0]
    assert dialog.isVisible()
    dialog.reject()

    said.answers["confirm"] = True
    view.delete_current()
    assert len(_issues(demo_db)) == 1
    window.undo_action.trigger()
    assert len(_issues(demo_db)) == 2


def test_import_an_existing_issue(make_window, tmp_path: Path, said, qtbot) -> None:
    db = tmp_path / "x.db"
    _window, view = _view(make_window, db)
    assert view.stack.currentWidget() is view.empty_label
    said.answers["open_file"] = SEED_ISSUE
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    dialog = view.import_dialog
    assert isinstance(dialog, BriefingImportDialog)
    wait_for_jobs(qtbot)
    assert dialog.name_edit.text() == NAME
    assert (dialog.issue_spin.value(), dialog.total_spin.value()) == (2, 2)
    assert dialog.articles.count() == 1
    assert "学习会" in dialog.preview.toPlainText()
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    assert not dialog.isVisible()
    issues = _issues(db)
    assert [(i.year, i.issue, i.total_issue) for i in issues] == [(2020, 2, 2)]
    assert view.model.rowCount() == 1

    # The same issue again: refused unless 替换 is ticked.
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    dialog = view.import_dialog
    wait_for_jobs(qtbot)
    assert dialog.replace_check.isVisible()
    assert not dialog.import_button.isEnabled()
    assert "已经导入过" in dialog.blocked.text()
    dialog.replace_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.start_save()
    wait_for_jobs(qtbot)
    assert len(_issues(db)) == 1
