"""``fangzhi import-briefing FILE [--dry-run] [--json] [--replace] [--name N] [--issue N]
[--total N] [--date YYYY-MM-DD]``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数")
    return int(text)


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-briefing",
                           "导入已有的一期简报（.txt 或 .docx），以便后续期号接续编排")
    parser.add_argument("file", metavar="FILE", help="简报文件")
    parser.add_argument("--dry-run", action="store_true", help="只识别不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    parser.add_argument("--replace", action="store_true", help="同一年同一期号已导入时替换")
    parser.add_argument("--name", help="简报名称（文件中没有报头时使用）")
    parser.add_argument("--issue", type=_positive, metavar="N", help="期号（覆盖文件中的）")
    parser.add_argument("--total", type=_positive, metavar="N", help="总期号（覆盖文件中的）")
    parser.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD",
                        help="简报日期（覆盖文件中的）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.importers.briefing import read_briefing

    parsed = read_briefing(args.file)
    if args.json:
        print_json(parsed.as_json())
    for problem in parsed.problems:
        prefix = "错误" if problem.severity == "error" else "提示"
        say(f"{prefix}：{problem.text()}")
    found = f"{len(parsed.articles)}篇文章"
    if parsed.errors:
        say(f"{args.file}：识别出{found}，但有{len(parsed.errors)}处错误，未导入。")
        return EXIT_INPUT_ERRORS
    if args.dry_run:
        say(f"识别出{found}（未保存）。")
        return EXIT_OK
    from fangzhi_desktop.operations.briefing_documents import default_name
    from fangzhi_desktop.storage.briefings import find_issue, next_issue_numbers, save_issue
    from fangzhi_desktop.storage.office import load_profile

    # Missing numbers or date are refused before the database is touched.
    draft = parsed.to_draft(name=args.name or "", issue=args.issue, total_issue=args.total,
                            when=args.date)
    conn = open_db(args)
    try:
        if not (args.name or parsed.name):
            draft.name = default_name(conn, load_profile(conn))
            say(f"提示：文件中没有简报名称，按《{draft.name}》导入（可用 --name 指定）。")
        if args.replace and find_issue(conn, draft.name, draft.year, draft.issue):
            from fangzhi_desktop.storage.backup import backup_before

            say(f"已先备份数据：{backup_before(conn, '替换简报前')}")
        issue_id = save_issue(conn, draft, replace=args.replace)
        following = next_issue_numbers(conn, draft.name, draft.year)
    finally:
        conn.close()
    say(f"已导入《{draft.name}》{draft.year}年{draft.label}，{found}（编号{issue_id}）。"
        f"{draft.year}年下一期为{following.label}。")
    return EXIT_OK
