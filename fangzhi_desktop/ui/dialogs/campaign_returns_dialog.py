"""导入反馈表: read the templates the units sent back (in the background), show what each task
would get and which rows matched nothing, then 确认导入 saves the whole batch at once."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import CampaignInfo
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.jobs import Job, in_database, start_job

ERROR_COLOUR = "#B00020"
WARNING_COLOUR = "#8A5A00"


class CampaignReturnsDialog(QDialog):
    """The preview of a batch of returned templates; ``saved(count)`` once it is saved."""

    saved = Signal(int)

    def __init__(self, parent: QWidget | None, db_path: Path, campaign: CampaignInfo,
                 today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入反馈表")
        self.resize(980, 640)
        self.db_path = db_path
        self.campaign = campaign
        self.today = today
        self.preview: Any = None
        self.paths: list[Path] = []
        self.read_job: Job | None = None
        self.save_job: Job | None = None
        self._busy = False

        self.summary = QLabel(f"专项活动：{campaign.title}")
        self.summary.setWordWrap(True)
        self.changes_title = QLabel("将要更新的任务")
        self.changes_title.setStyleSheet("font-weight: bold;")
        self.changes = QTreeWidget()
        self.changes.setColumnCount(2)
        self.changes.setHeaderLabels(["任务 / 更新内容", "来源"])
        self.changes.setRootIsDecorated(True)
        self.changes.setAlternatingRowColors(True)
        self.changes.header().resizeSection(0, 660)
        self.problems_title = QLabel()
        self.problems_title.setStyleSheet("font-weight: bold;")
        self.problems = QListWidget()
        self.problems.setMaximumHeight(170)
        self.note = QLabel(f"进展记录的日期为收到反馈的日期：{today.year}年{today.month}月"
                           f"{today.day}日。导入后不能撤销，导入前会自动备份数据文件。")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(f"color: {ERROR_COLOUR};")

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("确认导入")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems)
        layout.addWidget(self.note)
        layout.addWidget(self.blocked)
        layout.addWidget(self.buttons)
        self._set_busy("正在读取反馈表……")

    # --- Reading ---------------------------------------------------------------------------

    def load(self, paths: list[Path]) -> None:
        """Read and match the files in the background (nothing is written)."""
        self.paths = list(paths)
        campaign_id = self.campaign.id
        today = self.today

        def work(conn: sqlite3.Connection, progress: Progress) -> Any:
            from fangzhi_desktop.operations.campaign_returns import preview_returns

            return preview_returns(conn, self.paths, today, campaign_id, progress)

        self._set_busy("正在读取反馈表……")
        self.read_job = start_job(self, "读取反馈表", in_database(self.db_path, work),
                                  on_success=self._read, on_error=self._read_failed,
                                  on_cancel=self.reject)

    def _read(self, preview: Any) -> None:
        self.preview = preview
        self._show(preview)
        self._set_busy("")

    def _read_failed(self, exc: BaseException) -> None:
        report_error(self, exc, "无法读取反馈表")
        self.reject()

    def _show(self, preview: Any) -> None:
        self.changes.clear()
        by_task: dict[int, QTreeWidgetItem] = {}
        for update in preview.updates:
            parent = by_task.get(update.task_id)
            if parent is None:
                text = update.task_text if len(update.task_text) <= 40 \
                    else update.task_text[:40] + "……"
                parent = QTreeWidgetItem([f"第{update.task_no}项：{text}", update.reporter])
                parent.setToolTip(0, update.task_text)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.changes.addTopLevelItem(parent)
                by_task[update.task_id] = parent
            change = update.describe().split("：", 1)[-1]
            child = QTreeWidgetItem([change, f"第{update.row}行"])
            child.setToolTip(0, change)
            child.setToolTip(1, f"{update.source}第{update.row}行，按{update.matched_by}匹配")
            parent.addChild(child)
        self.changes.expandAll()
        tasks = len(by_task)
        self.changes_title.setText(f"将要更新的任务：{tasks}项" if tasks
                                   else "没有需要更新的任务（反馈表中没有填写进展或完成日期）。")
        self.problems.clear()
        for error in preview.rejected:
            self._problem(f"不能导入：{error.message}", ERROR_COLOUR)
        for problem in preview.errors:
            self._problem(f"错误：{problem.text()}", ERROR_COLOUR)
        for problem in preview.unmatched:
            self._problem(f"未匹配：{problem.text()}", WARNING_COLOUR)
        for problem in preview.warnings:
            self._problem(f"提示：{problem.text()}", WARNING_COLOUR)
        count = self.problems.count()
        unmatched = len(preview.unmatched)
        self.problems_title.setText(
            f"未匹配的行和问题：{count}条" + (f"（其中{unmatched}行未能对应到任务）" if unmatched
                                          else "") if count else "没有未匹配的行，也没有发现问题。")
        self.problems.setVisible(bool(count))
        units = "、".join(dict.fromkeys(s.unit for s in preview.sheets))
        self.summary.setText(f"专项活动：{self.campaign.title}\n已读取{len(preview.sheets)}份反馈表"
                             + (f"（{units}）" if units else "")
                             + (f"，{len(preview.rejected)}份不能导入" if preview.rejected else ""))
        if preview.rejected or preview.errors:
            self.blocked.setText("有文件不能导入或单元格有错误，整批不能保存。请让有关单位改正后重新"
                                 "发回，或在选择文件时不选有问题的文件。")
        else:
            self.blocked.setText("")
        self.blocked.setVisible(bool(self.blocked.text()))

    def _problem(self, text: str, colour: str) -> None:
        entry = QListWidgetItem(text)
        entry.setForeground(QColor(colour))
        entry.setToolTip(text)
        self.problems.addItem(entry)

    # --- Saving ----------------------------------------------------------------------------

    def can_save(self) -> bool:
        p = self.preview
        return (p is not None and not self._busy and bool(p.updates) and not p.rejected
                and not p.errors)

    def _set_busy(self, text: str) -> None:
        self._busy = bool(text)
        if text:
            self.changes_title.setText(text)
        self.import_button.setEnabled(self.can_save())

    def start_save(self) -> None:
        if not self.can_save():
            return
        preview = self.preview
        today = self.today
        title = self.campaign.title

        def work(conn: sqlite3.Connection, progress: Progress) -> int:
            from fangzhi_desktop.operations.campaign_returns import save_returns
            from fangzhi_desktop.storage.backup import backup_before

            progress(0.0, "正在备份数据文件……")
            backup_before(conn, f"导入“{title}”反馈表前")
            return save_returns(conn, preview, today, progress)

        self._set_busy("正在保存……")
        self.save_job = start_job(self, "导入反馈表", in_database(self.db_path, work),
                                  on_success=self._saved, on_error=self._save_failed,
                                  on_cancel=lambda: self._set_busy(""))

    def _saved(self, count: int) -> None:
        self._set_busy("")
        self.saved.emit(count)
        self.accept()
        prompts.inform(self.parentWidget(), "导入反馈表", f"已导入反馈表：{count}项任务已更新。")

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy("")
        self._show(self.preview)
        report_error(self, exc, "导入失败")

    def reject(self) -> None:
        if self.save_job is not None and not self.save_job.done:
            return
        super().reject()
