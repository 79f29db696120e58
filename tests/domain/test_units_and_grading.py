"""Unit annotations, unit names and the green/yellow/red grading."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.units import (
    alias_key,
    looks_like_unit_list,
    names_units,
    normalize_unit_name,
    parse_annotation,
)
from fangzhi_desktop.domain.workpoints import Grade, Status, grade, section_ordinal, week_bounds


@pytest.mark.parametrize(("text", "lead", "support"), [
    ("研究室牵头，其他处室、单位配合", ["研究室"], ["其他处室", "单位"]),
    ("省直指导处、市县指导处", ["省直指导处", "市县指导处"], []),
    ("办公室、资料处、方志馆", ["办公室", "资料处", "方志馆"], []),
    ("牵头单位：研究室，配合单位：办公室、方志馆", ["研究室"], ["办公室", "方志馆"]),
    ("牵头单位:研究室;配合单位:办公室", ["研究室"], ["办公室"]),
    ("责任单位：年鉴科、编研科", ["年鉴科", "编研科"], []),
    ("牵头单位：办公室；责任单位：各科室", ["办公室"], ["各科室"]),
    ("办公室负责，各科室协助", ["办公室"], ["各科室"]),
    ("A科、B科牵头，C科参与", ["A科", "B科"], ["C科"]),
    ("年鉴科牵头", ["年鉴科"], []),
    ("研究室牵头, 各科室等配合", ["研究室"], ["各科室"]),
])
def test_annotation_forms(text: str, lead: list[str], support: list[str]) -> None:
    got = parse_annotation(text)
    assert (got.lead, got.support) == (lead, support)


def test_unit_names_are_normalised_and_aliased() -> None:
    assert normalize_unit_name(" 研究 室 ") == "研究室"
    assert normalize_unit_name("市(州)志办") == "市（州）志办"
    assert alias_key("研究室") == alias_key("研究　室")


def test_what_reads_as_a_unit_list() -> None:
    assert looks_like_unit_list("办公室、年鉴科")
    assert not looks_like_unit_list("2021—2025年")
    assert not looks_like_unit_list("这是一个很长很长的句子而不是一个单位的名称，对吧。")
    assert names_units("年鉴科、研究室") and not names_units("县级市")


def test_grading() -> None:
    deadline = date(2023, 6, 30)
    assert grade(Status.IN_PROGRESS, deadline, date(2023, 6, 1)) is Grade.GREEN
    assert grade(Status.IN_PROGRESS, deadline, date(2023, 6, 16)) is Grade.YELLOW
    assert grade(Status.NOT_STARTED, deadline, date(2023, 6, 30)) is Grade.YELLOW
    assert grade(Status.NOT_STARTED, deadline, date(2023, 7, 1)) is Grade.RED
    assert grade(Status.DONE, deadline, date(2024, 1, 1)) is Grade.GREEN
    assert grade(Status.CLOSED, deadline, date(2024, 1, 1)) is Grade.GREEN


def test_ordinals_and_weeks() -> None:
    assert [section_ordinal(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一", "九", "十", "十一", "二十", "二十三"]
    assert week_bounds(date(2026, 11, 25)) == (date(2026, 11, 23), date(2026, 11, 29))
