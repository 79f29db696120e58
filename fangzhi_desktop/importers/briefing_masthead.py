"""The masthead of a briefing: its name, ``第2期（总第2期）`` (with or without a year, with spaces
anywhere, in Arabic or Chinese numerals), the issuing body and the date."""

from __future__ import annotations

import re
from datetime import date

from fangzhi_desktop.domain.briefings import ParsedBriefing
from fangzhi_desktop.importers.briefing_lines import (
    DATE,
    TIME,
    Line,
    make_date,
    problem,
    to_int,
)

HEADER_SEARCH = 40  # the masthead is among the first lines (after a web page's navigation)

_NUM = r"[0-9０-９]{1,4}|[一二三四五六七八九十百零〇○]{1,6}"
_ISSUE = re.compile(
    rf"(?:(?P<year>(?:19|20)\d\d)年)?第(?P<issue>{_NUM})期"
    rf"(?:[（(]?总第?(?P<total>{_NUM})期[）)]?)?")
_NAME = re.compile(
    r"(?:简讯|简报|快报|快讯|动态|信息|通讯|专报|周报|月报|旬报|要情|参阅|通报|交流|工作)"
    r"(?:[（(](?:增刊|特刊|专刊)[）)])?$")
_NAME_TRAIL = re.compile(r"[（(·\-—]+$")  # 政工简讯（2020年第2期）: the name before the bracket
_STRONG_NAME = re.compile(r"(?:简讯|简报|快报|快讯|专报|周报|月报|旬报|要情|参阅)"
                          r"(?:[（(](?:增刊|特刊|专刊)[）)])?$")
_CONFIDENTIAL = re.compile(r"^(?:内部资料|内部刊物|内部交流|内部|秘密|机密|注意保存|内部资料[，,]?注意保存)"
                           r"(?:[，,]?注意保存)?$")
_PUBLISHER_LABEL = re.compile(r"^(?:编印|编发|主办|编辑|主编|编|印)(?:单位)?[：:]")
_PUBLISHER_SUFFIX = re.compile(r"(?<=[室会心办局处科馆社部厅委院所站组])(?:编印|编发|主办|编|印)$")
_ORG_END = re.compile(r"(?:办公室|研究室|委员会|中心|办|局|处|科|室|馆|社|部|厅|委|政府|院|所|站|组|支部|党组"
                      r"|编辑部|党委|总支)$")
_VERB = re.compile(r"召开|举行|举办|开展|组织|参加|完成|启动|印发|出台|荣获|获得|获|推进")


def _issue_match(line: Line) -> re.Match[str] | None:
    """``第2期（总第2期）`` on a masthead line (not inside a sentence)."""
    if len(line.flat) > 60 or "。" in line.flat:
        return None
    m = _ISSUE.search(line.flat)
    if m is None:
        return None
    before, after = line.flat[:m.start()], line.flat[m.end():]
    before = _NAME_TRAIL.sub("", before)
    if before and not _NAME.search(before):
        return None
    if after.strip("）)") and not DATE.search(after):
        return None
    return m


def _is_date_line(line: Line) -> bool:
    """A masthead date line: the date, perhaps after the issuing body, and nothing else."""
    m = DATE.search(line.flat)
    if m is None or TIME.sub("", line.flat[m.end():]).strip("）)"):
        return False
    before = line.flat[:m.start()]
    return len(before) <= 30 and not any(ch in before for ch in "，。；")


def _is_name(flat: str, pattern: re.Pattern[str] = _NAME) -> bool:
    return 2 <= len(flat) <= 30 and bool(pattern.search(flat)) and not any(
        ch in flat for ch in "，。；：:") and not _VERB.search(flat)


def read_masthead(lines: list[Line], parsed: ParsedBriefing) -> int:
    """Read the masthead; return the index of the first line after it."""
    found = next(((i, m) for i, line in enumerate(lines[:HEADER_SEARCH])
                  if (m := _issue_match(line))), None)
    if found is None:
        return _read_bare_head(lines, parsed)
    at, m = found
    parsed.issue = to_int(m["issue"])
    parsed.total_issue = to_int(m["total"]) if m["total"] else None
    parsed.year = int(m["year"]) if m["year"] else None
    before = _NAME_TRAIL.sub("", lines[at].flat[:m.start()])
    if before and _NAME.search(before):
        parsed.name = before
    for line in reversed(lines[max(0, at - 4):at]):
        if _CONFIDENTIAL.match(line.flat):
            parsed.confidential = line.flat
        elif not parsed.name and _is_name(line.flat):
            parsed.name = line.flat
    if not parsed.name:
        problem(parsed, "没有找到简报名称（如“××工作简讯”）。", lines[at].number, "warning")
    return _read_masthead_rest(lines, at, parsed)


def _read_masthead_rest(lines: list[Line], at: int, parsed: ParsedBriefing) -> int:
    """After the 期号: the issuing body and the date (and a web page's repeated masthead)."""
    after = lines[at].flat[_ISSUE.search(lines[at].flat).end():]  # type: ignore[union-attr]
    if DATE.search(after):
        _take_date(lines[at], parsed)
    end = at + 1
    for i in range(at + 1, min(len(lines), at + 8)):
        line = lines[i]
        again = _issue_match(line)
        if _is_date_line(line) and not again:
            _take_date(line, parsed)
        elif again:  # a web page shows its title, then the masthead itself
            _fill_numbers(again, parsed)
            _take_date(line, parsed)
        elif _is_name(line.flat):
            if parsed.name in line.flat:  # the fuller name: 政工简讯 → 某县志办政工简讯
                parsed.name = line.flat
        elif _CONFIDENTIAL.match(line.flat):
            parsed.confidential = line.flat
        elif _is_publisher(line, lines[i + 1] if i + 1 < len(lines) else None):
            parsed.publisher = parsed.publisher or _PUBLISHER_LABEL.sub("", line.flat)
        else:
            break
        end = i + 1
    return end


def _fill_numbers(m: re.Match[str], parsed: ParsedBriefing) -> None:
    """Numbers a second masthead line adds (the total, the year) to the first one's."""
    if parsed.total_issue is None and m["total"]:
        parsed.total_issue = to_int(m["total"])
    if parsed.year is None and m["year"]:
        parsed.year = int(m["year"])


def _is_publisher(line: Line, following: Line | None) -> bool:
    flat = _PUBLISHER_LABEL.sub("", line.flat)
    if not flat or len(flat) > 30 or any(ch in flat for ch in "，。；：:") or _VERB.search(flat):
        return False
    return _PUBLISHER_LABEL.match(line.flat) is not None or bool(_ORG_END.search(flat)) or (
        following is not None and _is_date_line(following))


def _take_date(line: Line, parsed: ParsedBriefing) -> None:
    """The masthead date on ``line``, and the issuing body written before it."""
    m = DATE.search(line.flat)
    if m is None:
        return
    when = make_date(m["y"], m["m"], m["d"])
    if when is None:
        problem(parsed, f"日期“{m[0]}”不是有效的日期。", line.number)
        return
    parsed.date = parsed.date or when
    before = _PUBLISHER_LABEL.sub("", line.flat[:m.start()]).strip("：: ")
    before = _PUBLISHER_SUFFIX.sub("", before)
    if before and not parsed.publisher and not _ISSUE.search(before):
        parsed.publisher = before


def _read_bare_head(lines: list[Line], parsed: ParsedBriefing) -> int:
    """No 期号: a name or date line may still open the text (or the articles start at once)."""
    i = 0
    while i < min(len(lines), 6):
        line = lines[i]
        if not parsed.name and _is_name(line.flat, _STRONG_NAME):
            parsed.name = line.flat
        elif _CONFIDENTIAL.match(line.flat):
            parsed.confidential = line.flat
        elif _is_date_line(line) and parsed.date is None:
            _take_date(line, parsed)
        elif parsed.name and _is_publisher(line, lines[i + 1] if i + 1 < len(lines) else None):
            parsed.publisher = _PUBLISHER_LABEL.sub("", line.flat)
        else:
            break
        i += 1
    problem(parsed, "没有找到期号（如“第2期（总第2期）”），保存前需要指定。",
             lines[0].number if lines else None, "warning")
    return i


def settle_date(parsed: ParsedBriefing, meta_dates: list[tuple[int, date]]) -> None:
    """The issue's date: the masthead's, else a web page's 发布时间, else the 印发 date."""
    if parsed.date is None and meta_dates:
        parsed.date = min(meta_dates, key=lambda ranked: ranked[0])[1]
    if parsed.date is None and parsed.tail and parsed.tail.print_date:
        parsed.date = parsed.tail.print_date
        problem(parsed, "报头没有日期，已按印发日期计。", severity="warning")
    if parsed.date is None:
        problem(parsed, "没有找到简报日期，保存前需要指定。", severity="warning")
    if parsed.year and parsed.date and parsed.year != parsed.date.year:
        problem(parsed, f"期号写的是{parsed.year}年，日期却是{parsed.date.year}年；"
                         f"期号按{parsed.year}年计。", severity="warning")
