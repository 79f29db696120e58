"""Phase date ranges as plans write them."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.date_ranges import parse_range


@pytest.mark.parametrize(("text", "start", "end"), [
    ("宣传发动阶段（2021年1-3月）", date(2021, 1, 1), date(2021, 3, 31)),
    ("学习研讨阶段（2021年4-10月）", date(2021, 4, 1), date(2021, 10, 31)),
    ("组织提升阶段（2021年11-12月）", date(2021, 11, 1), date(2021, 12, 31)),
    ("常态化学习阶段（2022年1月以后）", date(2022, 1, 1), None),
    ("总结阶段（2021年12月至2022年2月）", date(2021, 12, 1), date(2022, 2, 28)),
    ("（2021年11月—2022年1月）", date(2021, 11, 1), date(2022, 1, 31)),
    ("（2021年1月-3月）", date(2021, 1, 1), date(2021, 3, 31)),
    ("（11月至次年2月）", date(2021, 11, 1), date(2022, 2, 28)),
    ("（2021年3月1日—4月15日）", date(2021, 3, 1), date(2021, 4, 15)),
    ("（2021年3月1日至2021年3月31日）", date(2021, 3, 1), date(2021, 3, 31)),
    ("（12月20日至1月10日）", date(2021, 12, 20), date(2022, 1, 10)),
    ("（2021年上半年）", date(2021, 1, 1), date(2021, 6, 30)),
    ("下半年", date(2021, 7, 1), date(2021, 12, 31)),
    ("（2021年第三季度）", date(2021, 7, 1), date(2021, 9, 30)),
    ("（2021年5月）", date(2021, 5, 1), date(2021, 5, 31)),
    ("（２０２１年１－３月）", date(2021, 1, 1), date(2021, 3, 31)),
    ("（2021年 1- 3 月）", date(2021, 1, 1), date(2021, 3, 31)),
])
def test_phase_ranges(text: str, start: date, end: date | None) -> None:
    found = parse_range(text, 2021)
    assert found is not None
    assert (found.start, found.end) == (start, end)


def test_open_ended_contains_every_later_day() -> None:
    found = parse_range("2022年1月以后", 2021)
    assert found is not None and found.contains(date(2030, 1, 1))
    assert not found.contains(date(2021, 12, 31))
    assert found.as_json() == {"start": "2022-01-01", "end": None}


def test_text_without_a_range() -> None:
    assert parse_range("有关要求", 2021) is None
