"""学习活动: the year's activities above, the form of the selected (or new) one below.

新建 / 保存 / 删除 are undoable commands on the window's undo stack. 从新闻稿导入… reads a
news text in the background and fills the same form for the user to confirm.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.learning import Activity, HourRule
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.importers.learning_news import ParsedActivity
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.activity_form import ActivityForm
from fangzhi_desktop.ui.audit_menu import HistoryMenu, records_by_id
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.jobs import Job, in_database, start_job
from fangzhi_desktop.ui.learning_commands import AddActivity, DeleteActivity, EditActivity, push
from fangzhi_desktop.ui.learning_context import LearningContext
from fangzhi_desktop.ui.learning_models import ID_ROLE, ActivitiesModel, ActivityColumn
from fangzhi_desktop.ui.widgets import empty_label, record_table

NEWS_FILTER = "新闻稿、简讯 (*.txt *.docx);;所有文件 (*)"
NOTHING_SELECTED = "在上方选择一次学习活动查看和修改，或点击“新建活动”“从新闻稿导入…”。"
ACTIVITY_WIDTHS = {ActivityColumn.DATE: 150, ActivityColumn.TYPE: 130, ActivityColumn.HOST: 90,
                   ActivityColumn.HOURS: 64, ActivityColumn.PEOPLE: 120}


def _read_news(path: Path, conn: sqlite3.Connection, _progress: Progress) -> ParsedActivity:
    from fangzhi_desktop.importers.learning_news import read_activity
    from fangzhi_desktop.storage.people import list_people

    return read_activity(path, roster=list_people(conn), rules=store.list_rules(conn))


class ActivitiesView(QWidget):
    """``changed(activity_id)`` after a save, a delete, an undo or a redo (0: none)."""

    changed = Signal(int)

    def __init__(self, ctx: LearningContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self.news_job: Job | None = None
        self._saving = False
        self._selecting = False
        self._build()

    def _build(self) -> None:
        self.new_button = QPushButton("新建活动")
        self.new_button.setToolTip("录入一次学习活动：类型、日期、主题、参加人员……")
        self.news_button = QPushButton("从新闻稿导入…")
        self.news_button.setToolTip("从报道学习活动的新闻稿或简讯（.txt 或 .docx）识别一次活动，"
                                    "核对后保存")
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("删除所选的学习活动（可撤销）")
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.news_button)
        bar.addWidget(self.delete_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.model = ActivitiesModel(self)
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        for column, width in ACTIVITY_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(ActivityColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        self.empty_list = empty_label("这一年还没有学习活动。点击“新建活动”录入，"
                                      "或“从新闻稿导入…”。")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty_list)
        self.list_stack.addWidget(self.table)

        self.form = ActivityForm()
        self.placeholder = empty_label(NOTHING_SELECTED)
        self.form_stack = QStackedWidget()
        self.form_stack.addWidget(self.placeholder)
        self.form_stack.addWidget(self.form)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.form_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([250, 420])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.new_button.clicked.connect(self.new_activity)
        self.news_button.clicked.connect(self.start_news_import)
        self.delete_button.clicked.connect(self.delete_current)
        self.form.save_button.clicked.connect(self.save)
        self.form.revert_button.clicked.connect(self.revert)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self._update_buttons()
        self.history_menu = HistoryMenu(self.table, lambda: self.ctx.conn, records_by_id(
            "learning_activities", ID_ROLE, (ActivityColumn.TITLE,)))

    # --- Data ------------------------------------------------------------------------------

    def set_data(self, year: int, activities: Sequence[Activity], rules: Sequence[HourRule],
                 people: Sequence[Person]) -> None:
        """The year's activities, the types and the roster (the form keeps its content)."""
        self.form.set_context(rules, people)
        self.model.set_activities(activities)
        self.list_stack.setCurrentIndex(1 if activities else 0)
        present = sum(len(a.present) for a in activities)
        self.count_label.setText(f"{year}年共 {len(activities)} 次学习活动，{present} 人次"
                                 if activities else "")
        self.empty_list.setText(f"{year}年还没有学习活动。点击“新建活动”录入，或“从新闻稿导入…”。")
        self._restore_selection()

    def _restore_selection(self) -> None:
        if self._saving:
            return
        row = self.model.row_of(self.current_id) if self.current_id is not None else -1
        if row >= 0:
            self._select_row(row)
            if not self.form.dirty:
                self.form.load(self.model.activity(self.model.index(row, 0)), self.ctx.clock())
                self.form_stack.setCurrentWidget(self.form)
        elif self.current_id is not None:
            self.current_id = None  # deleted (or moved out of the year)
            self.table.clearSelection()
            if not (self.form.dirty and self.form.activity_id is None):
                self.form_stack.setCurrentWidget(self.placeholder)
        elif self.form.activity_id is None and not self.form.dirty:
            self.form_stack.setCurrentWidget(self.placeholder)
        self._update_buttons()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self._selecting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        finally:
            self._selecting = False

    def show_activity(self, activity_id: int) -> bool:
        """Select an activity of the shown year and open it in the form."""
        row = self.model.row_of(activity_id)
        if row < 0:
            return False
        if not self.may_leave_form():
            return False
        self.current_id = activity_id
        self._select_row(row)
        self.form.load(self.model.activity(self.model.index(row, 0)), self.ctx.clock())
        self.form_stack.setCurrentWidget(self.form)
        self._update_buttons()
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        activity_id = current.data(ID_ROLE)
        if activity_id == self.current_id and self.form.activity_id == activity_id:
            return
        if not self.show_activity(int(activity_id)):
            # The user kept the unsaved form: put the selection back.
            if previous.isValid() and self.current_id is not None:
                self._select_row(previous.row())
            else:
                self._selecting = True
                self.table.clearSelection()
                self._selecting = False

    def may_leave_form(self) -> bool:
        """True unless the form holds unsaved changes the user wants to keep."""
        if self.form_stack.currentWidget() is not self.form or not self.form.dirty:
            return True
        if not prompts.confirm(self, "放弃修改", "当前学习活动的修改还没有保存。放弃这些修改吗？",
                               ok_text="放弃修改", warning=True):
            return False
        self.form.dirty = False
        return True

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.current_id is not None
                                      and self.form.activity_id == self.current_id)

    # --- New, news, delete -----------------------------------------------------------------

    def new_activity(self) -> None:
        if not self.may_leave_form():
            return
        self.current_id = None
        self._selecting = True
        self.table.clearSelection()
        self._selecting = False
        self.form.load(None, self.ctx.clock())
        self.form_stack.setCurrentWidget(self.form)
        self.form.focus_first_field()
        self._update_buttons()

    def start_news_import(self, path: Path | None = None) -> Job | None:
        if not self.may_leave_form():
            return None
        path = path or prompts.open_file(self, "选择报道学习活动的新闻稿", NEWS_FILTER,
                                         self.ctx.settings.get(keys.IMPORT_DIR))
        if path is None:
            return None
        self.ctx.settings.set(keys.IMPORT_DIR, str(path.parent))
        self.news_button.setEnabled(False)
        self.news_job = start_job(
            self, "读取新闻稿",
            in_database(self.ctx.db_path, lambda conn, progress: _read_news(path, conn, progress)),
            on_success=self._news_read, on_error=self._news_failed)
        self.news_job.finished.connect(lambda: self.news_button.setEnabled(True))
        return self.news_job

    def _news_read(self, parsed: ParsedActivity) -> None:
        self.current_id = None
        self._selecting = True
        self.table.clearSelection()
        self._selecting = False
        self.form.load_parsed(parsed, self.ctx.clock())
        self.form_stack.setCurrentWidget(self.form)
        self._update_buttons()

    def _news_failed(self, exc: BaseException) -> None:
        report_error(self, exc, "无法读取新闻稿")

    def delete_current(self) -> None:
        activity_id = self.current_id
        if activity_id is None:
            return
        activity = self.model.activity(self.model.index(self.model.row_of(activity_id), 0))
        title = activity.title if activity else ""
        if not prompts.confirm(self, "删除学习活动",
                               f"删除“{title}”及其参加人员记录吗？\n\n删除后可用“编辑 → 撤销”恢复。",
                               ok_text="删除", warning=True):
            return
        self.form.dirty = False
        push(self.ctx.undo_stack, DeleteActivity(self.ctx.conn, activity_id, title,
                                                 self._notify), self)

    # --- Save, revert ----------------------------------------------------------------------

    def save(self) -> bool:
        """Save the form (a new activity or changes); False when refused."""
        errors = self.form.errors()
        if errors:
            self.form.problem_label.setText(
                "<span style='color:#B00020'>不能保存："
                + "；".join(p.message for p in errors) + "</span>")
            return False
        activity = self.form.activity()
        if activity.id is None:
            same = store.find_activity(self.ctx.conn, activity.type_name, activity.start,
                                       activity.title)
            if same is not None and not prompts.confirm(
                    self, "可能重复",
                    f"{same.date_text()}已有一次“{same.title}”（{same.type_name}）。\n\n"
                    "仍然另存为一次新的学习活动吗？", ok_text="仍然保存"):
                return False
            command: AddActivity | EditActivity = AddActivity(self.ctx.conn, activity,
                                                              self._notify)
        else:
            command = EditActivity(self.ctx.conn, activity, self._notify)
        self._saving = True
        try:
            saved = push(self.ctx.undo_stack, command, self)
        finally:
            self._saving = False
        if not saved:
            return False
        self.form.dirty = False
        self.current_id = command.item_id
        self.changed.emit(command.item_id)  # the tab reloads (the year may change)
        return True

    def revert(self) -> None:
        if self.form.activity_id is None:
            self.new_activity_discarded()
            return
        row = self.model.row_of(self.form.activity_id)
        self.form.load(self.model.activity(self.model.index(row, 0)) if row >= 0 else None,
                       self.ctx.clock())
        self._update_buttons()

    def new_activity_discarded(self) -> None:
        self.form.dirty = False
        self.form_stack.setCurrentWidget(self.placeholder)
        self._update_buttons()

    def _notify(self, activity_id: int) -> None:
        """After a command ran (apply, undo, redo)."""
        if self._saving:
            return  # save() emits once the command is on the stack
        self.changed.emit(activity_id)
