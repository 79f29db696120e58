"""``fangzhi audit [--table T --id N] [--limit N] [--user U] [--since D] [--until D] [--json]``:
the audit trail (修改记录), one line per changed field, as the window shows it."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, print_table
from fangzhi_desktop.errors import EXIT_OK, FangzhiError

HEADER = ("时间", "用户", "操作", "对象", "字段", "原值", "新值")


def register(sub: Any) -> None:
    parser = add_subparser(sub, "audit", "查看修改记录：谁在何时修改了什么（修改前后的值）")
    parser.add_argument("--table", metavar="T",
                        help="只看一类记录，如 work_items（工作要点条目）、campaign_tasks"
                             "（专项活动任务）、people（人员）")
    parser.add_argument("--id", type=int, metavar="N", help="与 --table 同用：只看这一条记录")
    parser.add_argument("--limit", type=int, default=200, metavar="N",
                        help="最多显示最近的 N 次修改（默认 200）")
    parser.add_argument("--user", metavar="U", help="只看这个用户的修改")
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="从这一天起")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="到这一天止")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.domain.audit import TABLE_LABELS, change_lines
    from fangzhi_desktop.storage import audit

    if args.id is not None and not args.table:
        raise FangzhiError("--id 须与 --table 同用，例如 --table work_items --id 12。")
    if args.table and args.table not in TABLE_LABELS:
        raise FangzhiError(f"没有“{args.table}”这类记录；可用：{'、'.join(sorted(TABLE_LABELS))}。")
    conn = open_db(args)
    try:
        if args.id is not None:
            entries = audit.history(conn, args.table, args.id)[:max(1, args.limit)]
        else:
            entries = audit.latest(conn, args.limit, user=args.user, since=args.since,
                                   until=args.until, table=args.table)
    finally:
        conn.close()
    lines = [line for entry in entries for line in change_lines(entry)]
    if args.json:
        print_json([asdict(line) for line in lines])
        return EXIT_OK
    print_table(HEADER, [(line.at, line.user, line.action, line.record, line.field, line.old,
                          line.new) for line in lines], "没有符合条件的修改记录。")
    return EXIT_OK


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None
