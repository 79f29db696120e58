"""The work-point documents: the 通知 that issues them, the 督办通报, the landscape 台账 and the
year-end summary. Each ``build_*`` makes a document model (pure data, easy to test); each
``write_*`` renders it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.domain.workpoints import Grade, PlanInfo, Status, WorkItem
from fangzhi_desktop.exporters.official_docx.model import (
    Attachment,
    Banji,
    Block,
    Gongwen,
    LedgerDocument,
    TableBlock,
)


def annotation(item: WorkItem) -> str:
    """The unit annotation as notices print it: （A牵头，B、C配合） or （A、B）."""
    if item.lead and item.support:
        return f"（{'、'.join(item.lead)}牵头，{'、'.join(item.support)}配合）"
    units = item.lead or item.support
    return f"（{'、'.join(units)}）" if units else ""


def _sections(items: Sequence[WorkItem]) -> list[tuple[str, list[WorkItem]]]:
    out: list[tuple[str, list[WorkItem]]] = []
    for item in items:
        heading = (f"{item.section_ordinal}、{item.section_title}" if item.section_ordinal
                   else item.section_title)
        if not out or out[-1][0] != heading:
            out.append((heading, []))
        out[-1][1].append(item)
    return out


def _banji(profile: OfficeProfile, when: date) -> Banji:
    return Banji(printer=profile.printer_name, print_date=when, cc=profile.cc_list)


# --- 印发通知 ------------------------------------------------------------------------------


def build_notice(plan: PlanInfo, items: Sequence[WorkItem], profile: OfficeProfile,
                 doc_no: str, when: date) -> Gongwen:
    """关于印发《YYYY年工作要点》的通知, the work points as its attachment."""
    title = plan.title or f"{plan.year}年工作要点"
    blocks: list[Block | TableBlock] = []
    if plan.preamble:
        blocks.append(Block(plan.preamble))
    for heading, section_items in _sections(items):
        if heading:
            blocks.append(Block(heading))
        subsection = ""
        for item in section_items:
            if item.subsection and item.subsection != subsection:
                subsection = item.subsection
                blocks.append(Block(f"（{_cn_index(blocks, heading)}）{subsection}"))
            blocks.append(Block(f"{item.no}.{item.text}{annotation(item)}"))
    return Gongwen(
        title=f"关于印发《{title}》的通知",
        recipient=profile.default_recipient,
        blocks=[Block(f"现将《{title}》印发给你们，请结合实际认真贯彻落实，按时完成好年度各项工作。")],
        issuer_mark=profile.head_text,
        doc_no=doc_no,
        signature=profile.signature_name,
        date=when,
        attachments=[Attachment(title, blocks)],
        banji=_banji(profile, when),
    )


def _cn_index(blocks: list[Block | TableBlock], heading: str) -> str:
    """The next （一）（二）… number within the current section."""
    from fangzhi_desktop.domain.workpoints import section_ordinal

    count = 0
    for block in reversed(blocks):
        if isinstance(block, Block):
            if block.text == heading:
                break
            if block.text.startswith("（") and "）" in block.text[:5]:
                count += 1
    return section_ordinal(count + 1)


# --- 督办通报 ------------------------------------------------------------------------------


def build_report(plan: PlanInfo, items: Sequence[WorkItem], profile: OfficeProfile,
                 doc_no: str, as_of: date) -> Gongwen:
    """关于YYYY年工作要点落实情况的通报: counts by status and grade, the late items with
    their lead units, progress excerpts."""
    status = Counter(item.status for item in items)
    grades = Counter(item.grade(as_of) for item in items)
    finished = status[Status.DONE] + status[Status.CLOSED]
    late = [item for item in items if item.overdue(as_of)]
    soon = [item for item in items if item.grade(as_of) is Grade.YELLOW]
    total = len(items)
    rate = f"{finished * 100 / total:.1f}%" if total else "—"
    blocks: list[Block | TableBlock] = [
        Block(f"为推动{plan.year}年工作要点落地落实，现将截至{cn_date(as_of)}的落实情况通报如下。"),
        Block("一、总体情况"),
        Block(f"{plan.year}年工作要点共{total}项。已完成{status[Status.DONE]}项，已销号"
              f"{status[Status.CLOSED]}项，完成率{rate}；推进中{status[Status.IN_PROGRESS]}项，"
              f"未启动{status[Status.NOT_STARTED]}项。按时限预警：正常{grades[Grade.GREEN]}项，"
              f"临期{grades[Grade.YELLOW]}项，逾期{grades[Grade.RED]}项。"),
        TableBlock(
            columns=[("状态", 30), ("项数", 20), ("预警", 30), ("项数", 20)],
            rows=[["已完成", str(status[Status.DONE]), "正常", str(grades[Grade.GREEN])],
                  ["已销号", str(status[Status.CLOSED]), "临期（14天内到期）",
                   str(grades[Grade.YELLOW])],
                  ["推进中", str(status[Status.IN_PROGRESS]), "逾期", str(grades[Grade.RED])],
                  ["未启动", str(status[Status.NOT_STARTED]), "合计", str(total)]]),
        Block("二、逾期未完成事项"),
    ]
    if late:
        for n, item in enumerate(late, start=1):
            days = (as_of - item.deadline).days
            progress = (f"最新进展（{cn_date(item.last_progress_date)}）：{item.last_progress}"
                        if item.last_progress and item.last_progress_date else "尚未报送进展情况。")
            blocks.append(Block(
                f"（{n}）第{item.no}项：{_short(item.text)}牵头单位：{'、'.join(item.lead) or '未明确'}；"
                f"完成时限：{cn_date(item.deadline)}，已逾期{days}天。{progress}"))
    else:
        blocks.append(Block("截至通报日，无逾期未完成事项。"))
    blocks.append(Block("三、临期事项"))
    if soon:
        for n, item in enumerate(soon, start=1):
            blocks.append(Block(
                f"（{n}）第{item.no}项：{_short(item.text)}牵头单位：{'、'.join(item.lead) or '未明确'}；"
                f"完成时限：{cn_date(item.deadline)}。"))
    else:
        blocks.append(Block("14天内无到期事项。"))
    blocks += [
        Block("四、有关要求"),
        Block("各牵头单位要对照时限倒排工期，逾期事项须于通报印发后5个工作日内报送整改措施和"
              "完成时间；配合单位要主动对接、协同推进。办公室将持续跟踪督办，定期通报进展情况。"),
    ]
    title = f"关于{plan.year}年工作要点落实情况的通报"
    return Gongwen(title=title, recipient=profile.default_recipient, blocks=blocks,
                   issuer_mark=profile.head_text, doc_no=doc_no,
                   signature=profile.signature_name, date=as_of, banji=_banji(profile, as_of))


def _short(text: str, limit: int = 40) -> str:
    """The first sentence of an item (for lists), ending with 。."""
    first = text.split("。")[0]
    if len(first) > limit:
        first = first[:limit] + "……"
    return first + "。"


# --- 台账 and 总结 -------------------------------------------------------------------------

LEDGER_COLUMNS = [("序号", 12), ("工作任务", 88), ("牵头单位", 28), ("配合单位", 28),
                  ("完成时限", 26), ("进展情况", 52), ("状态", 18)]


def short_date(value: date, year: int) -> str:
    """``12月31日`` within the plan's year, the full date otherwise."""
    return f"{value.month}月{value.day}日" if value.year == year else cn_date(value)


def build_ledger(plan: PlanInfo, items: Sequence[WorkItem], as_of: date) -> LedgerDocument:
    rows = []
    for item in items:
        deadline = short_date(item.deadline, plan.year)
        if item.extensions:
            deadline += (f"\n（原定{short_date(item.deadline_issued, plan.year)}，"
                         f"延期{item.extensions}次）")
        progress = item.last_progress
        if progress and item.last_progress_date:
            progress = f"{short_date(item.last_progress_date, plan.year)}：{progress}"
        status = item.status.value
        if item.overdue(as_of):
            status += "\n（逾期）"
        rows.append([str(item.no), item.text, "、".join(item.lead), "、".join(item.support),
                     deadline, progress, status])
    return LedgerDocument(
        title=f"{plan.title or f'{plan.year}年工作要点'}落实情况台账",
        subtitle=f"统计日期：{cn_date(as_of)}",
        columns=LEDGER_COLUMNS, rows=rows)


def build_summary(plan: PlanInfo, items: Sequence[WorkItem], profile: OfficeProfile,
                  as_of: date) -> Gongwen:
    """Year-end 工作总结 table: every item and its result."""
    finished = sum(1 for item in items if item.status.finished)
    rows = []
    for item in items:
        result = item.status.value
        if item.status.finished and item.status_date:
            result += f"\n{short_date(item.status_date, plan.year)}"
        elif item.overdue(as_of):
            result += "\n（逾期）"
        detail = item.last_progress or item.status_remark or ""
        rows.append([str(item.no), _short(item.text, 30), "、".join(item.lead), result, detail])
    blocks: list[Block | TableBlock] = [
        Block(f"{plan.year}年工作要点共{len(items)}项，已完成（含已销号）{finished}项，"
              f"未完成{len(items) - finished}项。各项任务完成情况如下。"),
        TableBlock(columns=[("序号", 12), ("工作任务", 58), ("牵头单位", 24), ("完成情况", 22),
                            ("情况说明", 44)], rows=rows),
    ]
    return Gongwen(title=f"{plan.year}年工作要点完成情况总结", blocks=blocks,
                   signature=profile.signature_name, date=as_of)


# --- Writing -------------------------------------------------------------------------------


def write_docx(model: Gongwen | LedgerDocument, path: str | Path) -> Path:
    """Render a model built above (python-docx is imported only here)."""
    if isinstance(model, LedgerDocument):
        from fangzhi_desktop.exporters.official_docx.render_ledger import render_ledger

        return render_ledger(model, path)
    from fangzhi_desktop.exporters.official_docx.render_gongwen import render_gongwen

    return render_gongwen(model, path)
