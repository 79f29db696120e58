"""The keys that tie a returned feedback sheet (任务反馈表) to its campaign and tasks.

Each campaign has a random ``token`` that stays in the database. A template carries, in a
hidden sheet, the campaign id and a checksum of it made with the token, and in a hidden
column one key per task: ``C12-T345-1A2B3C4D`` (campaign id, task id, checksum). A sheet from
another database, another campaign, or with an edited key fails the check; the token never
leaves the database, so a key cannot be made up from the file alone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

TEMPLATE_MARK = "方志办公桌面·专项活动任务反馈表"
TEMPLATE_VERSION = "1"

# The layout both the exporter and the importer of templates follow.
DATA_SHEET = "任务反馈"
IDENTITY_SHEET = "识别信息"
KEY_HEADER = "校验码（请勿改动）"
# (header, field, width); the last three before the key are the ones a unit fills in.
TEMPLATE_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("序号", "no", 6), ("任务", "text", 48), ("完成时限", "deadline", 16), ("状态", "status", 8),
    ("进展情况", "progress", 40), ("完成日期", "done_on", 13), ("备注", "remark", 16),
    (KEY_HEADER, "key", 22),
)
FILL_FIELDS = ("progress", "done_on", "remark")
IDENTITY_FIELDS = ("格式版本", "活动编号", "活动名称", "责任单位", "导出日期", "校验码")
_KEY = re.compile(r"^C(\d{1,9})-T(\d{1,9})-([0-9A-F]{8})$")


def new_token() -> str:
    return secrets.token_hex(16)


def checksum(token: str, *parts: object) -> str:
    """Eight hex digits that change whenever the token or any part changes."""
    text = "|".join([token, *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()


@dataclass(frozen=True)
class TaskKey:
    campaign_id: int
    task_id: int
    check: str

    def __str__(self) -> str:
        return f"C{self.campaign_id}-T{self.task_id}-{self.check}"

    def valid(self, token: str) -> bool:
        return self.check == checksum(token, "task", self.campaign_id, self.task_id)


def task_key(token: str, campaign_id: int, task_id: int) -> str:
    return str(TaskKey(campaign_id, task_id, checksum(token, "task", campaign_id, task_id)))


def parse_task_key(text: str) -> TaskKey | None:
    """The key in a cell, or None when the cell holds no well-formed key."""
    m = _KEY.match(text.strip().upper())
    return TaskKey(int(m[1]), int(m[2]), m[3]) if m else None


def identity_checksum(token: str, campaign_id: int, unit: str, exported_on: str) -> str:
    """The checksum of a template's identity (hidden sheet)."""
    return checksum(token, "template", TEMPLATE_VERSION, campaign_id, unit, exported_on)
