"""``fangzhi import package FILE [--password-file F | --password-env VAR] [--dry-run]``:
merge an exchange package from another office (the existing ``import-*`` commands stay)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, say
from fangzhi_desktop.cli.passwords import add_password_arguments, ask_password, given_password
from fangzhi_desktop.errors import EXIT_OK

KINDS = {"package": "交换包（.fzpkg，其他单位导出的数据）"}


def register(sub: Any) -> None:
    parser = add_subparser(sub, "import", "导入交换包等（import package 文件）")
    parser.add_argument("kind", choices=sorted(KINDS), metavar="KIND",
                        help="导入种类：" + "；".join(f"{k} {v}" for k, v in KINDS.items()))
    parser.add_argument("file", metavar="FILE", help="要导入的文件")
    parser.add_argument("--dry-run", action="store_true", help="只检查并统计，不写入")
    add_password_arguments(parser, "加密交换包的")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.crypto import is_encrypted
    from fangzhi_desktop.operations.exchange_package import import_package

    password = given_password(args)
    if password is None and is_encrypted(args.file):
        password = ask_password(f"{Path(args.file).name} 的密码：", twice=False)
    conn = open_db(args)
    try:
        outcome = import_package(conn, args.file, password=password, dry_run=args.dry_run)
    finally:
        conn.close()
    for line in outcome.manifest.summary_lines():
        say(line)
    say(outcome.describe())
    if outcome.backup:
        say(f"导入前的数据已备份到：{outcome.backup}")
    return EXIT_OK
