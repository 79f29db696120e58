"""Staff learning (干部学习): activity types and their 学时 rules, yearly requirements with
carry-over (结转), learning activities with attendance, and the statistics of a year.

Plain Python, no storage. The rules, as the office sets them:

- Every activity type has a rule saying how an activity's hours are computed: a fixed number per
  session (理论学习中心组学习: 3 a meeting), per half day (专题讲座: 4), per day (脱产培训: 6–8) or
  by course length (网络学习, 自学), and optionally a yearly cap for the type (自学: at most 20 a
  year). An activity's hours are computed from its rule when it is entered and may be overridden;
  a person may have their own hours (a 网络学习 record lists each person's course hours).
- A person on leave (请假) gets no hours. An attendance counts once (one 人次) in every year the
  activity overlaps; its hours are split between the years by the days falling in each.
- Each year has a requirement per 职级 (the default for every other rank), and a limit on the
  surplus carried into the next year (结转). Only hours earned in a year are carried, never hours
  carried in (no chains), and the requirement of the earlier year uses the person's current rank
  (the roster keeps no rank history).
- The office's settings of a year apply from that year on, until a later year has its own.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.errors import Problem

HOURS_DIGITS = 2  # hours are kept to the hundredth (a 45-minute course is 0.75)
NO_DEPARTMENT = "未分科室"


def round_hours(value: float) -> float:
    """Hours rounded to the hundredth, ``-0.0`` and float noise removed."""
    return round(value + 0.0, HOURS_DIGITS) + 0.0


def format_hours(value: float, digits: int = HOURS_DIGITS) -> str:
    """``3``, ``7.5``, ``0.75``: no trailing zeros, as documents print 学时."""
    text = f"{round(round_hours(value), digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# --- Rules -----------------------------------------------------------------------------------


class Basis(StrEnum):
    """How an activity's hours are computed."""

    PER_SESSION = "per_session"  # 按次
    PER_HALF_DAY = "per_half_day"  # 按半天
    PER_DAY = "per_day"  # 按天
    BY_LENGTH = "by_length"  # 按课程学时

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self][0]

    @property
    def unit(self) -> str:
        """What an activity's quantity counts: 次, 个半天, 天, 学时."""
        return _BASIS_LABELS[self][1]


_BASIS_LABELS = {
    Basis.PER_SESSION: ("按次", "次"),
    Basis.PER_HALF_DAY: ("按半天", "个半天"),
    Basis.PER_DAY: ("按天", "天"),
    Basis.BY_LENGTH: ("按课程学时", "学时"),
}


@dataclass(frozen=True)
class HourRule:
    """An activity type and how its hours are computed.

    ``hours`` is per session, half day or day; for ``BY_LENGTH`` it converts course hours
    (normally 1). ``yearly_cap`` limits what the type counts per person and year.
    """

    name: str
    basis: Basis
    hours: float
    yearly_cap: float | None = None
    note: str = ""
    id: int | None = None

    def default_units(self, start: date, end: date | None = None) -> float | None:
        """The quantity an activity has unless entered: 1 session; one half day for a single
        day and two per day otherwise; every calendar day; course hours must be entered."""
        days = days_between(start, end or start)
        if self.basis is Basis.PER_SESSION:
            return 1.0
        if self.basis is Basis.PER_HALF_DAY:
            return 1.0 if days == 1 else 2.0 * days
        if self.basis is Basis.PER_DAY:
            return float(days)
        return None

    def hours_for(self, units: float | None) -> float:
        """Hours of one attendance: quantity × hours per unit."""
        return round_hours((units or 0.0) * self.hours)

    def describe(self) -> str:
        """``每次3学时``, ``每半天4学时``, ``按课程学时计，每年最多计20学时``."""
        h = format_hours(self.hours)
        if self.basis is Basis.PER_SESSION:
            text = f"每次{h}学时"
        elif self.basis is Basis.PER_HALF_DAY:
            text = f"每半天{h}学时"
        elif self.basis is Basis.PER_DAY:
            text = f"每天{h}学时"
        elif self.hours == 1:
            text = "按课程学时计"
        else:
            text = f"每课程学时折合{h}学时"
        if self.yearly_cap is not None:
            text += f"，每年最多计{format_hours(self.yearly_cap)}学时"
        return text


# The types the office starts with (the migration stores the same rows; the office edits them).
DEFAULT_RULES: tuple[HourRule, ...] = (
    HourRule("理论学习中心组学习", Basis.PER_SESSION, 3.0, note="每次集中学习3学时"),
    HourRule("专题讲座", Basis.PER_HALF_DAY, 4.0, note="每半天4学时"),
    HourRule("脱产培训", Basis.PER_DAY, 8.0, note="每天6—8学时，默认8学时"),
    HourRule("网络学习", Basis.BY_LENGTH, 1.0, note="按课程学时计"),
    HourRule("主题党日", Basis.PER_SESSION, 2.0),
    HourRule("三会一课", Basis.PER_SESSION, 2.0),
    HourRule("自学", Basis.BY_LENGTH, 1.0, yearly_cap=20.0, note="按实际学时计，每年最多20学时"),
    HourRule("业务培训", Basis.PER_HALF_DAY, 4.0),
    HourRule("法治培训", Basis.PER_HALF_DAY, 4.0),
)
MAX_HOURS_PER_DAY = 24.0


def rule_problems(rule: HourRule) -> list[str]:
    """Why a rule cannot be saved (Chinese sentences), empty when it can."""
    problems = []
    if not rule.name.strip():
        problems.append("学习类型名称不能为空。")
    if not rule.hours > 0:
        problems.append(f"“{rule.name}”的学时标准应大于0。")
    elif rule.basis is not Basis.BY_LENGTH and rule.hours > MAX_HOURS_PER_DAY:
        problems.append(f"“{rule.name}”的学时标准{format_hours(rule.hours)}超过每天24学时。")
    if rule.yearly_cap is not None and rule.yearly_cap < 0:
        problems.append(f"“{rule.name}”的年度上限不能为负数。")
    return problems


def rules_by_name(rules: Iterable[HourRule]) -> dict[str, HourRule]:
    return {rule.name: rule for rule in rules}


# --- Yearly requirements ---------------------------------------------------------------------

DEFAULT_REQUIREMENT = 90.0
LEADER_REQUIREMENT = 110.0
LEADER_RANKS = ("正处", "副处", "正科", "副科")
DEFAULT_CARRY_CAP = 20.0


def normalise_rank(text: str) -> str:
    """A 职级 as the requirement table keys it: no spaces, full-width folded, a trailing 级
    dropped (正科级 = 正科; 一级主任科员 keeps its 级)."""
    key = "".join(unicodedata.normalize("NFKC", text).split())
    return key[:-1] if key.endswith("级") and len(key) > 2 else key


@dataclass
class YearPolicy:
    """The office's learning settings from ``from_year`` on (until a later year has its own).

    ``by_rank`` maps normalised 职级 to hours; every other rank needs ``default_hours``.
    ``carry_cap`` is the most surplus carried into the next year (0: no carry-over).
    """

    from_year: int = 0
    default_hours: float = DEFAULT_REQUIREMENT
    by_rank: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(LEADER_RANKS, LEADER_REQUIREMENT))
    carry_cap: float = DEFAULT_CARRY_CAP

    def requirement(self, rank: str) -> float:
        """The yearly hours a person of this 职级 must reach."""
        return self.by_rank.get(normalise_rank(rank), self.default_hours)

    def problems(self) -> list[str]:
        out = []
        if self.default_hours < 0 or any(h < 0 for h in self.by_rank.values()):
            out.append("年度学时要求不能为负数。")
        if self.carry_cap < 0:
            out.append("结转上限不能为负数。")
        if any(not rank for rank in self.by_rank):
            out.append("职级名称不能为空。")
        return out


def policy_for(policies: Iterable[YearPolicy], year: int) -> YearPolicy:
    """The settings in force in ``year``: the latest ``from_year`` not after it."""
    best: YearPolicy | None = None
    for policy in policies:
        if policy.from_year <= year and (best is None or policy.from_year > best.from_year):
            best = policy
    return best if best is not None else YearPolicy()


def carry_over(earned: float, requirement: float, cap: float) -> float:
    """Hours carried into the next year: the surplus over the requirement, at most ``cap``."""
    return round_hours(max(0.0, min(earned - requirement, cap)))


# --- Activities ------------------------------------------------------------------------------


def days_between(start: date, end: date) -> int:
    """Calendar days of ``start..end`` inclusive."""
    return (end - start).days + 1


def days_in_year(start: date, end: date, year: int) -> int:
    """How many days of ``start..end`` fall in ``year``."""
    first = max(start, date(year, 1, 1))
    last = min(end, date(year, 12, 31))
    return max(0, days_between(first, last))


@dataclass
class Attendance:
    """One person picked from the roster for an activity.

    ``hours`` is the person's own hours (a 网络学习 course length, half a training missed);
    ``None`` means the activity's. A person on leave gets no hours whatever is entered.
    """

    person_id: int
    leave: bool = False
    hours: float | None = None
    note: str = ""


@dataclass
class Activity:
    """A learning activity: what, when, who, and the hours it gives each attendee."""

    type_name: str
    start: date
    title: str
    end: date | None = None  # None: the same day
    host: str = ""
    studied: list[str] = field(default_factory=list)  # documents and speeches
    place: str = ""
    units: float | None = None  # sessions / half days / days / course hours
    hours: float = 0.0  # per attendee
    hours_manual: bool = False  # entered by hand instead of computed from the rule
    attendees: list[Attendance] = field(default_factory=list)
    note: str = ""
    source: str = ""  # the file it was imported from
    id: int | None = None

    @property
    def last_day(self) -> date:
        return self.end or self.start

    @property
    def days(self) -> int:
        return days_between(self.start, self.last_day)

    def years(self) -> list[int]:
        return list(range(self.start.year, self.last_day.year + 1))

    def share(self, year: int) -> float:
        """The part of the activity in ``year`` (by calendar days)."""
        return days_in_year(self.start, self.last_day, year) / self.days

    def person_hours(self, attendance: Attendance) -> float:
        """The whole activity's hours for one attendee (0 when on leave)."""
        if attendance.leave:
            return 0.0
        return self.hours if attendance.hours is None else attendance.hours

    @property
    def present(self) -> list[Attendance]:
        return [a for a in self.attendees if not a.leave]

    @property
    def on_leave(self) -> list[Attendance]:
        return [a for a in self.attendees if a.leave]

    def apply_rule(self, rule: HourRule) -> None:
        """Fill in the default quantity and, unless entered by hand, compute the hours."""
        if self.units is None:
            self.units = rule.default_units(self.start, self.end)
        if not self.hours_manual:
            self.hours = rule.hours_for(self.units)

    def date_text(self) -> str:
        """``2026年3月5日`` or ``2026年3月5日—7日`` / ``2025年12月29日—2026年1月2日``."""
        first = f"{self.start.year}年{self.start.month}月{self.start.day}日"
        end = self.last_day
        if end == self.start:
            return first
        if end.year != self.start.year:
            return f"{first}—{end.year}年{end.month}月{end.day}日"
        if end.month != self.start.month:
            return f"{first}—{end.month}月{end.day}日"
        return f"{first}—{end.day}日"


def activity_problems(activity: Activity, rule: HourRule | None) -> list[Problem]:
    """What prevents saving an activity (errors) and what looks odd (warnings)."""
    problems: list[Problem] = []

    def error(message: str) -> None:
        problems.append(Problem(message))

    def warning(message: str) -> None:
        problems.append(Problem(message, severity="warning"))

    if rule is None:
        error(f"没有“{activity.type_name or '（空）'}”这种学习类型，请选择学习类型。")
    if not activity.title.strip():
        error("请填写活动名称（主题）。")
    if activity.end is not None and activity.end < activity.start:
        error("结束日期早于开始日期。")
    if activity.units is not None and activity.units <= 0:
        error("数量（次数、半天数、天数或课程学时）应大于0。")
    if rule is not None and rule.basis is Basis.BY_LENGTH and activity.units is None \
            and not activity.hours_manual and all(a.hours is None for a in activity.attendees):
        error(f"{rule.name}按课程学时计，请填写课程学时。")
    if activity.hours < 0:
        error("学时不能为负数。")
    elif activity.end is None or activity.end >= activity.start:
        per_day = activity.hours / activity.days
        if per_day > MAX_HOURS_PER_DAY and (rule is None or rule.basis is not Basis.BY_LENGTH):
            error(f"学时{format_hours(activity.hours)}超过每天24学时，请核对。")
    seen: set[int] = set()
    for attendance in activity.attendees:
        if attendance.person_id in seen:
            error("同一人被选了两次。")
            break
        seen.add(attendance.person_id)
    if any(a.hours is not None and a.hours < 0 for a in activity.attendees):
        error("个人学时不能为负数。")
    if any(a.leave and a.hours for a in activity.attendees):
        warning("请假人员不计学时，为其填写的个人学时不会计入。")
    if not activity.attendees:
        warning("还没有选择参加人员。")
    return problems


# --- Statistics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Credit:
    """One attendance as it counts in one year: the hours falling in the year and what the
    type's yearly cap leaves of them."""

    activity_id: int | None
    person_id: int
    type_name: str
    start: date
    end: date
    title: str
    hours: float  # in this year, before the cap
    credited: float  # what counts toward the requirement
    leave: bool

    @property
    def capped(self) -> bool:
        return self.credited < self.hours


@dataclass
class PersonYear:
    """One person's year: credited hours by type, carry-over, and the shortfall.

    The figures are computed once, when the object is built (a year of 100,000 people asks
    for them millions of times, and ``cached_property`` costs a lock per first read): treat a
    ``PersonYear`` as read-only.
    """

    person: Person
    requirement: float
    by_type: dict[str, float]
    carried_in: float
    lines: list[Credit]
    previous_earned: float = 0.0
    earned: float = field(init=False, repr=False, compare=False)
    total: float = field(init=False, repr=False, compare=False)
    shortfall: float = field(init=False, repr=False, compare=False)
    complete: bool = field(init=False, repr=False, compare=False)
    attendances: int = field(init=False, repr=False, compare=False)
    """人次: activities attended (not on leave)."""
    leaves: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.earned = round_hours(sum(self.by_type.values()))
        self.total = round_hours(self.earned + self.carried_in)
        self.shortfall = round_hours(max(0.0, self.requirement - self.total))
        self.complete = self.shortfall == 0
        self.leaves = sum(1 for line in self.lines if line.leave)
        self.attendances = len(self.lines) - self.leaves

    @property
    def department(self) -> str:
        return self.person.department or NO_DEPARTMENT

    def carry_out(self, cap: float) -> float:
        return carry_over(self.earned, self.requirement, cap)


@dataclass(frozen=True)
class DepartmentYear:
    department: str
    people: int
    attendances: int  # 人次
    hours: float
    completed: int

    @property
    def average(self) -> float:
        return round_hours(self.hours / self.people) if self.people else 0.0

    @property
    def rate(self) -> float:
        """Completion rate, 0..1."""
        return self.completed / self.people if self.people else 0.0


@dataclass(frozen=True)
class TypeYear:
    type_name: str
    activities: int
    attendances: int  # 人次
    hours: float  # credited


@dataclass(frozen=True)
class ActivityYear:
    """An activity as a year's statistics show it."""

    activity: Activity
    invited: int  # 应到
    present: int  # 实到 (人次)
    leave: int


@dataclass
class LearningYear:
    """The statistics of one year over the whole roster (in roster order)."""

    year: int
    as_of: date | None
    type_names: list[str]
    people: list[PersonYear]
    activities: list[ActivityYear]
    policy: YearPolicy

    @property
    def headcount(self) -> int:
        return len(self.people)

    @property
    def attendances(self) -> int:
        """人次: every attendance (not on leave) of the year."""
        return sum(p.attendances for p in self.people)

    @property
    def participants(self) -> int:
        """人数: distinct people who attended at least once."""
        return sum(1 for p in self.people if p.attendances)

    @property
    def total_hours(self) -> float:
        return round_hours(sum(p.earned for p in self.people))

    @property
    def average_hours(self) -> float:
        """Average hours earned per person of the roster (carry-over not included)."""
        return round_hours(self.total_hours / self.headcount) if self.headcount else 0.0

    @property
    def completed(self) -> int:
        return sum(1 for p in self.people if p.complete)

    @property
    def completion_rate(self) -> float:
        return self.completed / self.headcount if self.headcount else 0.0

    def shortfall_list(self) -> list[PersonYear]:
        """Who is below the requirement (after carry-over), the largest shortfall first."""
        short = [p for p in self.people if not p.complete]
        order = {id(p): n for n, p in enumerate(self.people)}
        return sorted(short, key=lambda p: (-p.shortfall, order[id(p)]))

    def departments(self) -> list[DepartmentYear]:
        """Totals per 科室, in the order the roster first lists them."""
        groups: dict[str, list[PersonYear]] = {}
        for p in self.people:
            groups.setdefault(p.department, []).append(p)
        return [DepartmentYear(name, len(members), sum(p.attendances for p in members),
                               round_hours(sum(p.earned for p in members)),
                               sum(1 for p in members if p.complete))
                for name, members in groups.items()]

    def types(self) -> list[TypeYear]:
        """Activities, 人次 and credited hours per type (types with activities only)."""
        counts: dict[str, int] = defaultdict(int)
        for item in self.activities:
            counts[item.activity.type_name] += 1
        attendances: dict[str, int] = defaultdict(int)
        hours: dict[str, float] = defaultdict(float)
        for p in self.people:
            for line in p.lines:
                if not line.leave:
                    attendances[line.type_name] += 1
                hours[line.type_name] += line.credited
        return [TypeYear(name, counts[name], attendances[name], round_hours(hours[name]))
                for name in self.type_names if counts[name]]

    def person(self, person_id: int) -> PersonYear | None:
        """A person's card: every activity of the year with hours, carry-over, totals."""
        return next((p for p in self.people if p.person.id == person_id), None)


def _credits(activities: Sequence[Activity], year: int, rules: Mapping[str, HourRule],
             as_of: date | None) -> dict[int, list[Credit]]:
    """Per person, every attendance counting in ``year`` in date order, caps applied."""
    used: dict[tuple[int, str], float] = defaultdict(float)
    out: dict[int, list[Credit]] = defaultdict(list)
    ordered = sorted((a for a in activities if _counts_in(a, year, as_of)),
                     key=lambda a: (a.start, a.last_day, a.id or 0))
    for activity in ordered:
        share = activity.share(year)
        rule = rules.get(activity.type_name)
        cap = rule.yearly_cap if rule is not None else None
        for attendance in activity.attendees:
            hours = round_hours(activity.person_hours(attendance) * share)
            credited = hours
            if cap is not None:
                key = (attendance.person_id, activity.type_name)
                credited = round_hours(max(0.0, min(hours, cap - used[key])))
                used[key] += credited
            out[attendance.person_id].append(Credit(
                activity.id, attendance.person_id, activity.type_name, activity.start,
                activity.last_day, activity.title, hours, credited, attendance.leave))
    return out


def _counts_in(activity: Activity, year: int, as_of: date | None) -> bool:
    if days_in_year(activity.start, activity.last_day, year) == 0:
        return False
    return as_of is None or activity.start <= as_of


def compute_year(year: int, people: Sequence[Person], activities: Sequence[Activity],
                 rules: Sequence[HourRule], policies: Sequence[YearPolicy],
                 as_of: date | None = None) -> LearningYear:
    """The statistics of ``year`` for everyone in ``people``.

    ``activities`` must include those of the previous year (for the carry-over); ``as_of``
    leaves out activities starting later (a report 截至某日). People whose 参加工作时间 is after
    the year are left out; everyone else needs the whole requirement.
    """
    by_name = rules_by_name(rules)
    policy = policy_for(policies, year)
    previous_policy = policy_for(policies, year - 1)
    current = _credits(activities, year, by_name, as_of)
    previous = _credits(activities, year - 1, by_name, None)
    type_names = [rule.name for rule in rules]
    for lines in current.values():
        for line in lines:
            if line.type_name not in type_names:
                type_names.append(line.type_name)
    requirements: dict[str, tuple[float, float]] = {}  # 职级 → (this year's, carried in)
    rows = []
    for person in people:
        if person.work_start[:4].isdigit() and int(person.work_start[:4]) > year:
            continue  # began working after the year: not yet on the staff
        pid = person.id if person.id is not None else -1
        lines = current.get(pid, [])
        by_type: dict[str, float] = defaultdict(float)
        for line in lines:
            by_type[line.type_name] += line.credited
        earned_before = round_hours(sum(line.credited for line in previous.get(pid, [])))
        if person.rank not in requirements:  # the same few 职级 over the whole roster
            requirements[person.rank] = (policy.requirement(person.rank),
                                         previous_policy.requirement(person.rank))
        required, required_before = requirements[person.rank]
        carried = carry_over(earned_before, required_before, previous_policy.carry_cap)
        rows.append(PersonYear(person, required,
                               {k: round_hours(v) for k, v in by_type.items()}, carried, lines,
                               earned_before))
    in_year = sorted((a for a in activities if _counts_in(a, year, as_of)),
                     key=lambda a: (a.start, a.last_day, a.id or 0))
    summaries = [ActivityYear(a, len(a.attendees), len(a.present), len(a.on_leave))
                 for a in in_year]
    return LearningYear(year, as_of, type_names, rows, summaries, policy)


def progress_target(requirement: float, year: int, as_of: date) -> float:
    """The hours a person should have by ``as_of`` at an even pace (按进度应完成)."""
    if as_of.year < year:
        return 0.0
    if as_of.year > year:
        return requirement
    elapsed = days_between(date(year, 1, 1), as_of) / days_between(date(year, 1, 1),
                                                                    date(year, 12, 31))
    return round_hours(requirement * elapsed)
