"""``fangzhi import-campaign FILE [--year Y] [--dry-run] [--json] [--replace]``: a 实施方案."""

from __future__ import annotations

import argparse
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-campaign", "导入专项活动实施方案（.txt 或 .docx）")
    parser.add_argument("file", metavar="FILE", help="实施方案文件")
    parser.add_argument("--year", type=int, help="活动年度（默认取第一个阶段的年份）")
    parser.add_argument("--dry-run", action="store_true", help="只识别不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    parser.add_argument("--replace", action="store_true",
                        help="已有同名专项活动时替换（原有任务及进展记录将被删除）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.importers.campaign_plan import read_plan

    plan = read_plan(args.file)
    if args.json:
        print_json(plan.as_json())
    for problem in plan.problems:
        prefix = "错误" if problem.severity == "error" else "提示"
        say(f"{prefix}：{problem.text()}")
    tasks = sum(len(phase.tasks) for phase in plan.phases)
    summary = f"“{plan.title}”：{len(plan.phases)}个阶段，{tasks}项任务"
    if plan.errors:
        say(f"{args.file}：识别出{summary}，但有{len(plan.errors)}处错误，未导入。")
        return EXIT_INPUT_ERRORS
    if args.dry_run:
        say(f"识别出{summary}（未保存）。")
        return EXIT_OK
    from fangzhi_desktop.storage.campaigns import find_campaign, save_campaign

    conn = open_db(args)
    try:
        if args.replace and find_campaign(conn, plan.title) is not None:
            from fangzhi_desktop.storage.backup import backup_before

            say(f"已先备份数据：{backup_before(conn, '替换专项活动前')}")
        campaign_id = save_campaign(conn, plan, year=args.year, replace=args.replace)
    finally:
        conn.close()
    say(f"已导入专项活动{summary}（编号{campaign_id}）。")
    return EXIT_OK
