"""The main window: tabs, placeholders, menus, settings."""

from __future__ import annotations

from pathlib import Path

from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.placeholder import COMING_LATER
from fangzhi_desktop.ui.settings import WINDOW_TAB, Settings


def test_five_tabs_in_order(make_window, demo_db: Path) -> None:
    window: MainWindow = make_window(demo_db)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["总览", "年度工作要点", "专项活动", "年鉴编纂", "干部学习"]
    assert window.windowTitle() == "方志办公桌面 — demo.db"
    assert str(demo_db) in window.db_label.text()
    assert window.current_tab_key() == "dashboard"


def test_tabs_are_built_after_the_first_paint(make_window, demo_db: Path, qtbot) -> None:
    """Opening the window builds no tab; the one showing is built once the window is painted
    (issue 9: the frame appears at once, 总览 reads every area a moment later)."""
    window: MainWindow = make_window(demo_db)
    lazy = window._lazy
    assert not any(tab.built for tab in lazy.values())
    window.show()
    qtbot.waitUntil(lambda: lazy["dashboard"].built and window.dashboard.isVisible(),
                    timeout=3000)
    assert not any(lazy[k].built for k in ("workpoints", "campaigns", "yearbook", "learning"))
    window.select_tab("workpoints")
    assert lazy["workpoints"].built


def test_select_tab_by_key(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    for key in window.tab_keys():
        window.select_tab(key)
        assert window.current_tab_key() == key
    assert window.tabs.tabText(window.tabs.currentIndex()) == "干部学习"


def test_yearbook_tab_is_built(make_window, demo_db: Path) -> None:
    """The 年鉴编纂 tab is no longer a placeholder: it shows the demo volume."""
    window = make_window(demo_db)
    assert window.yearbook.current_year() == 2026
    assert COMING_LATER not in window.yearbook.strip.verdict_label.text()


def test_menus(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "设置(&S)", "帮助(&H)"]
    file_actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()
                    if not a.isSeparator()]
    assert file_actions == ["导入工作要点…", "导出", "导出交换包…", "导入交换包…", "交换包导入记录…",
                            "备份与恢复…", "修改记录…", "退出"]
    window.export_menu.aboutToShow.emit()  # filled when first opened
    exports = [a.text() for a in window.export_menu.actions() if not a.isSeparator()]
    assert exports == ["工作要点台账（Excel）…", "印发通知（公文）…", "落实情况通报（公文）…",
                       "落实情况台账（横版Word）…", "完成情况总结（公文）…"]
    settings_actions = [a.text() for a in window.menuBar().actions()[2].menu().actions()
                        if not a.isSeparator()]
    assert settings_actions == ["单位信息…", "单位名录…", "公文字体检查…", "工作日历…", "学时规则…",
                                "选项…"]
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "撤销"


def test_help_menu(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    help_actions = [a.text() for a in window.menuBar().actions()[3].menu().actions()
                    if not a.isSeparator()]
    assert help_actions == ["入门向导…", "打开数据文件夹", "关于"]


def test_about_shows_the_about_dialog(make_window, demo_db: Path) -> None:
    from fangzhi_desktop.ui.dialogs.about_dialog import AboutDialog

    window = make_window(demo_db)
    dialog = window._about()
    assert isinstance(dialog, AboutDialog)
    assert str(demo_db) in dialog.text()
    dialog.close()


def test_closing_remembers_the_tab_and_closes_the_database(make_window, demo_db: Path,
                                                           tmp_path: Path) -> None:
    window = make_window(demo_db)
    window.select_tab("yearbook")
    window.close()
    assert window.conn is None
    settings = Settings(tmp_path / "settings.ini")
    assert settings.get(WINDOW_TAB) == "yearbook"
    again = make_window(demo_db)
    assert again.current_tab_key() == "yearbook"


def test_settings_default_to_the_config_folder(tmp_path: Path) -> None:
    # conftest points XDG_CONFIG_HOME at a temporary folder: the real settings stay untouched.
    settings = Settings()
    assert settings.path is not None
    assert not str(settings.path).startswith(str(Path.home() / ".config"))
    memory = Settings.in_memory()
    memory.set(WINDOW_TAB, "learning")
    assert memory.get(WINDOW_TAB) == "learning"
    assert memory.path is None
