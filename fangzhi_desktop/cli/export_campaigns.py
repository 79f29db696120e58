"""Export kinds of the 专项活动 area (see ``cli/export.py``); ``--id`` names the campaign (it may
be left out when there is only one)."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date
from pathlib import Path

from fangzhi_desktop.cli.common import say
from fangzhi_desktop.cli.export import ExportKind
from fangzhi_desktop.errors import FangzhiError, UnusableInput


def campaign_id(conn: sqlite3.Connection, wanted: int | None) -> int:
    """The campaign ``--id`` names, or the only one; a clear message otherwise."""
    from fangzhi_desktop.storage.campaigns import list_campaigns

    campaigns = list_campaigns(conn)
    if not campaigns:
        raise FangzhiError("数据库中还没有专项活动，请先导入实施方案（import-campaign）。")
    listed = "；".join(f"{c.id}：{c.title}" for c in campaigns)
    if wanted is None:
        if len(campaigns) == 1:
            return campaigns[0].id
        raise UnusableInput(f"用法错误：请用 --id 指定专项活动。已有——{listed}。")
    if wanted not in {c.id for c in campaigns}:
        raise FangzhiError(f"没有编号为{wanted}的专项活动。已有——{listed}。")
    return wanted


def _when(args: argparse.Namespace) -> date:
    return args.date or date.today()


def _plan(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.campaign_documents import CampaignDocument, write_document

    return write_document(conn, CampaignDocument.PLAN, campaign_id(conn, args.id), out,
                          _when(args)).path


def _ledger(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.campaign_documents import CampaignDocument, write_document

    return write_document(conn, CampaignDocument.LEDGER, campaign_id(conn, args.id), out,
                          _when(args)).path


def _xlsx(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.campaign_documents import write_ledger_xlsx

    return write_ledger_xlsx(conn, campaign_id(conn, args.id), out, _when(args)).path


def _templates(conn: sqlite3.Connection, out: Path, args: argparse.Namespace) -> Path:
    from fangzhi_desktop.operations.campaign_documents import write_templates

    for template in write_templates(conn, campaign_id(conn, args.id), out, _when(args)):
        say(f"{template.unit}：{template.tasks}项任务 → {template.path.name}")
    return out


KINDS: list[ExportKind] = [
    ExportKind("campaign-plan", "专项活动实施方案（公文，--id 指定活动，--date 成文日期）", ".docx",
               _plan),
    ExportKind("campaign-ledger", "专项活动任务台账（横版 Word，--date 统计日期）", ".docx",
               _ledger),
    ExportKind("campaign-xlsx", "专项活动任务台账（Excel）", ".xlsx", _xlsx),
    ExportKind("campaign-templates", "各责任单位的任务进展反馈表（--out 指定文件夹，每单位一个 Excel）",
               "", _templates),
]
