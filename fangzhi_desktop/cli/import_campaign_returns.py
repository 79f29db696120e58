"""``fangzhi import-campaign-returns FILE... [--id N] [--date D] [--dry-run] [--json]``: the
feedback templates returned by the responsible units."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK, EXIT_UNUSABLE


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-campaign-returns",
                           "导入责任单位填好发回的任务进展反馈表（.xlsx，可一次多个）")
    parser.add_argument("files", nargs="+", metavar="FILE", help="反馈表文件")
    parser.add_argument("--id", type=int, help="专项活动编号（给出时，其他活动的反馈表不导入）")
    parser.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD",
                        help="收到反馈的日期，即进展记录的日期（默认今天）")
    parser.add_argument("--dry-run", action="store_true", help="只显示将要更新的内容，不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出将要更新的内容")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.operations.campaign_returns import preview_returns, save_returns

    today = args.date or date.today()
    conn = open_db(args)
    try:
        if args.id is not None:
            from fangzhi_desktop.storage.campaigns import get_campaign

            get_campaign(conn, args.id)
        preview = preview_returns(conn, args.files, today, args.id)
        if args.json:
            print_json(preview.as_json())
        for error in preview.rejected:
            for line in error.lines()[:1]:
                say(f"错误：{line}")
        for problem in preview.problems + preview.unmatched:
            prefix = "错误" if problem.severity == "error" else "提示"
            say(f"{prefix}：{problem.text()}")
        if not args.json:
            for update in preview.updates:
                print(f"{update.reporter}（{update.source}第{update.row}行）→ {update.describe()}")
        if preview.rejected:
            say(f"有{len(preview.rejected)}份文件不能导入，整批未保存。")
            return EXIT_UNUSABLE
        if preview.errors:
            say(f"反馈表中有{len(preview.errors)}处错误，整批未保存。")
            return EXIT_INPUT_ERRORS
        tasks = len({u.task_id for u in preview.updates})
        summary = (f"{len(preview.sheets)}份反馈表：{tasks}项任务有更新"
                   + (f"，{len(preview.unmatched)}行未匹配" if preview.unmatched else ""))
        if args.dry_run or not preview.updates:
            say(f"{summary}（{'未保存' if args.dry_run else '没有需要保存的内容'}）。")
            return EXIT_OK
        save_returns(conn, preview, today)
    finally:
        conn.close()
    say(f"已保存{summary}。")
    return EXIT_OK
