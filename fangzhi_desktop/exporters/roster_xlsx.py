"""The 花名册 as .xlsx, in the field order of a usual roster (one that ``import-roster`` reads
back). ID numbers and phone numbers are masked unless ``full_numbers``; every value is text, so
an ID never turns into a rounded number in Excel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.people import FIELD_LABELS, PERSON_FIELDS, Person
from fangzhi_desktop.domain.privacy import shown_id, shown_phone
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_ledger import finish_sheet, sheet_frame, write_row

WIDTHS = {"name": 10, "sex": 6, "ethnicity": 8, "birth": 10, "id_number": 21,
          "political_status": 12, "education": 10, "degree": 8, "work_start": 12,
          "department": 16, "position": 16, "rank": 14, "phone": 14, "remarks": 20}
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), *((FIELD_LABELS[f], WIDTHS.get(f, 12)) for f in PERSON_FIELDS))


def write_roster_xlsx(path: str | Path, people: Sequence[Person], *, full_numbers: bool = False,
                      today: date | None = None) -> Path:
    """Write ``people`` to ``path`` (atomically) and return it."""
    from openpyxl import Workbook  # heavy, only when exporting

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    note = "身份证号和电话为完整号码，请妥善保管。" if full_numbers else \
        "身份证号和电话已打码。"
    header = sheet_frame(ws, "干部职工花名册",
                         f"导出日期：{(today or date.today()).isoformat()}　共{len(people)}人　{note}",
                         COLUMNS)
    for n, person in enumerate(people, start=1):
        values: list[object] = [n]
        for field in PERSON_FIELDS:
            value = getattr(person, field)
            if field == "id_number":
                value = shown_id(value, full_numbers)
            elif field == "phone":
                value = shown_phone(value, full_numbers)
            values.append(value)
        write_row(ws, header + n, values)
    finish_sheet(ws, header, len(COLUMNS), len(people), keep_columns=2)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)
