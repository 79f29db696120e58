"""``fangzhi import-roster FILE [--sheet NAME] [--dry-run] [--json [--full-ids]]
[--skip-invalid]``. The JSON shows ID and phone numbers masked unless ``--full-ids``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_INPUT_ERRORS, EXIT_OK
from fangzhi_desktop.progress import Progress, no_progress, scaled

_MAX_ROWS_LISTED = 20


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import-roster", "导入干部花名册（.xlsx 或 .xls）")
    parser.add_argument("file", metavar="FILE", help="花名册 Excel 文件")
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认自动识别）")
    parser.add_argument("--dry-run", action="store_true", help="只识别不保存")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    parser.add_argument("--full-ids", action="store_true",
                        help="JSON 中显示完整的身份证号和电话（默认打码）")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="有错误的行不导入，只导入其余人员（默认有任何错误都不导入）")
    parser.set_defaults(run=run)


def _masked(data: dict[str, Any], full: bool) -> dict[str, Any]:
    """The people's ID and phone numbers as the window shows them, unless ``full``."""
    from fangzhi_desktop.domain.privacy import shown_id, shown_phone

    for person in data["people"]:
        person["id_number"] = shown_id(person["id_number"], full)
        person["phone"] = shown_phone(person["phone"], full)
    return data


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.importers.roster import parse_roster

    progress = _terminal_progress()
    roster = parse_roster(args.file, sheet=args.sheet, progress=scaled(progress, 0.0, 0.7))
    if args.json:
        print_json(_masked(roster.as_json(), args.full_ids))
    for problem in roster.problems:
        prefix = "错误" if problem.severity == "error" else "提示"
        say(f"{prefix}：{problem.text()}")
    name = Path(args.file).name
    found = f"工作表“{roster.sheet}”中{len(roster.rows)}人"
    if roster.errors and not args.skip_invalid:
        _finish(progress)
        say(f"{name}：识别出{found}，但有{len(roster.errors)}处错误，未导入。"
            "（改正后重新导入，或加 --skip-invalid 只导入没有错误的人员）")
        return EXIT_INPUT_ERRORS
    people = roster.people()
    skipped = [r.row for r in roster.invalid_rows]
    if skipped:
        listed = "、".join(map(str, skipped[:_MAX_ROWS_LISTED]))
        more = f"等{len(skipped)}行" if len(skipped) > _MAX_ROWS_LISTED else ""
        say(f"跳过有错误的{len(skipped)}人：第{listed}行{more}。")
    if not people:
        _finish(progress)
        say(f"{name}：没有可导入的人员，未导入。")
        return EXIT_INPUT_ERRORS
    if args.dry_run:
        _finish(progress)
        say(f"识别出{found}，可导入{len(people)}人（未保存）。")
        return EXIT_OK
    from fangzhi_desktop.storage.people import save_people

    conn = open_db(args)
    try:
        result = save_people(conn, people, source=roster.source,
                             progress=scaled(progress, 0.7, 1.0))
    finally:
        conn.close()
    _finish(progress)
    say(f"已导入{result.total}人（新增{result.inserted}人，更新{result.updated}人）。")
    return EXIT_OK


def _terminal_progress() -> Progress:
    """A one-line percentage on an interactive terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return no_progress

    def show(fraction: float, text: str) -> None:
        sys.stderr.write(f"\r{int(fraction * 100):3d}% {text[:40]}\033[K")
        sys.stderr.flush()

    return show


def _finish(progress: Progress) -> None:
    if progress is not no_progress:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
