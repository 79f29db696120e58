"""Entry point: no subcommand opens the window; ``screenshot`` renders it; the rest is CLI.

This is the only module that may reach both ``cli`` and ``ui``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from fangzhi_desktop.errors import FangzhiError, UnusableInput


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from fangzhi_desktop.cli import main as cli_main
    from fangzhi_desktop.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    from fangzhi_desktop.cli import export as export_cli

    if getattr(args, "run", None) is export_cli.run and not args.list \
            and args.kind in dict(export_cli.QT_EXPORTS):
        return _qt_export(args)
    gui = getattr(args, "gui", "window") if getattr(args, "run", None) is None else None
    if gui is None:
        return cli_main(args_list)
    from fangzhi_desktop.paths import database_given, database_path

    try:
        db = database_path(args.db)
        if gui == "screenshot":
            from fangzhi_desktop.cli.screenshot import validate

            validate(args)
            from fangzhi_desktop.ui.screenshot import take_screenshot

            take_screenshot(db, args.tab, args.out, args.size, year=args.year,
                            dialog=args.dialog, large_font=args.large_font)
            return 0
        from fangzhi_desktop.ui.platform_check import display_problem

        problem = display_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 2
        from fangzhi_desktop.ui.app import run

        return run(db, remembered=not database_given(args.db))
    except FangzhiError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code


def _qt_export(args: argparse.Namespace) -> int:
    """``fangzhi export campaign-chart``: drawn with Qt (offscreen when there is no display)."""
    from fangzhi_desktop.cli.common import db_path, open_db, say
    from fangzhi_desktop.cli.export_campaigns import campaign_id

    try:
        if not args.out:
            raise UnusableInput("用法错误：请用 --out 指定输出文件（.png 或 .docx）。")
        conn = open_db(args)
        try:
            wanted = campaign_id(conn, args.id)
        finally:
            conn.close()
        from fangzhi_desktop.ui.campaign_chart_export import export_chart

        written = export_chart(db_path(args), wanted, args.out, args.date)
    except FangzhiError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # a bug: log it, tell the user in one line
        from fangzhi_desktop.cli import INTERNAL_ERROR
        from fangzhi_desktop.logs import log_bug

        log = log_bug(exc)
        where = f"，详情已写入日志 {log}" if log else ""
        print(f"程序内部错误（{type(exc).__name__}）{where}。请将日志发给维护人员。", file=sys.stderr)
        return INTERNAL_ERROR
    say(f"已导出：{written}")
    return 0
