"""政工简讯: every stored issue (the latest first) with a preview of the selected one;
新建一期 composes one from learning activities and free articles, 导入已有简报… reads an
existing issue so that the numbering continues, 导出… writes the .docx in the 简报 layout.

New, changed and deleted issues are undoable commands on the window's undo stack.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.briefings import BriefingDraft, BriefingIssue
from fangzhi_desktop.storage import briefings as store
from fangzhi_desktop.storage.people import list_people
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.audit_menu import HistoryMenu, records_by_id
from fangzhi_desktop.ui.dialogs.briefing_dialogs import (
    BRIEFING_FILTER,
    BriefingImportDialog,
    IssueDialog,
    article_html,
)
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.learning_commands import AddIssue, DeleteIssue, EditIssue, push
from fangzhi_desktop.ui.learning_context import LearningContext
from fangzhi_desktop.ui.learning_exports import LearningExports
from fangzhi_desktop.ui.learning_models import ID_ROLE, IssuesModel
from fangzhi_desktop.ui.widgets import empty_label, record_table

EMPTY_TEXT = ("还没有简报。点击“新建一期…”用本年的学习活动编写一期，"
              "或“导入已有简报…”导入以前各期，以便期号接续编排。")
ISSUE_WIDTHS = (170, 120, 90, 96)
MASTHEAD_RED = "#C00000"


def issue_html(issue: BriefingDraft) -> str:
    """A readable preview of an issue: masthead, articles, 报尾."""
    parts = [f"<h1 align='center' style='color:{MASTHEAD_RED}'>{html.escape(issue.name)}</h1>",
             f"<p align='center'>{html.escape(issue.label)}</p>",
             f"<table width='100%'><tr><td>{html.escape(issue.publisher)}</td>"
             f"<td align='right'>{issue.date.year}年{issue.date.month}月{issue.date.day}日"
             "</td></tr></table>",
             f"<hr style='color:{MASTHEAD_RED}'>"]
    parts += [article_html(article) for article in issue.articles]
    tail = issue.tail
    if tail is not None:
        lines = [f"{label}{html.escape(value)}" for label, value in
                 (("报：", tail.bao), ("送：", tail.song), ("发：", tail.fa)) if value]
        printed = html.escape(tail.printer)
        if tail.print_date:
            printed += f"　{tail.print_date.year}年{tail.print_date.month}月{tail.print_date.day}日印发"
        lines.append(printed)
        if tail.copies:
            lines.append(f"（共印{tail.copies}份）")
        parts.append("<hr>" + "".join(f"<p style='color:#444'>{line}</p>" for line in lines))
    return "".join(parts)


def file_name(issue: BriefingDraft) -> str:
    return f"{issue.name}{issue.year}年第{issue.issue}期.docx"


class BriefingsView(QWidget):
    """The issues with their preview and the buttons that act on them."""

    changed = Signal()

    def __init__(self, ctx: LearningContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self.import_dialog: QWidget | None = None
        self.issue_dialog: QWidget | None = None
        self.exports = LearningExports(self, ctx.conn, ctx.db_path, ctx.clock, ctx.settings)
        self._build()

    def _build(self) -> None:
        self.new_button = QPushButton("新建一期…")
        self.new_button.setToolTip("用学习活动和自拟文章编写一期简报，期号自动顺延")
        self.import_button = QPushButton("导入已有简报…")
        self.import_button.setToolTip("导入以前印发的简报（.txt 或 .docx），以便期号接续编排")
        self.edit_button = QPushButton("修改…")
        self.export_button = QPushButton("导出…")
        self.export_button.setToolTip("把所选的一期导出为 Word 简报（.docx）")
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("删除所选的一期（可撤销）")
        bar = QHBoxLayout()
        for button in (self.new_button, self.import_button, self.edit_button,
                       self.export_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)

        self.model = IssuesModel(self)
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate(ISSUE_WIDTHS):
            header.resizeSection(column, width)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([700, 540])
        self.splitter.setChildrenCollapsible(False)
        self.empty_label = empty_label(EMPTY_TEXT)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.splitter)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

        self.new_button.clicked.connect(self.new_issue)
        self.import_button.clicked.connect(self.start_import)
        self.edit_button.clicked.connect(self.edit_current)
        self.export_button.clicked.connect(self.export_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.history_menu = HistoryMenu(self.table, lambda: self.ctx.conn,
                                        records_by_id("briefing_issues", ID_ROLE, (0, 1)))

    # --- Data ------------------------------------------------------------------------------

    def reload(self) -> None:
        issues = store.list_issues(self.ctx.conn)
        self.model.set_issues(issues)
        self.stack.setCurrentIndex(1 if issues else 0)
        self.count_label.setText(f"共 {len(issues)} 期" if issues else "")
        row = self.model.row_of(self.current_id) if self.current_id is not None else -1
        if row < 0 and issues:
            row = 0
        if row >= 0:
            self.select_row(row)
        else:
            self.current_id = None
            self._show_current()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.current_id = self.model.data(index, ID_ROLE)
        self._show_current()

    def select_issue(self, issue_id: int) -> bool:
        row = self.model.row_of(issue_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_id = current.data(ID_ROLE)
            self._show_current()

    def current_issue(self) -> BriefingIssue | None:
        return store.get_issue(self.ctx.conn, self.current_id) if self.current_id else None

    def _show_current(self) -> None:
        issue = self.current_issue()
        self.preview.setHtml(issue_html(issue) if issue else "")
        for button in (self.edit_button, self.export_button, self.delete_button):
            button.setEnabled(issue is not None)

    def _notify(self, issue_id: int) -> None:
        if store.get_issue(self.ctx.conn, issue_id) is not None:
            self.current_id = issue_id
        self.reload()
        self.changed.emit()

    # --- New, edit, delete -----------------------------------------------------------------

    def _open_dialog(self, issue: BriefingIssue | None = None) -> IssueDialog:
        """The compose dialog (window-modal, not blocking); saving happens on 保存."""
        dialog = IssueDialog(self, self.ctx.conn, self.ctx.clock(), list_people(self.ctx.conn),
                             issue, issue.id if issue else None, save=self._save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.issue_dialog = dialog
        dialog.open()
        return dialog

    def _save(self, dialog: IssueDialog) -> bool:
        draft = dialog.draft()
        if dialog.issue_id is None:
            command: AddIssue | EditIssue = AddIssue(self.ctx.conn, draft, self._notify)
        else:
            command = EditIssue(self.ctx.conn, dialog.issue_id, draft, self._notify)
        return push(self.ctx.undo_stack, command, dialog)

    def new_issue(self) -> IssueDialog | None:
        with reporting(self):
            return self._open_dialog()
        return None

    def edit_current(self) -> IssueDialog | None:
        issue = self.current_issue()
        if issue is None:
            return None
        with reporting(self):
            return self._open_dialog(issue)
        return None

    def delete_current(self) -> None:
        issue = self.current_issue()
        if issue is None:
            return
        label = f"《{issue.name}》{issue.year}年{issue.label}"
        if not prompts.confirm(self, "删除简报", f"删除{label}吗？\n\n删除后可用“编辑 → 撤销”恢复。",
                               ok_text="删除", warning=True):
            return
        self.current_id = None
        push(self.ctx.undo_stack, DeleteIssue(self.ctx.conn, issue.id, label, self._notify),
             self)

    # --- Import, export --------------------------------------------------------------------

    def start_import(self, path: Path | None = None) -> None:
        path = path or prompts.open_file(self, "选择简报文件", BRIEFING_FILTER,
                                         self.ctx.settings.get(keys.IMPORT_DIR))
        if path is None:
            return
        self.ctx.settings.set(keys.IMPORT_DIR, str(path.parent))
        dialog = BriefingImportDialog(self, self.ctx.conn, self.ctx.db_path, self.ctx.clock())
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()
        dialog.load(path)

    def _imported(self, issue_id: int) -> None:
        self.current_id = issue_id
        self.reload()
        self.changed.emit()

    def export_current(self) -> None:
        issue = self.current_issue()
        if issue is None:
            return
        with reporting(self):
            self.exports.export_briefing(issue.id, file_name(issue))
