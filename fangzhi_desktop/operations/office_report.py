"""The 月度/季度工作情况 report: gather the four areas' figures for a period and write the 公文
(``fangzhi export report`` and 总览's 生成月度报告/生成季度报告 both run this)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.dashboard_stats import finished_by
from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.learning import format_hours, round_hours
from fangzhi_desktop.domain.office_report import (
    CampaignPart,
    LearningPart,
    Line,
    OfficeReport,
    Period,
    WorkpointsPart,
    YearbookPart,
)
from fangzhi_desktop.domain.workpoints import EntryKind
from fangzhi_desktop.progress import Progress, no_progress

ChartImage = tuple[str, bytes]  # caption, PNG


def _workpoints(conn: sqlite3.Connection, period: Period, as_of: date) -> WorkpointsPart | None:
    from fangzhi_desktop.storage import workpoints as store
    from fangzhi_desktop.storage.report_logs import workpoint_log_between

    years = store.plan_years(conn)
    if not years:
        return None
    year = period.year if period.year in years else max(
        (y for y in years if y <= period.year), default=years[-1])
    items = store.list_items(conn, year)
    by_id = {item.id: item for item in items}
    part = WorkpointsPart(year, len(items),
                          sum(finished_by(i.status, i.status_date, as_of) for i in items))
    for item in items:
        unit = "、".join(item.lead)
        if item.status.finished and period.contains(item.status_date):
            part.done_in_period.append(Line(f"第{item.no}项：{_first(item.text)}", unit,
                                            item.status_date))
        elif not finished_by(item.status, item.status_date, as_of) and item.deadline < as_of:
            part.overdue.append(Line(
                f"第{item.no}项：{_first(item.text)}（完成时限{cn_date(item.deadline)}，"
                f"已逾期{(as_of - item.deadline).days}天）", unit, item.deadline))
    for entry in workpoint_log_between(conn, period.start, period.end):
        item = by_id.get(entry.item_id)
        if item is None:
            continue
        if entry.kind is EntryKind.URGE:
            part.urges += 1
        else:
            part.progress.append(Line(f"第{item.no}项：{entry.text}",
                                      entry.reporter or "、".join(item.lead), entry.entry_date))
    return part


def _campaigns(conn: sqlite3.Connection, period: Period, as_of: date) -> list[CampaignPart]:
    from fangzhi_desktop.storage import campaigns as store
    from fangzhi_desktop.storage.report_logs import campaign_log_between

    progress: dict[int, int] = {}
    for entry in campaign_log_between(conn, period.start, period.end):
        if entry.kind is EntryKind.PROGRESS:
            progress[entry.item_id] = progress.get(entry.item_id, 0) + 1
    parts = []
    for campaign, where in store.campaigns_today(conn, as_of):
        tasks = store.list_tasks(conn, campaign.id)
        done = [t for t in tasks if t.status.finished and period.contains(t.status_date)]
        due = [t for t in tasks if period.contains(t.deadline)]
        if where.state in ("未开始", "已结束", "未设阶段") and not done and not due:
            continue
        late = [t for t in tasks if t.deadline is not None and t.deadline < as_of
                and not finished_by(t.status, t.status_date, as_of)]
        parts.append(CampaignPart(
            campaign.title, where.text(), len(tasks),
            sum(finished_by(t.status, t.status_date, as_of) for t in tasks), len(done), len(due),
            [Line(f"第{t.no}项：{_first(t.text)}（完成时限{cn_date(t.deadline)}，已逾期"
                  f"{(as_of - t.deadline).days}天）", t.unit, t.deadline)
             for t in late if t.deadline is not None],
            sum(progress.get(t.id, 0) for t in tasks)))
    return parts


def _yearbook(conn: sqlite3.Connection, period: Period, as_of: date) -> YearbookPart | None:
    from fangzhi_desktop.storage.yearbook import volume_years
    from fangzhi_desktop.storage.yearbook_view import load_view

    years = volume_years(conn)
    if not years:
        return None
    year = period.year if period.year in years else years[-1]
    view = load_view(conn, year, as_of)
    received = [node.manuscript.received_on for root in view.roots for node in root.walk()
                if node.manuscript is not None]
    return YearbookPart(view.volume.quoted, view.stage_today.text(),
                        sum(1 for d in received if d <= as_of), view.totals.entries,
                        sum(1 for d in received if period.contains(d)),
                        [u.name for u in view.late_units()], view.forecast.text())


def _learning(conn: sqlite3.Connection, period: Period, as_of: date) -> LearningPart | None:
    from fangzhi_desktop.storage.learning import load_year

    stats = load_year(conn, period.year, as_of)
    if not stats.people:
        return None
    part = LearningPart(period.year, stats.headcount, stats.completed, stats.total_hours,
                        stats.average_hours)
    hours = 0.0
    for row in stats.activities:
        activity = row.activity
        if not period.contains(activity.start):
            continue
        present = activity.present
        part.activities.append(Line(
            f"{activity.title}（{activity.type_name}，{activity.date_text()}，"
            f"实到{len(present)}人，每人{format_hours(activity.hours)}学时）",
            activity.host, activity.start))
        part.attendances_in_period += len(present)
        hours += sum(activity.person_hours(a) for a in present)
    part.hours_in_period = round_hours(hours)
    part.short = [f"{p.person.name}（差{format_hours(p.shortfall)}学时）"
                  for p in stats.shortfall_list()]
    return part


def collect_report(conn: sqlite3.Connection, period: Period, today: date) -> OfficeReport:
    """The report's figures for ``period`` as of its last day (or ``today`` while it runs)."""
    as_of = period.as_of(today)
    return OfficeReport(period, as_of, _workpoints(conn, period, as_of),
                        _campaigns(conn, period, as_of), _yearbook(conn, period, as_of),
                        _learning(conn, period, as_of))


def write_report(conn: sqlite3.Connection, period: Period, path: Path, today: date,
                 images: Sequence[ChartImage] = (), progress: Progress = no_progress) -> Path:
    """Gather the figures and write the 公文 (charts appended when ``images`` are given)."""
    from fangzhi_desktop.exporters import office_report_docx as docs
    from fangzhi_desktop.storage.office import load_profile

    progress(0.05, "正在汇总四个方面的工作情况……")
    report = collect_report(conn, period, today)
    model = docs.build_office_report(report, load_profile(conn), list(images))
    progress(0.5, "正在生成文档……")
    return docs.write_docx(model, path)


def _first(text: str, limit: int = 40) -> str:
    first = text.split("。")[0]
    return first if len(first) <= limit else first[:limit] + "……"
