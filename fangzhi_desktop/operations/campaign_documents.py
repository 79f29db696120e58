"""Exporting a campaign: the 实施方案 (公文), the landscape 台账 (Word), the 台账 in Excel and the
feedback templates for the responsible units. The command line and the window call these."""

from __future__ import annotations

import sqlite3
from datetime import date
from enum import StrEnum
from pathlib import Path

from fangzhi_desktop.domain.campaigns import CampaignInfo
from fangzhi_desktop.exporters.campaign_templates import UnitTemplate
from fangzhi_desktop.operations.workpoint_documents import Exported
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import campaigns as store


class CampaignDocument(StrEnum):
    PLAN = "plan"  # 实施方案（公文）
    LEDGER = "ledger"  # 横版任务台账（Word）


def _campaign(conn: sqlite3.Connection, campaign_id: int) -> CampaignInfo:
    return store.get_campaign(conn, campaign_id)


def write_document(conn: sqlite3.Connection, kind: CampaignDocument, campaign_id: int,
                   path: Path, when: date, progress: Progress = no_progress) -> Exported:
    """Build and write the plan (dated ``when``) or the ledger (as of ``when``)."""
    from fangzhi_desktop.exporters import campaign_docx as docs
    from fangzhi_desktop.exporters.workpoints_docx import write_docx
    from fangzhi_desktop.storage.office import load_profile

    progress(0.05, "正在读取专项活动……")
    campaign = _campaign(conn, campaign_id)
    phases = store.list_phases(conn, campaign_id)
    tasks = store.list_tasks(conn, campaign_id)
    if kind is CampaignDocument.PLAN:
        model = docs.build_plan(campaign, phases, tasks, load_profile(conn).signature_name, when)
        progress(0.3, "正在生成文档……")
        return Exported(write_docx(model, path))
    steps = store.steps_of_campaign(conn, campaign_id)
    ledger = docs.build_ledger(campaign, phases, tasks, steps, when)
    progress(0.3, "正在生成文档……")
    return Exported(write_docx(ledger, path))


def write_ledger_xlsx(conn: sqlite3.Connection, campaign_id: int, path: Path, today: date,
                      progress: Progress = no_progress) -> Exported:
    from fangzhi_desktop.exporters.campaign_xlsx import write_campaign_xlsx

    campaign = _campaign(conn, campaign_id)
    return Exported(write_campaign_xlsx(
        path, campaign, store.list_tasks(conn, campaign_id),
        store.steps_of_campaign(conn, campaign_id), today, progress))


def write_templates(conn: sqlite3.Connection, campaign_id: int, folder: Path, today: date,
                    progress: Progress = no_progress) -> list[UnitTemplate]:
    """One feedback template per responsible unit, written into ``folder``."""
    from fangzhi_desktop.exporters.campaign_templates import write_templates as write

    campaign = _campaign(conn, campaign_id)
    token = store.campaign_token(conn, campaign_id)
    assert token is not None  # the campaign exists
    return write(folder, campaign, token, store.list_tasks(conn, campaign_id), today, progress)
