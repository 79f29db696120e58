"""文件 → 导出交换包… / 导入交换包…: the dialogs and the window's flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fangzhi_desktop.operations.exchange_package import export_package
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.exchange_export import area_years
from fangzhi_desktop.ui.dialogs.package_dialogs import (
    ExportChoice,
    ExportPackageDialog,
    ImportPackageDialog,
)
from fangzhi_desktop.ui.dialogs.package_history_dialog import PackageHistoryDialog
from fangzhi_desktop.ui.main_window import MainWindow
from tests.storage.exchange_helpers import count
from tests.ui.conftest import wait_for_jobs


def test_export_dialog_choices_and_checks(qtbot: QtBot, demo_db: Path) -> None:
    dialog = ExportPackageDialog(None, area_years(open_database(demo_db)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.years.item(0).text() == "2027年"
    assert dialog.export_button.isEnabled()
    assert dialog.choice().areas == ["workpoints", "campaigns", "yearbook", "learning"]
    for box in dialog.areas.values():
        box.setChecked(False)
    assert not dialog.export_button.isEnabled() and dialog.problem.text() == "请至少选择一个方面。"
    dialog.areas["yearbook"].setChecked(True)
    for i in range(dialog.years.count()):
        if dialog.years.item(i).text() != "2023年":
            dialog.years.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.problem.text() == "所选年度和方面没有任何记录。"
    dialog.areas["workpoints"].setChecked(True)
    assert dialog.export_button.isEnabled()
    assert not dialog.warning.isVisibleTo(dialog)
    dialog.full_ids.click()
    assert dialog.warning.isVisibleTo(dialog) and "身份证号" in dialog.warning.text()
    qtbot.keyClicks(dialog.password, "secret2026")
    assert dialog.problem.text() == "两次输入的密码不一致。"
    qtbot.keyClicks(dialog.password_again, "secret2026")
    assert dialog.export_button.isEnabled()
    assert dialog.choice() == ExportChoice([2023], ["workpoints", "yearbook"], True, "secret2026")


def test_import_dialog_asks_for_the_password_then_shows_the_summary(
        qtbot: QtBot, demo_db: Path, tmp_path: Path) -> None:
    package = tmp_path / "e.fzpkg"
    export_package(open_database(demo_db), package, areas=["干部学习"], password="secret2026",
                   log_n=10)
    dialog = ImportPackageDialog(None, package, encrypted=True)
    qtbot.addWidget(dialog)
    assert dialog.password_row.isVisibleTo(dialog) and not dialog.import_button.isEnabled()
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    assert "密码不正确" in dialog.problem.text() and not dialog.import_button.isEnabled()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "secret2026")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_for_jobs(qtbot)
    assert dialog.problem.text() == ""
    assert "加密：已用密码加密" in dialog.summary.text()
    assert "学习活动58条" in dialog.summary.text()
    assert dialog.import_button.isEnabled()


def test_import_dialog_refuses_a_damaged_file(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.fzpkg"
    bad.write_bytes(b"PK\x03\x04 not really")
    dialog = ImportPackageDialog(None, bad, encrypted=False)
    qtbot.addWidget(dialog)
    wait_for_jobs(qtbot)
    assert "不是方志办公桌面的交换包" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()


def test_window_exports_and_imports_a_package(make_window, demo_db: Path, qtbot: QtBot,
                                              tmp_path: Path, said,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(demo_db)
    monkeypatch.setattr(ExportPackageDialog, "ask", classmethod(
        lambda cls, parent, conn: ExportChoice([2026], ["workpoints"], False, "")))
    said.answers["save_file"] = tmp_path / "县2026"
    window.export_package()
    wait_for_jobs(qtbot)
    package = tmp_path / "县2026.fzpkg"
    assert package.is_file()
    assert "工作要点条目6条" in said.texts("inform")[-1]

    city = tmp_path / "city.db"
    open_database(city).close()
    city_window = make_window(city)
    assert city_window.workpoints.years() == [] or 2026 not in city_window.workpoints.years()
    said.answers["open_file"] = package
    monkeypatch.setattr(ImportPackageDialog, "ask", classmethod(lambda cls, parent, path: ""))
    city_window.import_package()
    wait_for_jobs(qtbot)
    assert "新增" in said.texts("inform")[-1] and "已备份到" in said.texts("inform")[-1]
    assert count(city, "work_items") == 6
    assert 2026 in city_window.workpoints.years()
    _shows_the_import(city_window, package.name)


def _shows_the_import(window: MainWindow, file_name: str) -> None:
    """文件 → 交换包导入记录… after one import: one row with its time, office, years, areas."""
    assert window.package_history_action.text() == "交换包导入记录…"
    dialog = window.show_package_imports()
    assert isinstance(dialog, PackageHistoryDialog)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["导入时间", "来源单位", "年度", "范围", "文件"]
    assert model.rowCount() == 1 and dialog.count_label.text() == "共导入 1 次"
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[2:] == ["2026", "工作要点", file_name]
    assert row[0].startswith("20") and row[1]


def test_the_import_history_is_empty_at_first(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PackageHistoryDialog(open_database(tmp_path / "new.db"))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.count_label.text() == "还没有导入过交换包（文件 → 导入交换包…）。"
