"""The menu bar: 设置 lists every settings dialog; the shortcuts it shows are never shared."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui.dialogs.learning_rules_dialog import LearningRulesDialog


def menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found.extend(menu_actions(action.menu()))
        elif not action.isSeparator():
            found.append(action)
    return found


def test_settings_menu_opens_learning_rules(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db)
    settings = next(a.menu() for a in window.menuBar().actions() if a.text() == "设置(&S)")
    assert [a.text() for a in menu_actions(settings)] == [
        "单位信息…", "单位名录…", "公文字体检查…", "工作日历…", "学时规则…", "选项…"]
    window.learning_rules_action.trigger()
    dialog = window.learning.rules_dialog
    assert isinstance(dialog, LearningRulesDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "学时规则"
    dialog.reject()
    assert window.learning.rules_dialog is None


def test_every_shortcut_is_shown_once(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    actions = [a for top in window.menuBar().actions() for a in menu_actions(top.menu())]
    keys = [a.shortcut().toString() for a in actions if not a.shortcut().isEmpty()]
    assert {"Ctrl+I", "Ctrl+Z", "Ctrl+K", "Ctrl+,"} <= set(keys)
    assert len(keys) == len(set(keys)), f"a shortcut is used twice: {sorted(keys)}"
