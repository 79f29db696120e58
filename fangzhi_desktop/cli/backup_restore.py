"""``fangzhi backup [--out PATH [--encrypt | --password-file F | --password-env VAR] | --list]``
and ``fangzhi restore PATH [--yes]`` (a ``.fzenc`` backup asks for its password)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, db_path, open_db, say
from fangzhi_desktop.cli.passwords import add_password_arguments, ask_password, given_password
from fangzhi_desktop.errors import EXIT_OK, FangzhiError, UnusableInput


def register(sub: Any) -> None:
    backup = add_subparser(sub, "backup", "备份数据文件（默认存入备份文件夹，自动轮换）")
    backup.add_argument("--out", metavar="PATH", help="备份到指定文件或文件夹")
    backup.add_argument("--list", action="store_true", help="列出备份文件夹中的备份")
    backup.add_argument("--encrypt", action="store_true",
                        help="用密码加密（在终端输入两次；也可用下面两个选项给出密码）")
    add_password_arguments(backup, "加密")
    backup.set_defaults(run=run_backup)
    restore = add_subparser(sub, "restore", "用备份恢复数据文件（恢复前先备份当前数据）")
    restore.add_argument("file", metavar="PATH", help="备份文件（.db，或加密的 .fzenc）")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    add_password_arguments(restore, "加密备份的")
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
    password = given_password(args)
    if password is None and args.encrypt:
        password = ask_password("加密密码：", twice=True)
    if password is not None and not args.out:
        raise UnusableInput("用法错误：加密备份请用 --out 指定文件或文件夹（如U盘）。")
    conn = open_db(args)
    try:
        if password is not None:
            from fangzhi_desktop.operations.encrypted_backups import write_encrypted_backup

            path = write_encrypted_backup(conn, Path(args.out), password)
        elif args.out:
            path = backup_to(conn, Path(args.out))
        else:
            path = backup_before(conn, "手动")
            rotate()
    finally:
        conn.close()
    say(f"已备份并校验{'，已加密' if password is not None else ''}：{path}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from fangzhi_desktop.crypto import is_encrypted

    if is_encrypted(args.file):
        return _restore_encrypted(args)
    if given_password(args) is not None:
        say("提示：这个备份没有加密，不需要密码。")
    from fangzhi_desktop.storage.backup import inspect_backup, restore

    info = inspect_backup(args.file)
    target = db_path(args)
    if not _confirmed(args, f"用 {info.created:%Y-%m-%d %H:%M} 的备份（{info.describe()}）替换 "
                            f"{target}？当前数据会先备份。[y/N] "):
        return EXIT_OK
    _report(restore(target, args.file), target)
    return EXIT_OK


def _restore_encrypted(args: argparse.Namespace) -> int:
    from fangzhi_desktop.operations.encrypted_backups import opened
    from fangzhi_desktop.storage.backup import restore

    password = given_password(args) or ask_password(f"{Path(args.file).name} 的密码：",
                                                    twice=False)
    target = db_path(args)
    with opened(args.file, password) as (plain, info):
        if not _confirmed(args, f"用加密备份 {Path(args.file).name}（{info.describe()}）替换 "
                                f"{target}？当前数据会先备份。[y/N] "):
            return EXIT_OK
        _report(restore(target, plain), target)
    return EXIT_OK


def _confirmed(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise FangzhiError("恢复会替换当前数据（替换前会自动备份）；非交互运行时请加 --yes 确认。")
    if input(question).strip().lower() in ("y", "yes", "是"):
        return True
    say("已取消，未做改动。")
    return False


def _report(safety: Path | None, target: Path) -> None:
    if safety:
        say(f"已恢复。恢复前的数据已备份到：{safety}")
    else:
        say(f"已恢复到 {target}。")
