"""Export kinds of the 年度工作要点 area (see ``cli/export.py``)."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fangzhi_desktop.cli.common import say
from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.errors import FangzhiError


def _year_or_latest(conn: sqlite3.Connection, year: int | None) -> int:
    from fangzhi_desktop.storage.workpoints import plan_years

    years = plan_years(conn)
    if year is None:
        if not years:
            raise FangzhiError("数据库中还没有工作要点，请先导入（import-workpoints）。")
        return years[-1]
    if year not in years:
        raise FangzhiError(f"数据库中没有{year}年的工作要点。已有年度："
                           f"{'、'.join(map(str, years)) or '无'}。")
    return year


def _as_of(args: argparse.Namespace) -> date:
    return args.date or date.today()


def _document(kind_name: str) -> Callable[[sqlite3.Connection, Path, argparse.Namespace], Path]:
    """An export of one work-point document (the same operation the window runs)."""
    from fangzhi_desktop.operations.workpoint_documents import DocumentKind

    kind = DocumentKind(kind_name)

    def write(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
        from fangzhi_desktop.operations.workpoint_documents import default_date, write_document
        from fangzhi_desktop.storage.workpoints import get_plan

        year = _year_or_latest(conn, args.year)
        plan = get_plan(conn, year)
        assert plan is not None  # _year_or_latest checked it
        when = args.date or default_date(kind, plan, date.today())
        exported = write_document(conn, kind, year, out, when, args.doc_no)
        if exported.doc_no:
            say(f"发文字号：{exported.doc_no}")
        return exported.path

    return write


def _workpoints_xlsx(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.workpoint_documents import write_ledger_xlsx

    return write_ledger_xlsx(conn, _year_or_latest(conn, args.year), out, _as_of(args)).path


KINDS: list[ExportKind] = [
    ExportKind("workpoints-xlsx", "年度工作要点台账（Excel）", ".xlsx", _workpoints_xlsx),
    ExportKind("workpoints-notice", "印发年度工作要点的通知（公文）", ".docx",
               _document("notice")),
    ExportKind("workpoints-report", "工作要点落实情况督办通报（公文，--date 指定截止日期）",
               ".docx", _document("report")),
    ExportKind("workpoints-ledger", "工作要点落实情况台账（横版 Word）", ".docx",
               _document("ledger")),
    ExportKind("workpoints-summary", "年度工作要点完成情况总结（公文）", ".docx",
               _document("summary")),
]
