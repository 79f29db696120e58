"""Importing returned feedback templates: preview a batch, then save it in one transaction.

The command line and the window run the same two steps: ``preview_returns`` reads every file
and says what would change (nothing is written); ``save_returns`` writes the whole batch or,
when any file was refused or any cell is wrong, nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.campaigns import CampaignTask, TaskUpdate
from fangzhi_desktop.errors import FangzhiError, InputErrors, Problem, UnusableInput
from fangzhi_desktop.importers.campaign_returns import (
    Claimed,
    ReturnSheet,
    match_sheet,
    read_return_file,
)
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.campaign_followup import apply_task_updates


@dataclass
class ReturnsPreview:
    """What a batch of returned sheets would change, and why some of it cannot be used."""

    sheets: list[ReturnSheet] = field(default_factory=list)
    updates: list[TaskUpdate] = field(default_factory=list)
    unmatched: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected: list[FangzhiError] = field(default_factory=list)  # files refused as a whole

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def as_json(self) -> dict[str, object]:
        return {
            "files": [{"file": s.name, "campaign_id": s.campaign_id, "campaign": s.campaign_title,
                       "unit": s.unit, "rows": len(s.rows)} for s in self.sheets],
            "changes": [u.as_json() for u in self.updates],
            "unmatched": [_problem_json(p) for p in self.unmatched],
            "problems": [_problem_json(p) for p in self.problems],
            "rejected": [e.message for e in self.rejected],
        }


def _problem_json(problem: Problem) -> dict[str, object]:
    return {"severity": problem.severity, "file": Path(problem.file).name if problem.file
            else None, "row": problem.row, "column": problem.column, "message": problem.message}


def preview_returns(conn: sqlite3.Connection, paths: Sequence[str | Path], today: date,
                    campaign_id: int | None = None,
                    progress: Progress = no_progress) -> ReturnsPreview:
    """Read and match every file; with ``campaign_id``, files of other campaigns are refused."""
    preview = ReturnsPreview()
    tasks: dict[int, list[CampaignTask]] = {}
    claimed: Claimed = {}
    for n, path in enumerate(paths, start=1):
        progress((n - 1) / max(1, len(paths)), f"正在读取{Path(path).name}")
        try:
            sheet = read_return_file(path, today)
            token = _check_campaign(conn, sheet, campaign_id)
            if sheet.campaign_id not in tasks:
                tasks[sheet.campaign_id] = store.list_tasks(conn, sheet.campaign_id)
            match = match_sheet(sheet, token, tasks[sheet.campaign_id], dict(claimed))
        except UnusableInput as exc:
            preview.rejected.append(exc)
            continue
        claimed.update({u.task_id: (sheet.name, u.row) for u in match.updates})
        preview.sheets.append(sheet)
        preview.updates += match.updates
        preview.unmatched += match.unmatched
        preview.problems += match.problems
    progress(1.0, "已读取全部反馈表")
    return preview


def _check_campaign(conn: sqlite3.Connection, sheet: ReturnSheet,
                    campaign_id: int | None) -> str:
    """The campaign's token when the sheet belongs to it; ``UnusableInput`` otherwise."""
    token = store.campaign_token(conn, sheet.campaign_id)
    if token is None or not sheet.identity_valid(token):
        raise UnusableInput(
            f"{sheet.name}：这份反馈表不是本数据文件中的专项活动导出的（可能来自其他单位或其他数据文件，"
            "或识别信息被改动），未导入。")
    if campaign_id is not None and sheet.campaign_id != campaign_id:
        current = store.get_campaign(conn, campaign_id).title
        raise UnusableInput(
            f"{sheet.name}：这是专项活动“{sheet.campaign_title}”的反馈表，不是“{current}”的，未导入。")
    return token


def save_returns(conn: sqlite3.Connection, preview: ReturnsPreview, today: date,
                 progress: Progress = no_progress) -> int:
    """Save the whole batch in one transaction; returns how many tasks changed.

    Refuses (writing nothing) when a file was refused or a cell is wrong.
    """
    if preview.rejected:
        first = preview.rejected[0]
        raise UnusableInput(
            f"有{len(preview.rejected)}份文件不能导入，整批未保存：" + first.message,
            [p for e in preview.rejected for p in e.problems])
    if preview.errors:
        raise InputErrors(f"反馈表中有{len(preview.errors)}处错误，整批未保存。", preview.errors)
    with audit.action(conn, "导入反馈表"):
        return apply_task_updates(conn, preview.updates, today, progress)
