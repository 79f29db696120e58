"""Yearbook compilation (年鉴编纂): volumes, the 篇目 tree, contributing units (供稿单位),
manuscripts (来稿) and the statistics the office follows.

The tree has three levels: 类目 → 分目 → 条目. A node's kind follows from where it is: the top
level is a 类目; below it a node with children is a 分目 and a node without children is a
条目 (特载 and 大事记 often have 条目 directly under the 类目); a 类目 without children is
written as a whole and counts as one 条目 too. Manuscripts are written per 条目 (leaf); a 条目 without its own unit is written by the unit of its nearest ancestor that has
one (a 分目 given to 教育局 gives all its 条目 to 教育局). A node's word budget is its own, or
the sum of its children's when it has none.

Budget check of a received 条目: over when its words exceed the budget by more than the
tolerance (10% by default), under when they fall short by more than it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.word_count import WordCount
from fangzhi_desktop.domain.yearbook_stages import (
    Forecast,
    Stage,
    StageToday,
    forecast,
    stage_today,
)
from fangzhi_desktop.errors import Problem

MAX_DEPTH = 3
DEFAULT_TOLERANCE = 0.10


class NodeKind(StrEnum):
    CATEGORY = "类目"
    SECTION = "分目"
    ENTRY = "条目"


class ReviewLevel(StrEnum):
    FIRST = "初审"
    SECOND = "复审"
    FINAL = "终审"


class ReviewResult(StrEnum):
    PASSED = "通过"
    RETURNED = "退改"


class BudgetStatus(StrEnum):
    NONE = "未定额"
    WAITING = "未收稿"
    WITHIN = "符合"
    OVER = "超出"
    UNDER = "不足"


def budget_status(words: int | None, budget: int | None,
                  tolerance: float = DEFAULT_TOLERANCE) -> BudgetStatus:
    """Words against a budget with a ± tolerance."""
    if not budget:
        return BudgetStatus.NONE
    if words is None:
        return BudgetStatus.WAITING
    if words > budget * (1 + tolerance):
        return BudgetStatus.OVER
    if words < budget * (1 - tolerance):
        return BudgetStatus.UNDER
    return BudgetStatus.WITHIN


def deviation(words: int, budget: int | None) -> float | None:
    """``+0.25`` for 25% over budget; None without a budget."""
    return (words - budget) / budget if budget else None


def volume_title(county: str, year: int) -> str:
    """``某县年鉴（2026）`` (the 《》 are added where the title is quoted)."""
    return f"{county}年鉴（{year}）"


def county_of(office_name: str) -> str:
    """``某县地方志办公室`` → ``某县``; the name itself when no office suffix is found."""
    for suffix in ("党史和地方志研究中心", "党史地方志研究室", "地方志编纂委员会办公室",
                   "地方志编纂委员会", "地方志办公室", "史志研究室", "史志办公室", "地方志研究室", "史志办", "志办",
                   "地方志编纂中心"):
        if office_name.endswith(suffix) and len(office_name) > len(suffix):
            return office_name[: -len(suffix)]
    return office_name


# --- Records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volume:
    """A yearbook volume: 《某县年鉴（2026）》 records the year 2025 and must be published in 2026.

    ``deadline`` is the default 交稿时限 of every unit (a unit may have its own).
    """

    id: int
    year: int
    title: str
    deadline: date | None = None
    tolerance: float = DEFAULT_TOLERANCE
    copied_from: int | None = None  # the year of the volume it was copied from

    @property
    def recorded_year(self) -> int:
        return self.year - 1

    @property
    def quoted(self) -> str:
        return f"《{self.title}》"


@dataclass(frozen=True)
class VolumeUnit:
    """A 供稿单位 of a volume: contact, phone and deadline (None: the volume's)."""

    unit_id: int
    name: str
    contact: str = ""
    phone: str = ""
    deadline: date | None = None
    remarks: str = ""


@dataclass(slots=True)
class Node:
    """A 篇目 node as stored; ``unit`` is its own assignment (may be empty). (Not frozen, like
    ``Manuscript`` and ``TreeNode``: the tab builds thousands and frozen ones cost 7×.)"""

    id: int
    volume_id: int
    parent_id: int | None
    position: int
    title: str
    unit_id: int | None = None
    unit: str = ""
    word_budget: int | None = None
    photo_budget: int | None = None
    note: str = ""


@dataclass(slots=True)
class Manuscript:
    """The manuscript (来稿) of a 条目: the file received and its review."""

    id: int
    node_id: int
    unit_id: int | None
    file_name: str
    received_on: date
    words: int
    photos: int
    size: int = 0
    version: int = 1
    chinese_chars: int = 0
    chinese_punct: int = 0
    latin_words: int = 0
    digits_runs: int = 0
    sealed: bool = False
    sealed_on: date | None = None
    review_level: ReviewLevel | None = None
    review_result: ReviewResult | None = None
    returns: int = 0
    return_reasons: tuple[str, ...] = ()
    accepted: bool = False
    accepted_on: date | None = None

    @property
    def returned(self) -> bool:
        """退改 and not yet sent back."""
        return self.review_result is ReviewResult.RETURNED

    @property
    def review_text(self) -> str:
        """``初审通过``, ``复审退改``, ``已采用``, ``待审``."""
        if self.accepted:
            return "已采用"
        if self.review_level is None or self.review_result is None:
            return "待审"
        return f"{self.review_level.value}{self.review_result.value}"


@dataclass(frozen=True)
class Review:
    id: int
    manuscript_id: int
    level: ReviewLevel
    result: ReviewResult
    reason: str
    reviewed_on: date
    reviewer: str = ""
    version: int = 1


@dataclass(frozen=True)
class ReceivedFile:
    """A manuscript file as read: its bytes, its figures and the title it carries."""

    name: str
    content: bytes
    sha256: str
    count: WordCount
    photos: int = 0
    heading: str = ""  # the first line of its text

    @property
    def words(self) -> int:
        return self.count.total


# --- The tree with its figures ---------------------------------------------------------------


@dataclass(slots=True, eq=False)
class TreeNode:
    """A node with what the tree view shows: kind, effective unit, rolled-up figures."""

    node: Node
    depth: int
    kind: NodeKind
    unit_id: int | None  # effective (own or inherited)
    unit: str
    children: list[TreeNode] = field(default_factory=list)
    manuscript: Manuscript | None = None
    word_budget: int | None = None  # own, or the sum of the children's
    photo_budget: int | None = None
    entries: int = 0  # 条目 in the subtree (itself when it is one)
    received: int = 0
    accepted: int = 0
    words: int = 0
    photos: int = 0
    budget_status: BudgetStatus = BudgetStatus.NONE

    @property
    def id(self) -> int:
        return self.node.id

    @property
    def title(self) -> str:
        return self.node.title

    def walk(self) -> Iterator[TreeNode]:
        """The node and everything below it, in tree order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def node_kind(depth: int, has_children: bool) -> NodeKind:
    if depth == 1:
        return NodeKind.CATEGORY
    return NodeKind.SECTION if has_children and depth < MAX_DEPTH else NodeKind.ENTRY


def build_tree(nodes: Sequence[Node], manuscripts: Mapping[int, Manuscript],
               tolerance: float = DEFAULT_TOLERANCE) -> list[TreeNode]:
    """The roots of the tree in order, with kinds, effective units and figures rolled up.

    ``nodes`` may come in any order; siblings are ordered by position, then id.
    """
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    for group in children.values():
        group.sort(key=lambda n: (n.position, n.id))

    def make(node: Node, depth: int, unit_id: int | None, unit: str) -> TreeNode:
        if node.unit_id is not None:
            unit_id, unit = node.unit_id, node.unit
        kids = children.get(node.id)
        if not kids:
            return _leaf(node, depth, unit_id, unit, manuscripts.get(node.id), tolerance)
        item = TreeNode(node, depth, NodeKind.CATEGORY if depth == 1 else NodeKind.SECTION,
                        unit_id, unit)
        item.children = [make(kid, depth + 1, unit_id, unit) for kid in kids]
        _roll_up(item, tolerance)
        return item

    return [make(root, 1, None, "") for root in children.get(None, [])]


def _leaf(node: Node, depth: int, unit_id: int | None, unit: str,
          manuscript: Manuscript | None, tolerance: float) -> TreeNode:
    """A 条目 (or a 类目 written as a whole) with its manuscript's figures."""
    kind = NodeKind.CATEGORY if depth == 1 else NodeKind.ENTRY
    item = TreeNode(node, depth, kind, unit_id, unit, manuscript=manuscript, entries=1,
                    word_budget=node.word_budget, photo_budget=node.photo_budget)
    if manuscript is not None:
        item.received = 1
        item.accepted = int(manuscript.accepted)
        item.words = manuscript.words
        item.photos = manuscript.photos
    item.budget_status = budget_status(manuscript.words if manuscript else None,
                                       node.word_budget, tolerance)
    return item


def _roll_up(item: TreeNode, tolerance: float) -> None:
    node, kids = item.node, item.children
    for kid in kids:
        item.entries += kid.entries
        item.received += kid.received
        item.accepted += kid.accepted
        item.words += kid.words
        item.photos += kid.photos
    item.word_budget = node.word_budget if node.word_budget is not None else _sum(
        k.word_budget for k in kids)
    item.photo_budget = node.photo_budget if node.photo_budget is not None else _sum(
        k.photo_budget for k in kids)
    if item.word_budget and item.received == item.entries:
        item.budget_status = budget_status(item.words, item.word_budget, tolerance)
    elif item.word_budget:
        item.budget_status = BudgetStatus.WAITING


def _sum(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def entries_of(roots: Iterable[TreeNode]) -> list[TreeNode]:
    """Every 条目 (leaf) in tree order."""
    return [n for root in roots for n in root.walk() if not n.children]


def path_of(roots: Sequence[TreeNode]) -> dict[int, tuple[str, ...]]:
    """Each node's titles from its 类目 down to itself."""
    out: dict[int, tuple[str, ...]] = {}

    def visit(item: TreeNode, prefix: tuple[str, ...]) -> None:
        here = (*prefix, item.title)
        out[item.id] = here
        for child in item.children:
            visit(child, here)

    for root in roots:
        visit(root, ())
    return out


# --- Units and their progress ----------------------------------------------------------------


@dataclass
class UnitProgress:
    """A 供稿单位's share of a volume on a day."""

    unit: VolumeUnit
    deadline: date | None  # the unit's own or the volume's
    entries: list[TreeNode] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def assigned(self) -> int:
        return len(self.entries)

    @property
    def received(self) -> int:
        return sum(1 for e in self.entries if e.manuscript is not None)

    @property
    def accepted(self) -> int:
        return sum(1 for e in self.entries if e.manuscript is not None and e.manuscript.accepted)

    @property
    def returned(self) -> int:
        return sum(1 for e in self.entries if e.manuscript is not None and e.manuscript.returned)

    @property
    def missing(self) -> list[TreeNode]:
        return [e for e in self.entries if e.manuscript is None]

    @property
    def words(self) -> int:
        return sum(e.words for e in self.entries)

    @property
    def word_budget(self) -> int | None:
        return _sum(e.word_budget for e in self.entries)

    @property
    def photos(self) -> int:
        return sum(e.photos for e in self.entries)

    @property
    def photo_budget(self) -> int | None:
        return _sum(e.photo_budget for e in self.entries)

    def late(self, today: date) -> bool:
        """Its deadline has passed and some of its 条目 have not arrived."""
        return self.deadline is not None and today > self.deadline and bool(self.missing)

    def days_late(self, today: date) -> int:
        return (today - self.deadline).days if self.late(today) and self.deadline else 0

    def over_budget(self, tolerance: float) -> list[TreeNode]:
        return [e for e in self.entries if budget_status(
            e.manuscript.words if e.manuscript else None, e.word_budget, tolerance)
            is BudgetStatus.OVER]

    def under_budget(self, tolerance: float) -> list[TreeNode]:
        return [e for e in self.entries if budget_status(
            e.manuscript.words if e.manuscript else None, e.word_budget, tolerance)
            is BudgetStatus.UNDER]


def unit_progress(volume: Volume, units: Sequence[VolumeUnit],
                  roots: Sequence[TreeNode]) -> list[UnitProgress]:
    """Every unit of the volume (in the order given) with its 条目; units named by the tree
    but missing from ``units`` are added at the end."""
    by_id: dict[int, UnitProgress] = {
        u.unit_id: UnitProgress(u, u.deadline or volume.deadline) for u in units}
    for entry in entries_of(roots):
        if entry.unit_id is None:
            continue
        progress = by_id.get(entry.unit_id)
        if progress is None:
            unit = VolumeUnit(entry.unit_id, entry.unit)
            progress = by_id[entry.unit_id] = UnitProgress(unit, volume.deadline)
        progress.entries.append(entry)
    return list(by_id.values())


@dataclass(frozen=True)
class Totals:
    """The volume's figures."""

    categories: int
    sections: int
    entries: int
    unassigned: int  # 条目 without a unit
    units: int
    received: int
    accepted: int
    returned: int
    sealed: int
    words: int
    word_budget: int | None
    photos: int
    photo_budget: int | None
    late_units: int
    over_budget: int
    under_budget: int

    @property
    def missing(self) -> int:
        return self.entries - self.received

    def as_json(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in (
            "categories", "sections", "entries", "unassigned", "units", "received", "accepted",
            "returned", "sealed", "missing", "words", "word_budget", "photos", "photo_budget",
            "late_units", "over_budget", "under_budget")}


def totals(roots: Sequence[TreeNode], progress: Sequence[UnitProgress], today: date,
           tolerance: float = DEFAULT_TOLERANCE) -> Totals:
    all_nodes = [n for root in roots for n in root.walk()]
    entries = [n for n in all_nodes if not n.children]
    received = [e.manuscript for e in entries if e.manuscript is not None]
    statuses = [e.budget_status for e in entries]
    return Totals(
        categories=len(roots),
        sections=sum(1 for n in all_nodes if n.kind is NodeKind.SECTION),
        entries=len(entries),
        unassigned=sum(1 for e in entries if e.unit_id is None),
        units=sum(1 for p in progress if p.entries),
        received=len(received),
        accepted=sum(1 for m in received if m.accepted),
        returned=sum(1 for m in received if m.returned),
        sealed=sum(1 for m in received if m.sealed),
        words=sum(m.words for m in received),
        word_budget=_sum(r.word_budget for r in roots),
        photos=sum(m.photos for m in received),
        photo_budget=_sum(r.photo_budget for r in roots),
        late_units=sum(1 for p in progress if p.late(today)),
        over_budget=statuses.count(BudgetStatus.OVER),
        under_budget=statuses.count(BudgetStatus.UNDER),
    )


# --- The outline as parsed, before it is saved -----------------------------------------------


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


# --- Everything the tab shows ----------------------------------------------------------------


@dataclass
class VolumeView:
    """A volume on a day: stages and where they stand, the tree with its figures, every
    unit's progress and the totals."""

    volume: Volume
    stages: list[Stage]
    stage_today: StageToday
    forecast: Forecast
    roots: list[TreeNode]
    units: list[UnitProgress]
    totals: Totals
    today: date

    def late_units(self) -> list[UnitProgress]:
        """Units past their deadline with 条目 missing, the longest overdue first."""
        late = [u for u in self.units if u.late(self.today)]
        return sorted(late, key=lambda u: (-u.days_late(self.today), -len(u.missing)))

    def nodes(self) -> dict[int, TreeNode]:
        return {n.id: n for root in self.roots for n in root.walk()}


def volume_view(volume: Volume, stages: Sequence[Stage], nodes: Sequence[Node],
                manuscripts: Mapping[int, Manuscript], units: Sequence[VolumeUnit],
                today: date, calendar: WorkingCalendar | None = None) -> VolumeView:
    """Assemble the view from the rows read once (``calendar``: durations in working days)."""
    roots = build_tree(nodes, manuscripts, volume.tolerance)
    progress = unit_progress(volume, units, roots)
    return VolumeView(volume, list(stages), stage_today(stages, today),
                      forecast(stages, volume.year, today, calendar), roots, progress,
                      totals(roots, progress, today, volume.tolerance), today)
