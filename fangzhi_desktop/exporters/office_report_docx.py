"""The 月度/季度工作情况 report as a 公文: one part per area (一、年度工作要点 二、专项活动
三、年鉴编纂 四、干部学习), then 下一步工作; the dashboard's charts, when given, as its
attachment. ``build_office_report`` makes the model (pure data); ``write_docx`` renders it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.learning import format_hours
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.domain.office_report import (
    CampaignPart,
    LearningPart,
    Line,
    OfficeReport,
    WorkpointsPart,
    YearbookPart,
)
from fangzhi_desktop.exporters.official_docx.model import (
    Attachment,
    Block,
    BodyBlock,
    Gongwen,
    ImageBlock,
    TableBlock,
)

CN_NUMBERS = "一二三四五六七八九十"
LISTED = 10  # lines listed per kind before "等N项"
CHARTS_TITLE = "工作情况图表"


def _rate(done: int, total: int) -> str:
    return f"{done * 100 / total:.1f}%" if total else "—"


def _listed(lines: Sequence[Line], with_unit: bool = True) -> list[Block]:
    blocks = []
    for n, line in enumerate(lines[:LISTED], start=1):
        unit = f"（{line.unit}）" if with_unit and line.unit else ""
        blocks.append(Block(f"{n}.{line.text}{unit}"))
    return _more(blocks, lines)


def _more(blocks: list[Block], lines: Sequence[Line]) -> list[Block]:
    if len(lines) > LISTED:
        blocks.append(Block(f"另有{len(lines) - LISTED}项，详见工作台账。"))
    return blocks


def _workpoints(part: WorkpointsPart | None, report: OfficeReport) -> list[BodyBlock]:
    if part is None:
        return [Block("本期尚未导入年度工作要点。")]
    open_items = part.total - part.finished
    blocks: list[BodyBlock] = [Block(
        f"{part.year}年工作要点共{part.total}项，截至{cn_date(report.as_of)}已完成"
        f"{part.finished}项，完成率{_rate(part.finished, part.total)}，尚有{open_items}项"
        f"正在推进。本期完成{len(part.done_in_period)}项，报送进展{len(part.progress)}条，"
        f"催办{part.urges}次；逾期未完成{len(part.overdue)}项。")]
    if part.done_in_period:
        blocks.append(Block("（一）本期完成事项"))
        blocks += _listed(part.done_in_period)
    if part.progress:
        blocks.append(Block("（二）本期报送进展" if part.done_in_period else "（一）本期报送进展"))
        blocks += _more([Block(f"{n}.{ln.text}（{'，'.join(_who_when(ln))}）")
                         for n, ln in enumerate(part.progress[:LISTED], start=1)], part.progress)
    if part.overdue:
        label = CN_NUMBERS[int(bool(part.done_in_period)) + int(bool(part.progress))]
        blocks.append(Block(f"（{label}）逾期未完成事项"))
        blocks += _listed(part.overdue)
    return blocks


def _who_when(line: Line) -> list[str]:
    return [x for x in (line.unit, cn_date(line.when) if line.when else "") if x]


def _campaigns(parts: Sequence[CampaignPart]) -> list[BodyBlock]:
    if not parts:
        return [Block("本期没有正在开展的专项活动。")]
    blocks: list[BodyBlock] = [TableBlock(
        columns=[("专项活动", 62), ("当前阶段", 34), ("任务", 14), ("已完成", 16),
                 ("本期完成", 16), ("逾期", 14)],
        rows=[[p.title, p.phase, str(p.total), str(p.finished), str(p.done_in_period),
               str(len(p.overdue))] for p in parts])]
    for n, part in enumerate(parts):
        blocks.append(Block(f"（{CN_NUMBERS[n % 10]}）{part.title}"))
        blocks.append(Block(
            f"目前处于{part.phase}。共{part.total}项任务，已完成{part.finished}项，完成率"
            f"{_rate(part.finished, part.total)}；本期完成{part.done_in_period}项，本期到期"
            f"{part.due_in_period}项，报送进展{part.progress}条；逾期未完成{len(part.overdue)}项"
            + ("。" if not part.overdue else "，具体如下：")))
        blocks += _listed(part.overdue)
    return blocks


def _yearbook(part: YearbookPart | None) -> list[BodyBlock]:
    if part is None:
        return [Block("尚未建立年鉴卷。")]
    late = (f"尚有{len(part.late_units)}个单位逾期未交齐稿件：{'、'.join(part.late_units[:LISTED])}"
            + ("等" if len(part.late_units) > LISTED else "") + "。") if part.late_units \
        else "各供稿单位均在交稿时限内。"
    return [Block(
        f"{part.title}当前阶段：{part.stage}。应收稿件{part.entries}篇，已收{part.received}篇"
        f"（收稿率{_rate(part.received, part.entries)}），本期收稿{part.received_in_period}篇。"
        f"{late}{part.outlook}")]


def _learning(part: LearningPart | None) -> list[BodyBlock]:
    if part is None:
        return [Block("尚未导入干部花名册。")]
    blocks: list[BodyBlock] = [Block(
        f"本期组织学习活动{len(part.activities)}次，参加{part.attendances_in_period}人次，"
        f"计入学时{format_hours(part.hours_in_period)}学时。{part.year}年以来全办共"
        f"{part.headcount}人，累计{format_hours(part.total_hours)}学时，人均"
        f"{format_hours(part.average_hours)}学时；已完成年度学时要求{part.completed}人，"
        f"完成率{_rate(part.completed, part.headcount)}。")]
    blocks += _listed(part.activities, with_unit=False)
    if part.short:
        more = f"等{len(part.short)}人" if len(part.short) > LISTED else ""
        blocks.append(Block(f"尚未完成年度学时要求的有：{'、'.join(part.short[:LISTED])}{more}。"))
    return blocks


def _next_steps(report: OfficeReport) -> list[BodyBlock]:
    asks = []
    late = (len(report.workpoints.overdue) if report.workpoints else 0) + sum(
        len(p.overdue) for p in report.campaigns)
    if late:
        asks.append(f"对{late}项逾期事项逐项督办，明确整改时限，确保尽快完成")
    if report.yearbook and report.yearbook.late_units:
        asks.append("催交年鉴逾期稿件，加快编辑审稿进度")
    if report.learning and report.learning.short:
        asks.append("督促学时未达标的同志参加集中学习和网络培训")
    asks.append("继续按月跟踪各项工作进展，及时报送情况")
    return [Block("；".join(asks) + "。")]


def build_office_report(report: OfficeReport, profile: OfficeProfile,
                        charts: Sequence[tuple[str, bytes]] = ()) -> Gongwen:
    """The report (a 公文 without 文号), with the charts as its attachment when given."""
    label = report.period.label
    ongoing = report.as_of < report.period.end
    blocks: list[BodyBlock] = [Block(
        f"现将{label}{'以来' if ongoing else ''}全办工作情况报告如下（数据截至"
        f"{cn_date(report.as_of)}）。")]
    parts = (("年度工作要点落实情况", _workpoints(report.workpoints, report)),
             ("专项活动开展情况", _campaigns(report.campaigns)),
             ("年鉴编纂进展情况", _yearbook(report.yearbook)),
             ("干部学习情况", _learning(report.learning)),
             ("下一步工作", _next_steps(report)))
    for n, (heading, part_blocks) in enumerate(parts):
        blocks.append(Block(f"{CN_NUMBERS[n]}、{heading}"))
        blocks += part_blocks
    attachments = []
    if charts:
        images: list[BodyBlock] = []
        for n, (caption, png) in enumerate(charts, start=1):
            images.append(ImageBlock(png, f"图{n}　{caption}"))
        attachments.append(Attachment(CHARTS_TITLE, images))
    return Gongwen(title=report.title, blocks=blocks, recipient=profile.default_recipient,
                   signature=profile.signature_name, date=report.as_of, attachments=attachments)


def write_docx(model: Gongwen, path: str | Path) -> Path:
    """Render the model (python-docx is imported only here)."""
    from fangzhi_desktop.exporters.official_docx.render_gongwen import render_gongwen

    return render_gongwen(model, path)
