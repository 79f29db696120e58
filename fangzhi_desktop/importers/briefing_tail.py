"""The 报尾 of a briefing as fields: 信息公开选项, 报：/送：/发： (a list may wrap onto the next
line), the 印发 line (its 印发机关 perhaps on the line above) and （共印N份）."""

from __future__ import annotations

import re

from fangzhi_desktop.domain.briefings import ParsedBriefing, TailFields
from fangzhi_desktop.importers.briefing_lines import CN_DATE, Line, make_date, problem

TAIL_LINES = 16  # the 报尾 is among the last lines (before a web page's footer)

_TAIL_MARK = re.compile(
    r"^(?:(?:信息)?公开(?:选项|方式|属性|类型)|报送?|抄报|送|抄送|分送|发|下发"
    r"|责任编辑|编辑|审核|审稿|签发|校对|主编|核稿)[：:]")
_EDITORS = re.compile(r"^[（(]?(?:责任编辑|编辑|审核|审稿|签发|校对|主编|核稿)[：:]")
_PRINT_LINE = re.compile(rf"^(?P<printer>[^，。；：,;:《》“”]{{0,40}}?)(?P<date>{CN_DATE})印发$")
_COPIES = re.compile(r"^[（(]?共印(?P<n>\d{1,6})份[）)]?$")
_FIELDS = (("disclosure", re.compile(r"^(?:信息)?公开(?:选项|方式|属性|类型)[：:]")),
           ("bao", re.compile(r"^(?:报送?|抄报)[：:]")),
           ("song", re.compile(r"^(?:送|抄送|分送)[：:]")),
           ("fa", re.compile(r"^(?:发|下发)[：:]")))


def _is_tail_mark(line: Line) -> bool:
    return bool(_TAIL_MARK.match(line.flat) or _PRINT_LINE.match(line.flat)
                or _COPIES.match(line.flat) or _EDITORS.match(line.flat))


def find_tail(lines: list[Line], start: int) -> int:
    """Index of the first 报尾 line: among the last lines, a tail mark followed only by marks and
    lines that are not sentences (the 印发机关, a wrapped list, a web page's footer)."""
    for i in range(max(start, len(lines) - TAIL_LINES), len(lines)):
        if _is_tail_mark(lines[i]) and all(
                _is_tail_mark(line) or line.width <= 40 or "。" not in line.flat
                for line in lines[i + 1:]):
            return i
    return len(lines)


def read_tail(lines: list[Line], parsed: ParsedBriefing) -> TailFields:
    """报：/送：/发： lists (perhaps wrapped), the 印发 line (its 印发机关 perhaps on the line
    above), （共印N份） and 信息公开选项."""
    tail = TailFields()
    open_field: str | None = None  # a list not yet ended by 。 continues on the next line
    pending = ""
    for i, line in enumerate(lines):
        flat = line.flat
        key = next((name for name, pattern in _FIELDS if pattern.match(flat)), None)
        printed = _PRINT_LINE.match(flat)
        following = lines[i + 1].flat if i + 1 < len(lines) else ""
        next_is_bare_print = bool((m := _PRINT_LINE.match(following)) and not m["printer"])
        if key:
            value = re.split(r"[：:]", flat, maxsplit=1)[1]
            setattr(tail, key, value.rstrip("。"))
            open_field = key if key != "disclosure" and not value.endswith("。") else None
        elif printed:
            tail.print_date = make_date(printed["y"], printed["m"], printed["d"])
            if tail.print_date is None:
                problem(parsed, f"印发日期“{printed['date']}”不是有效的日期。", line.number)
            tail.printer = printed["printer"] or pending
            pending, open_field = "", None
        elif copies := _COPIES.match(flat):
            tail.copies = int(copies["n"])
            open_field = None
        elif open_field and not next_is_bare_print and not _EDITORS.match(flat):
            setattr(tail, open_field, getattr(tail, open_field) + flat.rstrip("。"))
            open_field = None if flat.endswith("。") else open_field
        else:
            pending, open_field = ("" if _EDITORS.match(flat) else flat), None
    return tail
