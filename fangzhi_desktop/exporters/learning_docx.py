"""The 学时完成情况通报: a 公文 on a year's learning — counts, average hours, completion rate,
a table per 科室 and the list of those short of the requirement. ``build_learning_report``
makes the model (pure data, easy to test); ``write_docx`` renders it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.learning import LEADER_RANKS, LearningYear, format_hours
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.exporters.official_docx.model import Banji, Block, Gongwen, TableBlock


def report_title(year: int) -> str:
    return f"关于{year}年度干部学习学时完成情况的通报"


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _rank_order(rank: str) -> tuple[int, str]:
    return (LEADER_RANKS.index(rank) if rank in LEADER_RANKS else len(LEADER_RANKS), rank)


def _period(stats: LearningYear) -> str:
    """``2026年`` for a whole year, ``2026年1月1日至11月23日`` for part of one."""
    as_of = stats.as_of
    if as_of is None or as_of >= date(stats.year, 12, 31):
        return f"{stats.year}年"
    return f"{stats.year}年1月1日至{as_of.month}月{as_of.day}日"


# An internal 通报 (it names people): sent to the office's own sections, copied to no one.
INTERNAL_RECIPIENT = "各科室："


def build_learning_report(stats: LearningYear, profile: OfficeProfile, doc_no: str,
                          when: date, recipient: str = INTERNAL_RECIPIENT) -> Gongwen:
    """关于YYYY年度干部职工学习学时完成情况的通报."""
    policy = stats.policy
    short = stats.shortfall_list()
    types = stats.types()
    type_text = "、".join(f"{t.type_name}{t.activities}次" for t in types)
    requirement = f"一般干部职工{format_hours(policy.default_hours)}学时"
    leaders = sorted({hours for hours in policy.by_rank.values()
                      if hours != policy.default_hours}, reverse=True)
    for hours in leaders:
        ranks = "、".join(sorted((r for r, h in policy.by_rank.items() if h == hours),
                                key=_rank_order))
        requirement += f"，职级为{ranks}的干部{format_hours(hours)}学时"
    carry = (f"上年超出要求的学时可结转本年，最多{format_hours(policy.carry_cap)}学时"
             if policy.carry_cap else "超出部分不结转")
    blocks: list[Block | TableBlock] = [
        Block(f"为推动干部职工学习常态化、制度化，根据年度学习计划和学时要求（{requirement}；"
              f"{carry}），现将{_period(stats)}干部职工学习学时完成情况通报如下。"),
        Block("一、总体情况"),
        Block(f"{_period(stats)}，全办共组织开展各类学习活动{len(stats.activities)}次"
              + (f"（其中{type_text}）" if type_text else "")
              + f"，参加学习{stats.attendances}人次、{stats.participants}人。"
              f"全办干部职工{stats.headcount}人，人均学习{format_hours(stats.average_hours, 1)}学时；"
              f"已完成年度学时要求的{stats.completed}人，完成率{_percent(stats.completion_rate)}；"
              f"尚未完成的{len(short)}人。"),
    ]
    if types:
        blocks.append(TableBlock(
            columns=[("学习类型", 52), ("活动次数", 30), ("参加人次", 34), ("计入学时", 40)],
            rows=[[t.type_name, str(t.activities), str(t.attendances), format_hours(t.hours)]
                  for t in types]))
    blocks.append(Block("二、各科室完成情况"))
    departments = stats.departments()
    rows = [[d.department, str(d.people), str(d.attendances), format_hours(d.hours),
             format_hours(d.average, 1), str(d.completed), _percent(d.rate)]
            for d in departments]
    rows.append(["合计", str(stats.headcount), str(stats.attendances),
                 format_hours(stats.total_hours), format_hours(stats.average_hours, 1),
                 str(stats.completed), _percent(stats.completion_rate)])
    blocks.append(TableBlock(
        columns=[("科室", 40), ("人数", 14), ("参加人次", 22), ("学时合计", 22),
                 ("人均学时", 20), ("已完成", 16), ("完成率", 22)], rows=rows))
    blocks.append(Block("三、未完成学时要求人员"))
    if short:
        blocks.append(Block(f"截至{cn_date(stats.as_of or date(stats.year, 12, 31))}，以下"
                            f"{len(short)}名同志尚未完成年度学时要求（已计入上年结转学时）："))
        blocks.append(TableBlock(
            columns=[("序号", 14), ("姓名", 24), ("科室", 40), ("应完成", 26), ("已完成", 26),
                     ("差额", 26)],
            rows=[[str(n), p.person.name, p.department, format_hours(p.requirement),
                   format_hours(p.total), format_hours(p.shortfall)]
                  for n, p in enumerate(short, start=1)]))
    else:
        blocks.append(Block("全办干部职工均已完成年度学时要求。"))
    blocks += [
        Block("四、有关要求"),
        Block("（一）抓紧补足学时。尚未完成学时要求的同志要制定补学计划，通过参加集中学习、"
              "网络学习等方式，于年底前补足学时。"),
        Block("（二）严格学习管理。各科室要督促本科室人员按时参加集体学习，严格执行请销假制度，"
              "做到学习时间、内容、人员、效果“四落实”。"),
        Block("（三）强化结果运用。办公室将定期通报学时完成情况，完成情况作为年度考核和评先评优的"
              "重要参考。"),
    ]
    return Gongwen(title=report_title(stats.year), recipient=recipient, blocks=blocks,
                   issuer_mark=profile.head_text, doc_no=doc_no,
                   signature=profile.signature_name, date=when,
                   banji=Banji(printer=profile.printer_name, print_date=when))


def write_docx(model: Gongwen, path: str | Path) -> Path:
    """Render the report (python-docx is imported only here)."""
    from fangzhi_desktop.exporters.official_docx.render_gongwen import render_gongwen

    return render_gongwen(model, path)
