"""Build messy 花名册 files in a test's tmp_path: .xlsx with openpyxl, .xls with xlwt.

All people are made up; their ID numbers get a correct ISO 7064 MOD 11-2 check character
computed here independently of the code under test.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

HEADER = ["序号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "政治面貌", "学历", "学位",
          "参加工作时间", "科室", "职务", "职级", "联系电话", "备注"]
# Column letters of the standard layout (HEADER from column A).
COL = {"seq": "A", "name": "B", "sex": "C", "ethnicity": "D", "birth": "E", "id_number": "F",
       "political_status": "G", "education": "H", "degree": "I", "work_start": "J",
       "department": "K", "position": "L", "rank": "M", "phone": "N", "remarks": "O"}
TITLE = "某某县地方志办公室干部花名册"
UNIT_LINE = "填报单位：某某县地方志办公室（盖章）            填报日期：2024年3月1日"
REGIONS = ("220102", "510104", "220104", "510107", "370102")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂"
DEPARTMENTS = ("办公室", "年鉴编辑部", "编研科", "资料科", "方志馆")


def check_char(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def make_id(born: date, serial: int = 1, *, male: bool = True, region: str = "220102") -> str:
    """A valid 18-character ID: region, birth date, 3-digit serial (odd = male), checksum."""
    serial = serial * 2 % 1000
    serial = serial + 1 if male else serial
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)


def with_bad_checksum(id_number: str) -> str:
    wrong = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + wrong


def person_row(seq: int | None, name: str, born: date, *, male: bool = True,
               id_number: Any = None, birth: Any = None, serial: int = 1,
               department: str = "办公室", work_start: Any = "2008.07",
               region: str = "220102", phone: Any = "13800000000", remarks: str = "",
               sex: str | None = None) -> list[Any]:
    """A row in HEADER order; ``id_number``/``birth``/``sex`` override the consistent values."""
    return [seq, name, sex if sex is not None else ("男" if male else "女"), "汉族",
            birth if birth is not None else f"{born:%Y.%m}",
            id_number if id_number is not None else make_id(born, serial, male=male,
                                                            region=region),
            "中共党员", "大学", "学士", work_start, department, "科员", "一级科员", phone,
            remarks]


def synthetic_rows(count: int, start_seq: int = 1) -> list[list[Any]]:
    """``count`` valid, distinct people (deterministic)."""
    rows = []
    for i in range(count):
        born = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[i // len(SURNAMES) % len(GIVEN)] + \
            GIVEN[i // (len(SURNAMES) * len(GIVEN)) % len(GIVEN)]
        rows.append(person_row(start_seq + i, name, born, male=i % 2 == 0, serial=i // 480,
                               region=REGIONS[i % len(REGIONS)],
                               department=DEPARTMENTS[i % len(DEPARTMENTS)],
                               phone=f"139{i:08d}"))
    return rows


@dataclass
class Sheet:
    """One sheet to write: rows from A1 (``None`` or ``""`` is an empty cell)."""

    name: str
    rows: Sequence[Sequence[Any]]
    merges: list[str] = field(default_factory=list)  # "A1:O1"
    hidden: bool = False
    hidden_columns: list[str] = field(default_factory=list)


def standard_roster(people: Sequence[Sequence[Any]], *, footer: bool = True,
                    name: str = "花名册") -> Sheet:
    """Title (merged) in row 1, 填报单位 in row 2, header in row 3, people from row 4, then
    合计, 制表人/审核人 and a 说明 footer."""
    width = len(HEADER)
    last = _letter(width - 1)
    rows: list[Sequence[Any]] = [[TITLE], [UNIT_LINE], HEADER, *people]
    merges = [f"A1:{last}1", f"A2:{last}2"]
    if footer:
        n = len(rows)
        rows += [[f"合计：{len(people)}人"], ["制表人：王某某", None, None, None, "审核人：李某某"],
                 ["说明：1.出生年月按身份证填写；2.身份证号码请设为文本格式。"]]
        merges += [f"A{n + 1}:{last}{n + 1}", f"A{n + 3}:{last}{n + 3}"]
    return Sheet(name, rows, merges)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def write_xlsx(path: Path, *sheets: Sheet, active: int | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    ws.cell(row=r, column=c, value=value)
        for merge in spec.merges:
            ws.merge_cells(merge)
        for letter in spec.hidden_columns:
            ws.column_dimensions[letter].hidden = True
        if spec.hidden:
            ws.sheet_state = "hidden"
    if active is not None:
        book.active = active
    else:
        book.active = next(i for i, s in enumerate(sheets) if not s.hidden)
    book.save(path)
    return path


def write_big_xlsx(path: Path, rows: Sequence[Sequence[Any]], name: str = "花名册") -> Path:
    """A plain roster (title, header, rows) written in openpyxl's fast write-only mode."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(name)
    ws.append([TITLE])
    ws.append(HEADER)
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def write_xls(path: Path, *sheets: Sheet) -> Path:
    """The same sheets as a legacy BIFF8 .xls (dates get a date format, as Excel would)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for spec in sheets:
        ws = book.add_sheet(spec.name, cell_overwrite_ok=True)
        covered = _merge_cells(spec.merges)
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is None or value == "" or (r, c) in covered:
                    continue
                if isinstance(value, date | datetime):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
        for merge in spec.merges:
            r1, c1, r2, c2 = _bounds(merge)
            value = spec.rows[r1][c1] if c1 < len(spec.rows[r1]) else ""
            ws.write_merge(r1, r2, c1, c2, value if value is not None else "")
        for letter in spec.hidden_columns:
            ws.col(_index(letter)).hidden = True
        if spec.hidden:
            ws.visibility = 1
    book.save(str(path))
    return path


def _merge_cells(merges: list[str]) -> set[tuple[int, int]]:
    cells = set()
    for merge in merges:
        r1, c1, r2, c2 = _bounds(merge)
        cells |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    return cells


def _bounds(merge: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(merge)
    return r1 - 1, c1 - 1, r2 - 1, c2 - 1


def _index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter) - 1


def write_encrypted_like(path: Path) -> Path:
    """An OLE2 compound file holding ``EncryptionInfo`` and ``EncryptedPackage`` streams: the
    container Excel writes for a password-protected .xlsx (the content here is filler)."""
    sector = 512
    free, end, fat_mark, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    stream_sectors = 8  # 4096 bytes each: at the mini-stream cutoff, so in normal sectors
    fat = [fat_mark, end]
    for first in (2, 2 + stream_sectors):
        fat += [*range(first + 1, first + stream_sectors), end]
    fat += [free] * (sector // 4 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *[free] * 108))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int,
              size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, left,
                                                       right, child)
                + bytes(16 + 4 + 16) + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, no_stream, no_stream, 1, end, 0)
                 + entry("EncryptionInfo", 2, no_stream, 2, no_stream, 2, 4096)
                 + entry("EncryptedPackage", 2, no_stream, no_stream, no_stream,
                         2 + stream_sectors, 4096)
                 + entry("", 0, no_stream, no_stream, no_stream, 0, 0))
    body = struct.pack(f"<{sector // 4}I", *fat) + directory + b"\x5a" * (2 * 4096)
    path.write_bytes(header + body)
    return path
