"""Week nodes (节点明确到周) resolved to the last working day of the week, on real 调休 weeks."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.calendar import ScheduleUnknown, WorkingCalendar, load_official
from fangzhi_desktop.domain.week_deadlines import (
    cn_number,
    find_deadline,
    week_of_month,
    week_of_year,
    weeks_in_year,
)
from fangzhi_desktop.errors import FangzhiError


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return load_official()


@pytest.mark.parametrize(("phrase", "year", "expected"), [
    ("第12周", 2026, date(2026, 3, 20)),  # an ordinary week: its Friday
    ("第12周前", 2026, date(2026, 3, 20)),  # 前 keeps the same node
    ("第 12 周", 2026, date(2026, 3, 20)),  # PDF spaces
    ("第十二周", 2026, date(2026, 3, 20)),
    ("第41周", 2024, date(2024, 10, 12)),  # the week after 国庆 ends on its 调休 Saturday
    ("第39周", 2025, date(2025, 9, 28)),  # Sunday 9-28 is a 调休 working day before 国庆
    ("第40周", 2025, date(2025, 9, 30)),  # …and the 国庆 week ends on Tuesday 9-30
    ("第41周", 2025, date(2025, 10, 11)),  # 国庆 Mon–Wed… then Saturday 10-11 works
    ("第7周", 2026, date(2026, 2, 14)),  # Saturday 2-14 works before the 春节
    ("第8周", 2026, date(2026, 2, 22)),  # the 春节 week has no working day: its Sunday
    ("第1周", 2026, date(2026, 1, 4)),  # ISO week 1 of 2026 begins 2025-12-29; Sunday 1-4 works
    ("2025年第52周", 2026, date(2025, 12, 26)),  # another year named explicitly
    ("3月第2周", 2026, date(2026, 3, 6)),  # 3-1 is a Sunday: week 1 is Feb 23–Mar 1
    ("3月第1周", 2026, date(2026, 2, 28)),  # …so week 1 ends on Saturday 2-28 (调休)
    ("10月第1周", 2025, date(2025, 9, 30)),  # the 国庆 week ends before the holiday
    ("十月第一周前", 2025, date(2025, 9, 30)),
    ("5月第2周", 2024, date(2024, 5, 11)),  # Saturday 5-11 is a 调休 working day
    ("3月最后一周", 2026, date(2026, 4, 3)),  # the week holding 3-31
    ("3月20日", 2026, date(2026, 3, 20)),
    ("2026-03-20", 2026, date(2026, 3, 20)),
    ("2027年1月5日前", 2026, date(2027, 1, 5)),  # a date needs no calendar
    ("6月底前", 2026, date(2026, 6, 30)),  # the work-point phrases still work
    ("年底前", 2026, date(2026, 12, 31)),
])
def test_phrases_resolve_on_the_real_calendar(cal: WorkingCalendar, phrase: str, year: int,
                                              expected: date) -> None:
    found = find_deadline(phrase, year, cal)
    assert found is not None and found.date == expected
    assert found.phrase.replace(" ", "") in phrase.replace(" ", "")


def test_the_rule_says_why_that_day(cal: WorkingCalendar) -> None:
    make_up = find_deadline("第41周", 2024, cal)
    assert make_up is not None
    assert make_up.rule == ("第41周（10月7日—10月13日），最后一个工作日为10月12日（星期六，调休上班）")
    national_day = find_deadline("10月第1周", 2025, cal)
    assert national_day is not None and "星期二，国庆节、中秋节假期前" in national_day.rule
    spring = find_deadline("第8周", 2026, cal)
    assert spring is not None and "该周没有工作日，以星期日为限" in spring.rule
    other_year = find_deadline("2025年第52周", 2026, cal)
    assert other_year is not None and other_year.rule.startswith("2025年第52周（12月22日—12月28日）")


def test_no_deadline_in_the_text(cal: WorkingCalendar) -> None:
    assert find_deadline("", 2026, cal) is None
    assert find_deadline("抓紧推进", 2026, cal) is None
    assert find_deadline("8周", 2026, cal) is None


@pytest.mark.parametrize(("phrase", "message"), [
    ("第54周", "2026年只有53周，没有第54周"),
    ("第53周", "2025年只有52周"),
    ("2月第6周", "2026年2月只有5周，没有第6周"),
    ("2月30日", "不是有效的日期"),
])
def test_weeks_and_dates_that_do_not_exist(cal: WorkingCalendar, phrase: str,
                                           message: str) -> None:
    year = 2025 if "53" in phrase else 2026
    with pytest.raises(FangzhiError, match=message):
        find_deadline(phrase, year, cal)


def test_an_unknown_year_is_never_guessed(cal: WorkingCalendar) -> None:
    with pytest.raises(ScheduleUnknown, match="2027年的节假日安排尚未录入"):
        find_deadline("第12周", 2027, cal)
    # The last week of 2026 runs into 2027, whose holidays are not known either.
    with pytest.raises(ScheduleUnknown):
        find_deadline("第53周", 2026, cal)


def test_week_arithmetic() -> None:
    assert weeks_in_year(2026) == 53 and weeks_in_year(2025) == 52
    assert week_of_year(2026, 1) == date(2025, 12, 29)
    assert week_of_month(2026, 3, 1) == date(2026, 2, 23)
    assert week_of_month(2026, 3, None) == date(2026, 3, 30)
    assert [cn_number(t) for t in ("七", "十", "十二", "二十", "二十三", "五十三", "１２")] == [
        7, 10, 12, 20, 23, 53, 12]
