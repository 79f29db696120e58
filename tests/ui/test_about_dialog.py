"""帮助 → 关于 and 帮助 → 打开数据文件夹."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fangzhi_desktop import __version__
from fangzhi_desktop.ui.dialogs.about_dialog import AboutDialog, about_rows


def test_rows_name_version_and_folders(tmp_path: Path) -> None:
    rows = dict(about_rows(tmp_path / "data" / "fangzhi.db", tmp_path / "backups"))
    assert rows["版本"] == __version__
    assert rows["构建"] == "从源码运行"
    assert rows["Python"] == platform.python_version()
    assert rows["数据文件"] == str(tmp_path / "data" / "fangzhi.db")
    assert rows["数据文件夹"] == str(tmp_path / "data")
    assert rows["备份文件夹"] == str(tmp_path / "backups")
    assert rows["日志文件"].endswith("fangzhi.log")
    assert "PySide6" in rows["Qt"]


def test_copy_puts_everything_on_the_clipboard(qtbot, tmp_path: Path) -> None:
    dialog = AboutDialog(None, tmp_path / "fangzhi.db", tmp_path / "backups")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith("方志办公桌面\n版本：")
    assert f"备份文件夹：{tmp_path / 'backups'}" in copied
    assert dialog.copy_button.text() == "已复制"


def test_open_data_folder_button(qtbot, tmp_path: Path, said) -> None:
    dialog = AboutDialog(None, tmp_path / "fangzhi.db", tmp_path / "backups")
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert said.shown == [("open_url", "", str(tmp_path))]


def test_help_menu_opens_the_data_folder(make_window, demo_db: Path, said) -> None:
    window = make_window(demo_db)
    window.data_folder_action.trigger()
    assert said.shown == [("open_url", "", str(demo_db.parent))]
