"""Campaigns (专项活动): an implementation plan (实施方案) with phases and tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fangzhi_desktop.domain.date_ranges import DateRange
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
