"""Campaigns (专项活动): an implementation plan (实施方案) with phases and tasks, and the task
ledger (台账) followed up (督办) and closed off (销号) task by task."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from fangzhi_desktop.domain.date_ranges import DateRange
from fangzhi_desktop.domain.deadlines import month_end
from fangzhi_desktop.domain.workpoints import Grade, Status, grade, is_overdue
from fangzhi_desktop.errors import Problem


@dataclass
class ParsedTask:
    no: int
    text: str
    line: int | None = None

    def as_json(self) -> dict[str, object]:
        return {"no": self.no, "text": self.text}


@dataclass
class ParsedPhase:
    """A phase of the 时间安排: name, date range (None when the plan gives none) and tasks."""

    name: str
    span: DateRange | None
    tasks: list[ParsedTask] = field(default_factory=list)
    line: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "start": self.span.start.isoformat() if self.span else None,
            "end": self.span.end.isoformat() if self.span and self.span.end else None,
            "phrase": self.span.phrase if self.span else "",
            "tasks": [task.as_json() for task in self.tasks],
        }


@dataclass
class ParsedCampaign:
    """An implementation plan as read from its text, with problems found."""

    title: str
    issuer: str = ""
    purpose: str = ""
    contents: list[str] = field(default_factory=list)
    phases: list[ParsedPhase] = field(default_factory=list)
    source: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def phase_on(self, day: date) -> ParsedPhase | None:
        return next((p for p in self.phases if p.span and p.span.contains(day)), None)

    @property
    def year(self) -> int | None:
        """The campaign year: the year its first dated phase starts in."""
        return next((p.span.start.year for p in self.phases if p.span), None)

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "issuer": self.issuer or None,
            "purpose": self.purpose,
            "contents": self.contents,
            "phases": [phase.as_json() for phase in self.phases],
            "problems": [{"severity": p.severity, "line": p.line, "message": p.message}
                         for p in self.problems],
        }


# --- Campaigns as stored and shown ----------------------------------------------------------


def span_text(start: date | None, end: date | None) -> str:
    """A phase's span as plans print it: ``2021年1—3月``, ``2021年12月—2022年2月``,
    ``2022年1月以后``, ``2022年3月1日—15日``; empty when the phase has no dates."""
    if start is None:
        return ""
    if end is None:
        day = "" if start.day == 1 else f"{start.day}日"
        return f"{start.year}年{start.month}月{day}以后"
    if start.day == 1 and end == month_end(end.year, end.month):
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.year}年{start.month}月"
        if start.year == end.year:
            return f"{start.year}年{start.month}—{end.month}月"
        return f"{start.year}年{start.month}月—{end.year}年{end.month}月"
    head = f"{start.year}年{start.month}月{start.day}日"
    if start == end:
        return head
    if start.year != end.year:
        return f"{head}—{end.year}年{end.month}月{end.day}日"
    if start.month != end.month:
        return f"{head}—{end.month}月{end.day}日"
    return f"{head}—{end.day}日"


@dataclass(frozen=True)
class CampaignInfo:
    """A campaign (专项活动) as stored: its plan's title and text, and its year.

    ``year`` is the campaign year in which week phrases (第12周, 3月第2周) are read.
    """

    id: int
    title: str
    year: int
    issuer: str = ""
    purpose: str = ""
    contents: tuple[str, ...] = ()
    source_file: str = ""
    task_count: int = 0


@dataclass(frozen=True)
class Phase:
    """A phase of a campaign; ``end`` is None when it is open-ended (…以后)."""

    id: int
    campaign_id: int
    position: int
    name: str
    start: date | None
    end: date | None
    phrase: str = ""

    def contains(self, day: date) -> bool:
        return self.start is not None and self.start <= day and (
            self.end is None or day <= self.end)

    @property
    def label(self) -> str:
        """``宣传发动阶段（2021年1—3月）``."""
        span = span_text(self.start, self.end)
        return f"{self.name}（{span}）" if span else self.name


@dataclass(frozen=True)
class PhaseToday:
    """Where a campaign stands on a day: in a phase, before, between or after its phases."""

    phase: Phase | None
    state: str  # 进行中 / 未开始 / 阶段之间 / 已结束 / 未设阶段
    next_phase: Phase | None = None

    def text(self) -> str:
        if self.phase is not None:
            return self.phase.name
        if self.next_phase is not None and self.next_phase.start is not None:
            start = self.next_phase.start
            return (f"{self.state}（{self.next_phase.name}于{start.year}年{start.month}月"
                    f"{start.day}日开始）")
        return self.state


def phase_today(phases: Sequence[Phase], day: date) -> PhaseToday:
    """The phase holding ``day`` (the first in order when phases overlap), or why none does."""
    dated = [p for p in phases if p.start is not None]
    if not dated:
        return PhaseToday(None, "未设阶段")
    current = next((p for p in phases if p.contains(day)), None)
    if current is not None:
        return PhaseToday(current, "进行中")
    upcoming = sorted((p for p in dated if p.start and p.start > day),
                      key=lambda p: p.start or day)
    if upcoming:
        started = any(p.start and p.start <= day for p in dated)
        return PhaseToday(None, "阶段之间" if started else "未开始", upcoming[0])
    return PhaseToday(None, "已结束")


@dataclass
class CampaignTask:
    """A task of the ledger (台账) with what the ledger shows about it.

    ``deadline`` is None when the task has no time limit (an open-ended phase's task);
    ``deadline_issued`` is the baseline kept through extensions. A closed-off (已销号) task
    has its date in ``status_date`` and who confirmed it in ``closed_by``.
    """

    id: int
    campaign_id: int
    no: int
    position: int
    text: str
    group: str = ""  # 所属方案 / 任务类别
    phase_id: int | None = None
    phase_name: str = ""
    unit: str = ""
    unit_id: int | None = None
    person: str = ""
    deadline_phrase: str = ""
    deadline_rule: str = ""
    deadline: date | None = None
    deadline_issued: date | None = None
    extensions: int = 0
    extension_reasons: tuple[str, ...] = ()
    status: Status = Status.NOT_STARTED
    status_date: date | None = None
    status_remark: str = ""
    closed_by: str = ""
    last_progress: str = ""
    last_progress_date: date | None = None
    steps_total: int = 0
    steps_done: int = 0

    def grade(self, today: date) -> Grade:
        if self.deadline is None:
            return Grade.GREEN
        return grade(self.status, self.deadline, today)

    def overdue(self, today: date) -> bool:
        return self.deadline is not None and is_overdue(self.status, self.deadline, today)

    def days_left(self, today: date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days


@dataclass(frozen=True)
class TaskStep:
    """An implementation step (实施步骤) with its own node (节点) and done flag."""

    id: int
    task_id: int
    position: int
    text: str
    node_phrase: str = ""
    node_rule: str = ""
    deadline: date | None = None
    done: bool = False
    done_on: date | None = None


@dataclass(frozen=True)
class TaskUpdate:
    """What one row of a returned feedback sheet changes on a task: a new progress entry
    and/or completion on a date (→ 已完成)."""

    task_id: int
    task_no: int
    task_text: str
    reporter: str  # the responsible unit that filled the sheet
    source: str  # file name
    row: int  # Excel row
    matched_by: str  # 校验码 / 序号和内容
    status_before: Status
    status_after: Status
    progress: str = ""
    completed_on: date | None = None

    def describe(self) -> str:
        """``第3项“…”：新增进展“…”；状态：推进中→已完成（2026年11月20日）``."""
        text = self.task_text if len(self.task_text) <= 24 else self.task_text[:24] + "……"
        parts = []
        if self.progress:
            parts.append(f"新增进展“{self.progress}”")
        if self.status_after is not self.status_before:
            parts.append(f"状态：{self.status_before.value}→{self.status_after.value}")
        if self.completed_on is not None:
            day = self.completed_on
            parts.append(f"完成日期：{day.year}年{day.month}月{day.day}日")
        return f"第{self.task_no}项“{text}”：" + "；".join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "task_id": self.task_id, "no": self.task_no, "task": self.task_text,
            "unit": self.reporter, "file": self.source, "row": self.row,
            "matched_by": self.matched_by, "progress": self.progress or None,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "status_before": self.status_before.value, "status_after": self.status_after.value,
        }
