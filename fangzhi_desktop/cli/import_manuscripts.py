"""``fangzhi import-manuscripts --year Y FILE_OR_DIR... [--unit U] [--date D] [--dry-run]
[--json]``: manuscripts (.docx/.txt) sent by the 供稿单位, with their returned 组稿 packages."""

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
    parser = add_subparser(sub, "import-manuscripts",
                           "导入供稿单位发来的年鉴稿件（.docx、.txt，可给文件夹；一并给出填好的组稿任务表更准确）")
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="稿件文件或文件夹")
    parser.add_argument("--year", type=int, required=True, help="年卷（如 2026）")
    parser.add_argument("--unit", help="这些稿件都来自该单位（只在其承担的条目中匹配）")
    parser.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD",
                        help="收稿日期（默认今天）")
    parser.add_argument("--dry-run", action="store_true", help="只显示匹配结果，不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出匹配结果")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.operations.yearbook_manuscripts import (
        preview_manuscripts,
        save_manuscripts,
    )

    received_on = args.date or date.today()
    conn = open_db(args)
    try:
        preview = preview_manuscripts(conn, args.year, args.paths, unit=args.unit)
        if args.json:
            print_json(preview.as_json())
        for error in preview.rejected:
            say(f"错误：{error.lines()[0]}")
        for problem in preview.unmatched:
            say(f"未匹配：{problem.text()}")
        for problem in preview.warnings:
            say(f"提示：{problem.text()}")
        if not args.json:
            for match in preview.matches:
                print(match.describe())
        if preview.rejected:
            say(f"有{len(preview.rejected)}份文件不能导入，整批未保存。")
            return EXIT_UNUSABLE
        if not preview.matches and preview.unmatched:
            say(f"{len(preview.unmatched)}份文件都没有匹配到条目，未保存。")
            return EXIT_INPUT_ERRORS
        changes = len(preview.changes)
        summary = (f"{len(preview.matches)}份稿件匹配到条目（{changes}份新收或更新）"
                   + (f"，{len(preview.unmatched)}份未匹配" if preview.unmatched else ""))
        if args.dry_run or not changes:
            say(f"{summary}（{'未保存' if args.dry_run else '没有需要保存的内容'}）。")
            return EXIT_OK
        save_manuscripts(conn, preview, received_on)
    finally:
        conn.close()
    say(f"已保存：{summary}。")
    return EXIT_OK
