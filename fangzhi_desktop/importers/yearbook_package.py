"""Returned 组稿 packages (年鉴组稿任务表): read the hidden identity and the rows where the unit
wrote the file name of each 条目's manuscript (see ``domain.yearbook_keys``).

Reading needs no database; the caller checks the identity and the keys with the volume's
token. A file that is not a package, or whose identity sheet is incomplete, is refused with
one Chinese line naming it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.yearbook_keys import (
    DATA_SHEET,
    IDENTITY_FIELDS,
    IDENTITY_SHEET,
    PACKAGE_COLUMNS,
    PACKAGE_MARK,
    identity_checksum,
)
from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.excel_sheet import (
    choose_sheet,
    column_letter,
    header_key,
    open_workbook,
)

_HEADERS = {header_key(label): name for label, name, _ in PACKAGE_COLUMNS}


@dataclass(frozen=True)
class PackageRow:
    row: int  # Excel row
    key: str
    entry: str
    file: str
    writer: str = ""
    remark: str = ""


@dataclass
class PackageSheet:
    """A returned package: who it was made for and its rows."""

    path: Path
    volume_id: int
    volume_title: str
    unit: str
    exported_on: str
    checksum: str
    rows: list[PackageRow] = field(default_factory=list)
    key_column: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    def identity_valid(self, token: str) -> bool:
        return self.checksum == identity_checksum(token, self.volume_id, self.unit,
                                                  self.exported_on)


def is_package(path: str | Path) -> bool:
    """True when ``path`` is a workbook with the package's identity sheet."""
    try:
        with open_workbook(path) as book:
            return IDENTITY_SHEET in [s.name for s in book.sheets]
    except UnusableInput:
        return False


def read_package(path: str | Path) -> PackageSheet:
    """Read a returned package; ``UnusableInput`` naming the file when it is not one."""
    path = Path(path)
    with open_workbook(path) as book:
        names = [s.name for s in book.sheets]
        if IDENTITY_SHEET not in names:
            raise UnusableInput(_not_a_package(path))
        sheet = _identity(path, book.grid(IDENTITY_SHEET).rows)
        data_name, header = choose_sheet(
            book, lambda text: _HEADERS.get(header_key(text)), required="entry",
            sheet=DATA_SHEET if DATA_SHEET in names else None, min_fields=3)
        if header is None:
            raise UnusableInput(f"{path.name}：工作表“{data_name}”中找不到组稿任务表的表头（条目、"
                                "稿件文件名……），可能表头被改动，未导入。")
        rows = book.grid(data_name).rows
    columns = header.columns
    sheet.key_column = column_letter(columns["key"]) if "key" in columns else ""

    def cell(cells: list[Any], name: str) -> str:
        j = columns.get(name)
        return _text(cells[j]) if j is not None and j < len(cells) else ""

    for i in range(header.first_data_index, len(rows)):
        cells = rows[i]
        values = {name: cell(cells, name) for name in ("key", "entry", "file", "writer",
                                                       "remark")}
        if any(values.values()):
            sheet.rows.append(PackageRow(i + 1, values["key"], values["entry"], values["file"],
                                         values["writer"], values["remark"]))
    return sheet


def _not_a_package(path: Path) -> str:
    return (f"{path.name}：不是本程序导出的年鉴组稿任务表（缺少识别信息），未导入。请使用"
            "“导出组稿任务表”生成的表格填写后发回。")


def _identity(path: Path, rows: list[list[Any]]) -> PackageSheet:
    if not rows or _text(rows[0][0] if rows[0] else "") != PACKAGE_MARK:
        raise UnusableInput(_not_a_package(path))
    values = {_text(r[0]): _text(r[1]) for r in rows[1:] if len(r) >= 2}
    if any(label not in values for label in IDENTITY_FIELDS):
        raise UnusableInput(f"{path.name}：组稿任务表的识别信息不完整（可能被改动），未导入。")
    try:
        volume_id = int(values["年鉴编号"])
    except ValueError:
        raise UnusableInput(f"{path.name}：组稿任务表的识别信息被改动（年鉴编号不对），未导入。") from None
    return PackageSheet(path, volume_id, values["年鉴名称"], values["供稿单位"],
                        values["导出日期"], values["校验码"])


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()
