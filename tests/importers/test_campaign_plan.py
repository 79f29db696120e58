"""The 实施方案 parser on seed 000 and on variants of every range form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.campaign_plan import parse_text, read_plan
from tests.conftest import SAMPLES

SEED_PLAN = SAMPLES / "000_d1fb1299b6599f8a.txt"


def test_seed_000_gives_four_phases_with_their_ranges_and_tasks() -> None:
    plan = read_plan(SEED_PLAN)
    assert plan.title == "在全市地方志系统开展“学习吴志宏、建功新时代”主题宣教活动实施方案"
    assert plan.issuer == "南昌市史志办公室"
    assert [(p.name, p.span.start if p.span else None, p.span.end if p.span else None)
            for p in plan.phases] == [
        ("宣传发动阶段", date(2021, 1, 1), date(2021, 3, 31)),
        ("学习研讨阶段", date(2021, 4, 1), date(2021, 10, 31)),
        ("组织提升阶段", date(2021, 11, 1), date(2021, 12, 31)),
        ("常态化学习阶段", date(2022, 1, 1), None),
    ]
    assert [len(p.tasks) for p in plan.phases] == [3, 3, 2, 2]
    # A task broken over two lines is one task.
    assert plan.phases[1].tasks[2].text == "将学习吴志宏同志先进事迹纳入“主题党日”活动及各类培训活动。"
    assert plan.contents == ["广泛宣传吴志宏同志先进事迹", "深入学习吴志宏精神", "争当新时代吴志宏式方志人"]
    assert plan.purpose.startswith("开展“学习吴志宏、建功新时代”主题宣教活动")
    # The numbered lists of 活动内容 and 有关要求 are not tasks.
    assert sum(len(p.tasks) for p in plan.phases) == 10
    assert plan.phase_on(date(2021, 5, 1)).name == "学习研讨阶段"
    assert plan.phase_on(date(2025, 5, 1)).name == "常态化学习阶段"
    assert plan.problems == []


def test_json_shape() -> None:
    data = read_plan(SEED_PLAN).as_json()
    assert data["phases"][0]["start"] == "2021-01-01"
    assert data["phases"][3]["end"] is None
    assert data["phases"][0]["tasks"][0]["no"] == 1


VARIANTS = """关于印发《某县史志研究室“方志进校园”活动实施方案》的通知
各科室：现将方案印发给你们。
某县史志研究室
2021年11月5日
某县史志研究室“方志进校园”活动
实施方案
一、指导思想
以习近平新时代中国特色社会主义思想为指导。
二、主要内容
1.编写乡土教材。
2.开展方志讲座。
三、实施步骤
第一阶段：准备阶段（2021年11月至12月）
1.制定方案。
2.联系学校。
（二）实施阶段（2021年12月至2022年2月）
1.开展讲座
每校不少于一次。
2.赠送志书。
（三）总结阶段（2022年3月1日—3月15日）。召开总结会，表彰先进。
（四）巩固阶段（2022年上半年）
四、保障措施
1.加强领导。
2.落实经费。
"""


def test_a_plan_with_every_range_form_and_decoy_lists() -> None:
    plan = parse_text(VARIANTS)
    assert plan.title == "某县史志研究室“方志进校园”活动实施方案"
    spans = [(p.name, p.span.start, p.span.end) for p in plan.phases if p.span]
    assert spans == [
        ("准备阶段", date(2021, 11, 1), date(2021, 12, 31)),
        ("实施阶段", date(2021, 12, 1), date(2022, 2, 28)),  # crosses the year end
        ("总结阶段", date(2022, 3, 1), date(2022, 3, 15)),  # day-level
        ("巩固阶段", date(2022, 1, 1), date(2022, 6, 30)),
    ]
    assert [t.text for t in plan.phases[1].tasks] == ["开展讲座每校不少于一次。", "赠送志书。"]
    # A phase without numbered tasks has its body as one task.
    assert [t.text for t in plan.phases[2].tasks] == ["召开总结会，表彰先进。"]
    assert plan.phases[3].tasks == []
    assert plan.contents == ["编写乡土教材。", "开展方志讲座。"]
    assert all("加强领导" not in t.text for p in plan.phases for t in p.tasks)


def test_from_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in VARIANTS.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert len(read_plan(path).phases) == 4


def test_a_phase_without_dates_is_a_warning() -> None:
    plan = parse_text("某活动实施方案\n一、时间安排\n（一）启动阶段\n1.动员。\n")
    assert plan.phases[0].span is None
    assert [p.severity for p in plan.problems] == ["warning"]


def test_text_without_a_plan_title_is_unusable() -> None:
    with pytest.raises(UnusableInput, match="实施方案的标题"):
        parse_text("一段普通文字。\n")


def test_printed_spans_read_back_to_the_same_range() -> None:
    """What the plan export prints for a phase (span_text) parses back to the same dates."""
    from fangzhi_desktop.domain.campaigns import span_text
    from fangzhi_desktop.domain.date_ranges import parse_range

    plan = parse_text(VARIANTS)
    seed = read_plan(SEED_PLAN)
    assert seed.year == 2021 and plan.year == 2021
    for phase in seed.phases + plan.phases:
        assert phase.span is not None
        printed = span_text(phase.span.start, phase.span.end)
        again = parse_range(f"（{printed}）", 2000)
        assert again is not None and (again.start, again.end) == (phase.span.start,
                                                                  phase.span.end), printed
