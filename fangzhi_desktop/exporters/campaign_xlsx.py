"""A campaign's task ledger (台账) as .xlsx: frozen header, widths, real dates, text that can
never turn into a formula."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, TaskStep
from fangzhi_desktop.domain.workpoints import Grade, Status
from fangzhi_desktop.exporters.campaign_docx import ledger_title, steps_cell
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_cells import set_text
from fangzhi_desktop.progress import Progress, no_progress

COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("所属方案", 16), ("阶段", 14), ("任务", 48), ("责任单位", 14), ("责任人", 10),
    ("实施步骤", 36), ("时限表述", 12), ("完成时限", 12), ("原定时限", 12), ("延期次数", 8),
    ("延期原因", 24), ("状态", 8), ("预警", 8), ("最近进展", 40), ("进展日期", 12),
    ("销号日期", 12), ("销号确认人", 10),
)
GRADE_FILL = {Grade.RED: "FFC7CE", Grade.YELLOW: "FFEB9C", Grade.GREEN: "C6EFCE"}
HEADER_ROW = 3


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
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    set_text(ws.cell(row=1, column=1), ledger_title(campaign.title))
    ws.cell(row=1, column=1).font = Font(name="黑体", size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.cell(row=2, column=1, value=f"统计日期：{today.year}年{today.month}月{today.day}日")
    for col, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=name)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = width
    grade_col = 1 + [name for name, _ in COLUMNS].index("预警")
    wrap = Alignment(vertical="top", wrap_text=True)
    total = max(1, len(tasks))
    for n, task in enumerate(tasks, start=1):
        row = HEADER_ROW + n
        for col, value in enumerate(_values(task, steps.get(task.id, ()), campaign.year, today),
                                    start=1):
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
        ws.cell(row=row, column=grade_col).fill = PatternFill(
            "solid", fgColor=GRADE_FILL[task.grade(today)])
        progress(n / total, f"正在写第{task.no}项")
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(tasks)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)
