"""``fangzhi export KIND --out PATH [--year Y] [--id ID] [--full-ids]`` and ``fangzhi export
--list``. Kinds with people in them (``operations/people_exports.py``) mask ID and phone numbers
unless ``--full-ids`` is given."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, say
from fangzhi_desktop.errors import EXIT_OK, UnusableInput
from fangzhi_desktop.operations.people_exports import FULL_IDS_HELP, contains_people


@dataclass(frozen=True)
class ExportKind:
    name: str
    description: str
    suffix: str
    write: Callable[[sqlite3.Connection, Path, argparse.Namespace], Path]


# Modules in ``fangzhi_desktop.cli`` that define ``KINDS: list[ExportKind]``, one per area.
# One per line: a new area adds its own line.
AREAS = (
    "export_workpoints",
    "export_learning",
    "export_briefings",
    "export_campaigns",
    "export_yearbook",
    "export_report",
    "export_package",
)


# Kinds drawn with Qt (name, description): the launcher runs them, the command line only lists them.
QT_EXPORTS = (("campaign-chart", "专项活动作战图（.png 为 A3 横版 300 dpi 图片，.docx 为横版 Word；"
                                   "--id 指定活动，--date 以该日为“今天”）"),)


def all_kinds() -> dict[str, ExportKind]:
    import importlib

    kinds: dict[str, ExportKind] = {}
    for area in AREAS:
        for kind in importlib.import_module(f"fangzhi_desktop.cli.{area}").KINDS:
            kinds[kind.name] = kind
    return kinds




def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def register(sub: Any) -> None:
    import importlib

    parser = add_subparser(sub, "export", "导出文件（用 --list 查看可导出的种类）")
    parser.add_argument("kind", nargs="?", metavar="KIND", help="导出种类")
    parser.add_argument("--out", metavar="PATH", help="输出文件")
    parser.add_argument("--year", type=int, help="年度（默认最近一年）")
    parser.add_argument("--id", type=int, help="记录编号（部分种类需要）")
    parser.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD",
                        help="统计或成文日期（默认今天；印发通知默认为原通知日期）")
    parser.add_argument("--doc-no", type=int, metavar="N",
                        help="发文字号的序号（默认取本年度下一个未用序号）")
    parser.add_argument("--full-ids", action="store_true", help=FULL_IDS_HELP)
    parser.add_argument("--month", metavar="YYYY-MM", help="报告月份（report 导出，如 2026-11）")
    parser.add_argument("--quarter", metavar="YYYYQN", help="报告季度（report 导出，如 2026Q4）")
    parser.add_argument("--list", action="store_true", help="列出可导出的种类")
    for area in AREAS:  # an area may add options of its own (``add_arguments(parser)``)
        add = getattr(importlib.import_module(f"fangzhi_desktop.cli.{area}"), "add_arguments", None)
        if add is not None:
            add(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kinds = all_kinds()
    if args.list:
        for kind in kinds.values():
            people = "；含人员信息，默认打码，--full-ids 导出完整号码" if contains_people(
                kind.name) else ""
            print(f"{kind.name}\t{kind.description}（{kind.suffix or '文件夹'}{people}）")
        for name, description in QT_EXPORTS:
            print(f"{name}\t{description}")
        return EXIT_OK
    if not args.kind:
        raise UnusableInput("用法错误：请指定导出种类（用 export --list 查看）。")
    kind = kinds.get(args.kind)
    if kind is None:
        raise UnusableInput(f"用法错误：没有“{args.kind}”这种导出，可选：{'、'.join(kinds)}。")
    if not args.out:
        raise UnusableInput("用法错误：请用 --out 指定输出文件。")
    if args.full_ids and not contains_people(kind.name):
        raise UnusableInput(f"用法错误：{kind.name} 导出不含身份证号和电话，不需要 --full-ids。")
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
