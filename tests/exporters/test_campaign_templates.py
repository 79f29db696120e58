"""Feedback templates: file names, and campaigns that have nothing to send out."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.exporters.campaign_templates import (
    deadline_text,
    file_name,
    template_tasks,
    write_templates,
)
from fangzhi_desktop.operations.campaign_documents import write_templates as export_templates
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.campaigns import CampaignFields, TaskFields

TODAY = date(2026, 11, 23)


def test_file_names_are_safe_on_windows() -> None:
    campaign = CampaignInfo(1, "2026年“方志/年鉴”专项行动:攻坚*方案", 2026)
    assert file_name(campaign, "市（州）志办 编研科") == (
        "2026年“方志年鉴”专项行动攻坚方案-市（州）志办编研科-任务反馈表.xlsx")


def test_only_open_tasks_with_a_unit_are_sent_out() -> None:
    tasks = [CampaignTask(1, 1, 1, 1, "甲", unit="编研科"),
             CampaignTask(2, 1, 2, 2, "乙", unit="编研科", status=Status.CLOSED),
             CampaignTask(3, 1, 3, 3, "丙"),
             CampaignTask(4, 1, 4, 4, "丁", unit="年鉴科", status=Status.DONE)]
    assert {unit: [t.no for t in ts] for unit, ts in template_tasks(tasks).items()} == {
        "编研科": [1], "年鉴科": [4]}
    assert deadline_text(tasks[0]) == "不设时限"
    dated = CampaignTask(5, 1, 5, 5, "戊", deadline_phrase="第12周", deadline=date(2026, 3, 20))
    assert deadline_text(dated) == "2026年3月20日（第12周）"


def test_nothing_to_send_out(conn: sqlite3.Connection, tmp_path: Path) -> None:
    campaign_id = store.create_campaign(conn, CampaignFields("学习活动", 2026))
    store.add_task(conn, campaign_id, TaskFields("按季度学习。"))
    with pytest.raises(FangzhiError, match="没有写明责任单位的未销号任务"):
        export_templates(conn, campaign_id, tmp_path / "out", TODAY)
    assert not (tmp_path / "out").exists()


def test_the_target_must_be_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"x")
    with pytest.raises(FangzhiError, match="是一个文件"):
        write_templates(target, CampaignInfo(1, "活动", 2026), "t",
                        [CampaignTask(1, 1, 1, 1, "甲", unit="编研科")], TODAY)
