"""Feedback templates (任务进展反馈表) for the responsible units that do not use the app: one
.xlsx per unit listing its open tasks, with yellow columns to fill in, a hidden key column
and a hidden sheet identifying the campaign (see ``domain.campaign_keys``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.campaign_keys import (
    DATA_SHEET,
    FILL_FIELDS,
    IDENTITY_FIELDS,
    IDENTITY_SHEET,
    TEMPLATE_COLUMNS,
    TEMPLATE_MARK,
    TEMPLATE_VERSION,
    identity_checksum,
    task_key,
)
from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask
from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_cells import set_text
from fangzhi_desktop.progress import Progress, no_progress

HEADER_ROW = 4
DONE_COLUMN = 1 + [field for _, field, _ in TEMPLATE_COLUMNS].index("done_on")
FILL_COLOR = "FFF2CC"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')
INSTRUCTIONS = ("填表说明：请在黄色的“进展情况”“完成日期”“备注”三列填写；任务已完成的，请填写完成日期"
                "（如2026-11-20）。请勿改动其他列，不要删除或调整隐藏的列和工作表；填好后保存为 .xlsx"
                " 文件原样发回。")


@dataclass(frozen=True)
class UnitTemplate:
    """One unit's template as written."""

    unit: str
    path: Path
    tasks: int


def template_tasks(tasks: Sequence[CampaignTask]) -> dict[str, list[CampaignTask]]:
    """The tasks each unit reports on: every task with a unit that is not closed off."""
    out: dict[str, list[CampaignTask]] = {}
    for task in tasks:
        if task.unit and task.status is not Status.CLOSED:
            out.setdefault(task.unit, []).append(task)
    return out


def file_name(campaign: CampaignInfo, unit: str) -> str:
    """``2026年某专项行动-办公室-任务反馈表.xlsx`` (safe on Windows)."""
    title = _UNSAFE.sub("", campaign.title)[:24]
    return f"{title}-{_UNSAFE.sub('', unit)}-任务反馈表.xlsx"


def deadline_text(task: CampaignTask) -> str:
    """``3月20日（第12周）``; ``不设时限`` for a task without one."""
    if task.deadline is None:
        return "不设时限"
    text = cn_date(task.deadline)
    if task.deadline_phrase and task.deadline_phrase not in text:
        text += f"（{task.deadline_phrase}）"
    return text


def write_templates(folder: str | Path, campaign: CampaignInfo, token: str,
                    tasks: Sequence[CampaignTask], today: date,
                    progress: Progress = no_progress) -> list[UnitTemplate]:
    """Write one template per responsible unit into ``folder`` (created if missing)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FangzhiError(f"{folder} 是一个文件，请给出用来存放反馈表的文件夹。")
    by_unit = template_tasks(tasks)
    if not by_unit:
        raise FangzhiError(f"专项活动“{campaign.title}”没有写明责任单位的未销号任务，无需下发反馈表。")
    written = []
    for n, (unit, unit_tasks) in enumerate(by_unit.items(), start=1):
        path = folder / file_name(campaign, unit)
        write_template(path, campaign, token, unit, unit_tasks, today)
        written.append(UnitTemplate(unit, path, len(unit_tasks)))
        progress(n / len(by_unit), f"已生成{unit}的反馈表")
    return written


def write_template(path: Path, campaign: CampaignInfo, token: str, unit: str,
                   tasks: Sequence[CampaignTask], today: date) -> Path:
    """One unit's template."""
    from openpyxl import Workbook  # heavy, only when exporting
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    width = len(TEMPLATE_COLUMNS)
    last_visible = get_column_letter(width - 1)
    for row, text, font in ((1, campaign.title, Font(name="黑体", size=14, bold=True)),
                            (2, f"任务进展反馈表　　责任单位：{unit}　　下发日期：{cn_date(today)}",
                             Font(name="黑体", size=11)),
                            (3, INSTRUCTIONS, Font(name="仿宋", size=10, color="C00000"))):
        cell = ws.cell(row=row, column=1)
        set_text(cell, text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(f"A{row}:{last_visible}{row}")
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[3].height = 42
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor=FILL_COLOR)
    fill_columns = set()
    for col, (header, field, col_width) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col)
        set_text(cell, header)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        cell.fill = fill if field in FILL_FIELDS else PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[get_column_letter(col)].width = col_width
        if field in FILL_FIELDS:
            fill_columns.add(col)
    wrap = Alignment(vertical="top", wrap_text=True)
    for n, task in enumerate(tasks, start=1):
        row = HEADER_ROW + n
        by_field: dict[str, object] = {
            "no": task.no, "text": task.text, "deadline": deadline_text(task),
            "status": task.status.value, "progress": "", "done_on": None, "remark": "",
            "key": task_key(token, campaign.id, task.id)}
        values = [by_field[field] for _, field, _ in TEMPLATE_COLUMNS]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                if value:
                    set_text(cell, value)
            else:
                cell.value = value
            cell.alignment = wrap
            cell.border = border
            cell.font = Font(name="仿宋")
            if col in fill_columns:
                cell.fill = fill
        ws.cell(row=row, column=DONE_COLUMN).number_format = "yyyy-mm-dd"
    last_row = HEADER_ROW + max(1, len(tasks))
    done_letter = get_column_letter(DONE_COLUMN)
    check = DataValidation(type="date", operator="greaterThan", formula1="36526",
                           allow_blank=True, showErrorMessage=True, errorStyle="warning",
                           errorTitle="完成日期", error="请填写日期，例如 2026-11-20。")
    check.add(f"{done_letter}{HEADER_ROW + 1}:{done_letter}{last_row}")
    ws.add_data_validation(check)
    key_column = get_column_letter(width)
    ws.column_dimensions[key_column].hidden = True
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _identity_sheet(wb, campaign, token, unit, today)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return path


def _identity_sheet(wb: Any, campaign: CampaignInfo, token: str, unit: str,
                    today: date) -> None:
    sheet = wb.create_sheet(IDENTITY_SHEET)
    sheet.sheet_state = "hidden"
    exported = today.isoformat()
    values = (TEMPLATE_VERSION, str(campaign.id), campaign.title, unit, exported,
              identity_checksum(token, campaign.id, unit, exported))
    set_text(sheet.cell(row=1, column=1), TEMPLATE_MARK)
    for row, (label, value) in enumerate(zip(IDENTITY_FIELDS, values, strict=True), start=2):
        set_text(sheet.cell(row=row, column=1), label)
        set_text(sheet.cell(row=row, column=2), value)
