"""The 导出/导入 ▾ menu of 年鉴编纂: 组稿通知 and 供稿情况通报 (公文, with 发文字号), the
progress table (Excel), the units' 组稿 packages (a folder), 导入篇目 and 接收来稿.

Everything long runs in a background job; heavy libraries are imported inside the jobs only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.operations import yearbook_documents as documents
from fangzhi_desktop.operations.workpoint_documents import Exported
from fangzhi_desktop.operations.yearbook_documents import YearbookDocument
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import yearbook as volumes
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.dialogs.export_dialog import DocumentOptions, ExportDocumentDialog
from fangzhi_desktop.ui.dialogs.yearbook_dialogs import ManuscriptsPreviewDialog
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.export_menu import ExportMenu
from fangzhi_desktop.ui.jobs import Job
from fangzhi_desktop.ui.people_exports import ask_full_numbers
from fangzhi_desktop.ui.settings import Settings

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"
OUTLINE_FILTER = "篇目文件 (*.docx *.txt *.xlsx);;所有文件 (*)"
MANUSCRIPT_FILTER = "来稿 (*.docx *.txt *.xlsx *.xls *.xlsm);;所有文件 (*)"

NOTICE = "notice"
BULLETIN = "bulletin"
XLSX = "xlsx"
PACKAGES = "packages"
OUTLINE = "outline"
MANUSCRIPTS = "manuscripts"

MENU = (
    (NOTICE, "组稿通知（公文）…", "生成向供稿单位组稿的通知（Word 公文，带发文字号）"),
    (BULLETIN, "供稿情况通报（公文）…", "生成截至某日各单位供稿情况的通报（Word 公文）"),
    (XLSX, "进度表（Excel）…", "把各单位、各篇目的进度和编纂阶段导出为 Excel"),
    (PACKAGES, "各单位组稿包…", "为每个供稿单位生成一份组稿任务表，写入所选文件夹"),
    (OUTLINE, "导入篇目…", "从 Word、文本或 Excel 篇目文件导入篇目（类目、分目、条目）"),
    (MANUSCRIPTS, "接收来稿…", "选择来稿文件，自动对应到条目，核对后保存"),
)


class YearbookExports(ExportMenu):
    """The menu button, its actions and the jobs; ``changed`` after an import saved."""

    changed = Signal()

    def __init__(self, parent: QWidget, conn: sqlite3.Connection, db_path: Path,
                 clock: Callable[[], date], settings: Settings,
                 year: Callable[[], int | None]) -> None:
        super().__init__(parent, conn, db_path, clock, settings)
        self.year = year
        for key, text, tip in MENU:
            if key == OUTLINE:
                self.menu.addSeparator()
            self.add_action(key, text, tip, self._triggered)
        self.make_button("导出/导入 ▾", "导出组稿通知、通报、进度表、组稿包，导入篇目或接收来稿")

    def _triggered(self, key: str) -> None:
        with reporting(self.widget):
            self.start(key)


    def _save_path(self, title: str, name: str, suffix: str) -> Path | None:
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

    def start(self, key: str) -> Job | None:
        """Ask what is needed, then run the job; None when the user cancelled."""
        year = self.year()
        if year is None or self.busy:
            return None
        volume = volumes.get_volume(self.conn, year)
        today = self.clock()
        if key in (NOTICE, BULLETIN):
            kind = YearbookDocument.NOTICE if key == NOTICE else YearbookDocument.BULLETIN
            what = "组稿通知" if key == NOTICE else "供稿情况通报"
            document = (f"关于做好{volume.quoted}组稿工作的通知" if key == NOTICE
                        else f"关于{volume.quoted}供稿情况的通报")
            options = DocumentOptions(
                window_title=f"导出{what}", document=document,
                date_label="成文日期" if key == NOTICE else "统计日期",
                date_hint="" if key == NOTICE else "通报截至该日的供稿情况，该日也作为成文日期。",
                doc_no=True)
            choice = ExportDocumentDialog.ask(self.widget, self.conn, options, today)
            if choice is None:
                return None
            path = self._save_path(options.window_title, f"{volume.title}{what}.docx", ".docx")
            if path is None:
                return None

            def write_doc(conn: sqlite3.Connection, progress: Progress) -> Exported:
                return documents.write_document(conn, kind, year, path, choice.when,
                                                choice.serial, progress)
            return self._run(f"生成{what}", write_doc, self._exported)
        if key == XLSX:
            full = ask_full_numbers(self.widget, "yearbook-xlsx", "导出进度表")
            if full is None:
                return None
            path = self._save_path("导出进度表", f"{volume.title}编纂进度表.xlsx", ".xlsx")
            if path is None:
                return None

            def write_xlsx(conn: sqlite3.Connection, progress: Progress) -> Exported:
                return documents.write_progress_xlsx(conn, year, path, today, progress,
                                                     full_numbers=full)
            return self._run("导出进度表", write_xlsx, self._exported)
        if key == PACKAGES:
            with_numbers = ask_full_numbers(self.widget, "yearbook-package", "生成组稿包")
            if with_numbers is None:
                return None
            folder = prompts.choose_folder(self.widget, "组稿包保存到哪个文件夹",
                                           self.settings.get(keys.EXPORT_DIR) or "")
            if folder is None:
                return None
            self.settings.set(keys.EXPORT_DIR, str(folder))

            def write_packages(conn: sqlite3.Connection, progress: Progress) -> Any:
                return documents.write_packages(conn, year, folder, today, progress,
                                                full_numbers=with_numbers)
            return self._run("生成组稿包", write_packages,
                             lambda packages: self._packaged(folder, packages))
        if key == OUTLINE:
            return self._import_outline(year)
        if key == MANUSCRIPTS:
            return self._receive(year)
        return None

    # --- Results ---------------------------------------------------------------------------

    def _exported(self, result: Exported) -> None:
        text = f"已导出：{result.path}"
        if result.doc_no:
            text += f"\n发文字号：{result.doc_no}（已登记为已用）"
        self._offer(text, result.path)

    def _packaged(self, folder: Path, packages: list[Any]) -> None:
        entries = sum(p.entries for p in packages)
        prompts.inform(self.widget, "组稿包已生成",
                       f"已为{len(packages)}个供稿单位生成组稿包（共{entries}个条目），"
                       f"保存在：\n{folder}")

    def _offer(self, text: str, path: Path) -> None:
        choice = prompts.offer_open(self.widget, "导出完成", text)
        if choice is None:
            return
        target = path if choice == prompts.OPEN_FILE else path.parent
        if not prompts.open_url(QUrl.fromLocalFile(str(target))):
            prompts.error(self.widget, "无法打开", f"无法打开：{target}")

    # --- Imports ---------------------------------------------------------------------------

    def import_files(self, key: str, paths: list[Path]) -> Job | None:
        """Import dropped files into the shown volume: its 篇目 (``OUTLINE``, one file) or
        来稿 (``MANUSCRIPTS``); None when no volume is shown or a job is running."""
        year = self.year()
        if year is None or self.busy or not paths:
            return None
        if key == OUTLINE:
            return self._import_outline(year, paths[0])
        return self._receive(year, paths)

    def _import_outline(self, year: int, path: Path | None = None) -> Job | None:
        path = path or prompts.open_file(self.widget, "导入篇目", OUTLINE_FILTER,
                                         self.settings.get(keys.IMPORT_DIR) or "")
        if path is None:
            return None
        self.settings.set(keys.IMPORT_DIR, str(path.parent))

        def read(_conn: sqlite3.Connection, _progress: Progress) -> Any:
            from fangzhi_desktop.importers.yearbook_outline import read_outline

            return read_outline(path)
        return self._run("读取篇目", read, lambda outline: self._outline_read(year, outline))

    def _outline_read(self, year: int, outline: Any) -> None:
        from fangzhi_desktop.errors import InputErrors
        from fangzhi_desktop.ui.errors import report_error

        if outline.errors:
            report_error(self.widget, InputErrors(
                f"{path_name(outline)}有{len(outline.errors)}处错误，未导入。", outline.errors),
                "无法导入篇目")
            return
        categories, sections, entries = outline.counts()
        volume = volumes.get_volume(self.conn, year)
        from fangzhi_desktop.storage.yearbook_tree import count_manuscripts, count_nodes

        existing = count_nodes(self.conn, volume.id)
        received = count_manuscripts(self.conn, volume.id) if existing else 0
        if received:  # the core refuses to replace such a tree: say so before asking
            prompts.error(self.widget, "无法导入篇目",
                          f"{volume.quoted}已收到{received}份来稿，不能用导入的篇目整体替换"
                          "（来稿会随之丢失），未做改动。\n请在篇目中逐项新增、重命名或删除。")
            return
        text = (f"识别出 {categories} 个类目、{sections} 个分目、{entries} 个条目"
                f"（按{outline.how or '编号'}识别）。")
        if existing:
            text += f"\n{volume.quoted}已有{existing}个篇目，导入将整体替换现有篇目。"
        if not prompts.confirm(self.widget, "导入篇目", text + "\n确定导入吗？",
                               ok_text="导入", warning=bool(existing)):
            return
        volume_id = volume.id

        def save(conn: sqlite3.Connection, progress: Progress) -> int:
            from fangzhi_desktop.storage.yearbook_tree import save_outline

            return int(save_outline(conn, volume_id, outline, replace=bool(existing),
                                    progress=progress))
        self._run("保存篇目", save, self._outline_saved)

    def _outline_saved(self, count: int) -> None:
        self.changed.emit()
        prompts.inform(self.widget, "篇目已导入", f"已导入{count}个篇目。")

    def _receive(self, year: int, paths: list[Path] | None = None) -> Job | None:
        paths = paths or prompts.open_files(self.widget, "接收来稿", MANUSCRIPT_FILTER,
                                            self.settings.get(keys.IMPORT_DIR) or "")
        if not paths:
            return None
        self.settings.set(keys.IMPORT_DIR, str(paths[0].parent))

        def read(conn: sqlite3.Connection, progress: Progress) -> Any:
            from fangzhi_desktop.operations.yearbook_manuscripts import preview_manuscripts

            return preview_manuscripts(conn, year, paths, progress=progress)
        return self._run("读取来稿", read, self._received)

    def _received(self, preview: Any) -> None:
        if not ManuscriptsPreviewDialog.ask(self.widget, preview):
            return
        today = self.clock()

        def save(conn: sqlite3.Connection, progress: Progress) -> int:
            from fangzhi_desktop.operations.yearbook_manuscripts import save_manuscripts

            return len(save_manuscripts(conn, preview, today, progress))
        self._run("保存来稿", save, self._manuscripts_saved)

    def _manuscripts_saved(self, count: int) -> None:
        self.changed.emit()
        prompts.inform(self.widget, "来稿已保存", f"已保存{count}份来稿。")


def path_name(outline: Any) -> str:
    return Path(outline.source).name if outline.source else "篇目文件"
