"""Deadlines of a campaign's ledger, whose nodes are "明确到周": week phrases to working days.

- ``第12周`` / ``第12周前`` / ``2027年第3周``: ISO week 12 of the campaign year (weeks run Monday to
  Sunday; week 1 is the one holding the year's first Thursday);
- ``3月第2周`` / ``3月最后一周``: the 2nd Monday–Sunday week that has days in March (week 1 is
  the one holding March 1, even when it begins in February);

each resolved to the last working day of that week on the calendar with 调休 (a week whose
Saturday is a make-up working day ends on that Saturday; the 国庆 week ends before the
holiday). Plain dates (``3月20日``, ``2026-03-20``) and the phrases of ``deadlines`` (``6月底前``,
``年底前``…) are understood too. A year whose holiday schedule is unknown raises
``ScheduleUnknown``: a deadline is never guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from fangzhi_desktop.domain import deadlines
from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.deadlines import Deadline, month_end
from fangzhi_desktop.errors import FangzhiError

WEEKDAYS = "一二三四五六日"
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
_YEAR = r"(?:(?P<year>(?:19|20)\d\d)\s*年\s*)?"
_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_BEFORE = r"(?P<before>之前|以前|前|内)?"

WEEK_IN_MONTH = re.compile(
    _YEAR + r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?\s*"
    r"(?:第\s*(?P<week>[1-6一二三四五六])|(?P<last>最后一|末))\s*周" + _BEFORE)
WEEK_IN_YEAR = re.compile(_YEAR + r"第\s*(?P<week>" + _NUMBER + r")\s*周" + _BEFORE)
DAY = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s*[年\-/.．]\s*)?(?P<month>1[0-2]|0?[1-9])\s*[月\-/.．]\s*"
    r"(?P<day>3[01]|[12]\d|0?[1-9])(?!\d)\s*[日号]?\s*" + _BEFORE)


def cn_number(text: str) -> int:
    """``12`` / ``十二`` / ``二十三`` → int; raises ``ValueError`` otherwise."""
    text = text.translate(_FULL)
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    if text in _CN:
        return _CN[text]
    raise ValueError(text)


def weeks_in_year(year: int) -> int:
    """52 or 53 ISO weeks."""
    return date(year, 12, 28).isocalendar().week


def week_of_year(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year``; ``FangzhiError`` when there is none."""
    last = weeks_in_year(year)
    if not 1 <= week <= last:
        raise FangzhiError(f"{year}年只有{last}周，没有第{week}周。")
    return date.fromisocalendar(year, week, 1)


def week_of_month(year: int, month: int, week: int | None) -> date:
    """The Monday of the ``week``-th Monday–Sunday week with days in the month (None: the
    last such week); ``FangzhiError`` when the month has no such week."""
    first = date(year, month, 1)
    first_monday = first - timedelta(days=first.weekday())
    end = month_end(year, month)
    if week is None:
        return end - timedelta(days=end.weekday())
    monday = first_monday + timedelta(weeks=week - 1)
    if week < 1 or monday > end:
        count = (end - first_monday).days // 7 + 1
        raise FangzhiError(f"{year}年{month}月只有{count}周，没有第{week}周。")
    return monday


def find_deadline(text: str, year: int, calendar: WorkingCalendar) -> Deadline | None:
    """The deadline ``text`` names, read in the campaign ``year``: a week phrase, a date or a
    phrase such as ``6月底前``; None when it names none.

    Raises ``FangzhiError`` for a week that does not exist (第60周) and ``ScheduleUnknown`` for
    a week in a year whose holiday schedule has not been entered.
    """
    flat = re.sub(r"\s+", "", text.translate(_FULL))
    if not flat:
        return None
    m = WEEK_IN_MONTH.search(flat)
    if m:
        y = int(m["year"]) if m["year"] else year
        month = cn_number(m["month"])
        week = None if m["last"] else cn_number(m["week"])
        label = f"{month}月最后一周" if week is None else f"{month}月第{week}周"
        return _week_deadline(m[0], week_of_month(y, month, week), label, y != year, y,
                              calendar)
    m = WEEK_IN_YEAR.search(flat)
    if m:
        y = int(m["year"]) if m["year"] else year
        week = cn_number(m["week"])
        return _week_deadline(m[0], week_of_year(y, week), f"第{week}周", y != year, y,
                              calendar)
    m = DAY.search(flat)
    if m and ("月" in m[0] or m["year"]):
        y = int(m["year"]) if m["year"] else year
        try:
            return Deadline(m[0], date(y, int(m["month"]), int(m["day"])), "写明日期")
        except ValueError:
            raise FangzhiError(f"“{m[0]}”不是有效的日期。") from None
    return deadlines.find(flat, year)


def _week_deadline(phrase: str, monday: date, label: str, show_year: bool, year: int,
                   calendar: WorkingCalendar) -> Deadline:
    sunday = monday + timedelta(days=6)
    last = calendar.last_workday_of_week(monday)
    head = f"{year}年{label}" if show_year else label
    span = f"{_md(monday)}—{_md(sunday)}"
    if not calendar.is_workday(last):
        why = "该周没有工作日，以星期日为限"
    else:
        why = f"最后一个工作日为{_md(last)}（星期{WEEKDAYS[last.weekday()]}"
        if last.weekday() >= 5:
            why += "，调休上班"
        elif last.weekday() < 4:
            why += f"，{calendar.describe(last + timedelta(days=1))}前"
        why += "）"
    return Deadline(phrase, last, f"{head}（{span}），{why}")


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"

