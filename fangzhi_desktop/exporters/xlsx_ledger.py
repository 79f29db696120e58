"""The layout every Excel ledger shares: a title row, a subtitle, a styled header row with
fixed widths, bordered rows (dates as dates, numbers as numbers, text never a formula), a
frozen header, an auto-filter and landscape A4 printing with the header repeated."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fangzhi_desktop.exporters.xlsx_cells import set_text

HEADER_ROW = 3
HEADER_FILL = "D9E1F2"
GRADE_FILLS = {"逾期": "FFC7CE", "临期": "FFEB9C", "正常": "C6EFCE"}  # by Grade value


def sheet_frame(ws: Any, title: str, subtitle: str, columns: Sequence[tuple[str, float]],
                *, header_height: float | None = None) -> int:
    """Title, subtitle and the header row; returns the header's row number."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    set_text(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(name="黑体", size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    set_text(ws.cell(row=2, column=1), subtitle)
    thin = Side(style="thin", color="808080")
    for col, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col)
        set_text(cell, name)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        ws.column_dimensions[get_column_letter(col)].width = width
    if header_height:
        ws.row_dimensions[HEADER_ROW].height = header_height
    return HEADER_ROW


def write_row(ws: Any, row: int, values: Sequence[object]) -> None:
    """One bordered row in 仿宋: text wraps (and is never a formula), numbers align right."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            set_text(cell, value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        else:
            cell.value = value
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(horizontal="right", vertical="top")
        cell.border = border
        cell.font = Font(name="仿宋")


def fill(ws: Any, row: int, column: int, colour: str) -> None:
    from openpyxl.styles import PatternFill

    ws.cell(row=row, column=column).fill = PatternFill("solid", fgColor=colour)


def finish_sheet(ws: Any, header_row: int, columns: int, rows: int, *,
                 keep_columns: int = 0) -> None:
    """Freeze the header (and the first ``keep_columns`` columns), filter, print set-up."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = ws.cell(row=header_row + 1, column=keep_columns + 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{header_row + max(rows, 1)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
