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


def _workpoints_xlsx(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.exporters.workpoints_xlsx import write_workpoints_xlsx
    from fangzhi_desktop.storage.workpoints import get_plan, list_items

    year = _year_or_latest(conn, args.year)
    plan = get_plan(conn, year)
    title = plan.title if plan else f"{year}年工作要点"
    return write_workpoints_xlsx(out, title, list_items(conn, year), date.today())


KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (
        ExportKind("workpoints-xlsx", "年度工作要点台账（Excel）", ".xlsx", _workpoints_xlsx),
    )
}


def register(sub: Any) -> None:
    parser = add_subparser(sub, "export", "导出文件（用 --list 查看可导出的种类）")
    parser.add_argument("kind", nargs="?", metavar="KIND", help="导出种类")
    parser.add_argument("--out", metavar="PATH", help="输出文件")
    parser.add_argument("--year", type=int, help="年度（默认最近一年）")
    parser.add_argument("--id", type=int, help="记录编号（部分种类需要）")
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
