"""Annual work points (年度工作要点): parsed plans, item records, status and grading rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from fangzhi_desktop.domain.deadlines import Deadline
from fangzhi_desktop.errors import Problem

DUE_SOON_DAYS = 14  # "yellow": due within this many days and not done

CN_ORDINALS = "一二三四五六七八九十"


class Status(StrEnum):
    """Where an item stands."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    CLOSED = "已销号"

    @property
    def finished(self) -> bool:
        return self in (Status.DONE, Status.CLOSED)


class Grade(StrEnum):
    """Green / yellow / red grading of an item on a given day."""

    GREEN = "正常"
    YELLOW = "临期"
    RED = "逾期"


class EntryKind(StrEnum):
    """Kinds of dated entries in an item's log (督办记录)."""

    PROGRESS = "进展"
    URGE = "催办"


def grade(status: Status, deadline: date, today: date) -> Grade:
    """Green when done or comfortably ahead; yellow within 14 days; red when overdue."""
    if status.finished:
        return Grade.GREEN
    if today > deadline:
        return Grade.RED
    if (deadline - today).days <= DUE_SOON_DAYS:
        return Grade.YELLOW
    return Grade.GREEN


def is_overdue(status: Status, deadline: date, today: date) -> bool:
    return not status.finished and today > deadline


def week_bounds(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week that holds ``today``."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def section_ordinal(index: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十."""
    if index <= 10:
        return CN_ORDINALS[index - 1]
    tens, ones = divmod(index, 10)
    head = "" if tens == 1 else CN_ORDINALS[tens - 1]
    return head + "十" + (CN_ORDINALS[ones - 1] if ones else "")


# --- The parse of a notice, before it is saved -------------------------------------------


@dataclass
class ParsedItem:
    """One numbered item as read from the notice."""

    no: int
    text: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    line: int | None = None
    subsection: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "no": self.no,
            "text": self.text,
            "lead": list(self.lead),
            "support": list(self.support),
            "deadline": self.deadline.as_json() if self.deadline else None,
            "subsection": self.subsection or None,
            "line": self.line,
        }


@dataclass
class ParsedSection:
    """A 一、… section and its items."""

    title: str
    ordinal: str = ""
    line: int | None = None
    items: list[ParsedItem] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "ordinal": self.ordinal,
            "items": [item.as_json() for item in self.items],
        }


@dataclass
class ParsedPlan:
    """The work points of one year as read from a notice, with any problems found."""

    year: int
    title: str = ""
    issuer: str = ""
    issued_on: date | None = None
    doc_no: str = ""
    preamble: str = ""
    source: str = ""
    sections: list[ParsedSection] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def items(self) -> list[ParsedItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def as_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "title": self.title,
            "issuer": self.issuer or None,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "doc_no": self.doc_no or None,
            "sections": [section.as_json() for section in self.sections],
            "item_count": len(self.items),
            "problems": [
                {"severity": p.severity, "line": p.line, "item": p.item, "message": p.message}
                for p in self.problems
            ],
        }


# --- Plans and items as stored and shown -------------------------------------------------


@dataclass(frozen=True)
class PlanInfo:
    """A year's work points as stored."""

    id: int
    year: int
    title: str
    issuer: str
    doc_no: str
    issued_on: date | None
    preamble: str
    source_file: str
    item_count: int


@dataclass(frozen=True)
class SectionInfo:
    """A 一、… section as stored."""

    id: int
    position: int
    ordinal: str
    title: str




@dataclass
class WorkItem:
    """One work item as stored, with what the ledger shows about it."""

    id: int
    plan_id: int
    year: int
    section_id: int
    section_title: str
    section_ordinal: str
    no: int
    position: int
    text: str
    lead: list[str]
    support: list[str]
    deadline_phrase: str
    deadline_rule: str
    deadline: date
    deadline_issued: date
    extensions: int
    status: Status
    status_date: date | None
    status_remark: str
    last_progress: str
    last_progress_date: date | None
    subsection: str = ""
    carried_from: int | None = None

    def grade(self, today: date) -> Grade:
        return grade(self.status, self.deadline, today)

    def overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.deadline, today)

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


@dataclass
class LogEntry:
    """A dated entry in an item's log: progress reported, or a follow-up (催办)."""

    id: int
    item_id: int
    entry_date: date
    kind: EntryKind
    text: str
    reporter: str


@dataclass
class Extension:
    """A deadline extension (延期): the issued deadline stays as the baseline."""

    id: int
    item_id: int
    old_deadline: date
    new_deadline: date
    reason: str
    decided_on: date
