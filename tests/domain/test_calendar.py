"""The working calendar on real 调休 days of recent years."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.calendar import (
    Holiday,
    ScheduleUnknown,
    WorkingCalendar,
    load_official,
    schedule_from_json,
)
from fangzhi_desktop.errors import FangzhiError


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return load_official()


@pytest.mark.parametrize(("day", "workday"), [
    (date(2024, 2, 4), True),  # Sunday, 调休 for 春节
    (date(2024, 2, 18), True),  # Sunday, 调休
    (date(2024, 2, 12), False),  # Monday in 春节
    (date(2024, 5, 11), True),  # Saturday, 调休 for 劳动节
    (date(2025, 1, 26), True),  # Sunday
    (date(2025, 2, 8), True),  # Saturday
    (date(2025, 10, 8), False),  # Wednesday, 国庆节、中秋节
    (date(2025, 10, 11), True),  # Saturday
    (date(2026, 1, 4), True),  # Sunday after 元旦
    (date(2026, 2, 23), False),  # Monday in the 9-day 春节 of 2026
    (date(2026, 2, 28), True),  # Saturday
    (date(2026, 11, 23), True),  # an ordinary Monday
    (date(2026, 11, 22), False),  # an ordinary Sunday
    (date(2022, 12, 31), False),  # 元旦 2023 began on Saturday 2022-12-31
    (date(2020, 2, 1), False),  # the 2020 extension cancelled this working Saturday
])
def test_real_holidays_and_make_up_days(cal: WorkingCalendar, day: date, workday: bool) -> None:
    assert cal.is_workday(day) is workday


def test_counting_and_stepping_working_days(cal: WorkingCalendar) -> None:
    # From Friday 2024-09-27: Sat 28 off, Sun 29 调休 working, then the 国庆 week.
    assert cal.add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert cal.add_workdays(date(2024, 9, 29), 1) == date(2024, 9, 30)
    assert cal.add_workdays(date(2024, 9, 30), 1) == date(2024, 10, 8)
    assert cal.add_workdays(date(2024, 10, 8), -1) == date(2024, 9, 30)
    assert cal.workdays_between(date(2024, 10, 1), date(2024, 10, 13)) == 5  # 8-12 incl. Sat 12
    assert cal.nth_workday_of_month(2025, 10, 1) == date(2025, 10, 9)
    assert cal.nth_workday_of_month(2024, 2, 5) == date(2024, 2, 6)  # Sun 4th counts


def test_week_nodes_end_on_the_last_working_day(cal: WorkingCalendar) -> None:
    assert cal.last_workday_of_week(date(2026, 11, 25)) == date(2026, 11, 27)  # Friday
    assert cal.last_workday_of_week(date(2024, 10, 9)) == date(2024, 10, 12)  # 调休 Saturday
    assert cal.last_workday_of_week(date(2025, 10, 1)) == date(2025, 9, 30)  # Tuesday
    assert cal.last_workday_of_week(date(2026, 2, 18)) == date(2026, 2, 22)  # no working day


def test_descriptions(cal: WorkingCalendar) -> None:
    assert cal.describe(date(2024, 2, 4)) == "调休上班（春节）"
    assert cal.describe(date(2024, 2, 12)) == "春节假期"
    assert cal.describe(date(2026, 11, 22)) == "周末"


def test_an_unknown_year_is_never_guessed(cal: WorkingCalendar) -> None:
    with pytest.raises(ScheduleUnknown, match="2027年的节假日安排尚未录入"):
        cal.is_workday(date(2027, 3, 1))


def test_the_office_adds_next_years_notice(cal: WorkingCalendar) -> None:
    entry = {"holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
             "workdays": [{"date": "2027-01-09", "for": "元旦"}]}
    cal = WorkingCalendar(cal.schedules.values())
    cal.add(schedule_from_json(2027, entry, source="user"))
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 1, 9))  # a Saturday declared a working day
    assert cal.is_workday(date(2027, 3, 1))


@pytest.mark.parametrize(("entry", "message"), [
    ({"holidays": [{"name": "春节", "start": "2027-02-10", "end": "2027-02-01"}]}, "结束日期早于"),
    ({"workdays": [{"date": "2027-01-06"}]}, "本来就是工作日"),
    ({"holidays": [{"name": "x", "start": "2027-13-01", "end": "2027-13-02"}]}, "格式不对"),
    ({"holidays": [{"name": "国庆", "start": "2026-10-01", "end": "2026-10-07"}]}, "不在2027年"),
])
def test_bad_entries_are_refused(entry: dict[str, object], message: str) -> None:
    with pytest.raises(FangzhiError, match=message):
        schedule_from_json(2027, entry)


def test_every_shipped_year_is_consistent(cal: WorkingCalendar) -> None:
    assert cal.years() == list(range(2020, 2027))
    for schedule in cal.schedules.values():
        assert all(isinstance(h, Holiday) for h in schedule.holidays)
        assert all(d.weekday() >= 5 for d in schedule.workdays)
