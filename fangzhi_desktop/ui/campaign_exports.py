"""The 导出 ▾ menu of 专项活动: the plan (公文), the ledger (Word, Excel), the feedback templates
for the units, the 作战图 (PNG, Word), and 导入反馈表… (the templates the units send back).

The same operations as ``fangzhi export campaign-…``; each runs as a background job on its own
connection; heavy libraries are imported inside the jobs only.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.domain.campaigns import CampaignInfo
from fangzhi_desktop.operations.workpoint_documents import Exported
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.dialogs.export_dialog import DocumentOptions, ExportDocumentDialog
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.export_menu import ExportMenu
from fangzhi_desktop.ui.jobs import Job
from fangzhi_desktop.ui.settings import Settings

DOCX_FILTER = "Word 文档 (*.docx)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PNG_FILTER = "PNG 图片 (*.png)"
RETURNS_FILTER = "反馈表 (*.xlsx);;所有文件 (*)"


class CampaignExport(StrEnum):
    PLAN = "plan"
    LEDGER = "ledger"
    XLSX = "xlsx"
    TEMPLATES = "templates"
    CHART_PNG = "chart-png"
    CHART_DOCX = "chart-docx"


MENU: tuple[tuple[CampaignExport, str, str], ...] = (
    (CampaignExport.PLAN, "实施方案（公文）…", "把实施方案生成 Word 公文（含时间安排和任务）"),
    (CampaignExport.LEDGER, "任务台账（横版Word）…", "生成横版 Word 任务台账，便于打印报送"),
    (CampaignExport.XLSX, "任务台账（Excel）…", "把全部任务导出为 Excel 台账"),
    (CampaignExport.TEMPLATES, "各单位反馈表…",
     "为每个责任单位生成一份任务进展反馈表（Excel），发给不使用本软件的单位填写"),
    (CampaignExport.CHART_PNG, "作战图（图片）…", "把作战图保存为 A3 横版、300 dpi 的 PNG 图片，可直接打印上墙"),
    (CampaignExport.CHART_DOCX, "作战图（横版Word）…", "把作战图放进横版 Word 文档，带标题和图例"),
)


def base_name(campaign: CampaignInfo) -> str:
    """``2026年地方志工作“三大攻坚”专项行动`` from the plan's title."""
    return re.sub(r"(?:实施|工作)?方案$", "", campaign.title) or campaign.title


def file_name(kind: CampaignExport, campaign: CampaignInfo) -> str:
    name = base_name(campaign)
    return {
        CampaignExport.PLAN: f"{campaign.title}.docx",
        CampaignExport.LEDGER: f"{name}任务台账.docx",
        CampaignExport.XLSX: f"{name}任务台账.xlsx",
        CampaignExport.CHART_PNG: f"{name}作战图.png",
        CampaignExport.CHART_DOCX: f"{name}作战图.docx",
    }.get(kind, name)


def _suffix(kind: CampaignExport) -> str:
    return {CampaignExport.XLSX: ".xlsx", CampaignExport.CHART_PNG: ".png"}.get(kind, ".docx")


def _filter(kind: CampaignExport) -> str:
    return {".xlsx": XLSX_FILTER, ".png": PNG_FILTER}.get(_suffix(kind), DOCX_FILTER)


class CampaignExports(ExportMenu):
    """The 导出 ▾ button with its menu, and the jobs."""

    returns_imported = Signal()

    def __init__(self, parent: QWidget, conn: sqlite3.Connection, db_path: Path,
                 clock: Callable[[], date], settings: Settings,
                 campaign: Callable[[], CampaignInfo | None]) -> None:
        super().__init__(parent, conn, db_path, clock, settings)
        self.campaign = campaign
        self.returns_dialog: QWidget | None = None
        for kind, text, tip in MENU:
            if kind is CampaignExport.TEMPLATES or kind is CampaignExport.CHART_PNG:
                self.menu.addSeparator()
            self.add_action(kind, text, tip, self._triggered)
        self.menu.addSeparator()
        self.import_returns_action = QAction("导入反馈表…", self)
        tip = "导入各单位填好发回的任务进展反馈表（可一次选多个文件），核对后保存"
        self.import_returns_action.setToolTip(tip)
        self.import_returns_action.setStatusTip(tip)
        self.import_returns_action.triggered.connect(self._import_returns)
        self.menu.addAction(self.import_returns_action)
        self.extra_actions.append(self.import_returns_action)
        self.make_button("导出 ▾", "导出实施方案、台账、反馈表或作战图；导入各单位发回的反馈表")

    def _triggered(self, kind: CampaignExport) -> None:
        with reporting(self.widget):
            self.start(kind)

    def _ask_path(self, kind: CampaignExport, campaign: CampaignInfo, title: str) -> Path | None:
        folder = self.settings.get(keys.EXPORT_DIR) or str(Path.home())
        path = prompts.save_file(self.widget, title, _filter(kind),
                                 str(Path(folder) / file_name(kind, campaign)))
        if path is None:
            return None
        suffix = _suffix(kind)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.settings.set(keys.EXPORT_DIR, str(path.parent))
        return path

    def start(self, kind: CampaignExport) -> Job | None:
        """Ask what is needed, then export in the background; None when cancelled."""
        campaign = self.campaign()
        if campaign is None or self.busy:
            return None
        today = self.clock()
        campaign_id = campaign.id
        work: Callable[[sqlite3.Connection, Progress], Any]
        if kind is CampaignExport.TEMPLATES:
            folder = prompts.choose_folder(self.widget, "选择保存反馈表的文件夹",
                                           self.settings.get(keys.EXPORT_DIR) or str(Path.home()))
            if folder is None:
                return None
            self.settings.set(keys.EXPORT_DIR, str(folder))

            def work(conn: sqlite3.Connection, progress: Progress) -> Any:
                from fangzhi_desktop.operations.campaign_documents import write_templates

                return write_templates(conn, campaign_id, folder, today, progress)

            return self._run("生成反馈表", work, lambda result: self._templates_done(folder,
                                                                                 result))
        when = today
        if kind in (CampaignExport.PLAN, CampaignExport.LEDGER):
            plan = kind is CampaignExport.PLAN
            options = DocumentOptions(
                window_title="导出实施方案" if plan else "导出任务台账", document=campaign.title,
                date_label="成文日期" if plan else "统计日期",
                date_hint="印在落款处。" if plan else "按该日判断各项任务是否逾期，印在台账标题下。",
                doc_no=False, profile=plan)
            choice = ExportDocumentDialog.ask(self.widget, self.conn, options, today)
            if choice is None:
                return None
            when = choice.when
        titles = {CampaignExport.PLAN: "导出实施方案", CampaignExport.LEDGER: "导出任务台账",
                  CampaignExport.XLSX: "导出任务台账", CampaignExport.CHART_PNG: "导出作战图",
                  CampaignExport.CHART_DOCX: "导出作战图"}
        path = self._ask_path(kind, campaign, titles[kind])
        if path is None:
            return None

        def work(conn: sqlite3.Connection, progress: Progress) -> Any:
            return write_export(conn, progress, kind, campaign_id, path, when)

        return self._run(titles[kind], work, self._exported)


    def _exported(self, result: Exported) -> None:
        choice = prompts.offer_open(self.widget, "导出完成", f"已导出：{result.path}")
        if choice is not None:
            self._open(result.path if choice == prompts.OPEN_FILE else result.path.parent,
                       choice == prompts.OPEN_FILE)

    def _templates_done(self, folder: Path, templates: list[Any]) -> None:
        if not templates:
            prompts.inform(self.widget, "各单位反馈表",
                           "没有需要反馈的任务（任务都已销号，或没有填写责任单位）。")
            return
        lines = "\n".join(f"{t.unit}：{t.tasks}项任务" for t in templates)
        choice = prompts.offer_open(
            self.widget, "反馈表已生成",
            f"已为{len(templates)}个责任单位生成反馈表，保存在：\n{folder}\n\n{lines}\n\n"
            "请发给各单位填写黄色的三列后原样发回，再用“导入反馈表…”导入。")
        if choice is not None:
            self._open(folder, False)

    def _open(self, target: Path, is_file: bool) -> None:
        if not prompts.open_url(QUrl.fromLocalFile(str(target))):
            what = "文件" if is_file else "文件夹"
            prompts.error(self.widget, "无法打开", f"无法打开{what}：{target}\n请在文件管理器中找到它。")

    # --- Returned templates ----------------------------------------------------------------

    def _import_returns(self) -> None:
        with reporting(self.widget):
            self.start_returns()

    def start_returns(self) -> QWidget | None:
        from fangzhi_desktop.ui.dialogs.campaign_returns_dialog import CampaignReturnsDialog

        campaign = self.campaign()
        if campaign is None:
            return None
        paths = prompts.open_files(self.widget, "选择各单位发回的反馈表", RETURNS_FILTER,
                                   self.settings.get(keys.IMPORT_DIR))
        if not paths:
            return None
        self.settings.set(keys.IMPORT_DIR, str(paths[0].parent))
        dialog = CampaignReturnsDialog(self.widget, self.db_path, campaign, self.clock())
        dialog.saved.connect(self.returns_imported)
        self.returns_dialog = dialog
        dialog.open()
        dialog.load(paths)
        return dialog


def write_export(conn: sqlite3.Connection, progress: Progress, kind: CampaignExport,
                 campaign_id: int, path: Path, when: date) -> Exported:
    """The job: the same operation as ``fangzhi export campaign-…``."""
    from fangzhi_desktop.operations import campaign_documents as documents

    if kind is CampaignExport.PLAN:
        return documents.write_document(conn, documents.CampaignDocument.PLAN, campaign_id,
                                        path, when, progress)
    if kind is CampaignExport.LEDGER:
        return documents.write_document(conn, documents.CampaignDocument.LEDGER, campaign_id,
                                        path, when, progress)
    if kind is CampaignExport.XLSX:
        return documents.write_ledger_xlsx(conn, campaign_id, path, when, progress)
    from fangzhi_desktop.ui.campaign_chart_export import write_chart

    return Exported(write_chart(conn, campaign_id, path, when, progress))
