"""The 导出 ▾ menu of 年度工作要点: the Excel 台账 and four Word documents.

For a document: a small dialog (发文字号, date), the save-file question, then a background job
that writes the file and, once it is written, records the 发文字号 as used. Heavy libraries
(python-docx, openpyxl) are imported inside the job only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.domain.workpoints import PlanInfo
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.operations import workpoint_documents as operations
from fangzhi_desktop.operations.workpoint_documents import DocumentKind, Exported
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.export_menu import ExportMenu
from fangzhi_desktop.ui.jobs import Job
from fangzhi_desktop.ui.settings import Settings

if TYPE_CHECKING:
    from fangzhi_desktop.ui.dialogs.export_dialog import ExportChoice

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"


class ExportKind(StrEnum):
    XLSX = "xlsx"
    NOTICE = "notice"
    REPORT = "report"
    LEDGER = "ledger"
    SUMMARY = "summary"


@dataclass(frozen=True)
class ExportSpec:
    menu_text: str
    tooltip: str
    job_title: str
    suffix: str = ".docx"
    date_label: str = "统计日期"
    date_hint: str = ""
    doc_no: bool = False
    profile: bool = True


SPECS: dict[ExportKind, ExportSpec] = {
    ExportKind.XLSX: ExportSpec(
        "工作要点台账（Excel）…", "把所选年度的全部条目导出为 Excel 台账", "导出台账",
        suffix=".xlsx"),
    ExportKind.NOTICE: ExportSpec(
        "印发通知（公文）…", "生成印发本年度工作要点的通知（Word 公文，工作要点作为附件）",
        "生成印发通知", date_label="成文日期",
        date_hint="印在落款处；发文字号的年份随成文日期。", doc_no=True),
    ExportKind.REPORT: ExportSpec(
        "落实情况通报（公文）…", "生成截至统计日期的落实情况督办通报（Word 公文）",
        "生成落实情况通报", date_hint="通报截至该日的落实情况，该日也作为成文日期。",
        doc_no=True),
    ExportKind.LEDGER: ExportSpec(
        "落实情况台账（横版Word）…", "生成横版 Word 落实情况台账，便于打印报送",
        "生成落实情况台账", date_hint="按该日判断各项是否逾期，印在台账标题下。", profile=False),
    ExportKind.SUMMARY: ExportSpec(
        "完成情况总结（公文）…", "生成年度工作要点完成情况总结（Word）", "生成完成情况总结",
        date_hint="按该日统计完成情况，该日也作为落款日期。"),
}


def plan_title(plan: PlanInfo) -> str:
    return plan.title or f"{plan.year}年工作要点"


def document_title(kind: ExportKind, plan: PlanInfo) -> str:
    """The title the document will carry (as the engine builds it)."""
    year = plan.year
    return {
        ExportKind.XLSX: f"{plan_title(plan)}台账",
        ExportKind.NOTICE: f"关于印发《{plan_title(plan)}》的通知",
        ExportKind.REPORT: f"关于{year}年工作要点落实情况的通报",
        ExportKind.LEDGER: f"{plan_title(plan)}落实情况台账",
        ExportKind.SUMMARY: f"{year}年工作要点完成情况总结",
    }[kind]


def file_name(kind: ExportKind, plan: PlanInfo) -> str:
    """The suggested file name, e.g. ``2023年工作要点落实情况通报.docx``."""
    year = plan.year
    return {
        ExportKind.XLSX: f"{plan_title(plan)}台账.xlsx",
        ExportKind.NOTICE: f"{year}年工作要点印发通知.docx",
        ExportKind.REPORT: f"{year}年工作要点落实情况通报.docx",
        ExportKind.LEDGER: f"{year}年工作要点落实情况台账.docx",
        ExportKind.SUMMARY: f"{year}年工作要点完成情况总结.docx",
    }[kind]


def default_date(kind: ExportKind, plan: PlanInfo, today: date) -> date:
    if kind is ExportKind.XLSX:
        return today
    return operations.default_date(DocumentKind(kind.value), plan, today)


def write_document(conn: sqlite3.Connection, progress: Progress, kind: ExportKind, year: int,
                   choice: ExportChoice, path: Path) -> Exported:
    """The job: the same operation as ``fangzhi export workpoints-…``."""
    return operations.write_document(conn, DocumentKind(kind.value), year, path, choice.when,
                                     choice.serial, progress)


def write_ledger_xlsx(conn: sqlite3.Connection, progress: Progress, year: int, title: str,
                      today: date, path: Path) -> Exported:
    return operations.write_ledger_xlsx(conn, year, path, today, progress)


class WorkpointsExports(ExportMenu):
    """The 导出 ▾ button, its actions (shared with the 文件 menu) and the export jobs."""

    def __init__(self, parent: QWidget, conn: sqlite3.Connection, db_path: Path,
                 clock: Callable[[], date], settings: Settings,
                 year: Callable[[], int | None]) -> None:
        super().__init__(parent, conn, db_path, clock, settings)
        self.year = year
        for kind, spec in SPECS.items():
            self.add_action(kind, spec.menu_text, spec.tooltip, self._triggered)
            if kind is ExportKind.XLSX:
                self.menu.addSeparator()
        self.make_button("导出 ▾", "导出所选年度的台账或公文（Excel、Word）")

    # --- Exporting -------------------------------------------------------------------------

    def _ask_path(self, kind: ExportKind, plan: PlanInfo, title: str) -> Path | None:
        spec = SPECS[kind]
        folder = self.settings.get(keys.EXPORT_DIR) or str(Path.home())
        path = prompts.save_file(self.widget, title,
                                 XLSX_FILTER if spec.suffix == ".xlsx" else DOCX_FILTER,
                                 str(Path(folder) / file_name(kind, plan)))
        if path is None:
            return None
        if path.suffix.lower() != spec.suffix:
            path = path.with_name(path.name + spec.suffix)
        self.settings.set(keys.EXPORT_DIR, str(path.parent))
        return path

    def _triggered(self, kind: ExportKind) -> None:
        with reporting(self.widget):
            self.start(kind)

    def start(self, kind: ExportKind) -> Job | None:
        """Ask what is needed, then export in the background; None when the user cancelled."""
        year = self.year()
        if year is None or self.busy:
            return None
        plan = store.get_plan(self.conn, year)
        if plan is None:
            raise FangzhiError(f"没有{year}年的工作要点。")
        spec = SPECS[kind]
        today = self.clock()
        if kind is ExportKind.XLSX:
            path = self._ask_path(kind, plan, "导出工作要点台账")
            if path is None:
                return None
            title = plan_title(plan)

            def work(conn: sqlite3.Connection, progress: Progress) -> Exported:
                return write_ledger_xlsx(conn, progress, year, title, today, path)
        else:
            from fangzhi_desktop.ui.dialogs.export_dialog import (  # not at start-up
                DocumentOptions,
                ExportDocumentDialog,
            )

            options = DocumentOptions(
                window_title=f"导出{spec.menu_text.split('（')[0]}",
                document=document_title(kind, plan), date_label=spec.date_label,
                date_hint=spec.date_hint, doc_no=spec.doc_no, profile=spec.profile)
            choice = ExportDocumentDialog.ask(self.widget, self.conn, options,
                                              default_date(kind, plan, today))
            if choice is None:
                return None
            path = self._ask_path(kind, plan, options.window_title)
            if path is None:
                return None

            def work(conn: sqlite3.Connection, progress: Progress) -> Exported:
                return write_document(conn, progress, kind, year, choice, path)

        return self._run(spec.job_title, work, self._exported)

    def _exported(self, result: Exported) -> None:
        text = f"已导出：{result.path}"
        if result.doc_no:
            text += f"\n发文字号：{result.doc_no}（已登记为已用）"
        choice = prompts.offer_open(self.widget, "导出完成", text)
        if choice is None:
            return
        target = result.path if choice == prompts.OPEN_FILE else result.path.parent
        if not prompts.open_url(QUrl.fromLocalFile(str(target))):
            what = "文件" if choice == prompts.OPEN_FILE else "文件夹"
            prompts.error(self.widget, "无法打开",
                          f"无法打开{what}：{target}\n请在文件管理器中找到它"
                          + ("，用 Word 或 WPS 打开。" if choice == prompts.OPEN_FILE else "。"))
