"""组稿 packages (年鉴组稿任务表) for the 供稿单位: one .xlsx per unit listing its 条目 with the
word and photo budgets and the deadline, yellow columns to fill in (the manuscript's file name,
the writer, remarks), a hidden key column and a hidden sheet identifying the volume (see
``domain.yearbook_keys``). Returned with the manuscripts, it matches each file to its 条目.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.privacy import shown_phone
from fangzhi_desktop.domain.yearbook import Volume
from fangzhi_desktop.domain.yearbook_keys import (
    DATA_SHEET,
    FILL_FIELDS,
    IDENTITY_FIELDS,
    IDENTITY_SHEET,
    PACKAGE_COLUMNS,
    PACKAGE_MARK,
    PACKAGE_VERSION,
    entry_key,
    identity_checksum,
)
from fangzhi_desktop.domain.yearbook_progress import UnitProgress
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_cells import set_text
from fangzhi_desktop.progress import Progress, no_progress

HEADER_ROW = 5
FILL_COLOR = "FFF2CC"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')
INSTRUCTIONS = ("填表说明：请按本表所列条目撰稿，每个条目一个 Word（.docx）文件，文件名用条目名称；在黄色的"
                "“稿件文件名”列填写对应的文件名，并填写撰稿人。请勿改动其他列，不要删除隐藏的列和工作表；"
                "填好后将本表与稿件一并发回。")


@dataclass(frozen=True)
class UnitPackage:
    """One unit's package as written."""

    unit: str
    path: Path
    entries: int


def file_name(volume: Volume, unit: str) -> str:
    """``某县年鉴（2026）-县教育局-组稿任务表.xlsx`` (safe on Windows)."""
    return f"{_UNSAFE.sub('', volume.title)[:24]}-{_UNSAFE.sub('', unit)}-组稿任务表.xlsx"


def write_packages(folder: str | Path, volume: Volume, token: str,
                   units: Sequence[UnitProgress], paths: dict[int, tuple[str, ...]],
                   today: date, progress: Progress = no_progress, *,
                   full_numbers: bool = False) -> list[UnitPackage]:
    """One package per unit with 条目 into ``folder`` (created if missing); the contact's
    phone masked unless ``full_numbers``."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FangzhiError(f"{folder} 是一个文件，请给出用来存放组稿任务表的文件夹。")
    chosen = [u for u in units if u.entries]
    if not chosen:
        raise FangzhiError(f"{volume.quoted}还没有分配给供稿单位的条目，无需下发组稿任务表。")
    written = []
    for n, unit in enumerate(chosen, start=1):
        path = folder / file_name(volume, unit.name)
        write_package(path, volume, token, unit, paths, today, full_numbers=full_numbers)
        written.append(UnitPackage(unit.name, path, unit.assigned))
        progress(n / len(chosen), f"已生成{unit.name}的组稿任务表")
    return written


def write_package(path: Path, volume: Volume, token: str, unit: UnitProgress,
                  paths: dict[int, tuple[str, ...]], today: date, *,
                  full_numbers: bool = False) -> Path:
    """One unit's package."""
    from openpyxl import Workbook  # heavy, only when exporting
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    width = len(PACKAGE_COLUMNS)
    last_visible = get_column_letter(width - 1)
    deadline = cn_date(unit.deadline) if unit.deadline else "见组稿通知"
    contact = "　".join(x for x in (unit.unit.contact and f"联系人：{unit.unit.contact}",
                                    unit.unit.phone and f"电话：{shown_phone(unit.unit.phone, full_numbers)}") if x)
    lines = (
        (f"{volume.quoted}组稿任务表", Font(name="黑体", size=14, bold=True), 30),
        (f"供稿单位：{unit.name}　　交稿时限：{deadline}　　下发日期：{cn_date(today)}",
         Font(name="黑体", size=11), 20),
        (f"收录时限：{volume.recorded_year}年1月1日至12月31日　　{contact}",
         Font(name="仿宋", size=11), 20),
        (INSTRUCTIONS, Font(name="仿宋", size=10, color="C00000"), 42),
    )
    for row, (text, font, height) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1)
        set_text(cell, text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(f"A{row}:{last_visible}{row}")
        ws.row_dimensions[row].height = height
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor=FILL_COLOR)
    for col, (header, field, col_width) in enumerate(PACKAGE_COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col)
        set_text(cell, header)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        cell.fill = fill if field in FILL_FIELDS else PatternFill("solid", fgColor="D9E1F2")
        ws.column_dimensions[get_column_letter(col)].width = col_width
    wrap = Alignment(vertical="top", wrap_text=True)
    for n, entry in enumerate(unit.entries, start=1):
        names = paths.get(entry.id, (entry.title,))
        category = names[0] if len(names) > 1 else ""
        section = names[1] if len(names) > 2 else ""
        values: dict[str, object] = {
            "no": n, "category": category, "section": section, "entry": entry.title,
            "words": entry.word_budget, "photos": entry.photo_budget, "deadline": deadline,
            "file": "", "writer": "", "remark": "",
            "key": entry_key(token, volume.id, entry.id)}
        for col, (_, field, _) in enumerate(PACKAGE_COLUMNS, start=1):
            _put(ws.cell(row=HEADER_ROW + n, column=col), values[field], wrap, border,
                 fill if field in FILL_FIELDS else None)
    ws.column_dimensions[get_column_letter(width)].hidden = True
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _identity_sheet(wb, volume, token, unit.name, today)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return path


def _put(cell: Any, value: object, wrap: Any, border: Any, fill: Any) -> None:
    from openpyxl.styles import Font

    if isinstance(value, str):
        if value:
            set_text(cell, value)
    else:
        cell.value = value
    cell.alignment = wrap
    cell.border = border
    cell.font = Font(name="仿宋")
    if fill is not None:
        cell.fill = fill


def _identity_sheet(wb: Any, volume: Volume, token: str, unit: str, today: date) -> None:
    sheet = wb.create_sheet(IDENTITY_SHEET)
    sheet.sheet_state = "hidden"
    exported = today.isoformat()
    values = (PACKAGE_VERSION, str(volume.id), volume.title, unit, exported,
              identity_checksum(token, volume.id, unit, exported))
    set_text(sheet.cell(row=1, column=1), PACKAGE_MARK)
    for row, (label, value) in enumerate(zip(IDENTITY_FIELDS, values, strict=True), start=2):
        set_text(sheet.cell(row=row, column=1), label)
        set_text(sheet.cell(row=row, column=2), value)
