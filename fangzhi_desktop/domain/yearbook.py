"""Yearbook compilation (年鉴编纂): volumes, the 篇目 tree with its figures, contributing units
(供稿单位) and manuscripts (来稿). Units' progress and the totals are in
``domain.yearbook_progress``, the stages in ``domain.yearbook_stages``, an outline as read in
``domain.yearbook_outline``.

The tree has three levels: 类目 → 分目 → 条目. A node's kind follows from where it is: the top
level is a 类目; below it a node with children is a 分目 and a node without children is a
条目 (特载 and 大事记 often have 条目 directly under the 类目); a 类目 without children is
written as a whole and counts as one 条目 too. Manuscripts are written per 条目 (leaf); a
条目 without its own unit is written by the unit of its nearest ancestor that has one (a 分目
given to 教育局 gives all its 条目 to 教育局). A node's word budget is its own, or the sum of
its children's when it has none.

Budget check of a received 条目: over when its words exceed the budget by more than the
tolerance (10% by default), under when they fall short by more than it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from fangzhi_desktop.domain.word_count import WordCount

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
    item.word_budget = node.word_budget if node.word_budget is not None else sum_known(
        k.word_budget for k in kids)
    item.photo_budget = node.photo_budget if node.photo_budget is not None else sum_known(
        k.photo_budget for k in kids)
    if item.word_budget and item.received == item.entries:
        item.budget_status = budget_status(item.words, item.word_budget, tolerance)
    elif item.word_budget:
        item.budget_status = BudgetStatus.WAITING


def sum_known(values: Iterable[int | None]) -> int | None:
    """The sum of the known values; None when none is known."""
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
