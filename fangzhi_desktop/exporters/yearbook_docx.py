"""A volume's 公文: the 组稿通知 (with the units and their 条目 as its attachment) and the
供稿情况通报 (counts, a table per 类目, the late units, the 条目 over or under budget).

Titles break after the volume's name (``关于《某县年鉴（2026）》`` / ``供稿情况的通报``) so a
line never ends inside a word, as GB/T 9704 asks of a title of two lines.

``build_*`` make document models (pure data, easy to test); ``write_docx`` of the work points
renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.domain.workpoints import section_ordinal
from fangzhi_desktop.domain.yearbook import BudgetStatus, TreeNode, deviation, entries_of, path_of
from fangzhi_desktop.domain.yearbook_progress import UnitProgress, VolumeView
from fangzhi_desktop.exporters.official_docx.model import (
    Attachment,
    Banji,
    Block,
    Gongwen,
    TableBlock,
)

RECIPIENT = "各供稿单位："
REPLY_DAYS = 7  # late units are asked to send within a week of the bulletin


def _banji(profile: OfficeProfile, when: date) -> Banji:
    return Banji(printer=profile.printer_name, print_date=when, cc=profile.cc_list)


def _rate(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _words(value: int | None) -> str:
    return "—" if value is None else f"{value}"


def short_date(value: date | None, year: int) -> str:
    """``10月31日`` within ``year``, the full date otherwise; ``—`` for none."""
    if value is None:
        return "—"
    return f"{value.month}月{value.day}日" if value.year == year else cn_date(value)


# --- 组稿通知 --------------------------------------------------------------------------------


def build_notice(view: VolumeView, profile: OfficeProfile, doc_no: str, when: date) -> Gongwen:
    """关于做好《某县年鉴（2026）》组稿工作的通知, its attachment the 条目 of every unit."""
    volume = view.volume
    recorded = volume.recorded_year
    totals = view.totals
    deadline = volume.deadline
    when_due = (f"于{cn_date(deadline)}前" if deadline else "按附件所列时限")
    attachment_title = "供稿单位及条目任务表"
    blocks: list[Block | TableBlock] = [
        Block(f"为全面、系统、准确记述全县{recorded}年经济社会发展情况，按照“一年一鉴、公开出版”"
              f"和“当年卷当年出版”的要求，现就做好{volume.quoted}组稿工作通知如下。"),
        Block("一、收录范围和时限"),
        Block(f"{volume.quoted}主要记述{recorded}年1月1日至12月31日全县政治、经济、文化、社会、"
              "生态文明等方面的基本情况和重要事项，个别重要事项可适当上溯或下延。"),
        Block("二、供稿任务"),
        Block(f"本卷设类目{totals.categories}个、分目{totals.sections}个、条目{totals.entries}个，"
              f"由{totals.units}个单位供稿。各单位承担的条目及字数、图片要求详见附件。"),
        Block("三、稿件要求"),
        Block("（一）条目。按附件所列条目撰稿，一事一条，标题简明准确；记述事实，述而不论，"
              "不写工作体会和展望。"),
        Block("（二）字数。各条目字数应控制在定额上下10%以内；确需增减的，请事先与年鉴编辑部沟通。"),
        Block("（三）数据。统计数据以统计部门公布的数据为准，计量单位、数字用法符合国家标准。"),
        Block("（四）图片。图片应为反映本单位年度重要工作的新闻图片，JPG格式，每幅不小于2MB，"
              "并附图片说明（时间、地点、人物、事件）。"),
        Block("（五）审核。稿件须经本单位主要负责人审核把关并加盖公章，对内容的真实性和准确性负责。"),
        Block("四、报送时间和方式"),
        Block(f"请各单位{when_due}将电子稿（Word格式，每个条目一个文件，文件名用条目名称）连同填好的"
              f"组稿任务表报送{profile.full_name}，盖章的纸质稿同时报送。逾期未报送的，将在供稿情况通报"
              "中予以通报。"),
    ]
    contact = next((s.owner for s in view.stages if s.name == "组稿" and s.owner), "")
    if contact:
        blocks += [Block("五、联系方式"),
                   Block(f"联系人：{contact}。撰稿中遇到的问题，请及时与年鉴编辑部沟通。")]
    return Gongwen(
        title=f"关于做好{volume.quoted}\n组稿工作的通知",
        recipient=RECIPIENT, blocks=blocks, issuer_mark=profile.head_text, doc_no=doc_no,
        signature=profile.signature_name, date=when,
        attachments=[Attachment(attachment_title, [_assignment_table(view)])],
        banji=_banji(profile, when))


ASSIGNMENT_COLUMNS = [("序号", 12), ("供稿单位", 30), ("承担条目（所属类目、分目）", 60),
                      ("字数", 16), ("图片", 12), ("交稿时限", 26)]


def _assignment_table(view: VolumeView) -> TableBlock:
    """One row per 条目, the unit named on the first row of its 条目."""
    paths = path_of(view.roots)
    rows: list[list[str]] = []
    year = view.volume.year
    units = [u for u in view.units if u.entries]
    for n, unit in enumerate(units, start=1):
        for k, entry in enumerate(unit.entries):
            where = "、".join(paths.get(entry.id, ())[:-1])
            rows.append([str(n) if k == 0 else "", unit.name if k == 0 else "",
                         entry.title + (f"（{where}）" if where else ""),
                         _words(entry.word_budget), _words(entry.photo_budget),
                         short_date(unit.deadline, year) if k == 0 else ""])
    unassigned = [e for e in entries_of(view.roots) if e.unit_id is None]
    for k, entry in enumerate(unassigned):
        rows.append(["", "待定" if k == 0 else "", entry.title, _words(entry.word_budget),
                     _words(entry.photo_budget), ""])
    if not rows:
        rows.append(["", "（尚未分配条目）", "", "", "", ""])
    return TableBlock(columns=ASSIGNMENT_COLUMNS, rows=rows)


# --- 供稿情况通报 ----------------------------------------------------------------------------


def build_bulletin(view: VolumeView, profile: OfficeProfile, doc_no: str,
                   as_of: date) -> Gongwen:
    """关于《某县年鉴（2026）》供稿情况的通报 as of ``as_of``."""
    volume = view.volume
    t = view.totals
    late = view.late_units()
    complete = sum(1 for u in view.units if u.entries and not u.missing)
    budget = (f"，占字数定额（{t.word_budget}字）的{_rate(t.words, t.word_budget)}"
              if t.word_budget else "")
    blocks: list[Block | TableBlock] = [
        Block(f"{volume.quoted}组稿工作开展以来，多数供稿单位高度重视、按时交稿。为推进编纂进度，"
              f"确保“当年卷当年出版”，现将截至{cn_date(as_of)}的供稿情况通报如下。"),
        Block("一、总体情况"),
        Block(f"本卷共设类目{t.categories}个、分目{t.sections}个、条目{t.entries}个，由{t.units}个"
              f"单位供稿。已收到来稿{t.received}条，交稿率{_rate(t.received, t.entries)}；其中已采用"
              f"{t.accepted}条，退改中{t.returned}条；尚未交稿{t.missing}条。已交稿共{t.words}字"
              f"{budget}，图片{t.photos}幅。{complete}个单位已全部交齐，{len(late)}个单位逾期未交齐。"),
        Block("二、各类目供稿情况"),
        _category_table(view.roots),
        Block("三、逾期未交齐的单位"),
    ]
    if late:
        blocks.append(Block(f"截至{cn_date(as_of)}，以下{len(late)}个单位已过交稿时限，仍有条目未交："))
        blocks.append(_late_table(late, as_of, volume.year))
    else:
        blocks.append(Block("截至通报日，没有逾期未交稿的单位。"))
    blocks.append(Block("四、字数超出或不足定额的条目"))
    blocks += _budget_blocks(view)
    reply = as_of + timedelta(days=REPLY_DAYS)
    blocks += [
        Block("五、有关要求"),
        Block(f"（一）请逾期未交齐的单位于{cn_date(reply)}前报送全部稿件，确有困难的，"
              "请书面说明原因和报送时间。"),
        Block("（二）请字数超出定额的单位按要求精简，字数不足的单位补充完善，退改稿件请在5个工作日内"
              "修改报回。"),
        Block("（三）各单位报送的稿件须经主要负责人审核并加盖公章。年鉴编辑部将继续跟踪供稿情况，"
              "定期通报。"),
    ]
    return Gongwen(title=f"关于{volume.quoted}\n供稿情况的通报", recipient=RECIPIENT,
                   blocks=blocks, issuer_mark=profile.head_text, doc_no=doc_no,
                   signature=profile.signature_name, date=as_of, banji=_banji(profile, as_of))


CATEGORY_COLUMNS = [("类目", 34), ("条目数", 18), ("已交", 16), ("交稿率", 20), ("已采用", 18),
                    ("字数", 24), ("字数定额", 26)]


def _category_table(roots: Sequence[TreeNode]) -> TableBlock:
    rows = [[f"{section_ordinal(n)}、{r.title}" if n <= 99 else r.title, str(r.entries),
             str(r.received), _rate(r.received, r.entries), str(r.accepted), str(r.words),
             _words(r.word_budget)] for n, r in enumerate(roots, start=1)]
    rows.append(["合计", str(sum(r.entries for r in roots)), str(sum(r.received for r in roots)),
                 _rate(sum(r.received for r in roots), sum(r.entries for r in roots)),
                 str(sum(r.accepted for r in roots)), str(sum(r.words for r in roots)),
                 _words(sum(r.word_budget for r in roots if r.word_budget) or None)])
    return TableBlock(columns=CATEGORY_COLUMNS, rows=rows)


LATE_COLUMNS = [("序号", 12), ("单位", 32), ("承担条目", 14), ("未交", 12),
                ("未交条目", 46), ("交稿时限", 26), ("逾期天数", 14)]


def _late_table(late: Sequence[UnitProgress], as_of: date, year: int) -> TableBlock:
    rows = []
    for n, unit in enumerate(late, start=1):
        missing = [e.title for e in unit.missing]
        names = "、".join(missing[:6]) + ("等" if len(missing) > 6 else "")
        rows.append([str(n), unit.name, str(unit.assigned), str(len(missing)), names,
                     short_date(unit.deadline, year), str(unit.days_late(as_of))])
    return TableBlock(columns=LATE_COLUMNS, rows=rows)


BUDGET_COLUMNS = [("条目", 44), ("供稿单位", 36), ("字数定额", 22), ("来稿字数", 22),
                  ("偏差", 18), ("核定", 14)]


def _budget_blocks(view: VolumeView) -> list[Block | TableBlock]:
    tolerance = view.volume.tolerance
    entries = [e for e in entries_of(view.roots)
               if e.budget_status in (BudgetStatus.OVER, BudgetStatus.UNDER)]
    if not entries:
        return [Block(f"已交来稿的字数均在定额上下{tolerance:.0%}以内。")]
    over = sum(1 for e in entries if e.budget_status is BudgetStatus.OVER)
    rows = []
    for entry in sorted(entries, key=lambda e: -abs(deviation(e.words, e.word_budget) or 0)):
        rows.append([entry.title, entry.unit or "—", str(entry.word_budget), str(entry.words),
                     f"{deviation(entry.words, entry.word_budget) or 0:+.0%}",
                     entry.budget_status.value])
    return [Block(f"按字数定额上下{tolerance:.0%}核定，{over}个条目字数超出定额，"
                  f"{len(entries) - over}个条目字数不足："),
            TableBlock(columns=BUDGET_COLUMNS, rows=rows)]
