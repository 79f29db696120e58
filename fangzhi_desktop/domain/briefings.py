"""Briefings (简报 / 工作简讯 / 政工简讯): issues, their numbering, and articles.

An issue carries two numbers: the 期号, counted within its year (it restarts at 1 each year),
and the 总期号, which never restarts. Numbers belong to a series: the briefing's name, compared
without spaces, so 政工简讯 and 工作简讯 of one office count separately.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from fangzhi_desktop.errors import InputErrors, Problem

DISCLOSURE_DEFAULT = "主动公开"
DEFAULT_NAME = "工作简讯"  # a briefing's name when neither the file nor the office gives one


def series_key(name: str) -> str:
    """The key that tells whether two names are one briefing: NFKC, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def issue_label(issue: int, total: int | None, year: int | None = None) -> str:
    """``第2期（总第2期）``; with ``year``: ``2020年第2期（总第2期）``."""
    head = f"{year}年" if year else ""
    return f"{head}第{issue}期" + (f"（总第{total}期）" if total else "")


@dataclass
class BriefingDraftArticle:
    """One article of an issue: a title, its paragraphs, and where it came from."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    column: str = ""  # 栏目, printed as 【工作动态】 before the first article of a run
    attribution: str = ""  # （XX办公室） / 供稿：XX, printed after the article
    origin: str = ""  # what the article was made from, e.g. "learning:12"; free text

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "column": self.column or None,
            "paragraphs": list(self.paragraphs),
            "attribution": self.attribution or None,
        }


@dataclass
class TailFields:
    """报尾 (版记): 信息公开选项, 报/送/发, 印发机关 and date, copies printed."""

    printer: str = ""
    print_date: date | None = None
    bao: str = ""  # 报：up (higher levels)
    song: str = ""  # 送：across
    fa: str = ""  # 发：down
    copies: int | None = None
    disclosure: str = ""  # 主动公开 / 依申请公开 / 不予公开

    def as_json(self) -> dict[str, object]:
        return {
            "bao": self.bao or None,
            "song": self.song or None,
            "fa": self.fa or None,
            "printer": self.printer or None,
            "print_date": self.print_date.isoformat() if self.print_date else None,
            "copies": self.copies,
            "disclosure": self.disclosure or None,
        }


@dataclass
class BriefingDraft:
    """An issue ready to be saved: every number and date known."""

    name: str
    year: int
    issue: int
    total_issue: int | None
    date: date
    publisher: str = ""
    articles: list[BriefingDraftArticle] = field(default_factory=list)
    tail: TailFields | None = None
    confidential: str = ""  # 内部资料 / 内部刊物
    source: str = ""  # the imported file, if any

    @property
    def label(self) -> str:
        return issue_label(self.issue, self.total_issue)


@dataclass
class BriefingIssue(BriefingDraft):
    """A stored issue."""

    id: int = 0


@dataclass(frozen=True)
class IssueSummary:
    """One line of the list of issues."""

    id: int
    name: str
    year: int
    issue: int
    total_issue: int | None
    date: date
    article_count: int
    first_title: str

    @property
    def label(self) -> str:
        return issue_label(self.issue, self.total_issue)


@dataclass(frozen=True)
class IssueNumbers:
    """The 期号 and 总期号 of an issue."""

    issue: int
    total_issue: int | None

    @property
    def label(self) -> str:
        return issue_label(self.issue, self.total_issue)


def next_numbers(existing: Iterable[tuple[int, int, int | None]], year: int) -> IssueNumbers:
    """The numbers of the next issue of ``year`` in a series whose issues are ``existing``
    ``(year, issue, total_issue)``.

    期号: one more than the highest of that year, else 1. 总期号: one more than the highest ever
    printed; the first issue of a new series is 总第1期; a series that never printed a total
    gets none.
    """
    rows = list(existing)
    issue = max((n for y, n, _ in rows if y == year), default=0) + 1
    totals = [t for _, _, t in rows if t]
    if totals:
        total: int | None = max(totals) + 1
    else:
        total = None if rows else 1
    return IssueNumbers(issue, total)


# --- The parse of an existing issue, before it is saved --------------------------------------


@dataclass
class ParsedBriefing:
    """An issue as read from a file; numbers and dates may be missing."""

    name: str = ""
    year: int | None = None
    issue: int | None = None
    total_issue: int | None = None
    date: date | None = None
    publisher: str = ""
    confidential: str = ""
    articles: list[BriefingDraftArticle] = field(default_factory=list)
    article_lines: list[int] = field(default_factory=list)  # source line of each title
    tail: TailFields | None = None
    source: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def issue_year(self) -> int | None:
        """The year the 期号 counts in: the masthead's ``2020年第2期``, else the date's."""
        if self.year:
            return self.year
        when = self.date or (self.tail.print_date if self.tail else None)
        return when.year if when else None

    def to_draft(self, *, name: str = "", issue: int | None = None,
                 total_issue: int | None = None, when: date | None = None,
                 default_name: str = "") -> BriefingDraft:
        """The issue to save; ``name``/``issue``/``total_issue``/``when`` override what was
        read, ``default_name`` stands in for a missing name. ``InputErrors`` when the file has
        errors or a number or date is still unknown."""
        where = PurePath(self.source).name if self.source else "简报"
        if self.errors:
            raise InputErrors(f"{where}有 {len(self.errors)} 处错误，未导入。", self.errors)
        issue = issue or self.issue
        total = total_issue or self.total_issue
        when = when or self.date
        year = self.year if self.year and not (issue and issue != self.issue) else None
        missing = [label for label, value in (("期号", issue), ("日期", when)) if not value]
        if missing:
            raise InputErrors(f"{where}：没有找到{'和'.join(missing)}，未导入。请指定后再导入"
                              "（命令行用 --issue、--total、--date）。")
        assert issue is not None and when is not None
        return BriefingDraft(
            name=name or self.name or default_name or DEFAULT_NAME,
            year=year or when.year, issue=issue, total_issue=total, date=when,
            publisher=self.publisher, articles=list(self.articles), tail=self.tail,
            confidential=self.confidential, source=self.source)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name or None,
            "year": self.issue_year,
            "issue": self.issue,
            "total_issue": self.total_issue,
            "date": self.date.isoformat() if self.date else None,
            "publisher": self.publisher or None,
            "confidential": self.confidential or None,
            "articles": [
                {**article.as_json(), "line": line}
                for article, line in zip(self.articles, self.article_lines, strict=False)
            ],
            "tail": self.tail.as_json() if self.tail else None,
            "problems": [
                {"severity": p.severity, "line": p.line, "message": p.message}
                for p in self.problems
            ],
        }


# --- Articles made from learning activities ---------------------------------------------------

_HAS_VERB = re.compile(r"召开|举行|举办|开展|组织|参加|参观|观看|收看|邀请|赴|走进|前往")


def _clause(text: str) -> str:
    return text.strip().rstrip("。；;，,、 ")


def _event_noun(title: str) -> str:
    """What attendees 参加: 学习会 / 座谈会 / 会议 / 培训 / 讲座 / 活动 / 学习."""
    name = _clause(title)
    for suffix, noun in (("学习会", "学习会"), ("座谈会", "座谈会"), ("会议", "会议"),
                         ("会", "会议"), ("培训班", "培训"), ("培训", "培训"),
                         ("讲座", "讲座"), ("报告", "报告会"), ("活动", "活动"),
                         ("党日", "活动")):
        if name.endswith(suffix):
            return noun
    return "学习"


def _predicate(title: str) -> str:
    """``召开中心组学习会``: the title with a verb, so it reads as the sentence's predicate."""
    name = _clause(title)
    if _HAS_VERB.search(name):
        return name
    noun = _event_noun(name)
    if noun in ("学习会", "座谈会", "会议"):
        return f"召开{name}"
    if noun in ("培训", "讲座", "报告会"):
        return f"举办{name}"
    if noun == "学习":
        return f"组织{name}"
    return f"开展{name}"


def _studied_phrase(studied: Sequence[str]) -> str:
    """A，B，以及C — the documents and speeches studied, as seed 002 lists them."""
    items = [_clause(s) for s in studied if _clause(s)]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]}和{items[1]}"
    return "，".join(items[:-1]) + f"，以及{items[-1]}"


def article_from_activity(title: str, when: date, host: str, studied: list[str],
                          attendees: str, body: str = "") -> BriefingDraftArticle:
    """An article reporting a learning activity, in the words briefings use (seed 002)::

        5月21日，省地方志办党组召开中心组（扩大）学习会，传达学习……。党组书记、主任陈建春主持会议。
        （body paragraphs）
        办党组成员……副处级以上干部参加学习会。
    """
    noun = _event_noun(title)
    opening = f"{when.month}月{when.day}日，{_predicate(title)}"
    studied_text = _studied_phrase(studied)
    if studied_text:
        opening += f"，传达学习{studied_text}"
    opening += "。"
    host = _clause(host).removesuffix("主持会议").removesuffix("主持")
    if host:
        meeting = noun in ("学习会", "座谈会", "会议")
        opening += f"{host}主持{'会议' if meeting else ''}。"
    paragraphs = [opening]
    paragraphs += [line.strip() for line in body.splitlines() if line.strip()]
    attendees = _clause(attendees)
    if attendees.endswith("参加"):
        attendees += noun
    elif attendees and "参加" not in attendees:
        attendees += f"参加{noun}"
    if attendees:
        paragraphs.append(attendees + "。")
    return BriefingDraftArticle(title=_clause(title), paragraphs=paragraphs)
