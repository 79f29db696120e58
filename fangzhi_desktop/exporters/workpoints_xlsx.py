"""The work-points ledger (台账) as .xlsx."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.workpoints import Grade, WorkItem
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_cells import set_text
from fangzhi_desktop.progress import Progress, no_progress

COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("部分", 18), ("工作任务", 60), ("牵头单位", 16), ("配合单位", 16),
    ("时限表述", 10), ("完成时限", 12), ("原定时限", 12), ("延期次数", 8), ("状态", 8),
    ("预警", 8), ("最近进展", 40), ("进展日期", 12),
)
DATE_COLUMNS = {"完成时限", "原定时限", "进展日期"}
GRADE_FILL = {Grade.RED: "FFC7CE", Grade.YELLOW: "FFEB9C", Grade.GREEN: "C6EFCE"}


def write_workpoints_xlsx(path: str | Path, title: str, items: Sequence[WorkItem], today: date,
                          progress: Progress = no_progress) -> Path:
    """Write the ledger of ``items`` to ``path`` (atomically) and return it."""
    from openpyxl import Workbook  # heavy, only when exporting
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "工作要点台账"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row=1, column=1, value=f"{title}落实情况台账")
    ws.cell(row=1, column=1).font = Font(name="黑体", size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.cell(row=2, column=1, value=f"统计日期：{today.year}年{today.month}月{today.day}日")
    header_row = 3
    for col, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=col, value=name)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(vertical="top", wrap_text=True)
    total = max(1, len(items))
    for n, item in enumerate(items, start=1):
        row = header_row + n
        grade = item.grade(today)
        values: list[object] = [
            item.no, f"{item.section_ordinal}、{item.section_title}" if item.section_ordinal
            else item.section_title, item.text, "、".join(item.lead), "、".join(item.support),
            item.deadline_phrase, item.deadline, item.deadline_issued, item.extensions,
            item.status.value, grade.value, item.last_progress, item.last_progress_date,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = wrap
            cell.border = border
            cell.font = Font(name="仿宋")
        ws.cell(row=row, column=11).fill = PatternFill("solid", fgColor=GRADE_FILL[grade])
        progress(n / total, f"正在写第{item.no}条")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{header_row + len(items)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)
