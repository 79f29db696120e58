"""How campaigns read on screen: the phase today, deadlines, groups, tooltips (no widgets).

Shared by the ledger (台账), the wall chart (作战图), the header strip and the dashboard.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from fangzhi_desktop.domain.campaigns import CampaignTask, Phase, PhaseToday, TaskStep
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.ui.formatting import cn_date, iso

NO_GROUP = "未分组任务"


def md(day: date) -> str:
    """``4月1日``."""
    return f"{day.month}月{day.day}日"


def short_date(day: date, year: int) -> str:
    """``3月20日`` within ``year``, ``2027年1月7日`` otherwise."""
    return md(day) if day.year == year else cn_date(day)


def phase_span(phase: Phase, today: date) -> str:
    """``4月1日—10月31日`` (years shown when they differ from today's); ``…起，长期``."""
    if phase.start is None:
        return "未设时间"
    start = phase.start
    if phase.end is None:
        return f"{cn_date(start)}起，长期"
    same_year = start.year == phase.end.year == today.year
    first = md(start) if same_year else cn_date(start)
    last = md(phase.end) if same_year or phase.end.year == start.year else cn_date(phase.end)
    return f"{first}—{last}"


def phase_today_text(where: PhaseToday, today: date) -> str:
    """``今天处于：学习研讨阶段（4月1日—10月31日），还剩N天`` and the like."""
    phase = where.phase
    if phase is not None:
        head = f"今天处于：{phase.name}（{phase_span(phase, today)}）"
        if phase.end is None:
            return head
        left = (phase.end - today).days
        return head + ("，本阶段今天结束" if left == 0 else f"，还剩{left}天")
    if where.state == "已结束":
        return "今天：各阶段均已结束"
    if where.state == "未设阶段":
        return "今天：本活动未设阶段（可在实施方案中补充时间安排）"
    return "今天：" + where.text()


def phase_state(phase: Phase, today: date) -> str:
    """past / today / future / undated (for colouring a phase)."""
    if phase.start is None:
        return "undated"
    if phase.contains(today):
        return "today"
    return "future" if phase.start > today else "past"


def deadline_text(task: CampaignTask, year: int) -> str:
    """``第44周（10月30日）``, ``3月20日``, ``不设时限``; ``（已延期1次）`` when extended."""
    if task.deadline is None:
        return task.deadline_phrase or "不设时限（长期）"
    when = short_date(task.deadline, year)
    phrase = task.deadline_phrase
    text = f"{phrase}（{when}）" if phrase and phrase != when else when
    return text + (f"（已延期{task.extensions}次）" if task.extensions else "")


def deadline_tooltip(task: CampaignTask) -> str:
    lines = [f"完成时限：{cn_date(task.deadline) if task.deadline else '不设时限'}"]
    if task.deadline_phrase:
        lines.append(f"原文：“{task.deadline_phrase}”")
    if task.deadline_rule:
        lines.append(f"计算规则：{task.deadline_rule}")
    if task.extensions:
        lines.append(f"原定时限：{cn_date(task.deadline_issued)}，已延期{task.extensions}次")
        lines += [f"延期原因：{reason}" for reason in task.extension_reasons]
    return "\n".join(lines)


def steps_text(task: CampaignTask) -> str:
    """``1/2 完成``; empty without steps."""
    if not task.steps_total:
        return ""
    return f"{task.steps_done}/{task.steps_total} 完成"


def status_text(task: CampaignTask) -> str:
    if task.status is Status.CLOSED and task.status_date:
        return f"已销号（{iso(task.status_date)}，{task.closed_by}确认）"
    if task.status_date and task.status is not Status.NOT_STARTED:
        return f"{task.status.value}（{iso(task.status_date)}）"
    return task.status.value


def grade_text(task: CampaignTask, today: date) -> str:
    """``逾期17天``, ``还有4天到期``, ``今天到期``, ``已销号``, ``不设时限``."""
    if task.status.finished:
        return task.status.value
    days = task.days_left(today)
    if days is None:
        return "不设时限"
    if days < 0:
        return f"已逾期{-days}天"
    return "今天到期" if days == 0 else f"还有{days}天到期"


def progress_text(task: CampaignTask) -> str:
    if not task.last_progress:
        return ""
    when = iso(task.last_progress_date)
    return f"{when} {task.last_progress}" if when else task.last_progress


def group_tasks(tasks: Sequence[CampaignTask],
                phases: Sequence[Phase]) -> list[tuple[str, list[CampaignTask]]]:
    """Tasks under their plan (所属方案) or else their phase, groups in order of first task."""
    from fangzhi_desktop.exporters.campaign_docx import group_label  # not at start-up

    by_id: Mapping[int, Phase] = {p.id: p for p in phases}
    groups: dict[str, list[CampaignTask]] = {}
    for task in tasks:
        groups.setdefault(group_label(task, by_id) or NO_GROUP, []).append(task)
    return list(groups.items())


def task_tooltip(task: CampaignTask, today: date, steps: Sequence[TaskStep] = ()) -> str:
    """Everything about a task in a few lines (the 作战图's bars)."""
    lines = [f"第{task.no}项：{task.text}"]
    who = "，".join(x for x in (task.unit, task.person) if x)
    if who:
        lines.append(f"责任：{who}")
    lines.append(deadline_tooltip(task))
    lines.append(f"状态：{status_text(task)}；{grade_text(task, today)}")
    for n, step in enumerate(steps, start=1):
        node = f"（{iso(step.deadline)}）" if step.deadline else ""
        mark = "✔" if step.done else "○"
        lines.append(f"{mark} 步骤{n}：{step.text}{node}")
    if task.last_progress:
        lines.append(f"最近进展：{progress_text(task)}")
    return "\n".join(lines)
