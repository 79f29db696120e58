"""The report's period: a month or a quarter, typed on the command line or taken from today."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.office_report import (
    Period,
    parse_month,
    parse_quarter,
    period_of,
)
from fangzhi_desktop.errors import UnusableInput


def test_month() -> None:
    period = parse_month("2026-11")
    assert (period.start, period.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period.label == "2026年11月" and period.kind == "月度" and period.token == "2026-11"
    assert parse_month("2026年2月").end == date(2026, 2, 28)
    assert parse_month("2026-12").end == date(2026, 12, 31)


def test_quarter() -> None:
    period = parse_quarter("2026Q4")
    assert (period.start, period.end) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period.label == "2026年第四季度" and period.kind == "季度"
    assert parse_quarter("2026-q1").end == date(2026, 3, 31)
    assert parse_quarter("2026年第二季度").start == date(2026, 4, 1)


@pytest.mark.parametrize("text", ["2026-13", "11/2026", "2026", ""])
def test_bad_month(text: str) -> None:
    with pytest.raises(UnusableInput, match="2026-11"):
        parse_month(text)


@pytest.mark.parametrize("text", ["2026Q5", "Q4", "2026-4"])
def test_bad_quarter(text: str) -> None:
    with pytest.raises(UnusableInput, match="2026Q4"):
        parse_quarter(text)


def test_period_of_today_and_as_of() -> None:
    today = date(2026, 11, 23)
    assert period_of(today) == Period(2026, month=11)
    assert period_of(today, quarterly=True) == Period(2026, quarter=4)
    assert Period(2026, quarter=4).as_of(today) == today
    assert Period(2026, month=10).as_of(today) == date(2026, 10, 31)
    assert Period(2026, month=10).contains(date(2026, 10, 31))
    assert not Period(2026, month=10).contains(None)
