"""The stages of a yearbook volume (编纂阶段) and whether “当年卷当年出版” still holds.

A volume named for year Y (recording Y−1) must be published by December 31 of Y. Its stages
follow a template the office edits (``DEFAULT_TEMPLATE`` is what a new database holds).

Rules, all on ``today``:
- a stage is 已完成 once it has an actual end, 进行中 once it has an actual start, else 未开始;
- it is late (逾期) when its planned end has passed and it has no actual end;
- the current stage is the first unfinished stage in order (see ``stage_today``);
- the forecast keeps the plan's shape and pushes it by the delay found so far: walking the
  unfinished stages in order, a running stage ends at its actual start + its planned duration
  (never before today); a stage not started starts at its planned start shifted by the delay
  so far (never before today) and lasts its planned duration; the delay grows by how much a
  stage's projected end passes its planned end. Publication is the projected end of the stage
  marked as publication (出版发行; the last stage when none is marked). Slack = deadline −
  projected publication (negative: days of delay).

Durations are calendar days, or working days on the office's working calendar (调休 included);
beyond the years the calendar knows, Monday–Friday are counted and the forecast says so.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.dates import cn_date

ONE_DAY = timedelta(days=1)

# (name, planned start MM-DD, planned end MM-DD, publication) in the volume's year.
DEFAULT_TEMPLATE: tuple[tuple[str, str, str, bool], ...] = (
    ("印发组稿通知", "01-05", "01-20", False),
    ("篇目设计/审定", "01-21", "02-10", False),
    ("组稿", "02-11", "04-10", False),
    ("收稿", "04-11", "04-30", False),
    ("初审", "05-01", "05-31", False),
    ("复审", "06-01", "06-30", False),
    ("终审", "07-01", "07-20", False),
    ("送审", "07-21", "08-10", False),
    ("出版社三审三校", "08-11", "09-30", False),
    ("排版校对", "10-01", "10-31", False),
    ("出版审批/书号", "11-01", "11-15", False),
    ("印刷", "11-16", "12-10", False),
    ("出版发行", "12-11", "12-25", True),
    ("报送/上网", "12-26", "12-31", False),
)


class StageState(StrEnum):
    NOT_STARTED = "未开始"
    RUNNING = "进行中"
    DONE = "已完成"


@dataclass(frozen=True)
class TemplateStage:
    """A stage of the office's template; its dates are month-days in the volume year."""

    position: int
    name: str
    start_md: str  # "MM-DD"
    end_md: str
    publication: bool = False
    owner: str = ""

    def dates(self, year: int) -> tuple[date, date]:
        return month_day(year, self.start_md), month_day(year, self.end_md)


def month_day(year: int, md: str) -> date:
    """``"02-29"`` in ``year`` (February 28 when the year has no 29th)."""
    month, day = (int(part) for part in md.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        if (month, day) == (2, 29):
            return date(year, 2, 28)
        raise


def valid_month_day(md: str) -> bool:
    try:
        month_day(2024, md)  # a leap year accepts 02-29
    except (ValueError, TypeError):
        return False
    return len(md) == 5 and md[2] == "-"


def shift_year(day: date | None, years: int = 1) -> date | None:
    """The same day ``years`` later (February 29 → 28)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Stage:
    """A stage of a volume with its planned and actual dates."""

    id: int
    volume_id: int
    position: int
    name: str
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    owner: str = ""
    remarks: str = ""
    publication: bool = False

    @property
    def state(self) -> StageState:
        if self.actual_end is not None:
            return StageState.DONE
        if self.actual_start is not None:
            return StageState.RUNNING
        return StageState.NOT_STARTED

    @property
    def scheduled(self) -> bool:
        return self.planned_start is not None and self.planned_end is not None

    def late(self, today: date) -> bool:
        """Planned end passed and not finished."""
        return (self.actual_end is None and self.planned_end is not None
                and today > self.planned_end)

    def days_late(self, today: date) -> int:
        return (today - self.planned_end).days if self.late(today) and self.planned_end else 0


@dataclass(frozen=True)
class StageToday:
    """Where a volume stands: its current stage (None when all are done or none exist)."""

    current: Stage | None
    state: str  # 进行中 / 按计划应已开始 / 待开始 / 已全部完成 / 未设阶段
    running: tuple[Stage, ...] = ()
    late: tuple[Stage, ...] = ()

    def text(self) -> str:
        if self.current is None:
            return self.state
        return f"{self.current.name}（{self.state}）"


def stage_today(stages: Sequence[Stage], today: date) -> StageToday:
    """The current stage: the first unfinished one in order — 进行中 once it has actually
    started, 按计划应已开始 when only its planned start has come, 待开始 otherwise."""
    if not stages:
        return StageToday(None, "未设阶段")
    late = tuple(s for s in stages if s.late(today))
    running = tuple(s for s in stages if s.state is StageState.RUNNING)
    current = next((s for s in stages if s.state is not StageState.DONE), None)
    if current is None:
        return StageToday(None, "已全部完成", running, late)
    if current.state is StageState.RUNNING:
        state = "进行中"
    elif current.planned_start is not None and current.planned_start <= today:
        state = "按计划应已开始"
    else:
        state = "待开始"
    return StageToday(current, state, running, late)


# --- Durations --------------------------------------------------------------------------------


class Days:
    """Counting and stepping days: calendar days, or working days on a calendar.

    Working days are counted once into running totals over a window of dates that grows as
    needed, so every question is a subtraction or a binary search.
    """

    def __init__(self, calendar: WorkingCalendar | None = None) -> None:
        self.calendar = calendar
        self._origin = date.min  # the day before the window
        self._totals: list[int] = []  # counted days in (origin, origin + i + 1]

    @property
    def unit(self) -> str:
        return "个工作日" if self.calendar is not None else "天"

    def is_counted(self, day: date) -> bool:
        if self.calendar is None:
            return True
        if self.calendar.knows(day.year):
            return self.calendar.is_workday(day)
        return day.weekday() < 5  # a year without its holiday schedule: Monday–Friday

    def guessed_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years of ``first..last`` counted Monday–Friday for want of a schedule."""
        if self.calendar is None:
            return ()
        return tuple(y for y in range(first.year, last.year + 1) if not self.calendar.knows(y))

    def _upto(self, day: date) -> int:
        """Counted days in (origin, day] (calendar mode: days since 0001-01-01)."""
        if self.calendar is None:
            return day.toordinal()
        if not self._totals or day <= self._origin:
            self._origin = min(day, self._origin if self._totals else day) - timedelta(days=60)
            self._totals = []
        while len(self._totals) < (day - self._origin).days:
            self._grow()
        index = (day - self._origin).days
        return self._totals[index - 1] if index else 0

    def _grow(self) -> None:
        total = self._totals[-1] if self._totals else 0
        day = self._origin + timedelta(days=len(self._totals) + 1)
        for _ in range(366):
            total += self.is_counted(day)
            self._totals.append(total)
            day += ONE_DAY

    def length(self, start: date, end: date) -> int:
        """Days of ``start..end`` inclusive (at least 1 for a scheduled stage)."""
        return max(1, self._upto(end) - self._upto(start - ONE_DAY))

    def first(self, day: date) -> date:
        """``day`` or the next counted day."""
        return self.end_after(day, 1)

    def end_after(self, start: date, length: int) -> date:
        """The last day of a span of ``length`` counted days beginning on ``start``."""
        if self.calendar is None:
            return start + timedelta(days=max(1, length) - 1)
        target = self._upto(start - ONE_DAY) + max(1, length)
        while not self._totals or self._totals[-1] < target:
            self._grow()
        return self._origin + timedelta(days=bisect_left(self._totals, target) + 1)

    def between(self, start: date, end: date) -> int:
        """Counted days after ``start`` up to ``end`` (negative when ``end`` is earlier)."""
        return self._upto(end) - self._upto(start)


# --- Forecast ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectedStage:
    stage: Stage
    start: date
    end: date


@dataclass(frozen=True)
class Forecast:
    """Whether the volume can still be published by ``deadline``.

    ``slack`` counts in ``unit`` (天 or 个工作日): positive is room left, negative is delay.
    ``publication`` is None when it cannot be projected (no scheduled stage left).
    """

    year: int
    deadline: date
    publication: date | None
    slack: int | None
    unit: str = "天"
    published: bool = False  # the publication stage has an actual end
    unscheduled: tuple[str, ...] = ()  # unfinished stages without planned dates
    guessed_years: tuple[int, ...] = ()
    projected: tuple[ProjectedStage, ...] = ()

    @property
    def holds(self) -> bool | None:
        """True when the deadline holds, False when it does not, None when unknown."""
        if self.publication is None:
            return None
        return self.publication <= self.deadline

    def text(self) -> str:
        """``预计2026年12月20日出版，距“当年卷当年出版”时限尚余11天`` and the like."""
        rule = f"“当年卷当年出版”时限（{cn_date(self.deadline)}）"
        if self.published and self.publication is not None:
            verdict = "已按时出版" if self.holds else "未能在当年出版"
            return f"已于{cn_date(self.publication)}出版，{verdict}。"
        if self.publication is None or self.slack is None:
            return f"尚未排定出版阶段的计划日期，无法判断能否满足{rule}。"
        head = f"预计{cn_date(self.publication)}出版，"
        if self.slack >= 0:
            text = head + f"距{rule}尚余{self.slack}{self.unit}。"
        else:
            text = head + f"将超出{rule}{-self.slack}{self.unit}。"
        if self.unscheduled:
            text += f"（{'、'.join(self.unscheduled)}未排计划日期，未计入。）"
        if self.guessed_years:
            years = "、".join(f"{y}年" for y in self.guessed_years)
            text += f"（{years}节假日安排未录入，按周一至周五计算工作日。）"
        return text


def publication_deadline(year: int) -> date:
    """当年卷当年出版: December 31 of the volume year."""
    return date(year, 12, 31)


def forecast(stages: Sequence[Stage], year: int, today: date,
             calendar: WorkingCalendar | None = None) -> Forecast:
    """Project the remaining stages from ``today`` (see the module docstring)."""
    days = Days(calendar)
    deadline = publication_deadline(year)
    target = next((s for s in stages if s.publication), stages[-1] if stages else None)
    if target is None:
        return Forecast(year, deadline, None, None, days.unit)
    if target.actual_end is not None:
        return Forecast(year, deadline, target.actual_end, days.between(target.actual_end,
                        deadline), days.unit, published=True)
    delay = 0  # in counted days
    projected: list[ProjectedStage] = []
    unscheduled: list[str] = []
    for stage in stages:
        if stage.state is StageState.DONE:
            continue
        if not stage.scheduled:
            unscheduled.append(stage.name)
            if stage is target:
                break
            continue
        assert stage.planned_start is not None and stage.planned_end is not None
        length = days.length(stage.planned_start, stage.planned_end)
        if stage.actual_start is not None:
            start = stage.actual_start
        else:
            start = _shift(days, stage.planned_start, delay)
            start = max(start, today)
        end = max(days.end_after(start, length), today)
        projected.append(ProjectedStage(stage, start, end))
        delay = max(delay, days.between(stage.planned_end, end))
        if stage is target:
            break
    reached = next((p for p in projected if p.stage is target), None)
    if reached is None:
        return Forecast(year, deadline, None, None, days.unit, unscheduled=tuple(unscheduled),
                        projected=tuple(projected))
    first = min([today, *(p.start for p in projected)])
    return Forecast(year, deadline, reached.end, days.between(reached.end, deadline), days.unit,
                    unscheduled=tuple(unscheduled),
                    guessed_years=days.guessed_years(first, max(reached.end, deadline)),
                    projected=tuple(projected))


def _shift(days: Days, start: date, delay: int) -> date:
    """``start`` moved ``delay`` counted days later."""
    if delay <= 0:
        return start
    if days.calendar is None:
        return start + timedelta(days=delay)
    return days.end_after(days.first(start), delay + 1)
