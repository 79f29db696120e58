"""Export kinds of the 年鉴编纂 area (see ``cli/export.py``); ``--year`` names the volume (the
latest when left out), ``--date`` the day of the document or of the figures."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fangzhi_desktop.cli.common import say
from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.errors import FangzhiError


def volume_year(conn: sqlite3.Connection, wanted: int | None) -> int:
    """The volume ``--year`` names, or the latest; a clear message otherwise."""
    from fangzhi_desktop.storage.yearbook import volume_years

    years = volume_years(conn)
    if not years:
        raise FangzhiError("数据库中还没有年鉴年卷，请先新建（yearbook new-volume --year 年份）"
                           "或导入篇目（import-outline）。")
    if wanted is None:
        return years[-1]
    if wanted not in years:
        raise FangzhiError(f"没有{wanted}年卷的年鉴。已有年卷：{'、'.join(map(str, years))}。")
    return wanted


def _when(args: argparse.Namespace) -> date:
    return args.date or date.today()


def _document(kind_name: str) -> Callable[[sqlite3.Connection, Path, argparse.Namespace], Path]:
    """An export of the notice or the bulletin (the same operation the window runs)."""

    def write(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
        from fangzhi_desktop.operations.yearbook_documents import YearbookDocument, write_document

        exported = write_document(conn, YearbookDocument(kind_name),
                                  volume_year(conn, args.year), out, _when(args), args.doc_no)
        say(f"发文字号：{exported.doc_no}")
        return exported.path

    return write


def _xlsx(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.yearbook_documents import write_progress_xlsx

    return write_progress_xlsx(conn, volume_year(conn, args.year), out, _when(args),
                               full_numbers=args.full_ids).path


def _packages(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.yearbook_documents import write_packages

    for package in write_packages(conn, volume_year(conn, args.year), out, _when(args),
                                  full_numbers=args.full_ids):
        say(f"{package.unit}：{package.entries}个条目 → {package.path.name}")
    return out


KINDS: list[ExportKind] = [
    ExportKind("yearbook-notice", "年鉴组稿通知（公文，附件为各单位条目任务表；--date 成文日期）",
               ".docx", _document("notice")),
    ExportKind("yearbook-bulletin", "年鉴供稿情况通报（公文，点名逾期单位；--date 统计日期）", ".docx",
               _document("bulletin")),
    ExportKind("yearbook-xlsx", "年鉴供稿进度表（Excel：按单位、按篇目、编纂阶段）", ".xlsx", _xlsx),
    ExportKind("yearbook-package", "各供稿单位的年鉴组稿任务表（--out 指定文件夹，每单位一个 Excel）",
               "", _packages),
]
