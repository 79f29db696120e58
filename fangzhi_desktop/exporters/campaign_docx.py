"""A campaign's Word documents: the 实施方案 as a 公文 and the landscape task ledger (台账).

``build_*`` make document models (pure data, easy to test); ``write_docx`` of the work points
renders them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, Phase, TaskStep
from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.workpoints import Status, section_ordinal
from fangzhi_desktop.exporters.official_docx.model import Block, Gongwen, LedgerDocument, TableBlock

LEDGER_COLUMNS = [("序号", 8), ("任务", 70), ("责任单位", 22), ("责任人", 17), ("实施步骤", 52),
                  ("完成时限", 26), ("进展情况", 44), ("状态", 28)]
LEDGER_NOTE = ("说明：完成时限按周的，以该周最后一个工作日（含调休上班日）为限；"
               "延期的任务注明原定时限、延期次数和原因。")


def _unit_note(task: CampaignTask) -> str:
    parts = []
    if task.unit:
        parts.append(f"责任单位：{task.unit}")
    if task.deadline_phrase:
        parts.append(f"完成时限：{task.deadline_phrase}")
    return f"（{'；'.join(parts)}）" if parts else ""


# --- 实施方案 ----------------------------------------------------------------------------------


def build_plan(campaign: CampaignInfo, phases: Sequence[Phase], tasks: Sequence[CampaignTask],
               signature: str, when: date) -> Gongwen:
    """The 实施方案: 一、活动宗旨; 二、活动内容; 三、时间安排 — each phase （一）名称（时间） with its
    numbered tasks — then the signature and date. Sections without text are left out."""
    blocks: list[Block | TableBlock] = []
    sections: list[tuple[str, list[Block | TableBlock]]] = []
    if campaign.purpose:
        sections.append(("活动宗旨", [Block(campaign.purpose)]))
    if campaign.contents:
        sections.append(("活动内容", [Block(f"（{section_ordinal(n)}）{text.rstrip('。')}")
                                  for n, text in enumerate(campaign.contents, start=1)]))
    schedule = _schedule(phases, tasks)
    if schedule:
        sections.append(("时间安排", schedule))
    for n, (heading, body) in enumerate(sections, start=1):
        blocks.append(Block(f"{section_ordinal(n)}、{heading}"))
        blocks += body
    if not blocks:
        blocks.append(Block("（本方案尚未填写内容。）"))
    return Gongwen(title=campaign.title, blocks=blocks, signature=campaign.issuer or signature,
                   date=when)


def _schedule(phases: Sequence[Phase], tasks: Sequence[CampaignTask]) -> list[Block | TableBlock]:
    blocks: list[Block | TableBlock] = []
    by_phase: dict[int | None, list[CampaignTask]] = {}
    for task in tasks:
        by_phase.setdefault(task.phase_id, []).append(task)
    groups: list[tuple[str, list[CampaignTask]]] = [
        (phase.label, by_phase.get(phase.id, [])) for phase in phases]
    if by_phase.get(None):
        groups.append(("其他任务" if phases else "工作任务", by_phase[None]))
    for n, (label, phase_tasks) in enumerate(groups, start=1):
        blocks.append(Block(f"（{section_ordinal(n)}）{label}"))
        for k, task in enumerate(phase_tasks, start=1):
            text = task.text.rstrip("。")
            blocks.append(Block(f"{k}.{text}{_unit_note(task)}。"))
    return blocks


# --- 台账 --------------------------------------------------------------------------------------


def short_date(value: date, year: int) -> str:
    """``3月20日`` within the campaign year, the full date otherwise."""
    return f"{value.month}月{value.day}日" if value.year == year else cn_date(value)


def deadline_cell(task: CampaignTask, year: int) -> str:
    """The phrase, the date it stands for and any extension with its reasons."""
    if task.deadline is None:
        return task.deadline_phrase or "不设时限"
    when = short_date(task.deadline, year)
    lines = [f"{task.deadline_phrase}\n（{when}）" if task.deadline_phrase and
             task.deadline_phrase != when else when]
    if task.extensions and task.deadline_issued:
        reasons = "；".join(task.extension_reasons)
        lines.append(f"原定{short_date(task.deadline_issued, year)}，延期{task.extensions}次"
                     + (f"：{reasons}" if reasons else ""))
    return "\n".join(lines)


def steps_cell(steps: Sequence[TaskStep], year: int) -> str:
    """``1.起草方案（第10周）（已完成）``, one step a line."""
    lines = []
    for n, step in enumerate(steps, start=1):
        node = step.node_phrase or (short_date(step.deadline, year) if step.deadline else "")
        mark = "（已完成）" if step.done else ""
        lines.append(f"{n}.{step.text}" + (f"（{node}）" if node else "") + mark)
    return "\n".join(lines)


def status_cell(task: CampaignTask, as_of: date, year: int) -> str:
    text = task.status.value
    if task.status is Status.CLOSED and task.status_date:
        text += f"\n{short_date(task.status_date, year)}\n{task.closed_by}确认"
    elif task.status is Status.DONE and task.status_date:
        text += f"\n{short_date(task.status_date, year)}"
    elif task.overdue(as_of) and task.deadline:
        text += f"\n（逾期{(as_of - task.deadline).days}天）"
    return text


def group_label(task: CampaignTask, phases: Mapping[int, Phase]) -> str:
    """The heading a task is listed under: its group (所属方案) or else its phase."""
    if task.group:
        return task.group
    phase = phases.get(task.phase_id) if task.phase_id is not None else None
    return phase.label if phase else ""


def ledger_title(title: str) -> str:
    """``…主题宣教活动实施方案`` → ``…主题宣教活动任务台账``."""
    return re.sub(r"(?:实施|工作)?方案$", "", title) + "任务台账"


def build_ledger(campaign: CampaignInfo, phases: Sequence[Phase],
                 tasks: Sequence[CampaignTask], steps: Mapping[int, Sequence[TaskStep]],
                 as_of: date) -> LedgerDocument:
    """The 台账: a heading row (一、…) per group or phase, then one row per task."""
    by_id = {phase.id: phase for phase in phases}
    rows: list[list[str]] = []
    heading = None
    headings = 0
    for task in tasks:
        label = group_label(task, by_id)
        if label and label != heading:
            headings += 1
            rows.append(["", f"{section_ordinal(headings)}、{label}", "", "", "", "", "", ""])
        heading = label
        progress = task.last_progress
        if progress and task.last_progress_date:
            progress = f"{short_date(task.last_progress_date, campaign.year)}：{progress}"
        rows.append([str(task.no), task.text, task.unit, task.person,
                     steps_cell(steps.get(task.id, ()), campaign.year),
                     deadline_cell(task, campaign.year), progress,
                     status_cell(task, as_of, campaign.year)])
    return LedgerDocument(title=ledger_title(campaign.title),
                          subtitle=f"统计日期：{cn_date(as_of)}", columns=LEDGER_COLUMNS,
                          rows=rows, note=LEDGER_NOTE)
