"""The keys that tie a returned 组稿 package (年鉴组稿任务表) to its volume and 条目.

As for campaign templates (``domain.campaign_keys``): each volume has a random ``token`` kept
in the database; a package carries, in a hidden sheet, the volume id, the unit and a checksum
made with the token, and in a hidden column one key per 条目: ``Y3-N456-1A2B3C4D`` (volume id,
node id, checksum). A package from another database, or with an edited key, fails the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fangzhi_desktop.domain.campaign_keys import checksum

PACKAGE_MARK = "方志办公桌面·年鉴组稿任务表"
PACKAGE_VERSION = "1"
DATA_SHEET = "组稿任务"
IDENTITY_SHEET = "识别信息"
KEY_HEADER = "校验码（请勿改动）"
# (header, field, width); the fill-in columns are FILL_FIELDS.
PACKAGE_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("序号", "no", 6), ("类目", "category", 12), ("分目", "section", 14), ("条目", "entry", 28),
    ("字数要求", "words", 10), ("图片要求（幅）", "photos", 10), ("交稿时限", "deadline", 14),
    ("稿件文件名", "file", 30), ("撰稿人", "writer", 10), ("备注", "remark", 18),
    (KEY_HEADER, "key", 22),
)
FILL_FIELDS = ("file", "writer", "remark")
IDENTITY_FIELDS = ("格式版本", "年鉴编号", "年鉴名称", "供稿单位", "导出日期", "校验码")
_KEY = re.compile(r"^Y(\d{1,9})-N(\d{1,9})-([0-9A-F]{8})$")


@dataclass(frozen=True)
class EntryKey:
    volume_id: int
    node_id: int
    check: str

    def __str__(self) -> str:
        return f"Y{self.volume_id}-N{self.node_id}-{self.check}"

    def valid(self, token: str) -> bool:
        return self.check == checksum(token, "yearbook-entry", self.volume_id, self.node_id)


def entry_key(token: str, volume_id: int, node_id: int) -> str:
    return str(EntryKey(volume_id, node_id,
                        checksum(token, "yearbook-entry", volume_id, node_id)))


def parse_entry_key(text: str) -> EntryKey | None:
    """The key in a cell, or None when the cell holds no well-formed key."""
    m = _KEY.match(text.strip().upper())
    return EntryKey(int(m[1]), int(m[2]), m[3]) if m else None


def identity_checksum(token: str, volume_id: int, unit: str, exported_on: str) -> str:
    return checksum(token, "yearbook-package", PACKAGE_VERSION, volume_id, unit, exported_on)
