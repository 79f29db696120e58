"""Reading the figures of 总览's charts from the database (the charts and the monthly report
both use them). Storage does the reading, ``domain.dashboard_stats`` the counting."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from fangzhi_desktop.domain import dashboard_stats as stats
from fangzhi_desktop.domain.campaigns import CampaignInfo
from fangzhi_desktop.domain.workpoints import Grade, Status


@dataclass(frozen=True)
class CampaignBurn:
    campaign: CampaignInfo
    points: list[stats.BurnPoint]


@dataclass
class ChartData:
    """Everything the charts show on ``today``; empty parts mean "nothing to show"."""

    today: date
    plan_year: int | None = None
    status_counts: Counter[tuple[Status, Grade]] = field(default_factory=Counter)
    by_section: list[stats.Completion] = field(default_factory=list)
    by_unit: list[stats.Completion] = field(default_factory=list)
    by_month: list[stats.MonthGrades] = field(default_factory=list)
    burns: list[CampaignBurn] = field(default_factory=list)
    volume_title: str = ""
    entries: int = 0
    receipts: list[stats.CountPoint] = field(default_factory=list)
    learning_year: int = 0
    departments: list[stats.DepartmentHours] = field(default_factory=list)


def load_workpoints(conn: sqlite3.Connection, data: ChartData) -> None:
    from fangzhi_desktop.storage import workpoints as store

    years = store.plan_years(conn)
    if not years:
        return
    year = max((y for y in years if y <= data.today.year), default=years[-1])
    items = store.list_items(conn, year)
    data.plan_year = year
    data.status_counts = Counter((item.status, item.grade(data.today)) for item in items)
    data.by_section = stats.completion_by_section(items)
    data.by_unit = stats.completion_by_unit(items)
    data.by_month = stats.grades_by_month(items, year, data.today)


def load_campaigns(conn: sqlite3.Connection, data: ChartData) -> None:
    from fangzhi_desktop.storage import campaigns as store

    for campaign, where in store.campaigns_today(conn, data.today):
        if where.state == "未开始":
            continue
        tasks = store.list_tasks(conn, campaign.id)
        phases = [p.start for p in store.list_phases(conn, campaign.id) if p.start]
        deadlines = [t.deadline for t in tasks if t.deadline]
        starts = phases or deadlines
        if not tasks or not starts:
            continue
        points = stats.burndown(tasks, min(starts), data.today)
        data.burns.append(CampaignBurn(campaign, points))


def load_yearbook(conn: sqlite3.Connection, data: ChartData) -> None:
    from fangzhi_desktop.storage.yearbook import volume_years
    from fangzhi_desktop.storage.yearbook_view import load_view

    years = volume_years(conn)
    if not years:
        return
    view = load_view(conn, years[-1], data.today)
    days = [node.manuscript.received_on for root in view.roots for node in root.walk()
            if getattr(node, "manuscript", None) is not None]
    data.volume_title = view.volume.quoted
    data.entries = view.totals.entries
    starts = [s.actual_start or s.planned_start for s in view.stages]
    start = min([d for d in starts if d is not None] + days, default=None)
    if days and start is not None:
        data.receipts = stats.cumulative_by_week(days, start, data.today)


def load_learning(conn: sqlite3.Connection, data: ChartData) -> None:
    from fangzhi_desktop.storage.learning import load_year

    year_stats = load_year(conn, data.today.year)
    data.learning_year = data.today.year
    data.departments = stats.hours_by_department(year_stats)


def load_chart_data(conn: sqlite3.Connection, today: date) -> ChartData:
    """All five areas' chart figures as of ``today``."""
    data = ChartData(today)
    for load in (load_workpoints, load_campaigns, load_yearbook, load_learning):
        load(conn, data)
    return data
