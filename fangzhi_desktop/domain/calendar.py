"""The working calendar of mainland China with 调休 (make-up working weekends).

The official schedule of each year comes from the State Council notice (国务院办公厅关于YYYY年
部分节假日安排的通知), shipped in ``resources/cn-holidays.json`` and extended by the office each
December when the next notice is published. A year with no schedule is never guessed: asking
about it raises ``ScheduleUnknown``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fangzhi_desktop.errors import FangzhiError

ONE_DAY = timedelta(days=1)


class ScheduleUnknown(FangzhiError):
    """The holiday schedule of a year has not been entered (or published) yet."""


@dataclass(frozen=True)
class Holiday:
    name: str
    start: date
    end: date  # inclusive


@dataclass
class YearSchedule:
    """One year's notice: off-day ranges and weekend dates declared working days."""

    year: int
    holidays: list[Holiday] = field(default_factory=list)
    workdays: dict[date, str] = field(default_factory=dict)  # day → the holiday it makes up
    notice: str = ""
    source: str = "official"  # "official" (shipped) or "user" (entered by the office)

    def off_days(self) -> set[date]:
        days: set[date] = set()
        for holiday in self.holidays:
            day = holiday.start
            while day <= holiday.end:
                days.add(day)
                day += ONE_DAY
        return days


class WorkingCalendar:
    """Is a day a working day; count and step working days; weeks to their last working day."""

    def __init__(self, schedules: Iterable[YearSchedule]) -> None:
        self.schedules: dict[int, YearSchedule] = {}
        self._off: set[date] = set()
        self._work: set[date] = set()
        for schedule in schedules:
            self.add(schedule)

    def add(self, schedule: YearSchedule) -> None:
        """Add or replace a year's schedule (a user entry replaces the shipped one)."""
        old = self.schedules.get(schedule.year)
        if old is not None:
            self._off -= old.off_days()
            self._work -= set(old.workdays)
        self.schedules[schedule.year] = schedule
        self._off |= schedule.off_days()
        self._work |= set(schedule.workdays)

    def years(self) -> list[int]:
        return sorted(self.schedules)

    def knows(self, year: int) -> bool:
        return year in self.schedules

    def _require(self, day: date) -> None:
        # The schedule of a holiday filed under the next year (元旦 of 2023 began 2022-12-31)
        # counts; otherwise the day's own year must be known.
        if day.year not in self.schedules:
            raise ScheduleUnknown(
                f"{day.year}年的节假日安排尚未录入（国务院办公厅通知一般在上一年10—12月发布），"
                "请在“设置 → 工作日历”中添加后再计算工作日。")

    def is_workday(self, day: date) -> bool:
        self._require(day)
        if day in self._work:
            return True
        if day in self._off:
            return False
        return day.weekday() < 5

    def next_workday(self, day: date, *, include_today: bool = True) -> date:
        if not include_today:
            day += ONE_DAY
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def add_workdays(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``count`` ≥ 1), or before when < 0."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in ``start..end`` inclusive."""
        count = 0
        day = start
        while day <= end:
            count += self.is_workday(day)
            day += ONE_DAY
        return count

    def nth_workday_of_month(self, year: int, month: int, n: int) -> date:
        """E.g. 每月前5个工作日 → ``nth_workday_of_month(y, m, 5)``."""
        day = self.next_workday(date(year, month, 1))
        for _ in range(n - 1):
            day = self.next_workday(day, include_today=False)
        if day.month != month:
            raise FangzhiError(f"{year}年{month}月没有{n}个工作日。")
        return day

    def last_workday_of_week(self, day: date) -> date:
        """The last working day of the Monday–Sunday week holding ``day`` (a week node's
        deadline). A week without any working day ends on its Sunday."""
        monday = day - timedelta(days=day.weekday())
        for offset in range(6, -1, -1):
            candidate = monday + timedelta(days=offset)
            if self.is_workday(candidate):
                return candidate
        return monday + timedelta(days=6)

    def describe(self, day: date) -> str:
        """``工作日``, ``周末``, ``春节假期`` or ``调休上班（春节）``."""
        self._require(day)
        schedule = self.schedules[day.year]
        if day in self._work:
            reason = schedule.workdays.get(day, "")
            return f"调休上班（{reason}）" if reason else "调休上班"
        for holiday in schedule.holidays:
            if holiday.start <= day <= holiday.end:
                return f"{holiday.name}假期"
        return "工作日" if day.weekday() < 5 else "周末"


def schedule_from_json(year: int, data: Mapping[str, Any], source: str = "official") -> YearSchedule:
    """A year in the shape of ``cn-holidays.json``; raises ``FangzhiError`` on bad entries."""
    try:
        holidays = [Holiday(str(h["name"]), date.fromisoformat(h["start"]),
                            date.fromisoformat(h["end"])) for h in data.get("holidays", [])]
        workdays = {
            date.fromisoformat(w["date"] if isinstance(w, Mapping) else w):
                str(w.get("for", "")) if isinstance(w, Mapping) else ""
            for w in data.get("workdays", [])}
    except (KeyError, TypeError, ValueError) as exc:
        raise FangzhiError(f"{year}年的节假日数据格式不对（{exc}）。") from exc
    problems = validate_schedule(year, holidays, workdays)
    if problems:
        raise FangzhiError(f"{year}年的节假日数据有误：" + "；".join(problems) + "。")
    return YearSchedule(year, holidays, workdays, str(data.get("notice", "")), source)


def validate_schedule(year: int, holidays: list[Holiday],
                      workdays: Mapping[date, str]) -> list[str]:
    """What is wrong with a schedule an office typed in (empty when it is plausible)."""
    problems = []
    for h in holidays:
        if h.end < h.start:
            problems.append(f"{h.name}的结束日期早于开始日期")
        if h.end.year != year or h.start.year < year - 1:  # 元旦 may begin on 12-31
            problems.append(f"{h.name}不在{year}年")
        if (h.end - h.start).days > 15:
            problems.append(f"{h.name}放假超过15天")
    for day in workdays:
        if day.weekday() < 5:
            problems.append(f"{day.isoformat()}本来就是工作日，不是调休上班日")
        if day.year != year:
            problems.append(f"调休上班日{day.isoformat()}不在{year}年")
    return problems


def load_official(path: Path | None = None) -> WorkingCalendar:
    """The calendar shipped with the app (``resources/cn-holidays.json``)."""
    if path is None:
        from fangzhi_desktop.paths import resource_path

        path = resource_path("cn-holidays.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return WorkingCalendar(schedule_from_json(int(year), entry)
                           for year, entry in data["years"].items())
