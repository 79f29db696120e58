"""Date ranges as implementation plans write their phases.

``（2021年1-3月）`` → 2021-01-01..2021-03-31; ``2021年12月至2022年2月`` crosses a year;
``（2022年1月以后）`` has no end; ``2021年3月1日—4月15日`` is day-level; ``上半年``,
``第三季度`` and a bare ``2021年5月`` are understood too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fangzhi_desktop.domain.deadlines import month_end

_DASH = r"\s*(?:-|—|－|–|~|～|至|到)+\s*"
_Y = r"(?:(?P<{n}>(?:19|20)\d\d)\s*年\s*)"
_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class DateRange:
    """A phase's span; ``end`` is None for an open-ended phase (…以后)."""

    start: date
    end: date | None
    phrase: str

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def as_json(self) -> dict[str, str | None]:
        return {"start": self.start.isoformat(),
                "end": self.end.isoformat() if self.end else None}


def _y(name: str) -> str:
    return _Y.format(n=name)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 2021年3月1日—2021年4月15日 / 2021年3月1日至4月15日 / 2021年3月1日-15日
    ("days", re.compile(
        _y("y1") + r"?(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日" + _DASH
        + _y("y2") + r"?(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*日")),
    # 2021年12月至2022年2月 / 2021年1月-3月 / 2021年1-3月 / 2021年11—12月
    ("months", re.compile(
        _y("y1") + r"?(?P<m1>\d{1,2})\s*(?:月)?" + _DASH + r"(?P<next>次年|翌年|第二年)?"
        + _y("y2") + r"?(?P<m2>\d{1,2})\s*月")),
    # 2022年1月以后 / 2022年1月起 / 2022年1月开始
    ("open", re.compile(_y("y1") + r"?(?P<m1>\d{1,2})\s*月\s*(?:以后|之后|起|开始|后)")),
    # 2021年上半年 / 下半年
    ("half", re.compile(_y("y1") + r"?(?P<half>上|下)半年")),
    # 2021年第三季度
    ("quarter", re.compile(_y("y1") + r"?第?\s*(?P<q>[一二三四1-4])\s*季度")),
    # 2021年5月 (one month)
    ("month", re.compile(_y("y1") + r"?(?P<m1>\d{1,2})\s*月(?!\s*\d)")),
    # 2021年全年 / 2021年度
    ("year", re.compile(r"(?P<y1>(?:19|20)\d\d)\s*(?:年全年|年度|年)")),
]


def parse_range(text: str, default_year: int) -> DateRange | None:
    """The first date range in ``text``; years left out continue from the one before."""
    text = text.translate(_FULL)
    for kind, pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        try:
            found = _build(kind, m, default_year)
        except ValueError:
            continue
        if found is not None:
            return DateRange(found[0], found[1], re.sub(r"\s+", "", m.group(0)))
    return None


def _build(kind: str, m: re.Match[str], default_year: int) -> tuple[date, date | None] | None:
    groups = m.groupdict()
    y1 = int(groups["y1"]) if groups.get("y1") else default_year
    if kind == "days":
        m1, d1 = int(groups["m1"]), int(groups["d1"])
        y2 = int(groups["y2"]) if groups.get("y2") else y1
        m2 = int(groups["m2"]) if groups.get("m2") else m1
        start, end = date(y1, m1, d1), date(y2, m2, int(groups["d2"]))
        if end < start and not groups.get("y2"):
            end = date(y1 + 1, m2, end.day)  # 12月20日至1月10日
        return start, end
    if kind == "months":
        m1, m2 = int(groups["m1"]), int(groups["m2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        if groups.get("y2"):
            y2 = int(groups["y2"])
        else:
            y2 = y1 + 1 if groups.get("next") or m2 < m1 else y1
        return date(y1, m1, 1), month_end(y2, m2)
    if kind == "open":
        return date(y1, int(groups["m1"]), 1), None
    if kind == "half":
        return (date(y1, 1, 1), date(y1, 6, 30)) if groups["half"] == "上" else (
            date(y1, 7, 1), date(y1, 12, 31))
    if kind == "quarter":
        q = _QUARTERS[groups["q"]]
        return date(y1, 3 * q - 2, 1), month_end(y1, 3 * q)
    if kind == "month":
        month = int(groups["m1"])
        return date(y1, month, 1), month_end(y1, month)
    return date(y1, 1, 1), date(y1, 12, 31)
