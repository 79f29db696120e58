"""导入花名册: parse in the background, preview (sheet, header, columns, rows with their
problems), re-parse on a changed sheet or column, refuse errors unless skipped, save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.people import list_people
from fangzhi_desktop.ui.dialogs.roster_import_dialog import RosterImportDialog
from fangzhi_desktop.ui.dialogs.roster_preview_model import ERROR_CELL_BACKGROUND
from fangzhi_desktop.ui.main_window import MainWindow
from tests.importers.roster_builders import (
    Sheet,
    make_id,
    person_row,
    standard_roster,
    synthetic_rows,
    with_bad_checksum,
    write_xlsx,
)
from tests.ui.conftest import wait_for_jobs

BORN = date(1985, 3, 12)


def _roster_with_errors(tmp_path: Path) -> Path:
    """Five good people (rows 4–8), a wrong check digit (row 9), an ID typed as a number
    (row 10); a second sheet that is not a roster."""
    people = synthetic_rows(5)
    people.append(person_row(6, "错号码", BORN, id_number=with_bad_checksum(make_id(BORN, 7))))
    people.append(person_row(7, "数字号", BORN, id_number=220102198503120000.0))
    other = Sheet("说明", [["填表说明"], ["身份证号码请设为文本格式。"]])
    return write_xlsx(tmp_path / "花名册.xlsx", standard_roster(people), other)


def _open(window: MainWindow, said, qtbot, path: Path) -> RosterImportDialog:
    window.select_tab("learning")
    said.answers["open_file"] = path
    qtbot.mouseClick(window.learning.people.import_button, Qt.MouseButton.LeftButton)
    dialog = window.learning.people.import_dialog
    assert isinstance(dialog, RosterImportDialog)
    wait_for_jobs(qtbot)
    return dialog


def _names(db: Path) -> list[str]:
    conn = open_database(db)
    try:
        return [p.name for p in list_people(conn)]
    finally:
        conn.close()


def test_preview_shows_what_was_found(make_window, tmp_path: Path, said, qtbot,
                                      qtmodeltester) -> None:
    window = make_window(tmp_path / "x.db")
    dialog = _open(window, said, qtbot, _roster_with_errors(tmp_path))
    assert dialog.isVisible()
    assert dialog.sheet_combo.currentText() == "花名册"
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == \
        ["花名册", "说明"]
    assert dialog.header_label.text() == "第3行"
    assert dialog.first_row_spin.value() == 4
    assert dialog.field_combos["name"].currentData() == "B"
    assert dialog.field_combos["name"].currentText() == "B列 姓名"
    assert dialog.field_combos["id_number"].currentData() == "F"
    model = dialog.model
    assert model.rowCount() == 7
    assert [model.data(model.index(r, 0)) for r in range(7)] == [str(r) for r in range(4, 11)]
    assert "识别出 7 人，其中 2 人有错误" in dialog.summary.text()
    qtmodeltester.check(model)

    # The rows with errors are red, the cell at fault redder, its tooltip says why.
    id_column = 1 + model.fields.index("id_number")
    bad = model.index(5, id_column)
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole).name() == ERROR_CELL_BACKGROUND.lower()
    assert "校验位" in model.data(bad, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, id_column), Qt.ItemDataRole.BackgroundRole) is None
    problems = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert any(p.startswith("错误：第9行 F列（公民身份号码）") for p in problems)
    assert any(p.startswith("错误：第10行 F列（公民身份号码）") and "数字" in p for p in problems)
    assert dialog.problem_title.text().startswith("发现的问题：2 处错误")

    # Double-clicking a problem selects its row.
    entry = next(dialog.problem_list.item(i) for i in range(dialog.problem_list.count())
                 if "第10行" in dialog.problem_list.item(i).text())
    dialog._go_to_problem(entry)
    assert dialog.view.currentIndex().row() == 6
    dialog.reject()


def test_errors_block_until_skipped(make_window, tmp_path: Path, said, qtbot) -> None:
    db = tmp_path / "x.db"
    window = make_window(db)
    dialog = _open(window, said, qtbot, _roster_with_errors(tmp_path))
    assert not dialog.import_button.isEnabled()
    assert "还有 2 处错误" in dialog.blocked.text()
    assert "只导入无误的行" in dialog.blocked.text()
    assert dialog.skip_check.isEnabled()

    dialog.skip_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert "将导入 5 人，跳过有错误的 2 人（第9、10行）" in dialog.blocked.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    assert not dialog.isVisible()
    assert said.texts("inform") == ["已导入花名册 5 人（新增 5 人，更新 0 人）。\n"
                                    "有错误的 2 人没有导入，改正后可再次导入。"]
    assert len(_names(db)) == 5
    people = window.learning.people
    assert people.stack.currentWidget() is people.splitter
    assert people.model.rowCount() == 5
    assert window.dashboard.learning.completion.text().startswith("0/5 人已完成")


def test_a_changed_column_reads_again(make_window, tmp_path: Path, said, qtbot) -> None:
    window = make_window(tmp_path / "x.db")
    dialog = _open(window, said, qtbot, _roster_with_errors(tmp_path))
    model = dialog.model
    department = 1 + model.fields.index("department")
    assert model.data(model.index(0, department)) == "办公室"
    dialog.set_column("department", "L")  # 职务 read as 科室
    wait_for_jobs(qtbot)
    assert dialog.mapping is not None and dialog.mapping["department"] == "L"
    assert model.data(model.index(0, department)) == "科员"
    assert any("L列同时作为" in dialog.problem_list.item(i).text()
               for i in range(dialog.problem_list.count()))
    dialog.set_column("id_number", None)  # no ID column: the number errors go
    wait_for_jobs(qtbot)
    assert "id_number" not in model.fields
    assert not dialog.roster.errors
    assert dialog.import_button.isEnabled()

    dialog.set_column("name", None)  # no name column: refused, the preview stays
    wait_for_jobs(qtbot)
    assert said.texts("error") == ["花名册.xlsx：没有指定“姓名”所在的列，无法导入。"]
    assert dialog.isVisible()
    assert dialog.field_combos["name"].currentData() == "B"
    assert model.rowCount() == 7
    dialog.reject()


def test_another_sheet_and_first_row(make_window, tmp_path: Path, said, qtbot) -> None:
    first = standard_roster(synthetic_rows(3), name="机关")
    second = standard_roster(synthetic_rows(4, start_seq=10)[1:], name="事业")
    path = write_xlsx(tmp_path / "两表.xlsx", first, second)
    window = make_window(tmp_path / "x.db")
    dialog = _open(window, said, qtbot, path)
    assert dialog.sheet_combo.currentText() == "机关"
    assert dialog.model.rowCount() == 3
    dialog.sheet_combo.setCurrentIndex(1)
    dialog.sheet_combo.activated.emit(1)
    wait_for_jobs(qtbot)
    assert dialog.roster.sheet == "事业"
    assert dialog.model.rowCount() == 3
    dialog.first_row_spin.setValue(5)  # skip the first person
    dialog.reparse()  # what the timer does after a pause in typing
    wait_for_jobs(qtbot)
    assert dialog.model.rowCount() == 2
    assert dialog.roster.first_data_row == 5
    dialog.reject()


def test_reimport_updates(make_window, tmp_path: Path, said, qtbot) -> None:
    db = tmp_path / "x.db"
    path = write_xlsx(tmp_path / "r.xlsx", standard_roster(synthetic_rows(4)))
    window = make_window(db)
    dialog = _open(window, said, qtbot, path)
    assert "将导入 4 人" in dialog.blocked.text()
    assert not dialog.skip_check.isEnabled()
    dialog.start_save()
    wait_for_jobs(qtbot)
    dialog = _open(window, said, qtbot, path)
    dialog.start_save()
    wait_for_jobs(qtbot)
    assert said.texts("inform")[-1] == "已导入花名册 4 人（新增 0 人，更新 4 人）。"
    assert len(_names(db)) == 4


def test_id_and_phone_numbers_are_masked_until_asked(qtbot, tmp_path) -> None:
    from fangzhi_desktop.ui.dialogs.roster_preview_model import RosterPreviewModel

    model = RosterPreviewModel()
    model.show_full_numbers = False
    assert model._shown("id_number", "51132319880604194X") == "5113**********194X"
    assert model._shown("phone", "13800001111") == "138****1111"
    assert model._shown("name", "张三") == "张三"
    model.set_show_full_numbers(True)
    assert model._shown("id_number", "51132319880604194X") == "51132319880604194X"
