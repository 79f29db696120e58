"""The editable preview of a parsed notice: sections and items the user can correct.

Problems are recomputed from what the preview holds now (empty text, numbering, dates,
missing units), so correcting a cell clears its error.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont

from fangzhi_desktop.domain import deadlines
from fangzhi_desktop.domain.deadlines import Deadline
from fangzhi_desktop.domain.units import split_units
from fangzhi_desktop.domain.workpoints import ParsedItem, ParsedPlan, ParsedSection
from fangzhi_desktop.errors import FangzhiError, Problem
from fangzhi_desktop.ui.formatting import rich_tooltip, units_text
from fangzhi_desktop.ui.section_tree_model import SECTION_ID, SectionTreeModel

MANUAL_RULE = "人工指定"
ERROR_COLOUR = "#B00020"
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


class PreviewColumn(IntEnum):
    NO = 0
    TEXT = 1
    LEAD = 2
    SUPPORT = 3
    PHRASE = 4
    DATE = 5


PREVIEW_HEADERS = ("序号", "条目内容", "牵头单位", "配合单位", "时限表述", "完成时限")


def parse_date(text: str) -> date | None:
    """2023-12-31, 2023/12/31, 2023.12.31 or 2023年12月31日; None when not a date."""
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


@dataclass
class PreviewItem:
    no: int
    text: str
    lead: str
    support: str
    phrase: str
    date_text: str
    line: int | None = None
    subsection: str = ""
    rule: str = ""
    date_edited: bool = False


@dataclass
class PreviewSection:
    title: str
    ordinal: str
    line: int | None
    items: list[PreviewItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        head = f"{self.ordinal}、{self.title}" if self.ordinal else self.title
        return f"{head}（{len(self.items)}）"


def _preview_item(item: ParsedItem, year: int) -> PreviewItem:
    deadline = item.deadline or deadlines.resolve("", year)
    return PreviewItem(item.no, item.text, units_text(item.lead), units_text(item.support),
                       deadline.phrase, deadline.date.isoformat(), item.line, item.subsection,
                       deadline.rule)


class PreviewModel(SectionTreeModel):
    """Sections (top level) and their items (editable children)."""

    headers = PREVIEW_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections: list[PreviewSection] = []
        self._year = 0

    # --- Filling and reading ---------------------------------------------------------------

    def set_plan(self, plan: ParsedPlan) -> None:
        self.beginResetModel()
        self._year = plan.year
        self._sections = [
            PreviewSection(s.title, s.ordinal, s.line,
                           [_preview_item(i, plan.year) for i in s.items])
            for s in plan.sections]
        self.endResetModel()

    def set_year(self, year: int) -> None:
        """Resolve the deadline phrases again in ``year`` (dates the user typed are kept)."""
        self._year = year
        for section in self._sections:
            for item in section.items:
                if not item.date_edited:
                    resolved = deadlines.resolve(item.phrase, year)
                    item.date_text = resolved.date.isoformat()
                    item.rule = resolved.rule
        if self._sections:
            self._changed_all()

    def _changed_all(self) -> None:
        for row in range(len(self._sections)):
            parent = self.index(row, 0)
            count = self.rowCount(parent)
            if count:
                self.dataChanged.emit(self.index(0, 0, parent),
                                      self.index(count - 1, len(PREVIEW_HEADERS) - 1, parent))

    def section_count(self) -> int:
        return len(self._sections)

    def item_count(self) -> int:
        return sum(len(s.items) for s in self._sections)

    def preview_item(self, index: QModelIndex) -> PreviewItem | None:
        if not index.isValid() or index.internalId() == SECTION_ID:
            return None
        return self._sections[index.internalId() - 1].items[index.row()]

    def index_of_line(self, line: int | None, no: int | None) -> QModelIndex:
        """The first item row read from ``line`` (or else numbered ``no``)."""
        for s_row, section in enumerate(self._sections):
            for row, item in enumerate(section.items):
                if (line is not None and item.line == line) or \
                        (line is None and no is not None and item.no == no):
                    return self.createIndex(row, 0, s_row + 1)
        return QModelIndex()

    def item_index(self, number: int, column: int = 0) -> QModelIndex:
        """The index of the ``number``-th item (1-based, in order) at ``column``."""
        n = 0
        for s_row, section in enumerate(self._sections):
            for row in range(len(section.items)):
                n += 1
                if n == number:
                    return self.createIndex(row, column, s_row + 1)
        return QModelIndex()

    def problems(self) -> list[Problem]:
        """What is wrong with the preview now: errors block the import, warnings do not."""
        out: list[Problem] = []
        last_no = 0
        for section in self._sections:
            for pos, item in enumerate(section.items):
                if not item.text.strip():
                    out.append(Problem("条目内容为空。", line=item.line, item=item.no))
                if item.no != last_no + 1 and not (item.no == 1 and pos == 0):
                    if item.no > last_no + 1:
                        missing = "、".join(str(n) for n in range(last_no + 1, item.no))
                        message = f"条目编号从{last_no}跳到{item.no}，缺少第{missing}条。"
                    else:
                        message = f"条目编号{item.no}重复或倒序（上一条是{last_no}）。"
                    out.append(Problem(message, line=item.line, item=item.no))
                last_no = item.no
                if parse_date(item.date_text) is None:
                    out.append(Problem(f"完成时限“{item.date_text}”不是有效日期，"
                                       "请写成 2023-12-31 的形式。", line=item.line,
                                       item=item.no))
                if not split_units(item.lead) and not split_units(item.support):
                    out.append(Problem("没有找到责任单位（牵头/配合），请在预览中补上。",
                                       line=item.line, item=item.no, severity="warning"))
        if not self.item_count():
            out.append(Problem("没有可导入的条目。"))
        return out

    def to_plan(self, base: ParsedPlan, year: int, title: str) -> ParsedPlan:
        """The plan as corrected in the preview (raises ``FangzhiError`` on a bad date)."""
        sections: list[ParsedSection] = []
        for section in self._sections:
            items = []
            for item in section.items:
                when = parse_date(item.date_text)
                if when is None:
                    raise FangzhiError(f"第{item.no}条的完成时限“{item.date_text}”不是有效日期，"
                                       "请写成 2023-12-31 的形式。")
                resolved = deadlines.resolve(item.phrase, year)
                rule = resolved.rule if resolved.date == when else MANUAL_RULE
                items.append(ParsedItem(
                    no=item.no, text=item.text.strip(), lead=split_units(item.lead),
                    support=split_units(item.support),
                    deadline=Deadline(item.phrase.strip(), when, rule), line=item.line,
                    subsection=item.subsection))
            sections.append(ParsedSection(section.title, section.ordinal, section.line, items))
        plan = copy.copy(base)
        plan.year = year
        plan.title = title.strip() or f"{year}年工作要点"
        plan.sections = sections
        plan.problems = [dataclasses.replace(p) for p in base.problems
                         if p.severity != "error" and p.item is None]
        return plan

    # --- QAbstractItemModel ----------------------------------------------------------------

    def section_rows(self) -> int:
        return len(self._sections)

    def child_rows(self, section_row: int) -> int:
        return len(self._sections[section_row].items)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != SECTION_ID:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == SECTION_ID:
            section = self._sections[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                    and index.column() == 0:
                return section.label
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        item = self._sections[index.internalId() - 1].items[index.row()]
        column = PreviewColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(item, column)
        if role == Qt.ItemDataRole.UserRole:
            return item.no if column == PreviewColumn.NO else self._value(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"原文第{item.line}行" if item.line else ""
            if column == PreviewColumn.DATE:
                return "\n".join(x for x in (f"计算规则：{item.rule}" if item.rule else "",
                                             "双击修改，格式如 2023-12-31", where) if x)
            return rich_tooltip(self._value(item, column), where)
        if role == Qt.ItemDataRole.ForegroundRole and self._bad(item, column):
            return QColor(ERROR_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and self._bad(item, column):
            return QColor("#FDE7EA")
        return None

    @staticmethod
    def _value(item: PreviewItem, column: PreviewColumn) -> str:
        match column:
            case PreviewColumn.NO:
                return str(item.no)
            case PreviewColumn.TEXT:
                return item.text
            case PreviewColumn.LEAD:
                return item.lead
            case PreviewColumn.SUPPORT:
                return item.support
            case PreviewColumn.PHRASE:
                return item.phrase
            case PreviewColumn.DATE:
                return item.date_text

    @staticmethod
    def _bad(item: PreviewItem, column: PreviewColumn) -> bool:
        if column == PreviewColumn.DATE:
            return parse_date(item.date_text) is None
        if column == PreviewColumn.TEXT:
            return not item.text.strip()
        return False

    def setData(self, index: QModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.preview_item(index)
        if item is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value if value is not None else "").strip()
        column = PreviewColumn(index.column())
        changed = [index]
        match column:
            case PreviewColumn.NO:
                if not text.isdigit() or int(text) < 1:
                    return False
                item.no = int(text)
            case PreviewColumn.TEXT:
                item.text = text
            case PreviewColumn.LEAD:
                item.lead = units_text(split_units(text))
            case PreviewColumn.SUPPORT:
                item.support = units_text(split_units(text))
            case PreviewColumn.PHRASE:
                item.phrase = text
                found = deadlines.find(text, self._year) if text else None
                if found is not None and not item.date_edited:
                    item.date_text = found.date.isoformat()
                    item.rule = found.rule
                    changed.append(index.siblingAtColumn(PreviewColumn.DATE))
            case PreviewColumn.DATE:
                when = parse_date(text)
                if when is None and text:  # 6月底 typed here: the date it stands for
                    found = deadlines.find(text, self._year)
                    when = found.date if found else None
                item.date_text = when.isoformat() if when else text
                item.date_edited = True
                item.rule = MANUAL_RULE
        for changed_index in changed:
            self.dataChanged.emit(changed_index, changed_index)
        return True
