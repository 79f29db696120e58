"""The 月度/季度工作情况 report: its period and the figures it states for the four areas
(work points, campaigns, yearbook, learning). Pure data; ``operations.office_report`` fills
it from the database and ``exporters.office_report_docx`` words it as a 公文."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from fangzhi_desktop.errors import UnusableInput

CN_QUARTERS = ("一", "二", "三", "四")


@dataclass(frozen=True)
class Period:
    """A calendar month (``quarter`` 0) or quarter (``month`` 0) of ``year``."""

    year: int
    month: int = 0
    quarter: int = 0

    @property
    def start(self) -> date:
        return date(self.year, self.month or self.quarter * 3 - 2, 1)

    @property
    def end(self) -> date:
        last = self.month or self.quarter * 3
        return date(self.year + (last == 12), last % 12 + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        """``2026年11月`` or ``2026年第四季度``."""
        if self.month:
            return f"{self.year}年{self.month}月"
        return f"{self.year}年第{CN_QUARTERS[self.quarter - 1]}季度"

    @property
    def kind(self) -> str:
        return "月度" if self.month else "季度"

    @property
    def token(self) -> str:
        """``2026-11`` or ``2026Q4`` (as typed on the command line)."""
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}Q{self.quarter}"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def as_of(self, today: date) -> date:
        """The day the figures stand on: the period's last day, or today while it runs."""
        return min(self.end, max(today, self.start))


def parse_month(text: str) -> Period:
    """``2026-11`` (or ``2026年11月``)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*月?\s*", text)
    if not m or not 1 <= int(m[2]) <= 12:
        raise UnusableInput(f"用法错误：月份“{text}”格式不对，应为 年-月，如 2026-11。")
    return Period(int(m[1]), month=int(m[2]))


def parse_quarter(text: str) -> Period:
    """``2026Q4`` (or ``2026-Q4``, ``2026年第4季度``)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-?\s*[Qq]\s*([1-4])|年第?([1-4一二三四])季度?)\s*", text)
    if not m:
        raise UnusableInput(f"用法错误：季度“{text}”格式不对，应为 年Q季度，如 2026Q4。")
    digit = m[2] or m[3]
    quarter = CN_QUARTERS.index(digit) + 1 if digit in CN_QUARTERS else int(digit)
    return Period(int(m[1]), quarter=quarter)


def period_of(today: date, quarterly: bool = False) -> Period:
    """The month (or quarter) that holds ``today``."""
    if quarterly:
        return Period(today.year, quarter=(today.month - 1) // 3 + 1)
    return Period(today.year, month=today.month)


@dataclass(frozen=True)
class Line:
    """One listed thing: a late item, a task done, an activity…"""

    text: str
    unit: str = ""
    when: date | None = None


@dataclass
class WorkpointsPart:
    year: int
    total: int
    finished: int
    done_in_period: list[Line] = field(default_factory=list)
    overdue: list[Line] = field(default_factory=list)  # with days late in ``text``
    progress: list[Line] = field(default_factory=list)  # 进展 entries of the period
    urges: int = 0  # 催办 entries of the period


@dataclass
class CampaignPart:
    title: str
    phase: str
    total: int
    finished: int
    done_in_period: int
    due_in_period: int
    overdue: list[Line] = field(default_factory=list)
    progress: int = 0  # 进展 entries of the period


@dataclass
class YearbookPart:
    title: str
    stage: str
    received: int
    entries: int
    received_in_period: int
    late_units: list[str]
    outlook: str  # the 当年卷当年出版 verdict


@dataclass
class LearningPart:
    year: int
    headcount: int
    completed: int
    total_hours: float
    average_hours: float
    activities: list[Line] = field(default_factory=list)  # held in the period
    attendances_in_period: int = 0  # 人次
    hours_in_period: float = 0.0  # credited to everyone present, summed
    short: list[str] = field(default_factory=list)  # ``张三（差12学时）``


@dataclass
class OfficeReport:
    """Everything the report states, as of ``as_of``."""

    period: Period
    as_of: date
    workpoints: WorkpointsPart | None = None
    campaigns: list[CampaignPart] = field(default_factory=list)
    yearbook: YearbookPart | None = None
    learning: LearningPart | None = None

    @property
    def title(self) -> str:
        return f"{self.period.label}工作情况报告"
