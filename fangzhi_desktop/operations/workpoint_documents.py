"""Exporting a year's work points: the Excel ledger and the four Word documents.

A 发文字号 is recorded as used only once its file has been written, so a target locked by
Word/WPS uses up nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from fangzhi_desktop.domain.workpoints import PlanInfo
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import workpoints as store


class DocumentKind(StrEnum):
    NOTICE = "notice"  # 印发通知
    REPORT = "report"  # 落实情况通报
    LEDGER = "ledger"  # 横版台账
    SUMMARY = "summary"  # 完成情况总结


NEEDS_DOC_NO = frozenset({DocumentKind.NOTICE, DocumentKind.REPORT})


@dataclass(frozen=True)
class Exported:
    path: Path
    doc_no: str = ""


def default_date(kind: DocumentKind, plan: PlanInfo, today: date) -> date:
    """通知: the plan's own date when known; everything else: today."""
    if kind is DocumentKind.NOTICE and plan.issued_on is not None:
        return plan.issued_on
    return today


def _plan(conn: sqlite3.Connection, year: int) -> PlanInfo:
    plan = store.get_plan(conn, year)
    if plan is None:
        raise FangzhiError(f"没有{year}年的工作要点（可能刚被替换或删除），未导出。")
    return plan


def write_document(conn: sqlite3.Connection, kind: DocumentKind, year: int, path: Path,
                   when: date, serial: int | None = None,
                   progress: Progress = no_progress) -> Exported:
    """Build and write one document; a 发文字号 kind takes ``serial`` (default: the next
    free one of ``when``'s year) and records it once the file is written."""
    from fangzhi_desktop.exporters import workpoints_docx as docs
    from fangzhi_desktop.storage.office import load_profile, next_doc_serial, take_doc_serial

    progress(0.05, "正在读取工作要点……")
    plan = _plan(conn, year)
    items = store.list_items(conn, year)
    profile = load_profile(conn)
    if kind in NEEDS_DOC_NO and serial is None:
        serial = next_doc_serial(conn, when.year)
    doc_no = profile.doc_no(when.year, serial) if kind in NEEDS_DOC_NO and serial else ""
    if kind is DocumentKind.NOTICE:
        model = docs.build_notice(plan, items, profile, doc_no, when)
    elif kind is DocumentKind.REPORT:
        model = docs.build_report(plan, items, profile, doc_no, when)
    elif kind is DocumentKind.LEDGER:
        model = docs.build_ledger(plan, items, when)
    else:
        model = docs.build_summary(plan, items, profile, when)
    progress(0.3, "正在生成文档……")
    # No progress report from here on: a late 取消 must not hide a written file.
    written = docs.write_docx(model, path)
    if doc_no and serial is not None:
        take_doc_serial(conn, when.year, model.title, serial)
    return Exported(written, doc_no)


def write_ledger_xlsx(conn: sqlite3.Connection, year: int, path: Path, today: date,
                      progress: Progress = no_progress) -> Exported:
    from fangzhi_desktop.exporters.workpoints_xlsx import write_workpoints_xlsx

    plan = _plan(conn, year)
    return Exported(write_workpoints_xlsx(path, plan.title or f"{year}年工作要点",
                                          store.list_items(conn, year), today, progress))
