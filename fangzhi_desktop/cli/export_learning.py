"""Export kinds of the 干部学习 area (see ``cli/export.py``)."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date
from pathlib import Path

from fangzhi_desktop.cli.common import say
from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.errors import FangzhiError


def _year(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    from fangzhi_desktop.operations.learning_documents import default_year
    from fangzhi_desktop.storage.learning import learning_years

    if args.year is None:
        return default_year(conn, args.date or date.today())
    if args.year not in learning_years(conn):
        years = "、".join(map(str, learning_years(conn))) or "无"
        raise FangzhiError(f"数据库中没有{args.year}年的学习活动。已有年度：{years}。")
    return int(args.year)


def _hours_xlsx(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.learning_documents import write_hours_xlsx

    return write_hours_xlsx(conn, _year(conn, args), out, args.date or date.today(),
                            full_numbers=args.full_ids).path


def _roster_xlsx(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.learning_documents import write_roster_xlsx

    return write_roster_xlsx(conn, out, full_numbers=args.full_ids).path


def _report(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.learning_documents import write_report

    exported = write_report(conn, _year(conn, args), out, args.date or date.today(),
                            args.doc_no)
    say(f"发文字号：{exported.doc_no}")
    return exported.path


KINDS: list[ExportKind] = [
    ExportKind("learning-hours-xlsx", "干部学习学时统计（Excel：个人、科室、活动）", ".xlsx",
               _hours_xlsx),
    ExportKind("roster-xlsx", "干部职工花名册（Excel，全部字段）", ".xlsx", _roster_xlsx),
    ExportKind("learning-report", "干部学习学时完成情况通报（公文，--date 指定统计和成文日期）",
               ".docx", _report),
]
