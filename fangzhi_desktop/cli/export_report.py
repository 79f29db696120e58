"""Export kind of the whole office: the 月度/季度工作情况 report (see ``cli/export.py``)."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date
from pathlib import Path

from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.domain.office_report import Period, parse_month, parse_quarter, period_of
from fangzhi_desktop.errors import UnusableInput


def period_from(args: argparse.Namespace) -> Period:
    """``--month 2026-11`` or ``--quarter 2026Q4``; neither: the month of ``--date`` (today)."""
    month, quarter = getattr(args, "month", None), getattr(args, "quarter", None)
    if month and quarter:
        raise UnusableInput("用法错误：--month 和 --quarter 只能选一个。")
    if month:
        return parse_month(month)
    if quarter:
        return parse_quarter(quarter)
    return period_of(args.date or date.today())


def _report(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.office_report import write_report

    return write_report(conn, period_from(args), out, args.date or date.today())


KINDS: list[ExportKind] = [
    ExportKind("report", "月度/季度工作情况报告（公文，汇总工作要点、专项活动、年鉴编纂、干部学习；"
               "--month 2026-11 或 --quarter 2026Q4）", ".docx", _report),
]
