"""The work-points ledger (台账) as .xlsx."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.workpoints import WorkItem
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
    ("序号", 6), ("部分", 18), ("工作任务", 60), ("牵头单位", 16), ("配合单位", 16),
    ("时限表述", 10), ("完成时限", 12), ("原定时限", 12), ("延期次数", 8), ("状态", 8),
    ("预警", 8), ("最近进展", 40), ("进展日期", 12),
)


def write_workpoints_xlsx(path: str | Path, title: str, items: Sequence[WorkItem], today: date,
                          progress: Progress = no_progress) -> Path:
    """Write the ledger of ``items`` to ``path`` (atomically) and return it."""
    from openpyxl import Workbook  # heavy, only when exporting

    wb = Workbook()
    ws = wb.active
    ws.title = "工作要点台账"
    header_row = sheet_frame(ws, f"{title}落实情况台账",
                             f"统计日期：{today.year}年{today.month}月{today.day}日", COLUMNS)
    grade_column = 1 + [name for name, _ in COLUMNS].index("预警")
    total = max(1, len(items))
    for n, item in enumerate(items, start=1):
        grade = item.grade(today)
        section = (f"{item.section_ordinal}、{item.section_title}" if item.section_ordinal
                   else item.section_title)
        write_row(ws, header_row + n, [
            item.no, section, item.text, "、".join(item.lead), "、".join(item.support),
            item.deadline_phrase, item.deadline, item.deadline_issued, item.extensions,
            item.status.value, grade.value, item.last_progress, item.last_progress_date])
        fill(ws, header_row + n, grade_column, GRADE_FILLS[grade.value])
        progress(n / total, f"正在写第{item.no}条")
    finish_sheet(ws, header_row, len(COLUMNS), len(items))
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)
