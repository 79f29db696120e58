"""Returned feedback templates (任务进展反馈表): read them and match each row to its task.

A row is matched by its hidden key (campaign id + task id + checksum); when the key is
missing or damaged (deleted, cut short), by content — the same number and a similar text. A
well-formed key that fails its checksum was edited (or copied from another sheet): the whole
file is refused, as is a file that is not a template or whose identity sheet does not check.
Reading needs no database; the caller gives the campaign's token and tasks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.campaign_keys import (
    DATA_SHEET,
    IDENTITY_FIELDS,
    IDENTITY_SHEET,
    TEMPLATE_COLUMNS,
    TEMPLATE_MARK,
    identity_checksum,
    parse_task_key,
)
from fangzhi_desktop.domain.campaigns import CampaignTask, TaskUpdate
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.errors import Problem, UnusableInput
from fangzhi_desktop.importers.excel_sheet import (
    choose_sheet,
    column_letter,
    header_key,
    open_workbook,
)

BY_KEY = "校验码"
BY_CONTENT = "序号和内容"
SAME_NUMBER_RATIO = 0.5  # same number: the text may have been edited a little
ANY_NUMBER_RATIO = 0.85  # number changed or missing: the text must be nearly the same
_EXCEL_EPOCH = date(1899, 12, 30)
_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_SHORT_DATE = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_HEADERS = {header_key(label): name for label, name, _ in TEMPLATE_COLUMNS} | {
    header_key("任务内容"): "text", header_key("工作任务"): "text"}


@dataclass(frozen=True)
class ReturnRow:
    """A data row of a returned sheet, as the unit left it."""

    row: int  # Excel row number
    key: str
    no: int | None
    text: str
    progress: str
    done_on: date | None
    remark: str

    @property
    def filled(self) -> bool:
        return bool(self.progress or self.done_on or self.remark)


@dataclass
class ReturnSheet:
    """A returned template: who it was made for, its rows and the problems of its cells."""

    path: Path
    campaign_id: int
    campaign_title: str
    unit: str
    exported_on: str
    checksum: str
    rows: list[ReturnRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    key_column: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    def identity_valid(self, token: str) -> bool:
        return self.checksum == identity_checksum(token, self.campaign_id, self.unit,
                                                  self.exported_on)


# --- Reading ---------------------------------------------------------------------------------


def read_return_file(path: str | Path, today: date) -> ReturnSheet:
    """Read a returned template; ``UnusableInput`` (naming the file) when it is not one.

    Cells that cannot be used (a completion date that is not a date, or in the future) are
    collected as problems with their row and column.
    """
    path = Path(path)
    with open_workbook(path) as book:
        names = [s.name for s in book.sheets]
        if IDENTITY_SHEET not in names:
            raise UnusableInput(_not_a_template(path))
        sheet = _identity(path, book.grid(IDENTITY_SHEET).rows)
        data_name, header = choose_sheet(book, _match_header, required="progress",
                                         sheet=DATA_SHEET if DATA_SHEET in names else None,
                                         min_fields=3)
        if header is None:
            raise UnusableInput(f"{path.name}：工作表“{data_name}”中找不到反馈表的表头（序号、任务、"
                                "进展情况、完成日期……），可能表头被改动，未导入。")
        rows = book.grid(data_name).rows
    columns = header.columns
    sheet.key_column = column_letter(columns["key"]) if "key" in columns else ""
    for i in range(header.first_data_index, len(rows)):
        row = _read_row(sheet, rows[i], i + 1, columns, today)
        if row is not None:
            sheet.rows.append(row)
    return sheet


def _not_a_template(path: Path) -> str:
    return (f"{path.name}：不是本程序导出的任务反馈表（缺少识别信息），未导入。请使用“导出反馈表”"
            "生成的表格填写后发回。")


def _match_header(text: str) -> str | None:
    return _HEADERS.get(header_key(text))


def _identity(path: Path, rows: list[list[Any]]) -> ReturnSheet:
    if not rows or _text(rows[0][0] if rows[0] else "") != TEMPLATE_MARK:
        raise UnusableInput(_not_a_template(path))
    values = {_text(r[0]): _text(r[1]) for r in rows[1:] if len(r) >= 2}
    if any(label not in values for label in IDENTITY_FIELDS):
        raise UnusableInput(f"{path.name}：反馈表的识别信息不完整（可能被改动），未导入。")
    try:
        campaign_id = int(values["活动编号"])
    except ValueError:
        raise UnusableInput(f"{path.name}：反馈表的识别信息被改动（活动编号不对），未导入。") from None
    return ReturnSheet(path, campaign_id, values["活动名称"], values["责任单位"],
                       values["导出日期"], values["校验码"])


def _read_row(sheet: ReturnSheet, cells: list[Any], excel_row: int, columns: dict[str, int],
              today: date) -> ReturnRow | None:
    def cell(name: str) -> Any:
        j = columns.get(name)
        return cells[j] if j is not None and j < len(cells) else ""

    key, text = _text(cell("key")), _text(cell("text"))
    progress, remark = _text(cell("progress")), _text(cell("remark"))
    no = _number(cell("no"))
    raw_date = cell("done_on")
    if not (key or text or progress or remark or no is not None or _text(raw_date)):
        return None
    done_on = None
    if _text(raw_date):
        try:
            done_on = parse_done_date(raw_date, today)
        except ValueError as exc:
            sheet.problems.append(Problem(str(exc), file=str(sheet.path), row=excel_row,
                                          column=column_letter(columns["done_on"])))
    return ReturnRow(excel_row, key, no, text, progress, done_on, remark)


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else None
    text = unicodedata.normalize("NFKC", _text(value)).rstrip(".、")
    return int(text) if text.isdigit() else None


def parse_done_date(value: Any, today: date) -> date:
    """A completion date as units write it: a real date, ``2026-11-20``, ``2026/11/20``,
    ``2026.11.20``, ``2026年11月20日``, ``20261120`` or ``11月20日`` (this year, or last year
    when that would be in the future). ``ValueError`` with a Chinese message otherwise."""
    found: date | None = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if 20000 < number < 80000:
            found = _EXCEL_EPOCH + timedelta(days=int(number))
        elif number.is_integer() and 19000101 <= number <= 21001231:
            found = _from_digits(str(int(number)))
    else:
        found = _from_text(unicodedata.normalize("NFKC", _text(value)), today)
    if found is None:
        raise ValueError(f"完成日期“{_text(value)}”无法识别，请写成2026-11-20或2026年11月20日。")
    if found > today:
        raise ValueError(f"完成日期{found.isoformat()}晚于今天，请核对。")
    return found


def _from_text(text: str, today: date) -> date | None:
    text = re.sub(r"\s+", "", text)
    if re.fullmatch(r"\d{8}", text):
        return _from_digits(text)
    m = _FULL_DATE.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _SHORT_DATE.match(text)
        if m:
            found = date(today.year, int(m[1]), int(m[2]))
            return found if found <= today else date(today.year - 1, found.month, found.day)
    except ValueError:
        return None
    return None


def _from_digits(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


# --- Matching --------------------------------------------------------------------------------


@dataclass
class SheetMatch:
    """What one sheet changes, what it could not match, and its problems."""

    updates: list[TaskUpdate] = field(default_factory=list)
    unmatched: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Claimed = dict[int, tuple[str, int]]  # task id → (file name, row) that already filled it


def match_sheet(sheet: ReturnSheet, token: str, tasks: Sequence[CampaignTask],
                claimed: Claimed | None = None) -> SheetMatch:
    """Match the rows of ``sheet`` (whose identity the caller has checked) to ``tasks``.

    Raises ``UnusableInput`` when a row's key was edited: the file is refused as a whole.
    ``claimed`` carries the tasks filled by earlier files of the same batch.
    """
    claimed = {} if claimed is None else claimed
    out = SheetMatch(problems=list(sheet.problems))
    by_id = {task.id: task for task in tasks}
    # Keys first, so that a row matched by content never takes a task another row names.
    keyed = {row.row: _match_key(sheet, row, token, by_id, out) for row in sheet.rows
             if row.key and parse_task_key(row.key)}
    taken = {task.id for task in keyed.values() if task is not None}
    for row in sheet.rows:
        if row.row in keyed:
            task, how = keyed[row.row], BY_KEY
        else:
            task, how = _match_content(sheet, row, tasks, taken, out), BY_CONTENT
            if task is not None:
                taken.add(task.id)
        if task is None or not row.filled:
            continue
        if task.id in claimed:
            where = claimed[task.id]
            out.problems.append(_problem(
                sheet, row, f"第{task.no}项任务在{where[0]}第{where[1]}行已经填报，"
                "同一任务只能保留一处，请删去其中一处后重新导入。"))
            continue
        claimed[task.id] = (sheet.name, row.row)
        update = _update(sheet, row, task, how, out)
        if update is not None:
            out.updates.append(update)
    return out


def _match_key(sheet: ReturnSheet, row: ReturnRow, token: str,
               by_id: dict[int, CampaignTask], out: SheetMatch) -> CampaignTask | None:
    key = parse_task_key(row.key)
    assert key is not None
    if key.campaign_id != sheet.campaign_id or not key.valid(token):
        raise UnusableInput(
            f"{sheet.name}：反馈表第{row.row}行{sheet.key_column}列的校验码与任务不符（可能被改动，"
            "或从其他表格复制而来），整个文件未导入。可清空该单元格后重新导入（将按序号和任务内容匹配），"
            "或重新下发反馈表。",
            [Problem("校验码与任务不符", file=str(sheet.path), row=row.row,
                     column=sheet.key_column)])
    task = by_id.get(key.task_id)
    if task is None:
        out.unmatched.append(_problem(
            sheet, row, f"该行的任务（序号{_no(row)}）已在本程序中删除，未导入。", "warning"))
    return task


def _match_content(sheet: ReturnSheet, row: ReturnRow, tasks: Sequence[CampaignTask],
                   taken: set[int], out: SheetMatch) -> CampaignTask | None:
    task = match_by_content(row, tasks, sheet.unit, taken)
    if task is None:
        if row.text or row.no is not None or row.filled:
            text = row.text[:20] + ("……" if len(row.text) > 20 else "")
            out.unmatched.append(_problem(
                sheet, row, f"没有找到对应的任务（序号{_no(row)}，“{text}”），未导入。", "warning"))
        return None
    if row.filled:
        damaged = "损坏" if row.key else "缺失"
        out.problems.append(_problem(
            sheet, row, f"校验码{damaged}，已按序号和任务内容匹配到第{task.no}项。", "warning"))
    return task


def _no(row: ReturnRow) -> str:
    return str(row.no) if row.no is not None else "空"


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def match_by_content(row: ReturnRow, tasks: Sequence[CampaignTask], unit: str,
                     taken: set[int]) -> CampaignTask | None:
    """The task a row stands for by its number and text: the same number and a similar text
    (ratio ≥ 0.5), or a nearly identical text (≥ 0.85); the unit's own tasks win ties."""
    text = _compact(row.text)
    if not text:
        return None
    best: tuple[float, CampaignTask] | None = None
    for task in tasks:
        if task.id in taken:
            continue
        same_no = row.no is not None and row.no == task.no
        needed = SAME_NUMBER_RATIO if same_no else ANY_NUMBER_RATIO
        matcher = SequenceMatcher(None, text, _compact(task.text), autojunk=False)
        # The quick ratios are upper bounds of ratio(): skip hopeless pairs cheaply.
        if matcher.real_quick_ratio() < needed or matcher.quick_ratio() < needed:
            continue
        ratio = matcher.ratio()
        if ratio < needed:
            continue
        score = ratio + (0.2 if same_no else 0.0) + (0.05 if task.unit == unit else 0.0)
        if best is None or score > best[0]:
            best = (score, task)
    return best[1] if best else None


def _update(sheet: ReturnSheet, row: ReturnRow, task: CampaignTask, how: str,
            out: SheetMatch) -> TaskUpdate | None:
    text = row.progress
    if row.remark:
        text = f"{text}（备注：{row.remark}）" if text else f"备注：{row.remark}"
    if text == task.last_progress:
        text = ""  # this sheet was imported before
    completed = row.done_on
    if completed is not None and task.status is Status.CLOSED:
        out.problems.append(_problem(sheet, row, f"第{task.no}项任务已销号，完成日期未改动。",
                                     "warning"))
        completed = None
    if completed is not None and task.status is Status.DONE and task.status_date == completed:
        completed = None
    if not text and completed is None:
        return None
    if completed is not None:
        after = Status.DONE
    elif task.status is Status.NOT_STARTED:
        after = Status.IN_PROGRESS
    else:
        after = task.status
    return TaskUpdate(task.id, task.no, task.text, sheet.unit, sheet.name, row.row, how,
                      task.status, after, text, completed)


def _problem(sheet: ReturnSheet, row: ReturnRow, message: str,
             severity: str = "error") -> Problem:
    return Problem(message, file=str(sheet.path), row=row.row, severity=severity)
