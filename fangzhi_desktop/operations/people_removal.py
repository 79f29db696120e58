"""Removing a person (个人信息保护法): a backup first, then the personal data goes
(``storage/people_removal.py``). The command line and the 干部学习 tab call this."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fangzhi_desktop.storage.backup import backup_before
from fangzhi_desktop.storage.people_removal import Removal, remove_person

CONFIRM_TEXT = ("删除“{name}”的个人信息？\n\n姓名、公民身份号码、出生年月、联系电话等个人信息将从"
                "数据文件中彻底清除。{records}\n\n删除前会自动备份；删除后无法撤销，只能通过恢复"
                "备份找回（备份中仍有此人的信息）。")


def records_note(attendances: int) -> str:
    if not attendances:
        return "此人没有学习记录，将整条删除。"
    return (f"此人有{attendances}条学习记录，将保留为“已删除人员”，"
            "以免改变各科室和全办的学时统计。")


def remove_with_backup(conn: sqlite3.Connection, person_id: int,
                       backup_folder: Path | None = None) -> tuple[Removal, Path]:
    """Back up (reason 删除人员前; the file name holds no name), then remove."""
    backup = backup_before(conn, "删除人员前", backup_folder)
    return remove_person(conn, person_id), backup
