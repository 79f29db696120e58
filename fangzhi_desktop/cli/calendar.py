"""``fangzhi calendar list | add-year FILE.json | check YYYY-MM-DD``: the working calendar."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, say
from fangzhi_desktop.errors import EXIT_OK, UnusableInput

WEEKDAYS = "一二三四五六日"


def register(sub: Any) -> None:
    from fangzhi_desktop.cli.parser import ChineseArgumentParser, add_db_argument

    parser = add_subparser(sub, "calendar", "工作日历：查看年份、添加新一年的节假日安排、查询某天")
    actions = parser.add_subparsers(title="操作", metavar="操作",
                                    parser_class=ChineseArgumentParser)
    for name, help_text, run in (
            ("list", "列出已有节假日安排的年份", run_list),
            ("add-year", "添加（或替换）一年的节假日安排（JSON 文件，格式同 cn-holidays.json）",
             run_add_year),
            ("check", "查询某天是工作日、周末、假期还是调休上班", run_check)):
        action = actions.add_parser(name, help=help_text, description=help_text, add_help=False)
        action.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        add_db_argument(action)
        if name == "add-year":
            action.add_argument("file", metavar="FILE", help="节假日安排 JSON 文件")
        elif name == "check":
            action.add_argument("day", metavar="YYYY-MM-DD", help="日期")
        action.set_defaults(run=run)
    parser.set_defaults(run=run_without_action)


def run_without_action(args: argparse.Namespace) -> int:
    raise UnusableInput("用法错误：请指定操作：list、add-year 或 check（用 calendar --help 查看）。")


def run_list(args: argparse.Namespace) -> int:
    from fangzhi_desktop.storage.calendar import list_years

    conn = open_db(args)
    try:
        years = list_years(conn)
    finally:
        conn.close()
    for year in years:
        print(f"{year.year}年\t{year.source_label}\t假期{year.holidays}个，调休上班{year.workdays}天"
              + (f"\t{year.notice}" if year.notice else ""))
    return EXIT_OK


def run_add_year(args: argparse.Namespace) -> int:
    from fangzhi_desktop.importers.calendar_year import read_year_file
    from fangzhi_desktop.storage.calendar import add_year, year_data
    from fangzhi_desktop.storage.database import transaction

    entries = read_year_file(args.file)
    conn = open_db(args)
    try:
        replaced = [year for year, _ in entries if year_data(conn, year) is not None]
        with transaction(conn):
            for year, entry in entries:
                add_year(conn, year, entry, source_file=Path(args.file).name)
    finally:
        conn.close()
    for year, entry in entries:
        verb = "已替换" if year in replaced else "已添加"
        say(f"{verb}{year}年的节假日安排：假期{len(entry.get('holidays', []))}个，"
            f"调休上班{len(entry.get('workdays', []))}天。")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from fangzhi_desktop.storage.calendar import working_calendar

    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        raise UnusableInput(f"用法错误：日期“{args.day}”格式不对，应为 YYYY-MM-DD。") from None
    conn = open_db(args)
    try:
        description = working_calendar(conn).describe(day)
    finally:
        conn.close()
    print(f"{day.isoformat()} 星期{WEEKDAYS[day.weekday()]} {description}")
    return EXIT_OK
