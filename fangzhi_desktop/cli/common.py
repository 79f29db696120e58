"""Helpers shared by subcommands: the database from ``--db``, output."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fangzhi_desktop.paths import database_path


def db_path(args: argparse.Namespace) -> Path:
    return database_path(getattr(args, "db", None))


def open_db(args: argparse.Namespace) -> sqlite3.Connection:
    from fangzhi_desktop.storage import open_database

    return open_database(db_path(args))


def say(text: str) -> None:
    """A line for the user (stderr, so stdout stays clean for --json)."""
    print(text, file=sys.stderr)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(header: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> None:
    """Tab-separated lines under ``header`` (none when empty), one a row, with tabs and line
    breaks inside a value shown as spaces; only ``empty`` (for the user) when there are none."""
    lines = ["\t".join(" ".join(str(v).split("\n")).replace("\t", " ") for v in row)
             for row in rows]
    if not lines:
        say(empty)
        return
    if header:
        print("\t".join(header))
    for line in lines:
        print(line)


def add_subparser(sub: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    from fangzhi_desktop.cli.parser import add_db_argument

    parser = sub.add_parser(name, help=help_text, description=help_text, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    add_db_argument(parser)
    return parser
