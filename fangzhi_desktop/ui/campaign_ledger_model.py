"""The flat 台账 of a campaign's tasks, a page at a time from SQL (``PagedTableModel``): the
view for campaigns of thousands of tasks, where the tree by phase would hold every task."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from fangzhi_desktop.domain.workpoints import Status, grade
from fangzhi_desktop.ui.campaign_format import short_date
from fangzhi_desktop.ui.formatting import grade_background, grade_foreground
from fangzhi_desktop.ui.paged_table_model import PagedTableModel

CLOSED_FOREGROUND = "#777777"


class LedgerColumn(IntEnum):
    NO = 0
    TEXT = 1
    PHASE = 2
    UNIT = 3
    PERSON = 4
    DEADLINE = 5
    STATUS = 6
    GRADE = 7


# Row values (after the id): no, text, phase, unit, person, deadline, phrase, status.
_NO, _TEXT, _PHASE, _UNIT, _PERSON, _DEADLINE, _PHRASE, _STATUS = range(1, 9)
_CENTRED = {LedgerColumn.NO, LedgerColumn.STATUS, LedgerColumn.GRADE}


class CampaignLedgerModel(PagedTableModel):
    """One row per task of the query (``storage.campaign_paging.CAMPAIGN_LEDGER``)."""

    headers = ("序号", "任务", "阶段", "责任单位", "责任人", "完成时限", "状态", "预警")
    sort_names = ("no", "text", "phase", "unit", "person", "deadline", "status", "grade")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.today = date.today()
        self.year = self.today.year

    def row_of_task(self, task_id: int) -> int:
        return self.row_of(task_id)

    def cell(self, values: Sequence[object], column: int, role: int) -> Any:
        status = Status(str(values[_STATUS]))
        deadline = date.fromisoformat(str(values[_DEADLINE])) if values[_DEADLINE] else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(values, LedgerColumn(column), status, deadline)
        if column == LedgerColumn.GRADE and status is not Status.CLOSED \
                and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            level = grade(status, deadline, self.today) if deadline else None
            if level is None:
                return None
            return grade_background(level) if role == Qt.ItemDataRole.BackgroundRole \
                else grade_foreground(level)
        if role == Qt.ItemDataRole.ForegroundRole and status is Status.CLOSED:
            return QColor(CLOSED_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, values: Sequence[object], column: LedgerColumn, status: Status,
              deadline: date | None) -> str:
        match column:
            case LedgerColumn.DEADLINE:
                phrase = str(values[_PHRASE] or "")
                if deadline is None:
                    return phrase or "不设时限（长期）"
                when = short_date(deadline, self.year)
                return f"{phrase}（{when}）" if phrase and phrase != when else when
            case LedgerColumn.GRADE:
                if status is Status.CLOSED:
                    return "—"
                return grade(status, deadline, self.today).value if deadline else "正常"
            case _:
                index = (_NO, _TEXT, _PHASE, _UNIT, _PERSON, _DEADLINE, _STATUS, _STATUS)[column]
                value = values[index]
                return "" if value is None else str(value)
