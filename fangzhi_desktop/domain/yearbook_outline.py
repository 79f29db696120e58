"""A yearbook outline (篇目) as read from a file, before it is saved: a tree of titles with
the unit and budgets written beside them, and the problems found (errors block saving)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from fangzhi_desktop.errors import Problem


@dataclass
class OutlineNode:
    """A 篇目 node read from an outline file."""

    title: str
    unit: str = ""
    word_budget: int | None = None
    photo_budget: int | None = None
    line: int | None = None  # line (text/docx) or Excel row
    children: list[OutlineNode] = field(default_factory=list)

    def walk(self) -> Iterable[OutlineNode]:
        yield self
        for child in self.children:
            yield from child.walk()

    def as_json(self) -> dict[str, object]:
        return {"title": self.title, "unit": self.unit or None, "words": self.word_budget,
                "photos": self.photo_budget, "line": self.line,
                "children": [c.as_json() for c in self.children]}


@dataclass
class ParsedOutline:
    """An outline file read as a tree, with the problems found (errors block saving)."""

    roots: list[OutlineNode] = field(default_factory=list)
    source: str = ""
    how: str = ""  # 编号 / 缩进 / 表格列
    title: str = ""  # the document's title line (某县年鉴（2026）篇目), when it has one
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def counts(self) -> tuple[int, int, int]:
        """(类目, 分目, 条目) by the tree's shape."""
        sections = entries = 0
        for root in self.roots:
            for node in root.walk():
                if node is root:
                    if not node.children:
                        entries += 1
                    continue
                if node.children:
                    sections += 1
                else:
                    entries += 1
        return len(self.roots), sections, entries

    def volume_title(self, year: int) -> str:
        """``青山县年鉴（2026）`` when the title line names the volume of ``year``, else ''."""
        m = re.search(rf"([^\s《》“”]*年鉴)[（(]\s*{year}\s*[）)]", self.title)
        return f"{m[1]}（{year}）" if m else ""

    def units(self) -> list[str]:
        seen: list[str] = []
        for root in self.roots:
            for node in root.walk():
                if node.unit and node.unit not in seen:
                    seen.append(node.unit)
        return seen

    def as_json(self) -> dict[str, object]:
        categories, sections, entries = self.counts()
        return {
            "source": self.source, "how": self.how, "title": self.title,
            "counts": {"categories": categories, "sections": sections, "entries": entries,
                       "units": len(self.units())},
            "tree": [root.as_json() for root in self.roots],
            "problems": [{"severity": p.severity, "line": p.line, "row": p.row,
                          "column": p.column, "message": p.message} for p in self.problems],
        }


