"""Passwords on the command line: from a file or an environment variable (never an argument,
which other users could see in the process list), or asked for on a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fangzhi_desktop.errors import UnusableInput


def add_password_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-file", metavar="FILE",
                       help="从文件第一行读取密码（交换包加密/解密）")
    group.add_argument("--password-env", metavar="VAR", help="从环境变量读取密码")


def given_password(args: argparse.Namespace) -> str | None:
    """The password from ``--password-file`` or ``--password-env``; None when neither."""
    if getattr(args, "password_file", None):
        path = Path(args.password_file)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UnusableInput(f"无法读取密码文件 {path}（{exc}）。") from exc
        if not lines or not lines[0]:
            raise UnusableInput(f"密码文件 {path} 的第一行是空的。")
        return lines[0]
    if getattr(args, "password_env", None):
        value = os.environ.get(args.password_env)
        if not value:
            raise UnusableInput(f"环境变量 {args.password_env} 未设置或为空。")
        return value
    return None


def ask_password(prompt: str, *, confirm: bool = False) -> str:
    """Ask on the terminal (not echoed); refused when not run interactively."""
    if not sys.stdin.isatty():
        raise UnusableInput("交换包已加密：非交互运行时请用 --password-file 或 --password-env "
                            "提供密码。")
    import getpass

    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次：") != password:
        raise UnusableInput("两次输入的密码不一致，未做任何改动。")
    if not password:
        raise UnusableInput("密码不能为空。")
    return password
