"""The work-point parser on the real notice of seed 003."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.workpoints import ParsedPlan
from fangzhi_desktop.importers.workpoints_notice import read_notice
from tests.conftest import SEED_WORKPOINTS


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return read_notice(SEED_WORKPOINTS)


def test_nine_sections_and_forty_items_numbered_continuously(plan: ParsedPlan) -> None:
    assert plan.year == 2023
    assert len(plan.sections) == 9
    assert [item.no for item in plan.items] == list(range(1, 41))
    assert [s.title for s in plan.sections] == [
        "依法治志工作", "志书编纂与续志资料工作", "地方综合年鉴编纂与指导工作", "资料基础建设工作",
        "网络信息化建设工作", "地方志资源开发工作", "学术理论研究工作", "机关党的建设工作",
        "机关自身建设工作"]
    assert [len(s.items) for s in plan.sections] == [2, 7, 5, 6, 3, 4, 2, 6, 5]


def test_units_of_items_1_10_and_40(plan: ParsedPlan) -> None:
    items = {item.no: item for item in plan.items}
    assert (items[1].lead, items[1].support) == (["研究室"], ["其他处室", "单位"])
    assert (items[10].lead, items[10].support) == (["年鉴指导处"], [])
    assert (items[40].lead, items[40].support) == (["办公室", "机关党委"], [])
    assert (items[3].lead, items[3].support) == (["省直指导处", "市县指导处"], [])
    assert items[23].lead == ["办公室", "资料处", "方志馆"]


def test_every_item_has_units_and_the_annotation_is_removed_from_its_text(
        plan: ParsedPlan) -> None:
    for item in plan.items:
        assert item.lead, item.no
        assert not item.text.endswith("）"), item.no
    assert plan.items[0].text.endswith("组织开展《规划》贯彻落实情况中期调研。")
    # Parentheses inside the text stay: 《…（2021—2025年）》, 资料收（征）集.
    assert "（2021—2025年）" in plan.items[0].text
    assert "资料收（征）集" in plan.items[7].text
    assert plan.errors == []
    assert plan.problems == []


def test_the_notice_wrapper_is_read_and_not_taken_for_items(plan: ParsedPlan) -> None:
    assert plan.title == "吉林省地方志编纂委员会2023年工作要点"
    assert plan.issuer == "吉林省地方志编纂委员会"
    assert plan.issued_on == date(2023, 3, 21)
    assert plan.preamble.startswith("2023年，吉林省地方志编纂委员会")
    assert "现将" not in plan.items[0].text


def test_deadlines_keep_phrase_date_and_rule(plan: ParsedPlan) -> None:
    items = {item.no: item for item in plan.items}
    assert items[9].deadline is not None and items[9].deadline.phrase == "适时"
    assert items[16].deadline is not None and items[16].deadline.phrase == "年底"
    assert items[36].deadline is not None and items[36].deadline.phrase == "全年"
    none = items[1].deadline
    assert none is not None and none.phrase == "" and none.date == date(2023, 12, 31)
    assert "年底" in none.rule


@pytest.mark.parametrize("width", [13, 17, 23, 30, 37, 41])
def test_the_seed_broken_like_pdf_text_gives_the_same_items(plan: ParsedPlan, width: int) -> None:
    """Every line cut every ``width`` characters, page numbers every 25 lines, no indentation."""
    from fangzhi_desktop.importers.workpoints_notice import parse_text

    lines: list[str] = []
    for line in SEED_WORKPOINTS.read_text(encoding="utf-8").splitlines():
        line = line.strip().strip("\u3000")
        for start in range(0, max(len(line), 1), width):
            lines.append(line[start:start + width])
            if len(lines) % 25 == 0:
                lines.append(f"—{len(lines) // 25}—")
    broken = parse_text("\n".join(lines))
    assert len(broken.sections) == 9
    assert [(i.no, i.text, i.lead, i.support) for i in broken.items] == [
        (i.no, i.text, i.lead, i.support) for i in plan.items]
    assert broken.errors == []
