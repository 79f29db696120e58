"""``fangzhi export KIND --out PATH [--year Y] [--id ID]`` and ``fangzhi export --list``."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, say
from fangzhi_desktop.errors import EXIT_OK, FangzhiError, UnusableInput


@dataclass(frozen=True)
class ExportKind:
    name: str
    description: str
    suffix: str
    write: Callable[[sqlite3.Connection, Path, argparse.Namespace], Path]


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


KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (
        ExportKind("workpoints-xlsx", "年度工作要点台账（Excel）", ".xlsx", _workpoints_xlsx),
        ExportKind("workpoints-notice", "印发年度工作要点的通知（公文）", ".docx",
                   _document("notice")),
        ExportKind("workpoints-report", "工作要点落实情况督办通报（公文，--date 指定截止日期）",
                   ".docx", _document("report")),
        ExportKind("workpoints-ledger", "工作要点落实情况台账（横版 Word）", ".docx",
                   _document("ledger")),
        ExportKind("workpoints-summary", "年度工作要点完成情况总结（公文）", ".docx",
                   _document("summary")),
    )
}


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def register(sub: Any) -> None:
    parser = add_subparser(sub, "export", "导出文件（用 --list 查看可导出的种类）")
    parser.add_argument("kind", nargs="?", metavar="KIND", help="导出种类")
    parser.add_argument("--out", metavar="PATH", help="输出文件")
    parser.add_argument("--year", type=int, help="年度（默认最近一年）")
    parser.add_argument("--id", type=int, help="记录编号（部分种类需要）")
    parser.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD",
                        help="统计或成文日期（默认今天；印发通知默认为原通知日期）")
    parser.add_argument("--doc-no", type=int, metavar="N",
                        help="发文字号的序号（默认取本年度下一个未用序号）")
    parser.add_argument("--list", action="store_true", help="列出可导出的种类")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for kind in KINDS.values():
            print(f"{kind.name}\t{kind.description}（{kind.suffix}）")
        return EXIT_OK
    if not args.kind:
        raise UnusableInput("用法错误：请指定导出种类（用 export --list 查看）。")
    kind = KINDS.get(args.kind)
    if kind is None:
        raise UnusableInput(f"用法错误：没有“{args.kind}”这种导出，可选：{'、'.join(KINDS)}。")
    if not args.out:
        raise UnusableInput("用法错误：请用 --out 指定输出文件。")
    out = Path(args.out)
    if out.suffix.lower() != kind.suffix:
        raise UnusableInput(f"用法错误：{kind.name} 导出的是 {kind.suffix} 文件，"
                            f"请把输出文件名改为 *{kind.suffix}。")
    conn = open_db(args)
    try:
        written = kind.write(conn, out, args)
    finally:
        conn.close()
    say(f"已导出：{written}")
    return EXIT_OK
