"""Excel workbooks (.xlsx, .xls) read with python-calamine: sheets, merged cells, header rows.

Calamine is imported inside functions (it is not needed at start-up). With
``to_python(skip_empty_area=False)`` calamine pads the cells from A1 and reports merged ranges as
absolute 0-based ``((first_row, first_col), (last_row, last_col))``; ``SheetGrid`` keeps both in
those coordinates, so ``rows[i][j]`` is Excel row ``i + 1``, column ``column_letter(j)``.

A file that cannot be read at all (missing, empty, not a spreadsheet, damaged, encrypted) raises
``UnusableInput`` with one Chinese line naming the file — never a calamine exception.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fangzhi_desktop.errors import UnusableInput

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

Cell = str | float | int | bool | date | datetime | time | timedelta
MergedRange = tuple[tuple[int, int], tuple[int, int]]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_WORD_MARK = "WordDocument".encode("utf-16-le")
HEADER_SCAN_ROWS = 30


# --- Columns ---------------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``25`` → ``Z``, ``26`` → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """``A`` → ``0``; raises ``ValueError`` for anything that is not a column letter."""
    text = letter.strip().upper()
    if not text.isascii() or not text.isalpha() or len(text) > 3:
        raise ValueError(f"“{letter}”不是有效的列号（应为A、B、…、AA这样的字母）。")
    index = 0
    for char in text:
        index = index * 26 + ord(char) - 64
    return index - 1


# --- Workbook --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetInfo:
    """A sheet of the workbook as listed in its metadata."""

    name: str
    visible: bool
    worksheet: bool  # False for chart and macro sheets


@dataclass
class SheetGrid:
    """The cells of a sheet from A1 (``rows[i][j]``: Excel row ``i+1``), merged ranges filled."""

    name: str
    rows: list[list[Any]]
    merged: list[MergedRange] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def spanning_rows(self, column: int) -> set[int]:
        """Rows where ``column`` lies in a merge spanning several columns (titles, notes)."""
        return {r for (r1, c1), (r2, c2) in self.merged if c1 <= column <= c2 and c2 > c1
                for r in range(r1, r2 + 1)}


class Workbook:
    """An open workbook; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._book = _open(self.path)
        self._sheets: dict[str, CalamineSheet] = {}
        with self._reading():
            self.sheets = [_sheet_info(m) for m in self._book.sheets_metadata]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._sheets.clear()
        with self._reading():
            self._book.close()

    def candidates(self) -> list[str]:
        """The visible worksheets, in workbook order."""
        return [s.name for s in self.sheets if s.visible and s.worksheet]

    def grid(self, name: str, nrows: int | None = None) -> SheetGrid:
        """The cells of sheet ``name`` (the first ``nrows`` rows only if given), merges filled.

        The sheet is parsed once and kept, so a peek at its first rows followed by the full
        read costs one parse.
        """
        with self._reading():
            sheet = self._sheets.get(name)
            if sheet is None:
                sheet = self._sheets[name] = self._book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False, nrows=nrows)
            merged = list(sheet.merged_cell_ranges or ())
            start = sheet.start
        rows = _from_a1(rows, start)
        fill_merged(rows, merged)
        return SheetGrid(name, rows, merged)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Any failure of calamine while reading → ``UnusableInput`` naming the file."""
        from python_calamine import CalamineError

        try:
            yield
        except (CalamineError, OSError, ValueError) as exc:
            raise UnusableInput(_diagnose(self.path, exc)) from exc
        except BaseException as exc:
            if type(exc).__name__ == "PanicException":  # a bug in the Rust reader
                raise UnusableInput(_diagnose(self.path, exc)) from None
            raise


def open_workbook(path: str | Path) -> Workbook:
    """Open an .xlsx/.xls file (also one with the other extension, as WPS sometimes saves)."""
    return Workbook(path)


def _open(path: Path) -> CalamineWorkbook:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    kind = _sniff(path)
    suffix = path.suffix.lower()
    try:
        if (kind == "zip" and suffix in (".xlsx", ".xlsm")) or (kind == "ole" and suffix == ".xls"):
            return CalamineWorkbook.from_path(path)
        with path.open("rb") as fh:  # the extension lies: let calamine look at the content
            return CalamineWorkbook.from_filelike(fh)
    except PasswordError as exc:
        raise UnusableInput(_encrypted(path)) from exc
    except (CalamineError, OSError, ValueError) as exc:
        raise UnusableInput(_diagnose(path, exc)) from exc


def _sniff(path: Path) -> str:
    """``zip`` or ``ole`` from the first bytes; ``UnusableInput`` for anything else."""
    if not path.exists():
        raise UnusableInput(f"找不到文件 {path}。")
    if path.is_dir():
        raise UnusableInput(f"{path} 是文件夹，不是Excel文件。")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnusableInput(f"无法读取文件 {path}（{exc.strerror}）。") from exc
    if not head:
        raise UnusableInput(f"{path.name}：文件是空的（0字节），不是Excel表格。")
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head == _OLE_MAGIC:
        return "ole"
    raise UnusableInput(f"{path.name}：不是Excel表格（.xlsx或.xls），无法读取。")


def _diagnose(path: Path, exc: BaseException) -> str:
    """One line saying why the file cannot be read, as precisely as we can tell."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError:
        return f"无法读取文件 {path}。"
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in data:
            return _encrypted(path)
        if _WORD_MARK in data:
            return f"{name}：这是Word文档（.doc）改了扩展名，不是Excel表格。"
        return f"{name}：Excel文件已损坏，无法读取。"
    if data.startswith(_ZIP_MAGIC):
        return _diagnose_zip(path, data)
    return f"{name}：不是Excel表格（.xlsx或.xls），无法读取。"


def _diagnose_zip(path: Path, data: bytes) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return f"{name}：文件已损坏或不完整（可能没有下载或复制完整），无法读取。"
    if "word/document.xml" in members:
        return f"{name}：这是Word文档改了扩展名，不是Excel表格。"
    if "xl/workbook.xml" not in members:
        return f"{name}：不是Excel表格（.xlsx或.xls），无法读取。"
    return f"{name}：Excel文件已损坏，无法读取。"


def _encrypted(path: Path) -> str:
    return f"{path.name}：文件设置了打开密码，请在Excel或WPS中取消密码、另存后再导入。"


def _sheet_info(meta: Any) -> SheetInfo:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    return SheetInfo(meta.name, meta.visible == SheetVisibleEnum.Visible,
                     meta.typ == SheetTypeEnum.WorkSheet)


def _from_a1(rows: list[list[Any]], start: tuple[int, int] | None) -> list[list[Any]]:
    """Pad rows and columns from A1 if calamine returned the data area only."""
    if not rows or not start or start == (0, 0):
        return rows
    first_row, first_col = start
    if first_row and any(c != "" for c in rows[0]):
        rows = [[""] * len(rows[0]) for _ in range(first_row)] + rows
    if first_col and any(row[0] != "" for row in rows):
        rows = [[""] * first_col + row for row in rows]
    return rows


def fill_merged(rows: list[list[Any]], merged: list[MergedRange]) -> None:
    """Copy each merged range's top-left value into all of its cells (down and across)."""
    height = len(rows)
    for (r1, c1), (r2, c2) in merged:
        if r1 >= height:
            continue
        value = rows[r1][c1] if c1 < len(rows[r1]) else ""
        if value == "":
            continue
        for r in range(r1, min(r2, height - 1) + 1):
            row = rows[r]
            for c in range(c1, min(c2, len(row) - 1) + 1):
                row[c] = value


# --- Header detection ------------------------------------------------------------------------

_HINT = re.compile(r"[(\[【〔<《][^)\]】〕>》]*[)\]】〕>》]")
_NOISE = re.compile(r"[\s*※★☆:：]+")


def header_key(text: str) -> str:
    """A header cell reduced to its words: no spaces, newlines, asterisks or ``（hints）``."""
    return _NOISE.sub("", _HINT.sub("", unicodedata.normalize("NFKC", text)))


@dataclass(frozen=True)
class Header:
    """Where a table's header is: its rows (0-based), each field's column, each column's text."""

    rows: tuple[int, ...]
    columns: dict[str, int]
    labels: dict[int, str]
    ignored: tuple[tuple[str, int, int], ...] = ()  # (field, kept column, ignored column)

    @property
    def first_data_index(self) -> int:
        return self.rows[-1] + 1


Matcher = Callable[[str], str | None]


def find_header(rows: list[list[Any]], match: Matcher, *, required: str,
                min_fields: int = 3, scan: int = HEADER_SCAN_ROWS) -> Header | None:
    """The header of a table by its content: the row naming the most fields (one must be
    ``required``), with the row above or below when the header is two rows deep (group cells
    such as ``现任职务情况`` over ``处室/职务/职级``).

    ``match`` maps a header cell's text to a field name (or ``None``).
    """
    found = [_row_fields(row, match) for row in rows[:scan]]
    best: int | None = None
    for i, fields_here in enumerate(found):
        names = set(fields_here.values())
        if required in names and len(names) >= min_fields and (
                best is None or len(names) > len(set(found[best].values()))):
            best = i
    if best is None:
        return None
    header_rows = _header_rows(rows, found, best, required)
    return _map_columns(rows, header_rows, match)


def _row_fields(row: list[Any], match: Matcher) -> dict[int, str]:
    out: dict[int, str] = {}
    for j, value in enumerate(row):
        if value.__class__ is str and value:
            name = match(value)
            if name is not None:
                out[j] = name
    return out


def _header_rows(rows: list[list[Any]], found: list[dict[int, str]], best: int,
                 required: str) -> tuple[int, ...]:
    if best > 0 and len(set(found[best - 1].values())) >= 2:
        return best - 1, best
    below = best + 1
    if below < len(found) and found[below]:
        name_col = next(j for j, f in found[best].items() if f == required)
        cell = rows[below][name_col] if name_col < len(rows[below]) else ""
        if cell == "" or found[below].get(name_col) == required:
            return best, below
    return (best,)


def _map_columns(rows: list[list[Any]], header_rows: tuple[int, ...], match: Matcher) -> Header:
    width = max(len(rows[r]) for r in header_rows)
    columns: dict[str, int] = {}
    labels: dict[int, str] = {}
    ignored: list[tuple[str, int, int]] = []
    for j in range(width):
        texts = [_cell_text(rows[r], j) for r in header_rows]
        shown = [t for k, t in enumerate(texts) if t and t not in texts[:k]]
        if not shown:
            continue
        labels[j] = "/".join(shown)
        lowest = next(t for t in reversed(texts) if t)  # the most specific label
        name = match(lowest)
        if name is None:
            continue
        if name in columns:
            ignored.append((name, columns[name], j))
        else:
            columns[name] = j
    return Header(header_rows, columns, labels, tuple(ignored))


def _cell_text(row: list[Any], j: int) -> str:
    value = row[j] if j < len(row) else ""
    return " ".join(value.split()) if value.__class__ is str else ""


# --- Choosing the sheet ----------------------------------------------------------------------


def choose_sheet(book: Workbook, match: Matcher, *, required: str, sheet: str | None = None,
                 min_fields: int = 3) -> tuple[str, Header | None]:
    """The sheet holding the table and its header (``None`` when no header was found).

    Without ``sheet``: the visible worksheet whose header names the most fields (the first on a
    tie) — hidden sheets and prose sheets such as 填表说明 never qualify. With ``sheet``: that
    sheet, hidden or not; ``UnusableInput`` if the workbook has no such sheet.
    """
    if sheet is not None:
        names = [s.name for s in book.sheets]
        if sheet not in names:
            listed = "、".join(f"“{n}”" for n in names)
            raise UnusableInput(f"{book.path.name}：没有名为“{sheet}”的工作表（有{listed}）。")
        peek = book.grid(sheet, nrows=HEADER_SCAN_ROWS)
        return sheet, find_header(peek.rows, match, required=required, min_fields=min_fields)
    best: tuple[str, Header | None] | None = None
    for name in book.candidates():
        peek = book.grid(name, nrows=HEADER_SCAN_ROWS)
        header = find_header(peek.rows, match, required=required, min_fields=min_fields)
        if header is not None and (best is None or best[1] is None
                                   or len(header.columns) > len(best[1].columns)):
            best = (name, header)
        elif best is None:
            best = (name, None)
    if best is None:
        raise UnusableInput(f"{book.path.name}：工作簿里没有可见的工作表。")
    return best
