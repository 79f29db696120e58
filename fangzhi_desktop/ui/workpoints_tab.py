"""年度工作要点: the ledger of one year's items with filters, details, import and export."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.workpoints import EntryKind, Status, WorkItem
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.units import list_units
from fangzhi_desktop.storage.workpoints import ItemFilter
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.keyboard import enter_opens
from fangzhi_desktop.ui.settings import Settings
from fangzhi_desktop.ui.widgets import empty_label
from fangzhi_desktop.ui.workpoints_commands import (
    AddLogEntry,
    EditItem,
    ExtendDeadline,
    SetStatus,
    push,
)
from fangzhi_desktop.ui.workpoints_detail import ItemDetailPane
from fangzhi_desktop.ui.workpoints_exports import ExportKind, WorkpointsExports
from fangzhi_desktop.ui.workpoints_model import Column, WorkpointsModel

SEARCH_DELAY_MS = 200
EMPTY_TEXT = "还没有导入工作要点 — 点击“导入…”选择通知文件（.txt 或 .docx）"
NOTICE_FILTER = "工作要点通知 (*.txt *.docx);;所有文件 (*)"
COLUMN_WIDTHS = {Column.NO: 56, Column.TEXT: 270, Column.LEAD: 100, Column.SUPPORT: 90,
                 Column.STATUS: 54, Column.GRADE: 44, Column.PROGRESS: 160}


class WorkpointsTab(QWidget):
    """The ledger. Reads through the GUI thread's connection; long work goes to jobs."""

    data_changed = Signal()  # after any write: edits, import, carry-over

    def __init__(self, conn: sqlite3.Connection, db_path: Path, undo_stack: QUndoStack,
                 clock: Callable[[], date], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.db_path = db_path
        self.undo_stack = undo_stack
        self.clock = clock
        self.settings = settings
        self.current_id: int | None = None
        self.import_dialog: QWidget | None = None
        self._reloading = False
        self._build()
        enter_opens(self.tree, self.detail.buttons["edit"].click)
        self.reload_years()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setMinimumContentsLength(6)
        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumContentsLength(8)
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_combo = QComboBox()
        self.status_combo.addItem("全部", None)
        for status in Status:
            self.status_combo.addItem(status.value, status.value)
        self.overdue_check = QCheckBox("只看逾期")
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索内容、单位、进展…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.import_button = QPushButton("导入…")
        self.import_button.setToolTip("从通知文件（.txt 或 .docx）导入一年的工作要点")
        self.exports = WorkpointsExports(self, self.conn, self.db_path, self.clock,
                                         self.settings, self.year)
        self.export_button = self.exports.button
        # As tall and at least as wide as the push buttons beside it.
        hint = self.import_button.sizeHint()
        self.export_button.setMinimumSize(max(hint.width(), self.export_button.sizeHint().width()),
                                          hint.height())
        self.carry_button = QPushButton("结转未完成事项…")
        self.carry_button.setToolTip("把所选年度未完成的条目结转到下一年度继续督办")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度"))
        bar.addWidget(self.year_combo)
        bar.addSpacing(12)
        bar.addWidget(QLabel("责任单位"))
        bar.addWidget(self.unit_combo)
        bar.addWidget(QLabel("状态"))
        bar.addWidget(self.status_combo)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.search_edit, 1)
        bar.addSpacing(12)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.carry_button)

        self.model = WorkpointsModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        # Only as wide as needed: a date, or a date with （已延期N次） when a year has those.
        header.setSectionResizeMode(Column.DEADLINE, QHeaderView.ResizeMode.ResizeToContents)
        saved = self.settings.get(keys.WORKPOINTS_HEADER)
        if not saved.isEmpty():
            header.restoreState(saved)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.count_label)
        self.detail = ItemDetailPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([940, 340])
        saved = self.settings.get(keys.WORKPOINTS_SPLITTER)
        if not saved.isEmpty():
            self.splitter.restoreState(saved)

        self.empty_label = empty_label(EMPTY_TEXT)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.unit_combo.currentIndexChanged.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.overdue_check.toggled.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.reload)
        self.import_button.clicked.connect(self.start_import)
        self.carry_button.clicked.connect(self.start_carry_over)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.detail.action_requested.connect(self._action)

    def shutdown(self) -> None:
        """Stop pending work before the database closes."""
        self._search_timer.stop()

    def save_settings(self) -> None:
        self.settings.set(keys.WORKPOINTS_SPLITTER, self.splitter.saveState())
        self.settings.set(keys.WORKPOINTS_HEADER, self.tree.header().saveState())

    # --- Years and filters -----------------------------------------------------------------

    def year(self) -> int | None:
        data = self.year_combo.currentData()
        return int(data) if data is not None else None

    def years(self) -> list[int]:
        return [int(self.year_combo.itemData(i)) for i in range(self.year_combo.count())]

    def reload_years(self, select: int | None = None) -> None:
        """Re-read the years (newest first) and show ``select`` (default: the current one)."""
        wanted = select if select is not None else self.year()
        years = sorted(store.plan_years(self.conn), reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(f"{year}年", year)
        index = years.index(wanted) if wanted in years else 0
        self.year_combo.setCurrentIndex(index if years else -1)
        self.year_combo.blockSignals(False)
        has_plan = bool(years)
        self.stack.setCurrentIndex(1 if has_plan else 0)
        for widget in (self.year_combo, self.unit_combo, self.status_combo, self.overdue_check,
                       self.search_edit, self.carry_button):
            widget.setEnabled(has_plan)
        self.exports.set_available(has_plan)
        self._year_changed()

    def select_year(self, year: int) -> None:
        if year not in self.years():
            raise FangzhiError(f"没有{year}年的工作要点。已有年度："
                               f"{'、'.join(map(str, sorted(self.years()))) or '无'}。")
        self.year_combo.setCurrentIndex(self.years().index(year))

    def _year_changed(self) -> None:
        year = self.year()
        previous = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem("全部", None)
        if year is not None:
            for unit in list_units(self.conn, used_in_year=year):
                self.unit_combo.addItem(unit.name, unit.id)
        found = self.unit_combo.findData(previous) if previous is not None else 0
        self.unit_combo.setCurrentIndex(max(found, 0))
        self.unit_combo.blockSignals(False)
        self.reload()

    def item_filter(self) -> ItemFilter:
        status = self.status_combo.currentData()
        return ItemFilter(
            unit_id=self.unit_combo.currentData(),
            status=Status(status) if status else None,
            overdue_on=self.clock() if self.overdue_check.isChecked() else None,
            search=self.search_edit.text().strip(),
        )

    def clear_filters(self) -> None:
        for widget in (self.unit_combo, self.status_combo, self.overdue_check, self.search_edit):
            widget.blockSignals(True)
        self.unit_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.search_edit.clear()
        self._search_timer.stop()
        for widget in (self.unit_combo, self.status_combo, self.overdue_check, self.search_edit):
            widget.blockSignals(False)
        self.reload()

    # --- Showing ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Query the items (filtered in SQL) and show them, keeping the current item."""
        self._search_timer.stop()
        year = self.year()
        flt = self.item_filter()
        if year is None:
            items, sections = [], None
        else:
            items = store.list_items(self.conn, year, flt)
            sections = None if flt != ItemFilter() else store.list_sections(self.conn, year)
        self._reloading = True
        try:
            self.model.set_items(items, self.clock(), sections)
            for row in range(self.model.rowCount()):
                self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
            self.tree.expandAll()
            index = self.model.index_of(self.current_id) if self.current_id else QModelIndex()
            if index.isValid():
                self._select_index(index)
        finally:
            self._reloading = False
        plan = store.get_plan(self.conn, year) if year is not None else None
        total = plan.item_count if plan else 0
        shown = self.model.item_count()
        self.count_label.setText(f"共 {total} 项" if shown == total
                                 else f"显示 {shown} 项（共 {total} 项）")
        self._refresh_detail()

    def _select_index(self, index: QModelIndex) -> None:
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return
        item = self.model.item(current)
        self.current_id = item.id if item else None
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        if self.current_id is None:
            self.detail.clear()
            return
        try:
            item = store.get_item(self.conn, self.current_id)
        except FangzhiError:
            self.current_id = None
            self.detail.clear()
            return
        self.detail.show_item(item, store.item_log(self.conn, item.id),
                              store.item_extensions(self.conn, item.id), self.clock())

    def current_item(self) -> WorkItem | None:
        return self.detail.item

    def select_item(self, item_id: int) -> bool:
        """Select an item of the shown year if it is visible; True when it is."""
        index = self.model.index_of(item_id)
        if not index.isValid():
            return False
        self.current_id = item_id
        self._select_index(index)
        self._refresh_detail()
        return True

    def select_first_item(self) -> bool:
        index = self.model.first_item_index()
        if not index.isValid():
            return False
        return self.select_item(self.model.item(index).id)  # type: ignore[union-attr]

    def show_item(self, year: int, item_id: int) -> None:
        """Jump to an item: its year, no filters, selected."""
        self.select_year(year)
        self.clear_filters()
        self.select_item(item_id)
        self.tree.setFocus()

    # --- Editing (undoable) ----------------------------------------------------------------

    def _after_edit(self, item_id: int) -> None:
        self.current_id = item_id
        try:
            year = store.get_item(self.conn, item_id).year
        except FangzhiError:
            year = None
        if year is not None and year != self.year() and year in self.years():
            self.year_combo.setCurrentIndex(self.years().index(year))
        else:
            self.reload()
        self.data_changed.emit()

    def _action(self, name: str) -> None:
        from fangzhi_desktop.ui.dialogs.item_dialogs import (  # not at start-up
            ExtensionDialog,
            ItemEditDialog,
            LogEntryDialog,
            StatusDialog,
        )

        item = self.current_item()
        if item is None:
            return
        today = self.clock()
        command = None
        if name == "history":
            from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog

            AuditDialog.show_record(self, self.conn, "work_items", item.id,
                                    f"{item.year}年 第{item.no}条")
        elif name in ("progress", "urge"):
            kind = EntryKind.PROGRESS if name == "progress" else EntryKind.URGE
            entry = LogEntryDialog.ask(self, item, today, kind)
            if entry is not None:
                command = AddLogEntry(self.conn, item.id, self._after_edit,
                                      entry_date=entry.entry_date, text=entry.text,
                                      reporter=entry.reporter, kind=entry.kind)
        elif name == "status":
            value = StatusDialog.ask(self, item, today)
            if value is not None:
                command = SetStatus(self.conn, item.id, self._after_edit, value)
        elif name == "extend":
            ext = ExtensionDialog.ask(self, item, today)
            if ext is not None:
                command = ExtendDeadline(self.conn, item.id, self._after_edit,
                                         new_deadline=ext.new_deadline, reason=ext.reason,
                                         decided_on=ext.decided_on)
        elif name == "edit":
            fields = ItemEditDialog.ask(self, item)
            if fields is not None:
                command = EditItem(self.conn, item.id, self._after_edit, fields)
        if command is not None:
            push(self.undo_stack, command, self)

    # --- Import, export, carry-over --------------------------------------------------------

    def start_import(self, path: Path | None = None) -> None:
        """Import a notice (asked for unless ``path`` is given, e.g. a dropped file)."""
        from fangzhi_desktop.ui.dialogs.workpoints_import_dialog import WorkpointsImportDialog

        path = path or prompts.open_file(self, "选择工作要点通知文件", NOTICE_FILTER,
                                         self.settings.get(keys.IMPORT_DIR))
        if path is None:
            return
        self.settings.set(keys.IMPORT_DIR, str(path.parent))
        dialog = WorkpointsImportDialog(self, self.db_path, store.plan_years(self.conn),
                                        fallback_year=self.clock().year)
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()
        dialog.load(path)

    def _imported(self, year: int) -> None:
        self.undo_stack.clear()  # a replaced plan leaves earlier edits nothing to act on
        self.current_id = None
        self.clear_filters()
        self.reload_years(select=year)
        self.data_changed.emit()

    def start_export(self, kind: ExportKind = ExportKind.XLSX) -> None:
        """导出 ▾: the Excel 台账 or one of the Word documents of the selected year."""
        self.exports.start(kind)

    def start_carry_over(self) -> None:
        year = self.year()
        if year is None:
            return
        unfinished = [i for i in store.list_items(self.conn, year) if not i.status.finished]
        if not unfinished:
            prompts.inform(self, "结转未完成事项", f"{year}年的条目都已完成，没有需要结转的事项。")
            return
        target = prompts.ask_year(self, "结转未完成事项",
                                  f"{year}年有 {len(unfinished)} 项未完成。结转到哪一年？",
                                  year + 1)
        if target is None:
            return
        with reporting(self), audit.action(self.conn, f"结转{year}年未完成事项至{target}年"):
            new_ids = store.carry_over(self.conn, year, target)
            if not new_ids:
                prompts.inform(self, "结转未完成事项",
                               f"{year}年的未完成事项都已结转过，没有再结转。")
                return
            self.current_id = None
            self.clear_filters()
            self.reload_years(select=target)
            self.data_changed.emit()
            prompts.inform(self, "结转未完成事项",
                           f"已把 {len(new_ids)} 项未完成事项结转到{target}年，"
                           f"请在{target}年的工作要点中继续督办。")
