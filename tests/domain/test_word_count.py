"""Word's 字数 as yearbook editors quote it: Chinese characters and Chinese punctuation one
each, a run of Latin letters or digits one word, half-width punctuation alone nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fangzhi_desktop.domain.word_count import WordCount, count_words


def test_a_real_entry_sentence_counts_like_word() -> None:
    text = "2023年，全县GDP增长12.5%，BTX项目完成投资3.6亿元。"
    # 2023 | 年 ， 全 县 | GDP | 增 长 | 12.5% | ， | BTX | 项 目 完 成 投 资 | 3.6 | 亿 元 。
    assert count_words(text) == WordCount(chinese_chars=13, chinese_punct=3, latin_words=2,
                                          digits_runs=3)
    assert count_words(text).total == 21


def test_the_docstring_example() -> None:
    count = count_words("2023年GDP增长12.5%。")
    assert (count.chinese_chars, count.chinese_punct, count.latin_words, count.digits_runs,
            count.total) == (3, 1, 1, 2, 7)


def test_a_paragraph_of_a_yearbook_entry() -> None:
    text = ("【粮食生产】2025年，全县粮食播种面积52.3万亩，总产量21.6万吨，同比增长3.2%。"
            "新建高标准农田1.2万亩，“5G+智慧农业”示范基地通过验收。")
    count = count_words(text)
    # 粮食生产 年 全县粮食播种面积 万亩 总产量 万吨 同比增长 新建高标准农田 万亩 智慧农业 示范基地通过验收
    assert count == WordCount(chinese_chars=45, chinese_punct=10,  # 【】，，，。，“”。
                              latin_words=1,  # 5G+ (the + sticks to it)
                              digits_runs=5)  # 2025 52.3 21.6 3.2% 1.2
    assert count.total == 61


@pytest.mark.parametrize(("text", "total"), [
    ("", 0),
    ("   \n\t\u3000\r\n", 0),  # spaces, the full-width space and line breaks never count
    ("年鉴", 2),
    ("年 鉴", 2),
    ("GDP", 1), ("GDP BTX", 2), ("GDP,BTX", 1), ("GDP, BTX", 2),
    ("2023-2024", 1), ("1,234.5", 1), ("COVID-19", 1), ("PM2.5", 1), ("12.5%", 1),
    ("12.5％", 2),  # the full-width percent sign is Chinese punctuation
    ("ＧＤＰ", 3), ("２０２３", 4),  # full-width letters and digits count one each
    ("——", 2), ("……", 2), ("“年鉴”", 4), ("《年鉴》", 4),
    ("阿卜杜·热合曼", 7),
    ("增长(同比)", 4),  # half-width brackets alone add nothing
    ("a - b", 2), (" - ", 0), ("——2023——", 5),
    ("①②③", 3), ("25℃", 2),
    ("\u200b年\ufeff鉴", 2),  # zero-width characters are ignored
    ("Müller café", 2), ("αβ粒子", 3),
])
def test_rule_by_example(text: str, total: int) -> None:
    assert count_words(text).total == total


def test_as_json_has_every_part_and_the_total() -> None:
    assert count_words("年鉴GDP 12").as_json() == {
        "chinese_chars": 2, "chinese_punct": 0, "latin_words": 1, "digits_runs": 1, "total": 4}


def test_counts_add_up() -> None:
    assert count_words("年鉴") + count_words("GDP 12") == count_words("年鉴 GDP 12")


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@given(TEXT, TEXT)
def test_text_separated_by_a_space_counts_as_the_sum_of_its_parts(a: str, b: str) -> None:
    assert count_words(f"{a} {b}").total == count_words(a).total + count_words(b).total


@given(st.text(alphabet="年鉴志书编纂方县", max_size=50))
def test_chinese_characters_count_one_each(text: str) -> None:
    assert count_words(text) == WordCount(chinese_chars=len(text))
