"""设置 → 单位名录: merging two spellings of one unit, adding an alias."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fangzhi_desktop.importers.workpoints_notice import parse_text
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.units import find_unit
from fangzhi_desktop.storage.workpoints import list_items, save_plan
from fangzhi_desktop.ui.dialogs.units_dialog import UnitsDialog


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    conn = open_database(tmp_path / "u.db")
    save_plan(conn, parse_text("2025年工作要点\n一、综合\n1.甲。（县志办）\n"
                               "2.乙。（县志办公室牵头，年鉴科配合）\n3.丙。（年鉴科）\n"))
    return conn


def _row_of(dialog: UnitsDialog, name: str) -> int:
    return next(row for row in range(dialog.table.rowCount())
                if dialog.table.item(row, 0).text() == name)


def test_the_table_lists_units_with_their_item_counts(qtbot: QtBot,
                                                      db: sqlite3.Connection) -> None:
    dialog = UnitsDialog(None, db)
    qtbot.addWidget(dialog)
    counts = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text()
              for r in range(dialog.table.rowCount())}
    assert counts == {"县志办": "1", "县志办公室": "1", "年鉴科": "2"}
    assert not dialog.merge_button.isEnabled()  # nothing selected yet


def test_merging_two_spellings(qtbot: QtBot, db: sqlite3.Connection, said) -> None:
    dialog = UnitsDialog(None, db)
    qtbot.addWidget(dialog)
    changed: list[bool] = []
    dialog.changed.connect(lambda: changed.append(True))
    dialog.table.selectRow(_row_of(dialog, "县志办"))
    dialog.target.setCurrentIndex(dialog.target.findText("县志办公室"))
    said.answers["confirm"] = True
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "把“县志办”合并到“县志办公室”" in said.texts("confirm")[0]
    assert [i.lead for i in list_items(db, 2025)] == [["县志办公室"], ["县志办公室"], ["年鉴科"]]
    assert find_unit(db, "县志办") == find_unit(db, "县志办公室")
    row = _row_of(dialog, "县志办公室")
    assert dialog.table.item(row, 1).text() == "县志办"
    assert dialog.table.item(row, 2).text() == "2"
    assert changed == [True]


def test_declining_the_merge_changes_nothing(qtbot: QtBot, db: sqlite3.Connection,
                                             said) -> None:
    dialog = UnitsDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(_row_of(dialog, "县志办"))
    said.answers["confirm"] = False
    dialog.merge_button.click()
    assert find_unit(db, "县志办") != find_unit(db, "县志办公室")


def test_an_alias_makes_a_later_import_name_the_same_unit(qtbot: QtBot,
                                                          db: sqlite3.Connection) -> None:
    dialog = UnitsDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(_row_of(dialog, "年鉴科"))
    dialog.alias.setText("年鉴编辑部")
    dialog.alias_button.click()
    assert dialog.table.item(_row_of(dialog, "年鉴科"), 1).text() == "年鉴编辑部"
    save_plan(db, parse_text("2026年工作要点\n一、综合\n1.丁。（年鉴编辑部）\n"))
    assert list_items(db, 2026)[0].lead == ["年鉴科"]



def test_a_merge_from_the_menu_refreshes_the_ledger(make_window, demo_db: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(demo_db)
    reloaded: list[bool] = []
    monkeypatch.setattr(window.workpoints, "reload_years", lambda: reloaded.append(True))
    monkeypatch.setattr(UnitsDialog, "ask", classmethod(lambda cls, parent, conn: True))
    window.units_action.trigger()
    assert reloaded == [True]
