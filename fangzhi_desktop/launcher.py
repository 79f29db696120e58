"""Entry point: no subcommand opens the window; ``screenshot`` renders it; the rest is CLI.

This is the only module that may reach both ``cli`` and ``ui``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from fangzhi_desktop.errors import FangzhiError


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from fangzhi_desktop.cli import main as cli_main
    from fangzhi_desktop.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    gui = getattr(args, "gui", "window") if getattr(args, "run", None) is None else None
    if gui is None:
        return cli_main(args_list)
    from fangzhi_desktop.paths import database_path

    try:
        db = database_path(args.db)
        if gui == "screenshot":
            from fangzhi_desktop.cli.screenshot import validate

            validate(args)
            from fangzhi_desktop.ui.screenshot import take_screenshot

            take_screenshot(db, args.tab, args.out, args.size, year=args.year)
            return 0
        from fangzhi_desktop.ui.platform_check import display_problem

        problem = display_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 2
        from fangzhi_desktop.ui.app import run

        return run(db)
    except FangzhiError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
