"""The command line: the same jobs as the window, headless.

Exit status: 0 success; 1 the input has errors (nothing was written); 2 the input cannot be
used at all, or bad usage. Messages go to stderr in Chinese, one line each; never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from fangzhi_desktop.cli.parser import build_parser
from fangzhi_desktop.errors import EXIT_UNUSABLE, FangzhiError

INTERNAL_ERROR = 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        return int(args.run(args) or 0)
    except FangzhiError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已取消，未做改动。", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: log it, tell the user in one line
        from fangzhi_desktop.logs import log_bug

        log = log_bug(exc)
        where = f"，详情已写入日志 {log}" if log else ""
        print(f"程序内部错误（{type(exc).__name__}）{where}。请将日志发给维护人员。",
              file=sys.stderr)
        return INTERNAL_ERROR
