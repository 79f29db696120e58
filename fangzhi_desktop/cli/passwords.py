"""Passwords on the command line: ``--password-file F`` (its first line), ``--password-env VAR``,
or typed twice at a terminal (never echoed, never an argument: those show in process lists)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fangzhi_desktop.errors import FangzhiError, UnusableInput


def add_password_arguments(parser: argparse.ArgumentParser, what: str = "") -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-file", metavar="F", help=f"{what}密码所在的文件（取第一行）")
    group.add_argument("--password-env", metavar="VAR", help=f"{what}密码所在的环境变量")


def given_password(args: argparse.Namespace) -> str | None:
    """The password named by ``--password-file`` / ``--password-env``; None when neither."""
    if args.password_file:
        path = Path(args.password_file)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UnusableInput(f"无法读取密码文件 {path}（{exc}）。") from exc
        password = lines[0] if lines else ""
    elif args.password_env:
        password = os.environ.get(args.password_env, "")
        if not password:
            raise UnusableInput(f"环境变量 {args.password_env} 未设置或为空，无法取得密码。")
    else:
        return None
    if not password:
        raise UnusableInput("密码为空，请在密码文件的第一行写上密码。")
    return password


def ask_password(prompt: str, *, twice: bool) -> str:
    """Typed at a terminal (``twice`` for a new password); an error when there is none."""
    import getpass

    if not sys.stdin.isatty():
        raise UnusableInput("需要密码：请用 --password-file 或 --password-env 提供。")
    password = getpass.getpass(prompt)
    if not password:
        raise FangzhiError("密码不能为空，未做改动。")
    if twice and getpass.getpass("再输入一次：") != password:
        raise FangzhiError("两次输入的密码不一致，未做改动。")
    return password
