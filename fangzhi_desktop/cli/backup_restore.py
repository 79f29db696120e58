"""``fangzhi backup [--out PATH | --list]`` and ``fangzhi restore PATH [--yes]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, db_path, open_db, say
from fangzhi_desktop.errors import EXIT_OK, FangzhiError


def register(sub: Any) -> None:
    backup = add_subparser(sub, "backup", "备份数据文件（默认存入备份文件夹，自动轮换）")
    backup.add_argument("--out", metavar="PATH", help="备份到指定文件")
    backup.add_argument("--list", action="store_true", help="列出备份文件夹中的备份")
    backup.set_defaults(run=run_backup)
    restore = add_subparser(sub, "restore", "用备份恢复数据文件（恢复前先备份当前数据）")
    restore.add_argument("file", metavar="PATH", help="备份文件")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from fangzhi_desktop.storage.backup import backup_before, backup_to, list_backups, rotate

    if args.list:
        backups = list_backups()
        for b in backups:
            print(f"{b.created:%Y-%m-%d %H:%M:%S}\t{b.reason}\t{b.size // 1024} KB\t"
                  f"{b.describe()}\t{b.path}")
        if not backups:
            say("备份文件夹中还没有备份。")
        return EXIT_OK
    conn = open_db(args)
    try:
        if args.out:
            path = backup_to(conn, Path(args.out))
        else:
            path = backup_before(conn, "手动")
            rotate()
    finally:
        conn.close()
    say(f"已备份并校验：{path}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from fangzhi_desktop.storage.backup import inspect_backup, restore

    info = inspect_backup(args.file)
    target = db_path(args)
    if not args.yes:
        if not sys.stdin.isatty():
            raise FangzhiError("恢复会替换当前数据（替换前会自动备份）；非交互运行时请加 --yes 确认。")
        answer = input(f"用 {info.created:%Y-%m-%d %H:%M} 的备份（{info.describe()}）替换 "
                       f"{target}？当前数据会先备份。[y/N] ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            say("已取消，未做改动。")
            return EXIT_OK
    safety = restore(target, args.file)
    if safety:
        say(f"已恢复。恢复前的数据已备份到：{safety}")
    else:
        say(f"已恢复到 {target}。")
    return EXIT_OK
