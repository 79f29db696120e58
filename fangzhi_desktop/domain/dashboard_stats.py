"""The figures behind 总览's charts, in plain Python: completion by section and by lead unit,
green/yellow/red counts by month, a campaign's burn-down, yearbook receipts over time and
learning hours per department against the requirement. The UI draws them; the monthly
report prints them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fangzhi_desktop.domain.campaigns import CampaignTask
from fangzhi_desktop.domain.learning import LearningYear, round_hours
from fangzhi_desktop.domain.workpoints import Grade, Status, WorkItem, grade

NO_UNIT = "（未列单位）"


@dataclass(frozen=True)
class Completion:
    """One bar: how many of ``total`` are done (已完成 or 已销号)."""

    label: str
    done: int
    total: int

    @property
    def open(self) -> int:
        return self.total - self.done

    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class MonthGrades:
    """Items by grade as they stood at the end of ``month`` (or on today, this month)."""

    month: int
    on: date
    green: int
    yellow: int
    red: int

    def count(self, which: Grade) -> int:
        return {Grade.GREEN: self.green, Grade.YELLOW: self.yellow, Grade.RED: self.red}[which]


@dataclass(frozen=True)
class BurnPoint:
    """Open tasks on ``on``: planned (deadline not yet reached) and actual (not yet done;
    None after today)."""

    on: date
    planned: int
    actual: int | None


@dataclass(frozen=True)
class CountPoint:
    on: date
    count: int


@dataclass(frozen=True)
class DepartmentHours:
    """Average hours per person of a 科室 against the average requirement."""

    department: str
    people: int
    average: float
    required: float

    @property
    def short(self) -> bool:
        return self.average < self.required


def finished_by(status: Status, status_date: date | None, day: date) -> bool:
    """Done on ``day``: finished, on or before it (an undated finish counts as done)."""
    return status.finished and (status_date is None or status_date <= day)


def completion_by_section(items: Sequence[WorkItem]) -> list[Completion]:
    """Per 部分 (一、二、…) in plan order."""
    groups: dict[str, list[WorkItem]] = {}
    for item in sorted(items, key=lambda i: i.position):
        ordinal = f"{item.section_ordinal}、" if item.section_ordinal else ""
        label = f"{ordinal}{item.section_title}".strip() or NO_UNIT
        groups.setdefault(label, []).append(item)
    return [_completion(label, members) for label, members in groups.items()]


def completion_by_unit(items: Sequence[WorkItem]) -> list[Completion]:
    """Per 牵头单位 (an item led by two units counts for both), most items first."""
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        for unit in item.lead or [NO_UNIT]:
            groups.setdefault(unit, []).append(item)
    bars = [_completion(label, members) for label, members in groups.items()]
    return sorted(bars, key=lambda b: (-b.total, b.label))


def _completion(label: str, items: Iterable[WorkItem]) -> Completion:
    members = list(items)
    return Completion(label, sum(i.status.finished for i in members), len(members))


def month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def grades_by_month(items: Sequence[WorkItem], year: int, today: date) -> list[MonthGrades]:
    """Green/yellow/red at each month end of ``year`` up to ``today`` (the current month
    as of today). An item counts as done from its status date; deadlines are the current
    ones."""
    months: list[MonthGrades] = []
    for month in range(1, 13):
        on = min(month_end(year, month), today)
        if on < date(year, month, 1):
            break
        counts = {g: 0 for g in Grade}
        for item in items:
            status = item.status if finished_by(item.status, item.status_date, on) \
                else Status.IN_PROGRESS
            counts[grade(status, item.deadline, on)] += 1
        months.append(MonthGrades(month, on, counts[Grade.GREEN], counts[Grade.YELLOW],
                                  counts[Grade.RED]))
        if on == today:
            break
    return months


def burndown(tasks: Sequence[CampaignTask], start: date, today: date,
             most_points: int = 60) -> list[BurnPoint]:
    """Open tasks week by week (every few weeks for a long campaign) from ``start`` to the
    last deadline (at least to today): planned counts tasks whose deadline is still ahead,
    actual those not yet done."""
    if not tasks:
        return []
    deadlines = [t.deadline for t in tasks if t.deadline is not None]
    end = max([*deadlines, today, start])
    step_days = 7 * max(1, -(-(end - start).days // (7 * most_points)))
    days = [start + timedelta(days=n) for n in range(0, (end - start).days + 1, step_days)]
    if days[-1] != end:
        days.append(end)
    if start <= today <= end and today not in days:
        days = sorted([*days, today])
    points = []
    for day in days:
        planned = sum(1 for t in tasks if t.deadline is None or t.deadline >= day)
        actual = None if day > today else sum(
            1 for t in tasks if not finished_by(t.status, t.status_date, day))
        points.append(BurnPoint(day, planned, actual))
    return points


def cumulative_by_week(days: Iterable[date], start: date, today: date) -> list[CountPoint]:
    """How many of ``days`` (receipt dates) fell on or before each week's end since
    ``start``, the last point on ``today``."""
    ordered = sorted(days)
    if not ordered:
        return []
    first = min(start, ordered[0])
    points = []
    day = first
    while True:
        day = min(day, today)
        points.append(CountPoint(day, sum(1 for d in ordered if d <= day)))
        if day >= today:
            break
        day += timedelta(days=7)
    return points


def hours_by_department(stats: LearningYear) -> list[DepartmentHours]:
    """Per 科室 in roster order: average credited hours (with carry-over) per person and
    the average requirement."""
    groups: dict[str, list[tuple[float, float]]] = {}
    for person in stats.people:
        groups.setdefault(person.department, []).append((person.total, person.requirement))
    return [DepartmentHours(name, len(rows), round_hours(sum(r[0] for r in rows) / len(rows)),
                            round_hours(sum(r[1] for r in rows) / len(rows)))
            for name, rows in groups.items()]
