"""The argument parser, in Chinese; each subcommand module adds its own arguments."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from fangzhi_desktop import APP_NAME, __version__
from fangzhi_desktop.errors import EXIT_UNUSABLE

_TRANSLATIONS = (
    ("the following arguments are required", "缺少必需的参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的选项"),
    ("expected one argument", "该选项需要一个值"),
    ("invalid int value", "不是有效的整数"),
    ("argument ", "参数 "),
    ("choose from", "可选"),
    ("not allowed with argument", "不能与此参数同时使用"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with usage errors as one Chinese line and exit status 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._optionals.title = "选项"
        self._positionals.title = "参数"

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：", 1)

    def error(self, message: str) -> NoReturn:
        for english, chinese in _TRANSLATIONS:
            message = message.replace(english, chinese)
        print(f"用法错误：{message}（用 {self.prog} --help 查看用法）", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def add_db_argument(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--db`` before or after the subcommand; the subcommand's never hides the global one."""
    parser.add_argument("--db", metavar="PATH",
                        default=None if top_level else argparse.SUPPRESS,
                        help="数据文件路径（默认：环境变量 FANGZHI_DB，或用户数据目录）")


# Subcommand modules in ``fangzhi_desktop.cli``, in the order ``--help`` lists them; each has
# ``register(subparsers)``. One per line: a new area adds its own line.
SUBCOMMANDS = (
    "demo",
    "import_workpoints",
    "import_roster",
    "import_activity",
    "import_briefing",
    "import_campaign",
    "import_campaign_returns",
    "import_outline",
    "import_manuscripts",
    "import_package",
    "packages",
    "yearbook",
    "calendar",
    "export",
    "fonts",
    "backup_restore",
    "person",
    "audit",
    "screenshot",
)


def build_parser() -> ChineseArgumentParser:
    import importlib

    parser = ChineseArgumentParser(
        prog="fangzhi", description=f"{APP_NAME}：不带子命令时打开窗口。",
        add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="显示版本号")
    add_db_argument(parser, top_level=True)
    sub = parser.add_subparsers(title="子命令", metavar="命令", parser_class=ChineseArgumentParser)
    for name in SUBCOMMANDS:
        importlib.import_module(f"fangzhi_desktop.cli.{name}").register(sub)
    return parser
