"""Export kinds of the 简报 area (see ``cli/export.py``)."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from fangzhi_desktop.cli.common import say
from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.errors import FangzhiError


def _issue_id(conn: sqlite3.Connection, wanted: int | None) -> int:
    """``--id``, or the latest issue when none is given."""
    from fangzhi_desktop.storage.briefings import list_issues

    issues = list_issues(conn)
    if not issues:
        raise FangzhiError("数据库中还没有简报，请先导入（import-briefing）。")
    if wanted is None:
        return issues[0].id
    if wanted not in {issue.id for issue in issues}:
        known = "、".join(f"{i.id}（{i.year}年{i.label}）" for i in issues[:10])
        raise FangzhiError(f"没有编号为{wanted}的简报。已有：{known}。")
    return wanted


def _briefing(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.briefing_documents import write_briefing

    exported = write_briefing(conn, _issue_id(conn, args.id), out, full_numbers=args.full_ids)
    for warning in exported.warnings:
        say(f"提示：{warning}")
    return exported.path


KINDS: list[ExportKind] = [
    ExportKind("briefing", "简报（--id 指定哪一期，默认最近一期）", ".docx", _briefing),
]
