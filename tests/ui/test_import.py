"""Importing a notice: parse in the background, preview and correct, save in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.ui.dialogs.import_preview_model import PreviewColumn, parse_date
from fangzhi_desktop.ui.dialogs.workpoints_import_dialog import WorkpointsImportDialog
from tests.conftest import SEED_WORKPOINTS
from tests.ui.conftest import wait_for_jobs


def _open_preview(window, said, qtbot, source: Path = SEED_WORKPOINTS) -> WorkpointsImportDialog:
    said.answers["open_file"] = source
    window.select_tab("workpoints")
    qtbot.mouseClick(window.workpoints.import_button, Qt.MouseButton.LeftButton)
    dialog = window.workpoints.import_dialog
    assert isinstance(dialog, WorkpointsImportDialog)
    wait_for_jobs(qtbot)
    return dialog


def _saved_items(db: Path, year: int) -> list[store.WorkItem]:
    conn = open_database(db)
    try:
        return store.list_items(conn, year)
    finally:
        conn.close()


def test_import_into_an_empty_database(make_window, tmp_path: Path, said, qtbot,
                                       qtmodeltester) -> None:
    db = tmp_path / "x.db"
    window = make_window(db, show=True)
    assert window.workpoints.stack.currentWidget() is window.workpoints.empty_label
    dialog = _open_preview(window, said, qtbot)
    assert dialog.isVisible()
    assert dialog.year_spin.value() == 2023
    assert "2023年工作要点" in dialog.title_edit.text()
    assert dialog.model.section_count() == 9
    assert dialog.model.item_count() == 40
    assert dialog.import_button.isEnabled()
    assert not dialog.errors()
    qtmodeltester.check(dialog.model)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    assert not dialog.isVisible()
    tab = window.workpoints
    assert tab.stack.currentWidget() is tab.splitter
    assert tab.year() == 2023
    assert tab.model.rowCount() == 9
    assert tab.model.item_count() == 40
    assert window.dashboard.body.currentWidget() is window.dashboard.content


def test_a_corrected_cell_is_what_gets_saved(make_window, tmp_path: Path, said,
                                             qtbot) -> None:
    db = tmp_path / "x.db"
    window = make_window(db, show=True)
    dialog = _open_preview(window, said, qtbot)
    index = dialog.model.item_index(1, PreviewColumn.LEAD)
    assert dialog.model.data(index) == "研究室"
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(index)
    qtbot.keyClick(dialog.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("办公室、研究室")  # what the user typed (QTest cannot type Chinese)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on the next event loop turn
    qtbot.waitUntil(lambda: dialog.model.data(index) == "办公室、研究室", timeout=2000)

    date_index = dialog.model.item_index(2, PreviewColumn.DATE)
    dialog.model.setData(date_index, "2023/6/30")
    assert dialog.model.data(date_index) == "2023-06-30"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    items = _saved_items(db, 2023)
    assert items[0].lead == ["办公室", "研究室"]
    assert items[1].deadline.isoformat() == "2023-06-30"
    assert items[1].deadline_rule == "人工指定"
    assert window.workpoints.model.items()[0].lead == ["办公室", "研究室"]


def test_errors_block_the_import_until_corrected(make_window, tmp_path: Path, said,
                                                 qtbot) -> None:
    window = make_window(tmp_path / "x.db", show=True)
    dialog = _open_preview(window, said, qtbot)
    text_index = dialog.model.item_index(3, PreviewColumn.TEXT)
    original = dialog.model.data(text_index)
    dialog.model.setData(text_index, "")
    assert not dialog.import_button.isEnabled()
    assert "1 处错误" in dialog.blocked.text()
    assert any("条目内容为空" in dialog.problem_list.item(i).text()
               for i in range(dialog.problem_list.count()))
    date_index = dialog.model.item_index(4, PreviewColumn.DATE)
    dialog.model.setData(date_index, "下个月")
    assert "2 处错误" in dialog.blocked.text()
    assert dialog.model.data(date_index, Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    dialog.model.setData(date_index, "6月底")  # a phrase typed as the date: resolved
    assert dialog.model.data(date_index) == "2023-06-30"
    assert "1 处错误" in dialog.blocked.text()
    dialog.model.setData(text_index, original)
    dialog.model.setData(date_index, "2023-06-30")
    assert dialog.import_button.isEnabled()
    no_index = dialog.model.item_index(5, PreviewColumn.NO)
    dialog.model.setData(no_index, "7")
    assert any("缺少第5、6条" in dialog.problem_list.item(i).text()
               for i in range(dialog.problem_list.count()))
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_changing_the_year_moves_the_deadlines(make_window, tmp_path: Path, said,
                                               qtbot) -> None:
    window = make_window(tmp_path / "x.db", show=True)
    dialog = _open_preview(window, said, qtbot)
    index = dialog.model.item_index(1, PreviewColumn.DATE)
    assert dialog.model.data(index) == "2023-12-31"
    dialog.year_spin.setValue(2024)
    assert dialog.model.data(index) == "2024-12-31"
    dialog.reject()


def test_reimporting_a_year_asks_before_replacing(make_window, demo_db: Path, said,
                                                  qtbot) -> None:
    window = make_window(demo_db, show=True)
    dialog = _open_preview(window, said, qtbot)
    assert "已经导入过" in dialog.blocked.text()
    said.answers["confirm"] = False
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "进展、催办和延期记录" in said.texts("confirm")[0]
    assert len(_saved_items(demo_db, 2023)[0:40]) == 40
    said.answers["confirm"] = True
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    items = _saved_items(demo_db, 2023)
    assert len(items) == 40
    assert all(item.last_progress == "" for item in items)  # the old log went with the plan
    assert window.workpoints.year() == 2023


def test_an_unreadable_file_is_explained(make_window, tmp_path: Path, said, qtbot) -> None:
    bad = tmp_path / "随便.txt"
    bad.write_text("这不是工作要点。\n", encoding="utf-8")
    window = make_window(tmp_path / "x.db", show=True)
    dialog = _open_preview(window, said, qtbot, bad)
    assert not dialog.isVisible()
    assert said.texts("error") and "没有找到工作要点条目" in said.texts("error")[0]


def test_a_notice_without_a_year_uses_this_year_and_says_so(make_window, tmp_path: Path,
                                                           said, qtbot) -> None:
    notice = tmp_path / "要点.txt"
    notice.write_text("一、依法治志工作\n1.做好条例宣传工作，6月底前完成。（研究室）\n"
                      "2.开展贯彻落实情况调研。（研究室牵头，办公室配合）\n", encoding="utf-8")
    window = make_window(tmp_path / "x.db", show=True)
    dialog = _open_preview(window, said, qtbot, notice)
    assert dialog.isVisible()
    assert dialog.year_spin.value() == 2026  # DEMO_TODAY's year
    assert dialog.model.item_count() == 2
    assert dialog.model.data(dialog.model.item_index(1, PreviewColumn.DATE)) == "2026-06-30"
    assert any("没有写明年度" in dialog.problem_list.item(i).text()
               for i in range(dialog.problem_list.count()))
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_cancelled_file_choice_does_nothing(make_window, demo_db: Path, said) -> None:
    window = make_window(demo_db)
    said.answers["open_file"] = None
    window.workpoints.import_button.click()
    assert window.workpoints.import_dialog is None


def test_parse_date_forms() -> None:
    assert parse_date("2023-6-30").isoformat() == "2023-06-30"
    assert parse_date("2023年6月30日").isoformat() == "2023-06-30"
    assert parse_date("2023.02.30") is None
    assert parse_date("年底") is None
