"""A campaign's task ledger (台账) as .xlsx: frozen header, widths, real dates, text that can
never turn into a formula."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, TaskStep
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.exporters.campaign_docx import ledger_title, steps_cell
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_ledger import (
    GRADE_FILLS,
    fill,
    finish_sheet,
    sheet_frame,
    write_row,
)
from fangzhi_desktop.progress import Progress, no_progress

COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("所属方案", 16), ("阶段", 14), ("任务", 48), ("责任单位", 14), ("责任人", 10),
    ("实施步骤", 36), ("时限表述", 12), ("完成时限", 12), ("原定时限", 12), ("延期次数", 8),
    ("延期原因", 24), ("状态", 8), ("预警", 8), ("最近进展", 40), ("进展日期", 12),
    ("销号日期", 12), ("销号确认人", 10),
)


def _values(task: CampaignTask, steps: Sequence[TaskStep], year: int,
            today: date) -> list[object]:
    closed = task.status is Status.CLOSED
    return [
        task.no, task.group, task.phase_name, task.text, task.unit, task.person,
        steps_cell(steps, year), task.deadline_phrase, task.deadline, task.deadline_issued,
        task.extensions, "；".join(task.extension_reasons), task.status.value,
        task.grade(today).value, task.last_progress, task.last_progress_date,
        task.status_date if closed else None, task.closed_by if closed else "",
    ]


def write_campaign_xlsx(path: str | Path, campaign: CampaignInfo, tasks: Sequence[CampaignTask],
                        steps: Mapping[int, Sequence[TaskStep]], today: date,
                        progress: Progress = no_progress) -> Path:
    """Write the ledger of ``tasks`` to ``path`` (atomically) and return it."""
    from openpyxl import Workbook  # heavy, only when exporting

    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    header_row = sheet_frame(ws, ledger_title(campaign.title),
                             f"统计日期：{today.year}年{today.month}月{today.day}日", COLUMNS)
    grade_column = 1 + [name for name, _ in COLUMNS].index("预警")
    total = max(1, len(tasks))
    for n, task in enumerate(tasks, start=1):
        write_row(ws, header_row + n,
                  _values(task, steps.get(task.id, ()), campaign.year, today))
        fill(ws, header_row + n, grade_column, GRADE_FILLS[task.grade(today).value])
        progress(n / total, f"正在写第{task.no}项")
    finish_sheet(ws, header_row, len(COLUMNS), len(tasks))
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)
