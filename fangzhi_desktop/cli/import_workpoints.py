"""``fangzhi import-workpoints FILE [--year Y] [--dry-run] [--json] [--replace]``."""

from __future__ import annotations

import argparse
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK, YearUnknown


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-workpoints", "导入年度工作要点（.txt 或 .docx 通知）")
    parser.add_argument("file", metavar="FILE", help="通知或工作要点文件")
    parser.add_argument("--year", type=int, help="年度（默认从标题识别）")
    parser.add_argument("--dry-run", action="store_true", help="只识别不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    parser.add_argument("--replace", action="store_true",
                        help="该年度已有工作要点时替换（原有条目及进展记录将被删除）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.importers.workpoints_notice import read_notice

    try:
        plan = read_notice(args.file, year=args.year)
    except YearUnknown as exc:
        raise YearUnknown(exc.message.rstrip("。") + "（用 --year 指定）。") from exc
    if args.json:
        print_json(plan.as_json())
    for problem in plan.problems:
        prefix = "错误" if problem.severity == "error" else "提示"
        say(f"{prefix}：{problem.text()}")
    summary = f"{plan.year}年：{len(plan.sections)}个部分，{len(plan.items)}条"
    if plan.errors:
        say(f"{args.file}：识别出{summary}，但有{len(plan.errors)}处错误，未导入。")
        return EXIT_INPUT_ERRORS
    if args.dry_run:
        say(f"识别出{summary}（未保存）。")
        return EXIT_OK
    from fangzhi_desktop.storage.workpoints import save_plan, year_exists

    conn = open_db(args)
    try:
        if args.replace and year_exists(conn, plan.year):
            from fangzhi_desktop.storage.backup import backup_before

            saved = backup_before(conn, f"替换{plan.year}年工作要点前")
            say(f"已先备份数据：{saved}")
        save_plan(conn, plan, replace=args.replace)
    finally:
        conn.close()
    say(f"已导入{summary}。")
    return EXIT_OK
