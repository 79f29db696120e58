"""``fangzhi demo [--force]``: build the demo database from the sample documents."""

from __future__ import annotations

import argparse
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, db_path, say


def register(sub: Any) -> None:
    parser = add_subparser(sub, "demo", "用示例文件建立演示数据库")
    parser.add_argument("--force", action="store_true", help="数据库已存在时删除重建")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.demo import build_demo

    path = build_demo(db_path(args), force=args.force)
    say(f"演示数据库已建好：{path}")
    return 0
