"""Deadlines as officials write them."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.deadlines import RULE_NONE, find, resolve


@pytest.mark.parametrize(("phrase", "expected"), [
    ("年底前", date(2023, 12, 31)),
    ("年底", date(2023, 12, 31)),
    ("年内", date(2023, 12, 31)),
    ("上半年", date(2023, 6, 30)),
    ("下半年", date(2023, 12, 31)),
    ("6月底前", date(2023, 6, 30)),
    ("6 月底前", date(2023, 6, 30)),
    ("2月底", date(2023, 2, 28)),
    ("十一月底前", date(2023, 11, 30)),
    ("第三季度", date(2023, 9, 30)),
    ("一季度", date(2023, 3, 31)),
    ("第4季度末", date(2023, 12, 31)),
    ("全年", date(2023, 12, 31)),
    ("适时", date(2023, 12, 31)),
    ("长期", date(2023, 12, 31)),
    ("3月上旬", date(2023, 3, 10)),
    ("3月中旬", date(2023, 3, 20)),
    ("3月下旬", date(2023, 3, 31)),
    ("9月前", date(2023, 8, 31)),
    ("5月 12日前", date(2023, 5, 12)),
    ("2024年3月15日前", date(2024, 3, 15)),
    ("2024年6月底前", date(2024, 6, 30)),
])
def test_phrases_resolve_to_dates(phrase: str, expected: date) -> None:
    deadline = resolve(phrase, 2023)
    assert deadline.date == expected
    assert deadline.phrase == phrase.replace(" ", "")
    assert deadline.rule


def test_no_phrase_means_the_end_of_the_year_and_says_so() -> None:
    deadline = resolve("组织召开年度党风廉政建设工作会议", 2023)
    assert (deadline.phrase, deadline.date, deadline.rule) == ("", date(2023, 12, 31), RULE_NONE)


def test_the_most_specific_phrase_in_a_text_wins() -> None:
    found = find("全年开展学习，6月底前完成上半年总结", 2023)
    assert found is not None and found.phrase == "6月底前"


def test_words_that_are_not_deadlines() -> None:
    assert find("完成2022年地方志资源开发立项的7个项目", 2023) is None
    assert find("《吉林省地方志事业发展规划（2021—2025年）》", 2023) is None
    assert find("年鉴指导处", 2023) is None
    assert find("持续加强对党忠诚教育", 2023) is None


def test_an_impossible_day_is_clamped_to_the_month_end() -> None:
    assert resolve("2月30日前", 2023).date == date(2023, 2, 28)
    assert resolve("2月30日前", 2024).date == date(2024, 2, 29)
