"""A volume's progress: every 供稿单位's share (assigned, received, accepted, late, words
against budget), the volume's totals, and everything the tab shows assembled from the rows
read once (``VolumeView``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.yearbook import (
    DEFAULT_TOLERANCE,
    BudgetStatus,
    Manuscript,
    Node,
    NodeKind,
    TreeNode,
    Volume,
    VolumeUnit,
    budget_status,
    build_tree,
    entries_of,
    sum_known,
)
from fangzhi_desktop.domain.yearbook_stages import (
    Forecast,
    Stage,
    StageToday,
    forecast,
    stage_today,
)


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
        return sum_known(e.word_budget for e in self.entries)

    @property
    def photos(self) -> int:
        return sum(e.photos for e in self.entries)

    @property
    def photo_budget(self) -> int | None:
        return sum_known(e.photo_budget for e in self.entries)

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
        word_budget=sum_known(r.word_budget for r in roots),
        photos=sum(m.photos for m in received),
        photo_budget=sum_known(r.photo_budget for r in roots),
        late_units=sum(1 for p in progress if p.late(today)),
        over_budget=statuses.count(BudgetStatus.OVER),
        under_budget=statuses.count(BudgetStatus.UNDER),
    )


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
