"""The 篇目 tree with its figures, the units' progress, the totals, budgets with their
tolerance, the package keys and the volume's title."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.yearbook import (
    BudgetStatus,
    Manuscript,
    Node,
    NodeKind,
    ReviewLevel,
    ReviewResult,
    Volume,
    VolumeUnit,
    budget_status,
    build_tree,
    county_of,
    deviation,
    entries_of,
    path_of,
    volume_title,
)
from fangzhi_desktop.domain.yearbook_keys import (
    entry_key,
    identity_checksum,
    parse_entry_key,
)
from fangzhi_desktop.domain.yearbook_progress import totals, unit_progress

TODAY = date(2026, 11, 23)
VOLUME = Volume(1, 2026, "某县年鉴（2026）", deadline=date(2026, 12, 20))

#  特载 (类目)            → 政府工作报告 (条目, 县政府办)
#  大事记 (类目 as a whole, 县委办)
#  经济 (类目)            → 农业 (分目, 农业局, budget 2500 of its own) → 粮食 1000, 畜牧 800
#                         → 招商引资 (条目 under the 类目, 商务局)
NODES = [
    Node(1, 1, None, 1, "特载"),
    Node(2, 1, 1, 1, "政府工作报告", 10, "县政府办", 3000),
    Node(3, 1, None, 2, "大事记", 11, "县委办", 5000, 10),
    Node(4, 1, None, 3, "经济"),
    Node(5, 1, 4, 2, "招商引资", 13, "县商务局", 1000, 1),
    Node(6, 1, 4, 1, "农业", 12, "县农业局", 2500),
    Node(7, 1, 6, 1, "粮食", None, "", 1000, 2),
    Node(8, 1, 6, 2, "畜牧", None, "", 800),
]


def manuscript(node_id: int, words: int, *, accepted: bool = False,
               result: ReviewResult | None = None, photos: int = 0) -> Manuscript:
    return Manuscript(node_id * 10, node_id, None, f"{node_id}.docx", date(2026, 11, 1), words,
                      photos, accepted=accepted, review_level=ReviewLevel.FIRST if result else None,
                      review_result=result, returns=int(result is ReviewResult.RETURNED))


def test_kinds_order_inherited_units_and_budgets() -> None:
    roots = build_tree(NODES, {})
    assert [r.title for r in roots] == ["特载", "大事记", "经济"]
    economy = roots[2]
    assert [c.title for c in economy.children] == ["农业", "招商引资"]  # by position
    kinds = {n.title: n.kind for r in roots for n in r.walk()}
    assert kinds == {"特载": NodeKind.CATEGORY, "政府工作报告": NodeKind.ENTRY,
                     "大事记": NodeKind.CATEGORY, "经济": NodeKind.CATEGORY,
                     "农业": NodeKind.SECTION, "粮食": NodeKind.ENTRY, "畜牧": NodeKind.ENTRY,
                     "招商引资": NodeKind.ENTRY}
    units = {n.title: n.unit for n in entries_of(roots)}
    assert units == {"政府工作报告": "县政府办", "大事记": "县委办", "粮食": "县农业局",
                     "畜牧": "县农业局", "招商引资": "县商务局"}
    assert [n.title for n in entries_of(roots)] == ["政府工作报告", "大事记", "粮食", "畜牧",
                                                    "招商引资"]
    agriculture = economy.children[0]
    assert agriculture.word_budget == 2500  # its own, not 1800
    assert economy.word_budget == 3500 and economy.photo_budget == 3
    assert roots[0].word_budget == 3000 and roots[0].photo_budget is None
    assert path_of(roots)[7] == ("经济", "农业", "粮食")


def test_figures_roll_up_from_the_manuscripts() -> None:
    received = {7: manuscript(7, 1050, accepted=True, photos=2), 8: manuscript(8, 500),
                2: manuscript(2, 3000, result=ReviewResult.RETURNED)}
    roots = build_tree(NODES, received)
    economy = roots[2]
    assert (economy.entries, economy.received, economy.accepted) == (3, 2, 1)
    assert economy.words == 1550 and economy.photos == 2
    nodes = {n.title: n for r in roots for n in r.walk()}
    assert nodes["粮食"].budget_status is BudgetStatus.WITHIN
    assert nodes["畜牧"].budget_status is BudgetStatus.UNDER
    assert nodes["招商引资"].budget_status is BudgetStatus.WAITING
    assert nodes["农业"].budget_status is BudgetStatus.UNDER  # all in: 1550 of 2500
    assert nodes["经济"].budget_status is BudgetStatus.WAITING  # 招商引资 still missing


@pytest.mark.parametrize(("words", "status"), [
    (None, BudgetStatus.WAITING), (1000, BudgetStatus.WITHIN), (1100, BudgetStatus.WITHIN),
    (1101, BudgetStatus.OVER), (900, BudgetStatus.WITHIN), (899, BudgetStatus.UNDER)])
def test_budget_tolerance_is_ten_percent_either_way(words: int | None,
                                                    status: BudgetStatus) -> None:
    assert budget_status(words, 1000) is status


def test_budget_without_a_budget_and_with_another_tolerance() -> None:
    assert budget_status(5000, None) is BudgetStatus.NONE
    assert budget_status(5000, 0) is BudgetStatus.NONE
    assert budget_status(1150, 1000, 0.2) is BudgetStatus.WITHIN
    assert deviation(1250, 1000) == 0.25 and deviation(10, None) is None


def test_unit_progress_late_units_and_totals() -> None:
    received = {7: manuscript(7, 1500, accepted=True), 2: manuscript(2, 3000)}
    roots = build_tree(NODES, received)
    units = [VolumeUnit(12, "县农业局", "张三", "123", date(2026, 11, 1)),
             VolumeUnit(10, "县政府办"), VolumeUnit(99, "县档案馆")]
    progress = unit_progress(VOLUME, units, roots)
    by_name = {p.name: p for p in progress}
    assert list(by_name) == ["县农业局", "县政府办", "县档案馆", "县委办", "县商务局"]
    farm = by_name["县农业局"]
    assert (farm.assigned, farm.received, farm.accepted) == (2, 1, 1)
    assert [e.title for e in farm.missing] == ["畜牧"]
    assert farm.words == 1500 and farm.word_budget == 1800
    assert farm.late(TODAY) and farm.days_late(TODAY) == 22
    assert [e.title for e in farm.over_budget(0.1)] == ["粮食"]
    office = by_name["县政府办"]
    assert office.deadline == VOLUME.deadline and not office.late(TODAY)  # volume's deadline
    assert not by_name["县政府办"].late(date(2026, 12, 21))  # all received
    assert by_name["县委办"].late(date(2026, 12, 21))
    assert by_name["县档案馆"].assigned == 0 and not by_name["县档案馆"].late(TODAY)
    figures = totals(roots, progress, TODAY)
    assert (figures.categories, figures.sections, figures.entries) == (3, 1, 5)
    assert (figures.units, figures.received, figures.accepted, figures.missing) == (4, 2, 1, 3)
    assert figures.words == 4500 and figures.word_budget == 3000 + 5000 + 3500
    assert (figures.late_units, figures.over_budget, figures.under_budget) == (1, 1, 0)
    assert figures.as_json()["missing"] == 3


def test_an_entry_without_any_unit_is_unassigned() -> None:
    roots = build_tree([Node(1, 1, None, 1, "附录"), Node(2, 1, 1, 1, "统计资料")], {})
    figures = totals(roots, unit_progress(VOLUME, [], roots), TODAY)
    assert figures.unassigned == 1 and figures.units == 0


def test_manuscript_review_text() -> None:
    assert manuscript(1, 10).review_text == "待审"
    assert manuscript(1, 10, result=ReviewResult.RETURNED).review_text == "初审退改"
    assert manuscript(1, 10, result=ReviewResult.RETURNED).returned
    assert manuscript(1, 10, accepted=True).review_text == "已采用"


def test_entry_keys_check_with_the_token_only() -> None:
    key = entry_key("secret", 3, 456)
    parsed = parse_entry_key(key.lower())
    assert parsed is not None and (parsed.volume_id, parsed.node_id) == (3, 456)
    assert parsed.valid("secret") and not parsed.valid("other")
    forged = parse_entry_key(key.replace("N456", "N457"))
    assert forged is not None and not forged.valid("secret")
    assert parse_entry_key("Y3-N456") is None and parse_entry_key("") is None
    assert identity_checksum("s", 1, "县教育局", "2026-11-23") != identity_checksum(
        "s", 1, "县卫健局", "2026-11-23")


def test_volume_titles() -> None:
    assert volume_title("青山县", 2026) == "青山县年鉴（2026）"
    assert county_of("某县地方志办公室") == "某县"
    assert county_of("青山县史志研究室") == "青山县"
    assert county_of("某区党史和地方志研究中心") == "某区"
    assert county_of("地方志办公室") == "地方志办公室"
    assert VOLUME.recorded_year == 2025 and VOLUME.quoted == "《某县年鉴（2026）》"
