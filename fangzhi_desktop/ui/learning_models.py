"""Item models of the 干部学习 tab: people with their hours, 科室 totals, one person's
activities, the year's activities and the briefing issues."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from fangzhi_desktop.domain.briefings import IssueSummary
from fangzhi_desktop.domain.learning import (
    Activity,
    Credit,
    DepartmentYear,
    LearningYear,
    PersonYear,
    format_hours,
    round_hours,
)
from fangzhi_desktop.domain.workpoints import Grade
from fangzhi_desktop.storage.paged_query import PagedQuery
from fangzhi_desktop.storage.people_paging import (
    LEARNING_PEOPLE,
    DepartmentTotals,
    department_totals,
    store_year_figures,
    year_totals,
)
from fangzhi_desktop.ui.formatting import grade_background, grade_foreground, iso, rich_tooltip
from fangzhi_desktop.ui.headed_table_model import HeadedTableModel
from fangzhi_desktop.ui.paged_table_model import PagedTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # person, activity or issue id
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DONE_TEXT = "已完成"
SHORT_TEXT = "未完成"
MUTED = "#777777"
TOTAL_BACKGROUND = "#E8EEF6"


def hours_text(value: float) -> str:
    return format_hours(value)


def status_text(person: PersonYear) -> str:
    return DONE_TEXT if person.complete else SHORT_TEXT


def status_colours(complete: bool) -> tuple[QColor, QColor]:
    """(background, foreground) of a 已完成/未完成 cell: the ledger's green and red."""
    grade = Grade.GREEN if complete else Grade.RED
    return grade_background(grade), grade_foreground(grade)


class PeopleColumn(IntEnum):
    NAME = 0
    DEPARTMENT = 1
    POSITION = 2
    RANK = 3
    REQUIRED = 4
    EARNED = 5
    CARRIED = 6
    SHORTFALL = 7
    STATUS = 8


PEOPLE_HEADERS = ("姓名", "科室", "职务", "职级", "应修学时", "已修学时", "结转", "差额", "状态")
_NUMBERS = {PeopleColumn.REQUIRED, PeopleColumn.EARNED, PeopleColumn.CARRIED,
            PeopleColumn.SHORTFALL}


class PeopleModel(PagedTableModel):
    """The roster with each person's hours of the year (ID numbers and phones never shown).

    The year's figures are computed in Python and held here by person id; which people are
    shown, and in what order, comes from SQL a page at a time (``storage.people_paging``), so
    a filter or a sort costs the same whether the roster has 25 people or 100,000.
    """

    headers = PEOPLE_HEADERS
    sort_names = (None, "department", "position", "rank", "requirement", "earned", "carried",
                  "shortfall", "status")  # 姓名 sorts in roster order

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.conn = conn
        self._people: list[PersonYear] = []
        self._by_id: dict[int, PersonYear] = {}
        self._carry_cap = 0.0

    def set_stats(self, stats: LearningYear | None) -> None:
        self._people = list(stats.people) if stats is not None else []
        self._by_id = {p.person.id: p for p in self._people if p.person.id is not None}
        self._carry_cap = stats.policy.carry_cap if stats is not None else 0.0
        store_year_figures(self.conn, (
            (p.person.id, n, p.person.name, p.department, p.person.position, p.person.rank,
             p.requirement, p.earned, p.carried_in, p.shortfall, p.complete, p.attendances)
            for n, p in enumerate(self._people) if p.person.id is not None))
        if self.query is None:
            self.query = PagedQuery(self.conn, LEARNING_PEOPLE)
        self.refresh()

    def apply_filter(self, department: str | None, only_short: bool, search: str) -> None:
        """科室, 只看未完成 and a search by name (or by a whole 公民身份号码)."""
        self.set_filter("department", department)
        self.set_filter("complete", False if only_short else None)
        self.set_search(search)

    def person(self, index: QModelIndex) -> PersonYear | None:
        if not index.isValid():
            return None
        person_id = self.id_at(index.row())
        return self._by_id.get(person_id) if person_id is not None else None

    def person_by_id(self, person_id: int) -> PersonYear | None:
        return self._by_id.get(person_id)

    def people(self) -> list[PersonYear]:
        """Everyone of the year in roster order, whatever the filter."""
        return list(self._people)

    def total(self) -> int:
        return len(self._people)

    def cell(self, values: Sequence[object], column_number: int, role: int) -> Any:
        p = self._by_id.get(values[0])  # type: ignore[call-overload]
        if p is None:
            return None
        column = PeopleColumn(column_number)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(p, column)
        if role == ID_ROLE:
            return p.person.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMBERS:
                return _RIGHT
            return _CENTRE if column == PeopleColumn.STATUS else None
        if column == PeopleColumn.STATUS and role in (Qt.ItemDataRole.BackgroundRole,
                                                       Qt.ItemDataRole.ForegroundRole):
            background, foreground = status_colours(p.complete)
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        if column == PeopleColumn.SHORTFALL and role == Qt.ItemDataRole.ForegroundRole \
                and not p.complete:
            return status_colours(False)[1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(p, column)
        return None

    @staticmethod
    def _text(p: PersonYear, column: PeopleColumn) -> str:
        person = p.person
        if column == PeopleColumn.NAME:
            return person.name
        if column == PeopleColumn.DEPARTMENT:
            return p.department
        if column == PeopleColumn.POSITION:
            return person.position
        if column == PeopleColumn.RANK:
            return person.rank
        if column == PeopleColumn.REQUIRED:
            return hours_text(p.requirement)
        if column == PeopleColumn.EARNED:
            return hours_text(p.earned)
        if column == PeopleColumn.CARRIED:
            return hours_text(p.carried_in) if p.carried_in else ""
        if column == PeopleColumn.SHORTFALL:
            return hours_text(p.shortfall) if p.shortfall else ""
        return status_text(p)

    def _tooltip(self, p: PersonYear, column: PeopleColumn) -> str | None:
        if column in (PeopleColumn.DEPARTMENT, PeopleColumn.POSITION, PeopleColumn.RANK):
            return self._text(p, column) or None  # the whole text of an elided cell
        if column == PeopleColumn.EARNED:
            parts = [f"{name} {hours_text(hours)}" for name, hours in p.by_type.items() if hours]
            return rich_tooltip(f"本年已修{hours_text(p.earned)}学时，参加{p.attendances}次"
                                + (f"，请假{p.leaves}次" if p.leaves else "") + "。",
                                "；".join(parts))
        if column == PeopleColumn.CARRIED and p.carried_in:
            return rich_tooltip(f"上年已修{hours_text(p.previous_earned)}学时，超出要求的部分结转"
                                f"{hours_text(p.carried_in)}学时（每年最多结转"
                                f"{hours_text(self._carry_cap)}学时）。")
        if column in (PeopleColumn.SHORTFALL, PeopleColumn.STATUS):
            if p.complete:
                return f"已达到本年应修的{hours_text(p.requirement)}学时。"
            return (f"应修{hours_text(p.requirement)}学时，已修{hours_text(p.total)}学时"
                    f"（含结转），还差{hours_text(p.shortfall)}学时。")
        return None


# --- 科室 totals -------------------------------------------------------------------------------


DEPARTMENT_HEADERS = ("科室", "人数", "已完成", "完成率", "参加人次", "学时合计", "人均学时")


def _department(row: DepartmentTotals) -> DepartmentYear:
    name, people, attendances, hours, completed = row
    return DepartmentYear(name, people, attendances, round_hours(hours), completed)


class DepartmentsModel(HeadedTableModel):
    """Totals per 科室, with a 合计 row last."""

    headers = DEPARTMENT_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows_data: list[DepartmentYear] = []
        self._total: DepartmentYear | None = None

    def set_totals(self, conn: sqlite3.Connection) -> None:
        """The totals of the year stored by ``PeopleModel.set_stats`` (a ``GROUP BY`` over
        its TEMP table: at 100,000 people summing the objects in Python took a second)."""
        self.beginResetModel()
        self._rows_data = [_department(row) for row in department_totals(conn)]
        total = year_totals(conn)
        self._total = _department(("合计", *total[1:])) if total[1] else None
        self.endResetModel()

    def departments(self) -> list[DepartmentYear]:
        return list(self._rows_data)

    def total(self) -> DepartmentYear | None:
        return self._total

    def _rows(self) -> int:
        return len(self._rows_data) + (1 if self._total is not None else 0)

    def _row(self, row: int) -> DepartmentYear:
        return self._rows_data[row] if row < len(self._rows_data) else self._total  # type: ignore[return-value]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self._row(index.row())
        column = index.column()
        is_total = index.row() >= len(self._rows_data)
        if role == Qt.ItemDataRole.DisplayRole:
            return (d.department, str(d.people), str(d.completed), f"{d.rate * 100:.0f}%",
                    str(d.attendances), hours_text(d.hours), hours_text(d.average))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and is_total:
            return QColor(TOTAL_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and d.completed < d.people:
            return status_colours(False)[1]
        return None


# --- One person's card -----------------------------------------------------------------------


CREDIT_HEADERS = ("日期", "类型", "学习活动", "学时")


def credit_date(line: Credit) -> str:
    if line.end != line.start:
        return f"{line.start:%m-%d}至{line.end:%m-%d}"
    return line.start.isoformat()


class CreditsModel(HeadedTableModel):
    """One person's activities of the year: hours counted, 请假 marked."""

    headers = CREDIT_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[Credit] = []

    def set_lines(self, lines: Sequence[Credit]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> Credit:
        return self._lines[row]

    def _rows(self) -> int:
        return len(self._lines)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return credit_date(line)
            if column == 1:
                return line.type_name
            if column == 2:
                return line.title
            if line.leave:
                return "请假"
            if line.capped:
                return f"{hours_text(line.credited)}（限额）"
            return hours_text(line.credited)
        if role == ID_ROLE:
            return line.activity_id
        if role == Qt.ItemDataRole.ForegroundRole and line.leave:
            return QColor(MUTED)
        if role == Qt.ItemDataRole.FontRole and line.leave and column == 3:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return rich_tooltip(line.title)
            if column == 3 and line.leave:
                return "请假，不计学时。"
            if column == 3 and line.capped:
                return (f"本次{hours_text(line.hours)}学时，{line.type_name}已达年度上限，"
                        f"只计{hours_text(line.credited)}学时。")
        return None


# --- Activities --------------------------------------------------------------------------------


class ActivityColumn(IntEnum):
    DATE = 0
    TYPE = 1
    TITLE = 2
    HOST = 3
    HOURS = 4
    PEOPLE = 5


ACTIVITY_HEADERS = ("日期", "类型", "主题", "主持", "学时", "参加人数")


def activity_date(activity: Activity) -> str:
    if activity.last_day == activity.start:
        return activity.start.isoformat()
    if activity.last_day.year != activity.start.year:
        return f"{activity.start.isoformat()}至{activity.last_day.isoformat()}"
    return f"{activity.start.isoformat()}至{activity.last_day:%m-%d}"


def activity_hours(activity: Activity) -> str:
    """``3``; ``按个人`` when attendees carry their own hours (网络学习 records)."""
    if any(a.hours is not None for a in activity.present):
        return "按个人"
    return hours_text(activity.hours)


def activity_people(activity: Activity) -> str:
    present, leave = len(activity.present), len(activity.on_leave)
    return f"{present}人" + (f"（请假{leave}人）" if leave else "")


class ActivitiesModel(HeadedTableModel):
    """The year's activities in date order."""

    headers = ACTIVITY_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._activities: list[Activity] = []

    def set_activities(self, activities: Sequence[Activity]) -> None:
        self.beginResetModel()
        self._activities = list(activities)
        self.endResetModel()

    def activity(self, index: QModelIndex) -> Activity | None:
        if not index.isValid() or index.row() >= len(self._activities):
            return None
        return self._activities[index.row()]

    def activities(self) -> list[Activity]:
        return list(self._activities)

    def row_of(self, activity_id: int) -> int:
        return next((n for n, a in enumerate(self._activities) if a.id == activity_id), -1)

    def _rows(self) -> int:
        return len(self._activities)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._activities[index.row()]
        column = ActivityColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return (activity_date(a), a.type_name, a.title, a.host, activity_hours(a),
                    activity_people(a))[column]
        if role == ID_ROLE:
            return a.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ActivityColumn.HOURS,
                                                                    ActivityColumn.PEOPLE):
            return _CENTRE
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ActivityColumn.TITLE:
                return rich_tooltip(a.title, *(f"学习内容：{s}" for s in a.studied[:5]))
            if column == ActivityColumn.HOURS and activity_hours(a) == "按个人":
                own = sorted({a.hours if x.hours is None else x.hours for x in a.present})
                return f"各人学时不同：{hours_text(own[0])}—{hours_text(own[-1])}学时"
        return None


# --- Briefing issues ---------------------------------------------------------------------------


ISSUE_HEADERS = ("简报", "期号", "总期号", "日期", "文章")


def issue_articles(issue: IssueSummary) -> str:
    if issue.article_count > 1:
        return f"{issue.first_title}等{issue.article_count}篇"
    return issue.first_title


class IssuesModel(HeadedTableModel):
    """Every stored issue, the latest first."""

    headers = ISSUE_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._issues: list[IssueSummary] = []

    def set_issues(self, issues: Sequence[IssueSummary]) -> None:
        self.beginResetModel()
        self._issues = list(issues)
        self.endResetModel()

    def issue(self, index: QModelIndex) -> IssueSummary | None:
        if not index.isValid() or index.row() >= len(self._issues):
            return None
        return self._issues[index.row()]

    def row_of(self, issue_id: int) -> int:
        return next((n for n, i in enumerate(self._issues) if i.id == issue_id), -1)

    def _rows(self) -> int:
        return len(self._issues)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i = self._issues[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (i.name, f"{i.year}年第{i.issue}期",
                    f"总第{i.total_issue}期" if i.total_issue else "", iso(i.date),
                    issue_articles(i))[column]
        if role == ID_ROLE:
            return i.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return _CENTRE
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return rich_tooltip(issue_articles(i))
        return None
