"""``fangzhi import-outline FILE --year Y [--dry-run] [--json] [--replace]``: a yearbook's
篇目 from an outline (.txt, .docx, .xlsx)."""

from __future__ import annotations

import argparse
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-outline",
                           "导入年鉴篇目（.txt、.docx 或 .xlsx：编号、缩进或“类目|分目|条目”列）")
    parser.add_argument("file", metavar="FILE", help="篇目文件")
    parser.add_argument("--year", type=int, required=True, help="年卷（如 2026，即记述2025年）")
    parser.add_argument("--dry-run", action="store_true", help="只识别不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    parser.add_argument("--replace", action="store_true",
                        help="该年卷已有篇目时整体替换（已收来稿时不允许）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.importers.yearbook_outline import read_outline

    outline = read_outline(args.file)
    if args.json:
        print_json(outline.as_json())
    for problem in outline.problems:
        prefix = "错误" if problem.severity == "error" else "提示"
        say(f"{prefix}：{problem.text()}")
    categories, sections, entries = outline.counts()
    summary = (f"类目{categories}个、分目{sections}个、条目{entries}个，供稿单位"
               f"{len(outline.units())}个（按{outline.how or '—'}识别层级）")
    if outline.errors or not outline.roots:
        say(f"{args.file}：识别出{summary}，但有{len(outline.errors) or 1}处错误，未导入。")
        return EXIT_INPUT_ERRORS
    if args.dry_run:
        say(f"识别出{summary}（未保存）。")
        return EXIT_OK
    from fangzhi_desktop.storage.database import transaction
    from fangzhi_desktop.storage.yearbook import create_volume, find_volume
    from fangzhi_desktop.storage.yearbook_tree import count_nodes, save_outline

    conn = open_db(args)
    try:
        volume = find_volume(conn, args.year)
        if volume is not None and args.replace and count_nodes(conn, volume.id):
            from fangzhi_desktop.storage.backup import backup_before

            say(f"已先备份数据：{backup_before(conn, '替换年鉴篇目前')}")
        with transaction(conn):  # a new volume and its outline, or nothing
            volume_id = volume.id if volume is not None else create_volume(
                conn, args.year, outline.volume_title(args.year) or None)
            save_outline(conn, volume_id, outline, replace=args.replace)
    finally:
        conn.close()
    if volume is None:
        say(f"已新建{args.year}年卷（编纂阶段按模板排定）。")
    say(f"已导入{args.year}年卷篇目：{summary}。")
    return EXIT_OK
