"""A yearbook outline as a table: columns 类目 | 分目 | 条目 | 供稿单位 | 字数 | 图片, in a
spreadsheet (.xlsx/.xls) or a Word table.

Each row names a path. A blank (or merged) 类目 or 分目 cell repeats the row above when the
row's first filled column is further right: ``| | 粮食生产`` under ``经济 | 农业 |`` is
经济 → 农业 → 粮食生产, while ``经济 | | 招商引资`` puts the 条目 directly under 经济. The unit and
budgets belong to the deepest node the row names.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.units import normalize_unit_name
from fangzhi_desktop.domain.yearbook_outline import OutlineNode, ParsedOutline
from fangzhi_desktop.errors import Problem, UnusableInput
from fangzhi_desktop.importers.excel_sheet import (
    Header,
    choose_sheet,
    column_letter,
    find_header,
    header_key,
    open_workbook,
)
from fangzhi_desktop.importers.yearbook_outline import (
    HOW_COLUMNS,
    clean_title,
    numbering,
    parse_photos,
    parse_words,
)

LEVELS = ("category", "section", "entry")
_LABELS = {
    "category": ("类目", "类目名称", "一级篇目", "一级目录", "编", "篇"),
    "section": ("分目", "分目名称", "二级篇目", "二级目录"),
    "entry": ("条目", "条目名称", "条目标题", "三级篇目", "三级目录", "篇目"),
    "unit": ("供稿单位", "承编单位", "供稿部门", "撰稿单位", "责任单位", "承担单位", "单位"),
    "words": ("字数", "字数要求", "字数（字）", "计划字数", "篇幅", "字数定额", "规定字数"),
    "photos": ("图片", "图片数", "图片（幅）", "照片", "图片要求", "图片数量", "图照", "配图"),
}
_HEADERS = {header_key(label): name for name, labels in _LABELS.items() for label in labels}


def _match(text: str) -> str | None:
    return _HEADERS.get(header_key(text))


def read_outline_sheet(path: Path) -> ParsedOutline:
    """The outline in the sheet whose header names the most of the columns above."""
    with open_workbook(path) as book:
        name, header = choose_sheet(book, _match, required="category", min_fields=2)
        if header is None:
            raise UnusableInput(f"{path.name}：找不到篇目表的表头（类目、分目、条目、供稿单位、字数、"
                                "图片），未导入。请在表格第一行写明列名。")
        rows = book.grid(name).rows
    return parse_rows(rows, header, path.name)


def find_outline_header(rows: list[list[Any]]) -> Header | None:
    return find_header(rows, _match, required="category", min_fields=2)


def parse_rows(rows: list[list[Any]], header: Header, source: str) -> ParsedOutline:
    """The tree of a table's rows below ``header``."""
    outline = ParsedOutline(source=source, how=HOW_COLUMNS)
    outline.title = " ".join(_text(v) for r in rows[:header.rows[0]] for v in r if _text(v))
    columns = header.columns
    levels = [name for name in LEVELS if name in columns]
    current: list[OutlineNode | None] = [None] * len(levels)  # the node each column holds
    for i in range(header.first_data_index, len(rows)):
        row, excel_row = rows[i], i + 1
        titles = [_title(_cell(row, columns[name])) for name in levels]
        extra = {name: _cell(row, columns[name]) for name in ("unit", "words", "photos")
                 if name in columns}
        if not any(titles):
            if any(_text(v) for v in extra.values()):
                outline.problems.append(Problem("这一行填了单位或字数，却没有篇目名称。",
                                                file=source, row=excel_row))
            continue
        first = next(k for k, t in enumerate(titles) if t)
        parents = [n for n in current[:first] if n is not None]
        if first > 0 and not parents:
            outline.problems.append(Problem(
                f"“{titles[first]}”缺少上一级篇目（上面没有可沿用的{_label(levels[first - 1])}）。",
                file=source, row=excel_row))
            continue
        node = parents[-1] if parents else None
        for k in range(first, len(levels)):
            if titles[k]:
                node = _child(outline, node, titles[k], excel_row)
            current[k] = node if titles[k] else None
        assert node is not None
        _fill(node, extra, columns, excel_row, outline, source)
    if not outline.roots and not outline.errors:
        outline.problems.append(Problem("表格中没有篇目。", file=source))
    return outline


def _label(level: str) -> str:
    return {"category": "类目", "section": "分目", "entry": "条目"}[level]


def _child(outline: ParsedOutline, parent: OutlineNode | None, title: str,
           row: int) -> OutlineNode:
    """The child of ``parent`` called ``title`` (a 类目 when ``parent`` is None), made if new."""
    siblings = parent.children if parent is not None else outline.roots
    found = next((s for s in siblings if s.title == title), None)
    if found is None:
        found = OutlineNode(title, line=row)
        siblings.append(found)
    return found


def _fill(node: OutlineNode, extra: dict[str, Any], columns: dict[str, int], row: int,
          outline: ParsedOutline, source: str) -> None:
    unit = normalize_unit_name(_text(extra.get("unit", "")).split("、")[0])
    if unit:
        if node.unit and node.unit != unit:
            outline.problems.append(Problem(
                f"“{node.title}”已由第{node.line}行指定为{node.unit}，这一行又写为{unit}，以前者为准。",
                file=source, row=row, severity="warning"))
        node.unit = node.unit or unit
    for name, parse in (("words", parse_words), ("photos", parse_photos)):
        value = extra.get(name, "")
        if _text(value) == "":
            continue
        number = _count(value, parse)
        if number is None:
            label = "字数" if name == "words" else "图片数"
            outline.problems.append(Problem(
                f"{label}“{_text(value)}”不是数字。", file=source, row=row,
                column=column_letter(columns[name])))
        elif name == "words":
            node.word_budget = number
        else:
            node.photo_budget = number


def _count(value: Any, parse: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if value >= 0 and float(value).is_integer() else None
    text = unicodedata.normalize("NFKC", _text(value)).replace(",", "")
    if text.isdigit():
        return int(text)
    found = parse(text if not text[-1:].isdigit() else text + ("字" if parse is parse_words
                                                               else "幅"))
    return int(found) if found is not None else None


def _cell(row: list[Any], j: int) -> Any:
    return row[j] if j < len(row) else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _title(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    _, _, title = numbering(text)
    return clean_title(title)
