"""The staff roster (花名册) importer: an .xlsx/.xls file → people, with every problem found.

Real rosters have a merged title and a 填报单位 line above the header, sometimes a two-row
header (``现任职务情况`` over ``处室/职务/职级``), a 科室 merged over its people, spacer rows,
``合计：N人``, ``制表人…审核人…`` and ``说明：…`` below; ID numbers typed as numbers (digits lost),
in full-width digits or with a lower-case ``x``; dates as real dates, ``1985.03``, ``1985年3月``,
``19850312``… ``parse_roster`` copes with all of that and reports each problem with its Excel
row, column letter and field; nothing is written here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.people import (
    FEMALE,
    FIELD_LABELS,
    FIELDS,
    MALE,
    Person,
    id_birth_month,
    id_number_problem,
    id_sex,
    normalise_id_number,
    normalise_name,
    normalise_sex,
    to_month,
)
from fangzhi_desktop.errors import Problem, UnusableInput
from fangzhi_desktop.importers.excel_sheet import (
    Header,
    SheetGrid,
    choose_sheet,
    column_index,
    column_letter,
    header_key,
    open_workbook,
)
from fangzhi_desktop.progress import Progress, no_progress

# Header words (after ``header_key``) → canonical field.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("序号", "编号", "序", "顺序号", "NO", "NO.", "No", "No."), "seq"),
    **dict.fromkeys(("姓名", "名字", "人员姓名", "干部姓名", "职工姓名"), "name"),
    **dict.fromkeys(("性别",), "sex"),
    **dict.fromkeys(("民族",), "ethnicity"),
    **dict.fromkeys(("出生年月", "出生日期", "出生时间", "出生年月日", "出生年份"), "birth"),
    **dict.fromkeys(("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证",
                     "身份号码", "身份证件号码", "证件号码"), "id_number"),
    **dict.fromkeys(("政治面貌", "党派"), "political_status"),
    **dict.fromkeys(("学历", "文化程度", "最高学历"), "education"),
    **dict.fromkeys(("学位", "最高学位"), "degree"),
    **dict.fromkeys(("参加工作时间", "工作时间", "参加工作年月", "参加工作日期"), "work_start"),
    **dict.fromkeys(("科室", "处室", "部门", "所在科室", "所在处室", "所在部门", "工作部门",
                     "股室", "内设机构"), "department"),
    **dict.fromkeys(("职务", "现任职务", "现职务", "行政职务"), "position"),
    **dict.fromkeys(("职级", "级别", "现职级", "现任职级"), "rank"),
    **dict.fromkeys(("联系电话", "手机", "手机号码", "手机号", "联系方式", "电话", "电话号码"),
                    "phone"),
    **dict.fromkeys(("备注", "附注"), "remarks"),
}
_SYNONYM_KEYS = {key.upper(): name for key, name in SYNONYMS.items()}
_TEXT_FIELDS = ("ethnicity", "political_status", "education", "degree", "department",
                "position", "rank", "phone", "remarks")
_PROGRESS_EVERY = 512


def match_header(text: str) -> str | None:
    """The canonical field a header cell names, or ``None``."""
    return _SYNONYM_KEYS.get(header_key(text).upper())


# --- Result ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterProblem(Problem):
    """A problem with its place and the roster field it concerns."""

    field: str = ""

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "field": self.field or None,
                "message": self.message}


@dataclass(slots=True)
class RosterRow:
    """A person row of the sheet: its Excel row, the person read from it, its error count."""

    row: int
    person: Person
    seq: str = ""
    errors: int = 0

    @property
    def valid(self) -> bool:
        return self.errors == 0

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "seq": self.seq, **self.person.as_json(), "valid": self.valid}


@dataclass
class ParsedRoster:
    """What ``parse_roster`` found: where the table is, its people and its problems."""

    source: str
    sheet: str
    sheets: list[str]  # the visible worksheets, for a choice in the preview
    header_rows: list[int]  # Excel row numbers
    first_data_row: int
    columns: dict[str, str]  # field → column letter
    headers: dict[str, str]  # column letter → header text
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[RosterProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[RosterProblem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def valid_rows(self) -> list[RosterRow]:
        return [r for r in self.rows if r.errors == 0]

    @property
    def invalid_rows(self) -> list[RosterRow]:
        return [r for r in self.rows if r.errors]

    def people(self, *, valid_only: bool = True) -> list[Person]:
        """The people to save (by default those of rows without errors), in sheet order."""
        return [r.person for r in self.rows if r.errors == 0 or not valid_only]

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.source,
            "sheet": self.sheet,
            "header_rows": list(self.header_rows),
            "first_data_row": self.first_data_row,
            "columns": dict(self.columns),
            "headers": dict(self.headers),
            "people": [r.as_json() for r in self.rows],
            "errors": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
            "counts": {"people": len(self.rows), "valid": len(self.valid_rows),
                       "errors": len(self.errors), "warnings": len(self.warnings)},
        }


# --- Parsing ---------------------------------------------------------------------------------


def parse_roster(path: str | Path, sheet: str | None = None, *,
                 mapping: Mapping[str, str] | None = None, first_data_row: int | None = None,
                 progress: Progress = no_progress) -> ParsedRoster:
    """Read a roster file; problems are collected in the result, not raised.

    ``sheet`` picks the sheet (default: the visible sheet with the best header). ``mapping``
    (field → column letter) replaces the detected columns and ``first_data_row`` (Excel row)
    the detected start of the data — what the preview does when the user corrects them.
    Raises ``UnusableInput`` when the file cannot be read or no header is found, and
    ``Cancelled`` (from ``progress``) when the user cancels.
    """
    path = Path(path)
    progress(0.0, f"正在打开{path.name}")
    with open_workbook(path) as book:
        name, header = choose_sheet(book, match_header, required="name", sheet=sheet)
        if header is None and (mapping is None or first_data_row is None):
            where = f"工作表“{name}”中" if sheet else "各工作表中"
            raise UnusableInput(
                f"{path.name}：{where}没有找到花名册的表头（应有“姓名”“公民身份号码”“出生年月”等列），"
                "无法导入。")
        progress(0.05, f"正在读取工作表“{name}”")
        with _gc_paused():
            grid = book.grid(name)
        visible = book.candidates()
    columns = _columns(header, mapping, path)
    if first_data_row is not None:
        start = max(0, first_data_row - 1)
    else:
        start = header.first_data_index if header is not None else 0
    roster = ParsedRoster(
        source=str(path), sheet=name, sheets=visible,
        header_rows=[r + 1 for r in header.rows] if header else [],
        first_data_row=start + 1,
        columns={f: column_letter(columns[f]) for f in FIELDS if f in columns},
        headers={column_letter(j): text for j, text in header.labels.items()} if header else {})
    reader = _RowReader(roster, grid, columns)
    reader.header_notes(header, mapping)
    with _gc_paused():
        reader.read(start, progress)
    progress(1.0, f"识别出{len(roster.rows)}人")
    return roster


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a big sheet turns into Python objects.

    Bulk reading allocates millions of container objects and makes no reference cycles; the
    collector would otherwise walk all of them again and again (a quarter of the time at
    100,000 rows on CPython 3.11). Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _columns(header: Header | None, mapping: Mapping[str, str] | None,
             path: Path) -> dict[str, int]:
    if mapping is None:
        return dict(header.columns) if header is not None else {}
    columns: dict[str, int] = {}
    for name, letter in mapping.items():
        if name not in FIELD_LABELS:
            raise UnusableInput(f"{path.name}：未知的字段“{name}”。")
        try:
            columns[name] = column_index(letter)
        except ValueError as exc:
            raise UnusableInput(f"{path.name}：{FIELD_LABELS[name]}：{exc}") from exc
    if "name" not in columns:
        raise UnusableInput(f"{path.name}：没有指定“姓名”所在的列，无法导入。")
    return columns


class _RowReader:
    """Classifies and reads the rows below the header into ``roster.rows``/``problems``."""

    def __init__(self, roster: ParsedRoster, grid: SheetGrid, columns: dict[str, int]) -> None:
        self.roster = roster
        self.grid = grid
        width = grid.width
        self.columns = {f: j for f, j in columns.items() if j < width}
        self.letters = {f: column_letter(j) for f, j in columns.items()}
        self.text_columns = [(f, self.columns[f]) for f in _TEXT_FIELDS if f in self.columns]
        self.source = roster.source
        self.seen_ids: dict[str, int] = {}
        self.seen_names: dict[tuple[str, str], int] = {}

    # -- problems --

    def problem(self, row: int | None, name: str, message: str, *, error: bool = True) -> None:
        self.roster.problems.append(RosterProblem(
            message, file=self.source, row=row, column=self.letters.get(name) if name else None,
            severity="error" if error else "warning", field=name))

    def header_notes(self, header: Header | None, mapping: Mapping[str, str] | None) -> None:
        """Warnings about the columns: duplicated fields, no ID column."""
        if header is not None and mapping is None:
            at = header.rows[-1] + 1
            for name, kept, ignored in header.ignored:
                self.problem(at, "", f"{column_letter(ignored)}列也是“{FIELD_LABELS[name]}”，"
                             f"已按{column_letter(kept)}列导入。", error=False)
        if "id_number" not in self.columns:
            self.problem(None, "", "没有找到“公民身份号码”列：人员只能按姓名和出生年月识别，"
                         "重新导入时可能无法对应到同一人。", error=False)

    # -- rows --

    def read(self, start: int, progress: Progress) -> None:
        rows = self.grid.rows
        name_col = self.columns.get("name")
        if name_col is None:
            self.problem(None, "name", f"“姓名”所在的{self.letters['name']}列超出了表格的范围，"
                         "没有识别出任何人员。")
            return
        spanning = self.grid.spanning_rows(name_col)
        total = max(1, len(rows) - start)
        for i in range(start, len(rows)):
            if (i - start) % _PROGRESS_EVERY == 0:
                progress(0.1 + 0.9 * (i - start) / total, f"正在检查第{i + 1}行")
            cells = rows[i]
            kind, name = _classify(cells, cells[name_col], i in spanning)
            if kind is _PERSON:
                self.person(i + 1, cells, name)
            elif kind is _END:
                break
            elif kind is _NONAME:
                self.nameless(i + 1, cells)

    def nameless(self, row: int, cells: list[Any]) -> None:
        id_col = self.columns.get("id_number")
        if id_col is not None and cells[id_col] != "":
            self.person(row, cells, "")  # an ID without a name: a person row with an error
        else:
            self.problem(row, "name", "这一行没有姓名，未作为人员导入。", error=False)

    def person(self, row: int, cells: list[Any], name: str) -> None:
        """Read one person row (``name`` already normalised by ``_classify``)."""
        cols = self.columns
        values = {f: " ".join(v.split()) if (v := cells[j]).__class__ is str else _text(v)
                  for f, j in self.text_columns}
        problems = self.roster.problems
        errors_before = len(problems)
        if not name:
            self.problem(row, "name", "缺少姓名。")
        id_number = self.id_number(row, cells)
        valid_id = bool(id_number) and self.check_id(row, id_number)
        values["birth"] = self.birth(row, cells, id_number if valid_id else "")
        values["sex"] = self.sex(row, cells, id_number if valid_id else "")
        values["work_start"] = self.month(row, cells, "work_start", None)
        person = Person(name=name, id_number=id_number, **values)
        seq = _text(cells[cols["seq"]]) if "seq" in cols else ""
        self.duplicates(row, person, valid_id)
        errors = 0
        if len(problems) > errors_before:
            errors = sum(1 for p in problems[errors_before:] if p.severity == "error")
        self.roster.rows.append(RosterRow(row, person, seq, errors))

    def id_number(self, row: int, cells: list[Any]) -> str:
        col = self.columns.get("id_number")
        if col is None:
            return ""
        raw = cells[col]
        if raw.__class__ is str:
            id_number = normalise_id_number(raw) if raw else ""
            if id_number:
                return id_number
        elif raw.__class__ in (float, int):
            self.problem(row, "id_number", (
                f"身份证号码被存成了数字（{raw:.15G}），Excel只保留15位有效数字，后几位已经丢失，"
                "无法恢复。请把该列设为“文本”格式后重新录入号码。"))
            return ""
        elif raw != "":
            self.problem(row, "id_number", f"“{raw}”不是身份证号码。")
            return ""
        self.problem(row, "id_number", "缺少身份证号码：仍会导入，但重新导入时只能按姓名和出生年月"
                     "对应到同一人。", error=False)
        return ""

    def check_id(self, row: int, id_number: str) -> bool:
        problem = id_number_problem(id_number)
        if problem is not None:
            self.problem(row, "id_number", problem)
            return False
        return True

    def month(self, row: int, cells: list[Any], name: str, hint: int | None) -> str:
        col = self.columns.get(name)
        if col is None:
            return ""
        try:
            value, warning = to_month(cells[col], hint)
        except ValueError as exc:
            self.problem(row, name, f"{FIELD_LABELS[name]}：{exc}")
            return ""
        if warning:
            self.problem(row, name, f"{FIELD_LABELS[name]}：{warning}", error=False)
        return value

    def birth(self, row: int, cells: list[Any], id_number: str) -> str:
        """The birth month; checked against (or, when blank, taken from) a valid ID."""
        hint = int(id_number[10:12]) if id_number else None
        birth = self.month(row, cells, "birth", hint)
        if not id_number:
            return birth
        from_id = id_birth_month(id_number)
        if birth and birth != from_id:
            self.problem(row, "birth", f"出生年月（{birth}）与身份证号码中的出生日期（{from_id}）"
                         "不一致。")
        return birth or from_id

    def sex(self, row: int, cells: list[Any], id_number: str) -> str:
        """``男``/``女``; checked against (or, when blank, taken from) a valid ID."""
        col = self.columns.get("sex")
        raw = cells[col] if col is not None else ""
        sex = normalise_sex(raw) if raw.__class__ is str else _text(raw)
        if sex and sex not in (MALE, FEMALE):
            self.problem(row, "sex", f"性别“{sex}”应为“男”或“女”。", error=False)
        if not id_number:
            return sex
        from_id = id_sex(id_number)
        if sex in (MALE, FEMALE) and sex != from_id:
            self.problem(row, "sex", f"性别（{sex}）与身份证号码（第17位表示{from_id}性）不一致。")
        return sex or from_id

    def duplicates(self, row: int, person: Person, valid_id: bool) -> None:
        if valid_id:
            first = self.seen_ids.setdefault(person.id_number, row)
            if first != row:
                self.problem(row, "id_number", f"与第{first}行的身份证号码相同，同一人出现了两次。")
        elif not person.id_number and person.name:
            key = (person.name, person.birth)
            first = self.seen_names.setdefault(key, row)
            if first != row:
                self.problem(row, "name", f"与第{first}行姓名、出生年月都相同且都没有身份证号码，"
                             "可能是同一人。", error=False)


# --- Row classification ----------------------------------------------------------------------

_TOTAL_WORDS = ("合计", "总计", "共计", "小计", "总人数", "人数合计")
_END_WORDS = ("制表", "审核人", "填表人", "填报人", "单位负责人", "负责人：", "负责人:",
              "填报日期", "填表日期", "审核日期", "报送日期")
_NOTE_WORDS = ("说明", "注", "备注", "附注", "填表说明")
_NAME_WORDS = frozenset(k for k, v in SYNONYMS.items() if v == "name")
_ORDINALS = "0123456789０１２３４５６７８９一二三四五六七八九十"


_PERSON, _SKIP, _END, _NONAME = "person", "skip", "end", "noname"


def _classify(cells: list[Any], name_cell: Any, spanning: bool) -> tuple[str, str]:
    """What a row below the header is, with the normalised name of a person row:

    ``person``; ``skip`` (blank, total, title, repeated header, column numbers); ``end``
    (制表人/审核人/说明 lines: the table is over); ``noname`` (data without a usable name).
    """
    first = cells[0]
    if first == "":
        first = next((c for c in cells if c != ""), None)
        if first is None:
            return _SKIP, ""
    if first.__class__ is str:
        compact = "".join(first.split())
        if compact.startswith(_TOTAL_WORDS):
            return _SKIP, ""
        if any(w in compact for w in _END_WORDS) or _is_note(compact):
            return _END, ""
    if name_cell.__class__ is not str or not name_cell.strip():
        return (_SKIP if _only_numbers_or_single(cells) else _NONAME), ""
    if spanning and len({c for c in cells if c != ""}) == 1:
        return _SKIP, ""  # a title or group line merged across the name column
    name = normalise_name(name_cell)
    if name in _NAME_WORDS or name.strip("*＊") in _NAME_WORDS:
        return _SKIP, ""  # the header repeated (printed rosters repeat it on every page)
    if not name.isalpha() and not any(char.isalpha() for char in name):
        return _NONAME, ""  # ``—`` or ``/`` for a vacancy, a stray number
    return _PERSON, name


def _is_note(compact: str) -> bool:
    for word in _NOTE_WORDS:
        if compact.startswith(word):
            rest = compact[len(word):].lstrip(_ORDINALS)
            return rest[:1] in ("：", ":", "、", ".", "．") or (word == "填表说明")
    return False


def _only_numbers_or_single(cells: list[Any]) -> bool:
    """Column-number rows (1 2 3 …) and lines with a single distinct value are not people."""
    values = {c for c in cells if c != ""}
    return len(values) <= 1 or all(v.__class__ in (int, float) for v in values)


# --- Cell values -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: whitespace runs collapsed; whole numbers without ``.0``; dates ISO."""
    cls = value.__class__
    if cls is str:
        return " ".join(value.split()) if value else ""
    if cls is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if cls is bool:
        return "是" if value else "否"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
