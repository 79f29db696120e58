"""设置 → 选项: start year, large font and backup folder persist across a window restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui import preferences
from fangzhi_desktop.ui.dialogs.settings_dialog import PAGES, SettingsDialog


@pytest.fixture
def normal_font(qapp: QApplication):
    """The large font changes the whole application: put it back after the test."""
    yield preferences.apply_font(False, qapp)
    preferences.apply_font(False, qapp)


def test_settings_survive_a_restart(make_window, demo_db: Path, qtbot: QtBot, said,
                                    tmp_path: Path, normal_font: float) -> None:
    window = make_window(demo_db)
    assert window.workpoints.year() == 2026  # by default the latest year
    assert window.options_action.shortcut().toString() == "Ctrl+,"
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert [dialog.pages.item(i).text() for i in range(dialog.pages.count())] == list(PAGES)
    dialog.year_combo.setCurrentIndex(dialog.year_combo.findData(2023))
    dialog.large_font.setChecked(True)
    said.answers["choose_folder"] = tmp_path / "备份"
    dialog.select_page("备份")
    dialog._choose_backup()
    assert str(tmp_path / "备份") == dialog.backup_edit.text()
    dialog.accept()
    big = QApplication.font().pointSizeF()
    assert big == pytest.approx(normal_font * 1.25, abs=0.11)  # applied live
    window.close()

    preferences.apply_font(False)
    again = make_window(demo_db)
    assert again.workpoints.year() == 2023
    assert again.learning.year() == 2026  # no activities in 2023: the tab keeps its choice
    assert QApplication.font().pointSizeF() == pytest.approx(big)  # applied at start
    assert again.backup_folder() == tmp_path / "备份"
    reopened = SettingsDialog(again)
    qtbot.addWidget(reopened)
    assert reopened.year_combo.currentData() == 2023 and reopened.large_font.isChecked()
    reopened.large_font.setChecked(False)
    reopened.accept()
    assert QApplication.font().pointSizeF() == pytest.approx(normal_font)


def test_cancel_changes_nothing(make_window, demo_db: Path, qtbot: QtBot,
                                normal_font: float) -> None:
    window = make_window(demo_db)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.large_font.setChecked(True)
    dialog.year_combo.setCurrentIndex(dialog.year_combo.findData(2023))
    dialog.reject()
    assert QApplication.font().pointSizeF() == pytest.approx(normal_font)
    from fangzhi_desktop.ui import settings as keys

    assert window.settings.get(keys.START_YEAR) == 0


def test_pages_open_the_existing_dialogs(make_window, demo_db: Path, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(demo_db)
    opened: list[str] = []
    for name in ("edit_profile", "edit_calendar", "check_fonts"):
        monkeypatch.setattr(window, name, lambda n=name: opened.append(n))
    monkeypatch.setattr(window.learning, "edit_rules", lambda: opened.append("rules"))
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QPushButton

    for title in ("单位信息", "学时规则", "工作日历", "公文字体"):
        dialog.select_page(title)
        assert dialog.page_title() == title
        dialog.stack.currentWidget().findChild(QPushButton).click()
    assert opened == ["edit_profile", "rules", "edit_calendar", "check_fonts"]
    assert dialog.office_label.text().startswith("单位全称：")
