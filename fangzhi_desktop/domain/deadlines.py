"""Deadlines as officials write them: ``年底前``, ``上半年``, ``6月底前``, ``第三季度``, ``适时`` …

A deadline keeps the phrase as written, the date it resolves to and the rule that was used, so
the user can see why a date was chosen and override it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12, "1": 1, "2": 2, "3": 3, "4": 4}

RULE_NONE = "未写明时限，按年度工作要点惯例以年底为限"


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase, the date it resolves to and the rule used."""

    phrase: str  # as written; "" when the text names no deadline
    date: date
    rule: str

    def as_json(self) -> dict[str, str]:
        return {"phrase": self.phrase, "date": self.date.isoformat(), "rule": self.rule}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _cn_number(text: str) -> int:
    text = text.translate(_FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    if text in CN_DIGITS:
        return CN_DIGITS[text]
    raise ValueError(text)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_MONTH = r"(?P<month>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九]|[０-９]{1,2})"
_YEAR = r"(?:(?P<year>20\d\d|２０[０-９][０-９])\s*年\s*)?"
_Q = r"(?P<q>[一二三四1-4])"

# (pattern, resolver, rule). The first pattern that matches anywhere in the text wins, so the
# most specific come first.


def _y(year: int, m: re.Match[str]) -> int:
    y = m.groupdict().get("year")
    return int(y.translate(_FULLWIDTH_DIGITS)) if y else year


def _day(m: re.Match[str], year: int) -> date:
    month = _cn_number(m["month"])
    day = int(m["day"].translate(_FULLWIDTH_DIGITS))
    y = _y(year, m)
    last = calendar.monthrange(y, month)[1]
    return date(y, month, min(day, last))


_PATTERNS: list[tuple[re.Pattern[str], Callable[[int, re.Match[str]], date], str]] = [
    (re.compile(_YEAR + _MONTH + r"\s*月\s*(?P<day>[0-9０-９]{1,2})\s*[日号]\s*(?:前|之前|以前|截止)"),
     lambda y, m: _day(m, y), "写明日期"),
    (re.compile(_YEAR + _MONTH + r"\s*月\s*(?:底|末)\s*(?:前|之前|以前)?"),
     lambda y, m: month_end(_y(y, m), _cn_number(m["month"])), "月底"),
    (re.compile(_YEAR + _MONTH + r"\s*月\s*上旬"),
     lambda y, m: date(_y(y, m), _cn_number(m["month"]), 10), "上旬按10日计"),
    (re.compile(_YEAR + _MONTH + r"\s*月\s*中旬"),
     lambda y, m: date(_y(y, m), _cn_number(m["month"]), 20), "中旬按20日计"),
    (re.compile(_YEAR + _MONTH + r"\s*月\s*下旬"),
     lambda y, m: month_end(_y(y, m), _cn_number(m["month"])), "下旬按月底计"),
    (re.compile(_YEAR + _MONTH + r"\s*月\s*(?:前|之前|以前)"),
     lambda y, m: month_end(_y(y, m), _cn_number(m["month"]) - 1)
     if _cn_number(m["month"]) > 1 else date(_y(y, m) - 1, 12, 31), "某月前按上月底计"),
    (re.compile(r"(?:第\s*)?" + _Q + r"\s*季度(?:末|底)?(?:前)?"),
     lambda y, m: month_end(y, 3 * _cn_number(m["q"])), "季度末"),
    (re.compile(r"上半年"), lambda y, m: date(y, 6, 30), "上半年按6月30日计"),
    (re.compile(r"下半年"), lambda y, m: date(y, 12, 31), "下半年按12月31日计"),
    (re.compile(_YEAR + _MONTH + r"\s*月(?:份)?(?:完成|召开|举办|开展)"),
     lambda y, m: month_end(_y(y, m), _cn_number(m["month"])), "某月内按月底计"),
    (re.compile(r"(?:年底|年末|年内|年终)(?:前|之前)?"), lambda y, m: date(y, 12, 31), "年底"),
    (re.compile(r"全年"), lambda y, m: date(y, 12, 31), "全年任务按年底计"),
    (re.compile(r"长期"), lambda y, m: date(y, 12, 31), "长期任务按年底检查"),
    (re.compile(r"适时"), lambda y, m: date(y, 12, 31), "适时开展，按年底检查"),
]


def resolve(phrase: str, year: int) -> Deadline:
    """Resolve a phrase (or any text containing one) to a deadline in ``year``.

    The text may be a whole work item; the first deadline-like phrase found is used. With no
    phrase at all the deadline is the end of the year.
    """
    found = find(phrase, year)
    if found is not None:
        return found
    return Deadline("", date(year, 12, 31), RULE_NONE)


def find(text: str, year: int) -> Deadline | None:
    """The first deadline phrase in ``text`` (most specific form first), resolved in ``year``."""
    for pattern, resolver, rule in _PATTERNS:
        for m in pattern.finditer(text):
            try:
                when = resolver(year, m)
            except ValueError:  # e.g. 2月30日
                continue
            return Deadline(_clean(m.group(0)), when, rule)
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)
