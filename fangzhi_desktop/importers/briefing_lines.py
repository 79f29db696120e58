"""Lines of a briefing as its parsers see them: width, numbers and dates (Arabic or Chinese),
and a saved web page's furniture (navigation, counters, buttons) taken out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fangzhi_desktop.domain.briefings import ParsedBriefing
from fangzhi_desktop.errors import Problem
from fangzhi_desktop.importers.text_lines import compact
from fangzhi_desktop.importers.text_source import SourceLine

_CN_DIGIT = "〇一二三四五六七八九"
# 2020年5月22日, 二〇二〇年五月二十二日, 2020-05-22, 2020/5/22, 2020.5.22
CN_DATE = (rf"(?P<y>(?:19|20)\d\d|[{_CN_DIGIT}○零]{{4}})(?:年|[-/.])"
           rf"(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})(?:月|[-/.])"
           rf"(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日?")
TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?")  # 10:23 after a web page's date
DATE = re.compile(CN_DATE)
_ANY_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)(?:年|-|/|\.)(?P<m>\d{1,2})(?:月|-|/|\.)(?P<d>\d{1,2})日?")
_LABELLED_DATE = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{0,4}(?:时间|日期|于))[:：]?(?P<date>(?:19|20)\d\d(?:年|-|/|\.)"
    r"\d{1,2}(?:月|-|/|\.)\d{1,2}日?)")
_PREFERRED_LABEL = ("发布", "发表", "发稿", "成文", "印发", "刊发")
_IGNORED_LABEL = ("更新", "修改", "打印", "访问", "浏览", "截止", "点击")

# Web-page furniture: navigation, counters, buttons, footers. Only short lines are dropped.
# Words a sentence may also use (阅读量, 技术支持, 上一篇) count only with their colon or at the
# start of the line.
_CHROME = re.compile(
    r"浏览次数|【打印|\[打印|打印本页|打印此页|打印文章|打印该页|【关闭|\[关闭|关闭窗口|关闭本页"
    r"|当前位置|您的位置|您现在的位置|版权所有|ICP备|ICP证|网站标识码|公网安备|分享到[：:]|【字体"
    r"|【大中小】|返回顶部|扫一扫|收藏本页|设为首页|加入收藏"
    r"|(?:浏览|阅读|点击|访问)(?:量|数|次数|人次)[：:]|(?:上|下)一(?:篇|条)[：:]|技术支持[：:]"
    r"|所在位置[：:]|字体[：:]|字号[：:]|^(?:网站地图|联系我们|主办单位[：:]|承办单位[：:])"
    r"|(?:发布|更新|修改)(?:时间|日期)[：:]?|发布于|来源[：:].*(?:时间|日期|作者|浏览)"
    r"|^[\u4e00-\u9fff]{0,6}(?:时间|日期)[：:]\s*(?:19|20)\d\d[-/.]")  # 打印时间：2024-01-05
_BREADCRUMB = re.compile(r"首页.*[>＞»›]|[>＞»›].*首页")
_BUTTONS = re.compile(r"^[【】\[\]（）()|｜/、 打印关闭收藏分享返回顶部大中小字体号：:]+$")


@dataclass
class Line:
    """One source line: its number, its text with spaces collapsed, and without any space."""

    number: int
    text: str
    flat: str

    @property
    def width(self) -> float:
        return text_width(self.flat)


def text_width(text: str) -> float:
    """Width in 字: ASCII half a character."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def problem(parsed: ParsedBriefing, message: str, line: int | None = None,
            severity: str = "error") -> None:
    """Record a problem of the file being parsed."""
    parsed.problems.append(Problem(message, file=parsed.source or None, line=line,
                                   severity=severity))


def to_int(text: str) -> int:
    """``12``, ``１２``, ``十二``, ``二〇二〇`` → int."""
    text = text.translate(str.maketrans("０１２３４５６７８９○零", "0123456789〇〇"))
    if text.isdigit():
        return int(text)
    if all(ch in _CN_DIGIT for ch in text):
        return int("".join(str(_CN_DIGIT.index(ch)) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGIT:
            current = _CN_DIGIT.index(ch)
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def make_date(y: str, m: str, d: str) -> date | None:
    """The date, or None when there is no such day."""
    try:
        return date(to_int(y), to_int(m), to_int(d))
    except ValueError:
        return None


def _labelled_dates(flat: str) -> list[tuple[int, date]]:
    """Dates on a web page's furniture, ranked: 0 发布时间…, 1 a bare 日期/时间, 2 no label.
    Those of 更新时间/打印/浏览次数 lines never count."""
    found = []
    labelled = list(_LABELLED_DATE.finditer(flat))
    for m in labelled:
        label = m["label"]
        if any(word in label for word in _IGNORED_LABEL):
            continue
        d = _ANY_DATE.match(m["date"])
        when = make_date(d["y"], d["m"], d["d"]) if d else None
        if when:
            found.append((0 if any(w in label for w in _PREFERRED_LABEL) else 1, when))
    if not labelled and not any(word in flat for word in _IGNORED_LABEL):
        for d in _ANY_DATE.finditer(flat):
            if when := make_date(d["y"], d["m"], d["d"]):
                found.append((2, when))
    return found


def _is_chrome(line: Line) -> bool:
    if len(line.flat) > 80:
        return False
    return bool(_CHROME.search(line.flat) or _BREADCRUMB.search(line.flat)
                or _BUTTONS.match(line.flat))


def strip_web_furniture(raw: list[SourceLine]) -> tuple[list[Line], list[tuple[int, date]]]:
    """Lines without web-page furniture, and the labelled dates found on that furniture."""
    lines: list[Line] = []
    dates: list[tuple[int, date]] = []
    for source in raw:
        line = Line(source.number, source.text, compact(source.text))
        if _is_chrome(line):
            dates += _labelled_dates(line.flat)
            continue
        lines.append(line)
    return lines, dates
