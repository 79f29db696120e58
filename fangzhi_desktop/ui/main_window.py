"""The main window: five tabs, menus, a shared undo stack, the database in the status bar."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # ``QtCore.Qt`` when used: building that namespace costs ~20 ms
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QTabWidget, QWidget

from fangzhi_desktop import APP_NAME
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.ui import jobs, preferences, prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.file_drop import FileDrop
from fangzhi_desktop.ui.lazy_tab import LazyTab
from fangzhi_desktop.ui.settings import Settings

if TYPE_CHECKING:
    from fangzhi_desktop.ui.dashboard_tab import DashboardTab
    from fangzhi_desktop.ui.workpoints_exports import ExportKind
    from fangzhi_desktop.ui.workpoints_tab import WorkpointsTab

TABS: tuple[tuple[str, str], ...] = (
    ("dashboard", "总览"),
    ("workpoints", "年度工作要点"),
    ("campaigns", "专项活动"),
    ("yearbook", "年鉴编纂"),
    ("learning", "干部学习"),
)
DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
    """``MainWindow(db_path, today=None, settings=None)``; opens (and owns) the database.

    ``today`` fixes the date used for overdue/due-soon grading (tests, screenshots); by
    default it is the real date each time it is asked. Raises ``FangzhiError`` when the
    database cannot be opened.
    """

    def __init__(self, db_path: str | Path, *, today: date | None = None,
                 settings: Settings | None = None, conn: sqlite3.Connection | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.conn: sqlite3.Connection | None = conn or open_database(self.db_path)
        self.clock: Callable[[], date] = (lambda: today) if today else date.today
        self.settings = settings or Settings()
        self.undo_stack = QUndoStack(self)
        self.fonts_dialog: QDialog | None = None
        self.search_dialog: Any = None
        self.restart_requested = False  # set by a restore: run() opens a new window
        self.backup_job: jobs.Job | None = None
        self.setWindowTitle(f"{APP_NAME} — {self.db_path.name}")
        preferences.apply_font(self.settings.get(keys.LARGE_FONT))  # before any text is built

        # Every tab is built when first shown or used, the one showing at start right after
        # the window's first paint: the window opens fast (总览 alone reads every area).
        self._lazy = {key: LazyTab(lambda k=key: self._build_tab(k),
                                   ready=lambda: self.conn is not None) for key, _ in TABS}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._tab_widgets: dict[str, QWidget] = dict(self._lazy)
        for key, title in TABS:
            self.tabs.addTab(self._tab_widgets[key], title)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self.file_drop = FileDrop(self)  # drop a file on the window to import it
        self.db_label = QLabel(f"数据文件：{self.db_path}")
        self.statusBar().addPermanentWidget(self.db_label)
        self._restore()
        self.tabs.currentChanged.connect(self._tab_changed)  # after the restored tab is set

    # --- Lazily built tabs -----------------------------------------------------------------

    def _build_tab(self, key: str) -> QWidget:
        if key == "dashboard":
            return self._build_dashboard()
        args = (self.conn, self.db_path, self.undo_stack, self.clock, self.settings)
        if key == "workpoints":
            from fangzhi_desktop.ui.workpoints_tab import WorkpointsTab

            tab: QWidget = WorkpointsTab(*args)
        elif key == "campaigns":
            from fangzhi_desktop.ui.campaigns_tab import CampaignsTab

            tab = CampaignsTab(*args)
        elif key == "yearbook":
            from fangzhi_desktop.ui.yearbook_tab import YearbookTab

            tab = YearbookTab(*args)
        else:
            from fangzhi_desktop.ui.learning_tab import LearningTab

            tab = LearningTab(*args)
        tab.data_changed.connect(self.refresh_dashboard)  # type: ignore[attr-defined]
        preferences.show_start_year(tab, self.settings)
        return tab

    def _build_dashboard(self) -> QWidget:
        from fangzhi_desktop.ui.dashboard_tab import DashboardTab

        dashboard = DashboardTab(self.conn, self.clock, db_path=self.db_path,
                                 settings=self.settings)
        dashboard.open_item.connect(self.open_item)
        dashboard.open_campaign.connect(self.open_campaign)
        dashboard.open_person.connect(self.open_person)
        dashboard.open_learning.connect(lambda: self.select_tab("learning"))
        dashboard.open_yearbook.connect(lambda: self.select_tab("yearbook"))
        return dashboard

    def refresh_dashboard(self) -> None:
        """Another tab changed data: 总览 reads it again (when it has been built at all)."""
        lazy = self._lazy["dashboard"]
        if lazy.built and self.conn is not None:
            lazy.ensure().refresh()  # type: ignore[attr-defined]

    @property
    def workpoints(self) -> WorkpointsTab:
        return self._lazy["workpoints"].ensure()  # type: ignore[return-value]

    @property
    def dashboard(self) -> DashboardTab:
        return self._lazy["dashboard"].ensure()  # type: ignore[return-value]

    @property
    def campaigns(self) -> Any:
        return self._lazy["campaigns"].ensure()

    @property
    def yearbook(self) -> Any:
        return self._lazy["yearbook"].ensure()

    @property
    def learning(self) -> Any:
        return self._lazy["learning"].ensure()

    # --- Menus -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        # ``setShortcuts`` rather than ``setShortcut``: the latter's overload resolution builds
        # PySide's whole ``Qt`` enum namespace (~25 ms) before the window is first painted.
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.import_action = QAction("导入工作要点…", self)
        self.import_action.setShortcuts([QKeySequence("Ctrl+I")])
        self.import_action.triggered.connect(self._import)
        quit_action = QAction("退出", self)
        quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(self.import_action)
        self.backup_action = QAction("备份与恢复…", self)
        self.backup_action.setStatusTip("查看备份、立即备份、从备份恢复、更改备份文件夹")
        self.backup_action.triggered.connect(self.show_backups)
        self.export_menu = file_menu.addMenu("导出")
        self.export_menu.setToolTipsVisible(True)
        self._export_actions: dict[ExportKind, QAction] | None = None
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        file_menu.addSeparator()
        self.package_export_action = file_menu.addAction("导出交换包…", self.export_package)
        self.package_export_action.setStatusTip("把所选年度和方面的数据导出为交换包，报送上级")
        self.package_import_action = file_menu.addAction("导入交换包…", self.import_package)
        self.package_import_action.setStatusTip("合并其他单位导出的交换包（先备份，不会重复）")
        self.package_history_action = file_menu.addAction("交换包导入记录…",
                                                          self.show_package_imports)
        self.package_history_action.setStatusTip("查看何时导入了哪个单位的哪些年度和方面")
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        self.audit_action = QAction("修改记录…", self)
        self.audit_action.setStatusTip("查看谁在何时修改了哪些内容（修改前后的值）")
        self.audit_action.triggered.connect(self.show_audit_log)
        file_menu.addAction(self.audit_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu("编辑(&E)")
        self.undo_action = self.undo_stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.search_action = QAction("搜索…", self)
        self.search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
        self.search_action.setStatusTip("在工作要点、专项活动任务、年鉴篇目、人员和学习活动中搜索")
        self.search_action.triggered.connect(self.show_search)
        edit_menu.addAction(self.search_action)

        settings_menu = bar.addMenu("设置(&S)")
        self.profile_action = QAction("单位信息…", self)
        self.profile_action.setStatusTip("填写单位名称、发文字号代字等，导出公文时使用")
        self.profile_action.triggered.connect(self.edit_profile)
        self.fonts_action = QAction("公文字体检查…", self)
        self.fonts_action.setStatusTip("查看本机是否装有公文标准字体")
        self.fonts_action.triggered.connect(self.check_fonts)
        self.units_action = QAction("单位名录…", self)
        self.units_action.setStatusTip("查看各责任单位，合并同一单位的不同写法")
        self.units_action.triggered.connect(self.edit_units)
        settings_menu.addAction(self.profile_action)
        settings_menu.addAction(self.units_action)
        settings_menu.addAction(self.fonts_action)
        self.calendar_action = QAction("工作日历…", self)
        self.calendar_action.setStatusTip("查看已有节假日安排的年份，添加新一年的节假日和调休安排")
        self.calendar_action.triggered.connect(self.edit_calendar)
        settings_menu.addAction(self.calendar_action)
        self.learning_rules_action = QAction("学时规则…", self)
        self.learning_rules_action.setStatusTip("学习类型及其学时计算方法、每年应修学时和结转上限")
        self.learning_rules_action.triggered.connect(lambda: self.learning.edit_rules())
        settings_menu.addAction(self.learning_rules_action)
        settings_menu.addSeparator()
        self.options_action = QAction("选项…", self)
        self.options_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.options_action.setStatusTip("启动年度、大字体、备份文件夹等全部设置")
        self.options_action.triggered.connect(self.show_options)
        settings_menu.addAction(self.options_action)

        help_menu = bar.addMenu("帮助(&H)")
        self.guide_action = help_menu.addAction("入门向导…", self.show_first_run)
        self.data_folder_action = help_menu.addAction("打开数据文件夹", self.open_data_folder)
        help_menu.addSeparator()
        about = QAction("关于", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    @property
    def export_actions(self) -> dict[ExportKind, QAction]:
        """文件 → 导出's entries: the 年度工作要点 tab's exports (filled when first needed)."""
        self._fill_export_menu()
        assert self._export_actions is not None
        return self._export_actions

    def _fill_export_menu(self) -> None:
        from fangzhi_desktop.ui.workpoints_exports import ExportKind

        if self._export_actions is not None or self.conn is None:
            return
        self._export_actions = {}
        for kind, source in self.workpoints.exports.actions.items():
            action = QAction(source.text(), self)
            action.setToolTip(source.toolTip())
            action.setStatusTip(source.statusTip())
            action.setEnabled(source.isEnabled())
            source.enabledChanged.connect(action.setEnabled)
            action.triggered.connect(lambda _checked=False, k=kind: self._export(k))
            self._export_actions[kind] = action
            self.export_menu.addAction(action)
            if kind is ExportKind.XLSX:
                self.export_menu.addSeparator()

    def _import(self) -> None:
        self.select_tab("workpoints")
        with reporting(self):
            self.workpoints.start_import()

    def _export(self, kind: ExportKind | None = None) -> None:
        from fangzhi_desktop.ui.workpoints_exports import ExportKind

        kind = kind or ExportKind.XLSX
        self.select_tab("workpoints")
        with reporting(self):
            self.workpoints.start_export(kind)

    def edit_profile(self) -> None:
        """设置 → 单位信息 (saved when the user clicks 确定)."""
        from fangzhi_desktop.ui.dialogs.office_profile_dialog import OfficeProfileDialog

        if self.conn is None:
            return
        with reporting(self):
            OfficeProfileDialog.ask(self, self.conn, self.clock().year)

    def show_audit_log(self) -> QDialog | None:
        """文件 → 修改记录… (window-modal, does not block)."""
        from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog

        return None if self.conn is None else AuditDialog.show_log(self, self.conn)

    # --- Backups ---------------------------------------------------------------------------

    def backup_folder(self) -> Path:
        from fangzhi_desktop.storage.backup import default_backup_dir

        chosen = self.settings.get(keys.BACKUP_DIR)
        return Path(chosen) if chosen else default_backup_dir()

    def start_daily_backup(self) -> jobs.Job:
        """At start-up, in the background: one verified backup a day, then the rotation."""
        from fangzhi_desktop.storage.backup import daily_backup

        folder = self.backup_folder()
        self.backup_job = jobs.start_job(
            self, "自动备份", jobs.in_database(self.db_path,
                                           lambda conn, _progress: daily_backup(conn, folder)),
            on_error=lambda exc: self.statusBar().showMessage(
                f"自动备份没有完成：{getattr(exc, 'message', exc)}", 15000))
        return self.backup_job

    def show_backups(self) -> None:
        from fangzhi_desktop.ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self, self.backup_folder(), self.db_path)
        dialog.backup_requested.connect(lambda: self._backup_now(dialog))
        dialog.restore_requested.connect(lambda path: self.restore_backup(path, dialog))
        dialog.folder_changed.connect(
            lambda folder: self.settings.set(keys.BACKUP_DIR, str(folder)))
        dialog.exec()

    def _backup_now(self, dialog: QDialog) -> None:
        from fangzhi_desktop.storage.backup import backup_before, rotate

        folder = self.backup_folder()

        def work(conn: sqlite3.Connection, _progress: object) -> Path:
            path = backup_before(conn, "手动", folder)
            rotate(folder)
            return path

        def done(path: Path) -> None:
            dialog.reload()  # type: ignore[attr-defined]
            prompts.inform(dialog, "备份完成", f"已备份并校验：\n{path}")

        self.backup_job = jobs.start_job(dialog, "正在备份", jobs.in_database(self.db_path, work),
                                         on_success=done)

    def restore_backup(self, backup: Path, dialog: QDialog | None = None) -> None:
        """Close the database, swap in the backup (the current file is backed up first),
        and ask ``run()`` for a fresh window on the restored data."""
        from fangzhi_desktop.storage.backup import restore

        if jobs.running():
            prompts.inform(self, "恢复备份", "还有导入、导出或备份正在进行，请等它完成后再恢复。")
            return
        jobs.wait_all()
        self.shutdown()
        with reporting(self):
            safety = restore(self.db_path, backup, self.backup_folder())
            self.restart_requested = True
            if dialog is not None:
                dialog.accept()
            prompts.inform(self, "恢复完成", "已从备份恢复。" + (
                f"恢复前的数据已备份到：\n{safety}" if safety else ""))
            self.close()
            return
        self.restart_requested = True  # the restore failed: reopen on the unchanged data
        self.close()

    def show_options(self) -> bool:
        """设置 → 选项… (Ctrl+,); True when saved."""
        from fangzhi_desktop.ui.dialogs.settings_dialog import SettingsDialog

        return bool(SettingsDialog(self).exec())

    def export_package(self) -> jobs.Job | None:
        from fangzhi_desktop.ui.dialogs import package_dialogs

        return package_dialogs.export_package(self)

    def import_package(self) -> jobs.Job | None:
        from fangzhi_desktop.ui.dialogs import package_dialogs

        return package_dialogs.import_package(self)

    def show_package_imports(self) -> QDialog | None:
        """文件 → 交换包导入记录… (does not block)."""
        from fangzhi_desktop.ui.dialogs.package_history_dialog import PackageHistoryDialog

        return None if self.conn is None else PackageHistoryDialog.show_for(self, self.conn)

    def edit_units(self) -> None:
        """设置 → 单位名录: merging two spellings changes the ledger, so refresh it."""
        from fangzhi_desktop.ui.dialogs.units_dialog import UnitsDialog

        if self.conn is None:
            return
        if UnitsDialog.ask(self, self.conn):
            if self._lazy["workpoints"].built:
                self.workpoints.reload_years()
            self.refresh_dashboard()

    def edit_calendar(self) -> None:
        """设置 → 工作日历 (a year is added at once)."""
        from fangzhi_desktop.ui.dialogs.calendar_dialog import CalendarDialog

        if self.conn is not None:
            CalendarDialog.ask(self, self.conn, self.clock())

    def check_fonts(self) -> None:
        """设置 → 公文字体检查 (window-modal, does not block)."""
        from fangzhi_desktop.ui.dialogs.fonts_dialog import FontsDialog

        dialog = FontsDialog(self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._fonts_closed)
        self.fonts_dialog = dialog
        dialog.open()

    def _fonts_closed(self) -> None:
        self.fonts_dialog = None

    def show_first_run(self) -> QDialog:
        """帮助 → 入门向导."""
        from fangzhi_desktop.ui.first_run import open_guide

        return open_guide(self)

    def open_data_folder(self) -> bool:
        """帮助 → 打开数据文件夹 (the folder holding the database)."""
        from fangzhi_desktop.ui.dialogs.about_dialog import open_folder

        return open_folder(self.db_path.parent)

    def _about(self) -> QDialog:
        from fangzhi_desktop.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self, self.db_path, self.backup_folder())
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- Tabs ------------------------------------------------------------------------------

    def tab_keys(self) -> list[str]:
        return [key for key, _ in TABS]

    def bring_to_front(self) -> None:
        """A second start on this database asked us to show ourselves."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def select_tab(self, key: str) -> QWidget:
        """Show the tab called ``key`` (dashboard, workpoints, campaigns, yearbook, learning)."""
        widget = self._tab_widgets.get(key)
        if widget is None:
            raise KeyError(key)
        self.tabs.setCurrentWidget(widget)
        return widget

    def current_tab_key(self) -> str:
        current = self.tabs.currentWidget()
        return next(key for key, widget in self._tab_widgets.items() if widget is current)

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, LazyTab) and self.conn is not None:
            if current is self._lazy["dashboard"] and current.built:
                self.refresh_dashboard()  # what the other tabs changed meanwhile
            current.ensure()

    def open_item(self, year: int, item_id: int) -> None:
        """Jump to an item in the work-points ledger."""
        self.select_tab("workpoints")
        with reporting(self):
            self.workpoints.show_item(year, item_id)

    def open_person(self, year: int, person_id: int) -> None:
        """Jump to a person's learning card (from the dashboard)."""
        self.select_tab("learning")
        with reporting(self):
            self.learning.show_person(year, person_id)

    def open_campaign(self, campaign_id: int, task_id: int = 0) -> None:
        """Jump to a campaign (and one of its tasks) in 专项活动."""
        self.select_tab("campaigns")
        with reporting(self):
            self.campaigns.show_task(campaign_id, task_id or None)

    def open_yearbook_node(self, year: int, node_id: int) -> None:
        """Jump to a 篇目 node of the volume ``year`` in 年鉴编纂."""
        self.select_tab("yearbook")
        with reporting(self):
            self.yearbook.show_node(year, node_id)

    def open_activity(self, year: int, activity_id: int) -> None:
        """Jump to a learning activity in 干部学习 → 学习活动."""
        self.select_tab("learning")
        with reporting(self):
            self.learning.select_view("activities")
            self.learning.select_year(year)
            self.learning.activities.show_activity(activity_id)

    def show_search(self) -> None:
        """编辑 → 搜索 (Ctrl+K, Ctrl+F): one dialog, kept for the next search."""
        from fangzhi_desktop.ui.search_dialog import SearchDialog, open_hit

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(lambda: self.conn, self)
            self.search_dialog.hit_chosen.connect(lambda hit: open_hit(self, hit))
        self.search_dialog.start()

    # --- Settings and closing --------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        key = self.settings.get(keys.WINDOW_TAB)
        if key in self._tab_widgets:
            self.select_tab(key)

    def closeEvent(self, event: QCloseEvent) -> None:
        if jobs.running():
            prompts.inform(self, APP_NAME, "还有导入或导出正在进行，请等它完成（或取消）后再退出。")
            event.ignore()
            return
        if self.conn is not None and self._lazy["learning"].built \
                and not self.learning.may_close():
            self.select_tab("learning")
            event.ignore()
            return
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_TAB, self.current_tab_key())
        if self._lazy["workpoints"].built:
            self.workpoints.save_settings()
        self.settings.sync()
        super().closeEvent(event)
        self.shutdown()

    def shutdown(self) -> None:
        """Close the database (idempotent). Background jobs use their own connections."""
        self.undo_stack.clear()
        for key in ("workpoints", "campaigns", "learning"):
            if self._lazy[key].built:
                self._lazy[key].ensure().shutdown()  # type: ignore[attr-defined]
        if self.conn is not None:
            self.conn.close()
            self.conn = None
