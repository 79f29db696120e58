"""``fangzhi import-activity FILE [--year Y] [--type T] [--dry-run] [--json]``: a learning
activity from the news text that reports it (.txt in any encoding, or .docx).

Names in the text are matched against the roster in the database; the activity is saved with
the people matched (the host among them). Unmatched names and groups ("副处级以上领导干部") are
listed for the user to add in the window. The same activity (type, date, title) is never imported
twice. A dry run reads an existing database (to match names) and never creates one.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, db_path, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-activity",
                           "从新闻稿或简讯（.txt 或 .docx）导入一次学习活动")
    parser.add_argument("file", metavar="FILE", help="报道学习活动的新闻稿或简讯")
    parser.add_argument("--year", type=int, help="年度（默认从文中或简报日期识别）")
    parser.add_argument("--type", metavar="TYPE", dest="type_name",
                        help="学习类型（默认从文中判断，如“理论学习中心组学习”）")
    parser.add_argument("--dry-run", action="store_true", help="只识别不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.domain.learning import DEFAULT_RULES, HourRule
    from fangzhi_desktop.domain.people import Person
    from fangzhi_desktop.importers.learning_news import describe, read_activity

    roster: list[Person] = []
    rules: list[HourRule] = list(DEFAULT_RULES)
    if db_path(args).exists():  # the roster to match names; never created for a dry run
        conn = open_db(args)
        try:
            from fangzhi_desktop.storage.learning import list_rules
            from fangzhi_desktop.storage.people import list_people

            roster, rules = list_people(conn), list_rules(conn)
        finally:
            conn.close()
    parsed = read_activity(args.file, year=args.year, roster=roster, rules=rules,
                           type_name=args.type_name)
    if args.json:
        print_json(parsed.as_json())
    for problem in parsed.problems:
        prefix = "错误" if problem.severity == "error" else "提示"
        say(f"{prefix}：{problem.text()}")
    name = Path(args.file).name
    summary = describe(parsed)
    if parsed.errors:
        say(f"{name}：识别出{summary}，但有{len(parsed.errors)}处错误，未导入。")
        return EXIT_INPUT_ERRORS
    if args.dry_run:
        say(f"识别出{summary}（未保存）。")
        return EXIT_OK
    from fangzhi_desktop.storage import transaction
    from fangzhi_desktop.storage.learning import find_activity, save_activity

    activity = parsed.to_activity()
    conn = open_db(args)
    try:
        with transaction(conn):
            if find_activity(conn, activity.type_name, activity.start, activity.title):
                say(f"{name}：{activity.date_text()}的“{activity.title}”已经导入过，未做改动。")
                return EXIT_INPUT_ERRORS
            save_activity(conn, activity)
    finally:
        conn.close()
    say(f"已导入{summary}，记录参加{len(activity.attendees)}人。")
    if parsed.unmatched or parsed.groups:
        say("请在“干部学习”中补选其余参加人员。")
    return EXIT_OK
