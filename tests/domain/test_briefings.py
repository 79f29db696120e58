"""Briefing rules: numbering across issues and years, labels, articles from learning activities."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.briefings import (
    IssueNumbers,
    ParsedBriefing,
    article_from_activity,
    issue_label,
    next_numbers,
    series_key,
)
from fangzhi_desktop.errors import InputErrors, Problem
from tests.conftest import SAMPLES

SEED_002 = SAMPLES / "002_df6267391c5c8d51.txt"


def test_labels_follow_the_masthead_form() -> None:
    assert issue_label(2, 2) == "第2期（总第2期）"
    assert issue_label(5, None) == "第5期"
    assert issue_label(5, 37, 2024) == "2024年第5期（总第37期）"


def test_the_first_issue_of_a_series_is_number_one_of_both() -> None:
    assert next_numbers([], 2024) == IssueNumbers(1, 1)


def test_the_issue_number_restarts_each_year_and_the_total_never() -> None:
    rows = [(2023, 1, 10), (2023, 2, 11), (2024, 1, 12), (2024, 2, 13)]
    assert next_numbers(rows, 2024) == IssueNumbers(3, 14)
    assert next_numbers(rows, 2025) == IssueNumbers(1, 14)
    assert next_numbers(rows, 2023) == IssueNumbers(3, 14)  # a late issue of an earlier year


def test_numbers_continue_from_the_highest_even_when_imported_out_of_order() -> None:
    rows = [(2020, 2, 2), (2021, 1, 1)]  # the demo: 总第2期 dated before 总第1期
    assert next_numbers(rows, 2020).label == "第3期（总第3期）"
    assert next_numbers(rows, 2021).label == "第2期（总第3期）"
    assert next_numbers(rows, 2026).label == "第1期（总第3期）"


def test_a_series_that_never_printed_a_total_gets_none() -> None:
    assert next_numbers([(2024, 4, None)], 2024) == IssueNumbers(5, None)


def test_series_are_told_apart_by_name_without_spaces() -> None:
    assert series_key("政工 简讯") == series_key("政工简讯") == series_key("政工\u3000简讯")
    assert series_key("政工简讯") != series_key("工作简讯")


def _seed_002_paragraphs() -> list[str]:
    return [line for line in SEED_002.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_an_article_from_a_learning_meeting_reads_like_seed_002() -> None:
    article = article_from_activity(
        "省地方志办党组召开中心组（扩大）学习会", date(2020, 5, 21), "党组书记、主任陈建春",
        ["中共中央办公厅印发的《关于持续解决困扰基层的形式主义问题为决胜全面建成小康社会提供坚强"
         "作风保证的通知》等中央文件", "彭清华在省十三届人大三次会议闭幕式上的讲话",
         "全省巡视整改、机关党建、保密工作等有关文件"],
        "办党组成员、副主任赵行，办党组成员、机关党委书记邓瑜，办党组成员、副主任陶利辉，"
        "办机关及四川年鉴社副处级以上干部",
        body="结合实际，陈建春就抓好中央、省委有关要求的贯彻落实提出五点意见。\n\n一是集中力量。")
    seed = _seed_002_paragraphs()
    first = seed[5].replace(" ", "")  # 5 月 21 日 in the PDF text
    assert first.startswith(article.paragraphs[0])
    assert article.paragraphs[0].endswith("党组书记、主任陈建春主持会议。")
    assert article.paragraphs[1:3] == ["结合实际，陈建春就抓好中央、省委有关要求的贯彻落实提出五点意见。",
                                       "一是集中力量。"]
    attendees = next(line for line in seed if line.endswith("参加学习会。"))
    assert article.paragraphs[-1] == attendees  # word for word
    assert article.title == "省地方志办党组召开中心组（扩大）学习会"


@pytest.mark.parametrize(("title", "opening", "closing"), [
    ("党组理论学习中心组学习（扩大）会议", "3月5日，召开党组理论学习中心组学习（扩大）会议，传达学习《条例》。",
     "全体干部参加会议。"),
    ("地方志业务培训班", "3月5日，举办地方志业务培训班，传达学习《条例》。", "全体干部参加培训。"),
    ("“学条例、守规矩”主题党日活动", "3月5日，开展“学条例、守规矩”主题党日活动，传达学习《条例》。",
     "全体干部参加活动。"),
    ("线上学习", "3月5日，组织线上学习，传达学习《条例》。", "全体干部参加学习。"),
])
def test_activities_of_every_kind_get_a_fitting_verb(title: str, opening: str,
                                                    closing: str) -> None:
    article = article_from_activity(title, date(2024, 3, 5), "", ["《条例》"], "全体干部")
    assert article.paragraphs == [opening, closing]


def test_two_documents_are_joined_with_he_and_the_host_is_said_once() -> None:
    article = article_from_activity("县志办召开支部学习会。", date(2024, 7, 1), "支部书记王五主持",
                                    ["《党章》", "《准则》"], "全体党员参加。")
    assert article.paragraphs == [
        "7月1日，县志办召开支部学习会，传达学习《党章》和《准则》。支部书记王五主持会议。",
        "全体党员参加学习会。"]
    told = article_from_activity("支部学习会", date(2024, 7, 1), "", [], "全体党员参加了学习")
    assert told.paragraphs[-1] == "全体党员参加了学习。"
    bare = article_from_activity("专题讲座", date(2024, 7, 2), "", [], "")
    assert bare.paragraphs == ["7月2日，举办专题讲座。"]


def test_a_parse_without_numbers_or_date_cannot_become_an_issue() -> None:
    parsed = ParsedBriefing(source="/x/简讯.txt")
    with pytest.raises(InputErrors, match=r"简讯\.txt：没有找到期号和日期"):
        parsed.to_draft()
    draft = parsed.to_draft(issue=3, total_issue=30, when=date(2024, 5, 6), default_name="政工简讯")
    assert (draft.name, draft.year, draft.issue, draft.total_issue) == ("政工简讯", 2024, 3, 30)


def test_a_parse_with_errors_cannot_become_an_issue() -> None:
    parsed = ParsedBriefing(issue=1, date=date(2024, 1, 2), source="a.txt",
                            problems=[Problem("坏日期", line=3)])
    with pytest.raises(InputErrors) as caught:
        parsed.to_draft()
    assert caught.value.lines() == ["a.txt有 1 处错误，未导入。", "第3行：坏日期"]


def test_the_masthead_year_counts_unless_the_issue_is_overridden() -> None:
    parsed = ParsedBriefing(year=2020, issue=9, date=date(2021, 1, 3))
    assert parsed.to_draft().year == 2020  # 2020年第9期 printed in early 2021
    assert parsed.to_draft(issue=1).year == 2021
