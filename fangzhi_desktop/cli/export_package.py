"""``fangzhi export package --out F.fzpkg [--years …] [--areas …] [--full-ids]
[--password-file F | --password-env VAR]``: an exchange package (see ``cli/export.py``)."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from fangzhi_desktop.cli.common import say
from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.cli.passwords import add_password_arguments, given_password


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--years", type=int, nargs="+", metavar="Y",
                        help="交换包：导出哪些年度（默认全部）")
    parser.add_argument("--areas", nargs="+", metavar="AREA",
                        help="交换包：导出哪些方面：工作要点 专项活动 年鉴 干部学习（默认全部）")
    add_password_arguments(parser, "交换包加密")  # --full-ids is ``fangzhi export``'s own


def _package(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.exchange_package import export_package

    years = args.years or ([args.year] if args.year else None)
    manifest = export_package(conn, out, years=years, areas=args.areas,
                              full_ids=args.full_ids, password=given_password(args))
    for line in manifest.summary_lines():
        say(line)
    if args.full_ids and not manifest.encrypted:
        say("注意：交换包含完整身份证号和电话且未加密，请妥善保管、当面或加密传递。")
    return out


KINDS: list[ExportKind] = [
    ExportKind("package", "交换包（上报上级：所选年度和方面的数据，可加密；"
               "--years、--areas、--full-ids、--password-file）", ".fzpkg", _package),
]
