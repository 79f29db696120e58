"""Exports of the 干部学习 tab: the hours workbook, the 花名册, the 学时完成情况通报 and a briefing
issue. Those with people in them ask first whether ID and phone numbers go in full.

Each asks what it needs (the 通报: 发文字号 and date; every export: where to save), then writes
the file in a background job with the same operation as ``fangzhi export …`` and offers to open
it. python-docx and openpyxl are imported inside the operations, in the jobs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.exporters.learning_docx import report_title
from fangzhi_desktop.operations import briefing_documents, learning_documents
from fangzhi_desktop.operations.briefing_documents import ExportedBriefing
from fangzhi_desktop.operations.workpoint_documents import Exported
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.dialogs.export_dialog import DocumentOptions, ExportDocumentDialog
from fangzhi_desktop.ui.jobs import Job, in_database, start_job
from fangzhi_desktop.ui.people_exports import ask_full_numbers
from fangzhi_desktop.ui.settings import Settings

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"


def offer_to_open(widget: QWidget, path: Path, text: str) -> None:
    """``text`` (it names the written file); 打开文件 / 打开所在文件夹 / 关闭."""
    choice = prompts.offer_open(widget, "导出完成", text)
    if choice is None:
        return
    target = path if choice == prompts.OPEN_FILE else path.parent
    if not prompts.open_url(QUrl.fromLocalFile(str(target))):
        what = "文件" if choice == prompts.OPEN_FILE else "文件夹"
        prompts.error(widget, "无法打开",
                      f"无法打开{what}：{target}\n请在文件管理器中找到它"
                      + ("，用 Word 或 WPS 打开。" if choice == prompts.OPEN_FILE else "。"))


class LearningExports(QObject):
    """Runs one export at a time; ``busy`` while it does."""

    def __init__(self, widget: QWidget, conn: sqlite3.Connection, db_path: Path,
                 clock: Callable[[], date], settings: Settings) -> None:
        super().__init__(widget)
        self.widget = widget
        self.conn = conn
        self.db_path = db_path
        self.clock = clock
        self.settings = settings
        self.job: Job | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    def _ask_path(self, title: str, name: str, suffix: str) -> Path | None:
        folder = self.settings.get(keys.EXPORT_DIR) or str(Path.home())
        path = prompts.save_file(self.widget, title,
                                 XLSX_FILTER if suffix == ".xlsx" else DOCX_FILTER,
                                 str(Path(folder) / name))
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.settings.set(keys.EXPORT_DIR, str(path.parent))
        return path

    def _start(self, title: str, work: Callable[[sqlite3.Connection, Progress], Any],
               done: Callable[[Any], None]) -> Job:
        self.job = start_job(self.widget, title, in_database(self.db_path, work),
                             on_success=done)
        return self.job

    # --- The year's hours --------------------------------------------------------------------

    def export_hours(self, year: int) -> Job | None:
        """导出学时统计（Excel）: per person, per 科室 and per activity."""
        if self.busy:
            return None
        full = ask_full_numbers(self.widget, "learning-hours-xlsx", "导出学时统计")
        if full is None:
            return None
        path = self._ask_path("导出学时统计", f"{year}年干部学习学时统计.xlsx", ".xlsx")
        if path is None:
            return None
        today = self.clock()

        def work(conn: sqlite3.Connection, progress: Progress) -> Exported:
            return learning_documents.write_hours_xlsx(conn, year, path, today, progress,
                                                       full_numbers=full)

        def done(result: Exported) -> None:
            offer_to_open(self.widget, result.path, f"已导出：{result.path}")

        return self._start("导出学时统计", work, done)

    def export_roster(self) -> Job | None:
        """导出花名册（Excel）: every field of everyone; the dialog says a complete roster
        needs the tick box."""
        if self.busy:
            return None
        full = ask_full_numbers(self.widget, "roster-xlsx", "导出花名册")
        if full is None:
            return None
        path = self._ask_path("导出花名册", "干部职工花名册.xlsx", ".xlsx")
        if path is None:
            return None

        def work(conn: sqlite3.Connection, progress: Progress) -> Exported:
            return learning_documents.write_roster_xlsx(conn, path, progress, full_numbers=full)

        def done(result: Exported) -> None:
            offer_to_open(self.widget, result.path, f"已导出：{result.path}")

        return self._start("导出花名册", work, done)

    def export_report(self, year: int) -> Job | None:
        """学时完成情况通报（公文）: 发文字号 and date first, then where to save."""
        if self.busy:
            return None
        today = self.clock()
        options = DocumentOptions(
            window_title="导出学时完成情况通报", document=report_title(year),
            date_label="成文日期",
            date_hint="学时统计截至该日（往年统计到年底），该日也作为成文日期。", doc_no=True)
        choice = ExportDocumentDialog.ask(self.widget, self.conn, options, today)
        if choice is None:
            return None
        path = self._ask_path(options.window_title, f"{year}年干部学习学时完成情况通报.docx",
                              ".docx")
        if path is None:
            return None

        def work(conn: sqlite3.Connection, progress: Progress) -> Exported:
            return learning_documents.write_report(conn, year, path, choice.when, choice.serial,
                                                   progress)

        def done(result: Exported) -> None:
            text = f"已导出：{result.path}"
            if result.doc_no:
                text += f"\n发文字号：{result.doc_no}（已登记为已用）"
            offer_to_open(self.widget, result.path, text)

        return self._start("生成学时完成情况通报", work, done)

    # --- A briefing issue ----------------------------------------------------------------------

    def export_briefing(self, issue_id: int, file_name: str) -> Job | None:
        """One issue as .docx in the 简报 layout; what the 报尾 lacks is said afterwards."""
        if self.busy:
            return None
        full = ask_full_numbers(self.widget, "briefing", "导出简报")
        if full is None:
            return None
        path = self._ask_path("导出简报", file_name, ".docx")
        if path is None:
            return None

        def work(conn: sqlite3.Connection, progress: Progress) -> ExportedBriefing:
            return briefing_documents.write_briefing(conn, issue_id, path, progress,
                                                     full_numbers=full)

        def done(result: ExportedBriefing) -> None:
            text = f"已导出：{result.path}"
            if result.warnings:
                text += "\n\n提示：" + "\n".join(result.warnings)
            offer_to_open(self.widget, result.path, text)

        return self._start("导出简报", work, done)
