"""ID-number rules (GB 11643, ISO 7064 MOD 11-2), names, and roster dates → ``YYYY-MM``."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fangzhi_desktop.domain.people import (
    FIELDS,
    PERSON_FIELDS,
    Person,
    id_birth_date,
    id_birth_month,
    id_check_char,
    id_number_problem,
    id_sex,
    normalise_id_number,
    normalise_name,
    normalise_sex,
    to_month,
)
from tests.importers.roster_builders import check_char, make_id, with_bad_checksum

# The worked example printed in GB 11643-1999.
STANDARD_EXAMPLE = "11010519491231002X"


def test_the_check_character_of_the_standard_example_is_x() -> None:
    assert id_check_char(STANDARD_EXAMPLE[:17]) == "X"
    assert id_number_problem(STANDARD_EXAMPLE) is None


@pytest.mark.parametrize("first17", ["22010219850312003", "51010419900101002",
                                     "37010219741231999", "22010420000229000"])
def test_check_character_agrees_with_an_independent_computation(first17: str) -> None:
    assert id_check_char(first17) == check_char(first17)


def test_synthetic_ids_are_valid_and_carry_birth_date_and_sex() -> None:
    man = make_id(date(1985, 3, 12), 7, male=True, region="510104")
    woman = make_id(date(1990, 10, 1), 7, male=False)
    assert id_number_problem(man) is None and id_number_problem(woman) is None
    assert id_birth_date(man) == date(1985, 3, 12) and id_birth_month(man) == "1985-03"
    assert id_sex(man) == "男" and id_sex(woman) == "女"


@pytest.mark.parametrize(("value", "words"), [
    (with_bad_checksum(STANDARD_EXAMPLE), ["校验位", "应为“X”"]),
    ("2201021985031200", ["应为18位", "16位"]),
    ("2201021985031200351", ["19位"]),
    ("22010219850312003A", ["非法字符"]),
    ("22010219851312003" + check_char("22010219851312003"), ["出生日期", "19851312"]),
    ("220102850312003", ["15位旧号码"]),
])
def test_invalid_id_numbers_say_why(value: str, words: list[str]) -> None:
    problem = id_number_problem(value)
    assert problem is not None
    for word in words:
        assert word in problem


@pytest.mark.parametrize(("raw", "expected"), [
    ("11010519491231002x", STANDARD_EXAMPLE),
    ("１１０１０５１９４９１２３１００２Ｘ", STANDARD_EXAMPLE),
    (" 110105 19491231 002X\n", STANDARD_EXAMPLE),
    ("110105\u300019491231002x", STANDARD_EXAMPLE),
])
def test_id_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalise_id_number(raw) == expected


def test_names_lose_every_kind_of_whitespace_but_keep_rare_characters() -> None:
    assert normalise_name(" 张　三 ") == "张三"
    assert normalise_name("欧阳\xa0 娜娜\n") == "欧阳娜娜"
    assert normalise_name("\u200b王𠀀䶮\ufeff") == "王𠀀䶮"
    assert normalise_name("李\uf900") == "李\uf900"  # a compatibility ideograph stays as typed


def test_sex_spellings() -> None:
    assert [normalise_sex(s) for s in ("男", " 女 ", "男性", "f", "M", "未知")] == \
        ["男", "女", "男", "女", "男", "未知"]


@pytest.mark.parametrize(("value", "expected"), [
    (date(1985, 3, 12), "1985-03"),
    (datetime(1974, 8, 1, 0, 0), "1974-08"),
    ("1985.03", "1985-03"),
    ("1985.3", "1985-03"),
    ("1985.10", "1985-10"),
    ("1985年3月", "1985-03"),
    ("1985年03月12日", "1985-03"),
    ("19850312", "1985-03"),
    ("198503", "1985-03"),
    ("1974-08", "1974-08"),
    ("1974-08-20", "1974-08"),
    ("1985/3", "1985-03"),
    ("1985/3/12", "1985-03"),
    ("1985.03.12", "1985-03"),
    ("１９８５．０３", "1985-03"),
    (" 1985 年 3 月 ", "1985-03"),
    ("1985-03-12 00:00:00", "1985-03"),
    (1985.03, "1985-03"),
    (1985.3, "1985-03"),
    (1985.11, "1985-11"),
    (1985.12, "1985-12"),
    (19850312, "1985-03"),
    (19850312.0, "1985-03"),
    (198503.0, "1985-03"),
    ("", ""),
    ("  ", ""),
])
def test_every_date_spelling_becomes_year_month(value: object, expected: str) -> None:
    assert to_month(value) == (expected, "")


def test_a_number_like_1985_1_is_decided_by_the_hint_or_read_as_january_with_a_warning() -> None:
    assert to_month(1985.1, hint_month=10) == ("1985-10", "")
    assert to_month(1985.1, hint_month=1) == ("1985-01", "")
    month, warning = to_month(1985.1)
    assert month == "1985-01" and "1月还是10月" in warning
    month, warning = to_month(1985.1, hint_month=3)
    assert month == "1985-01" and warning
    assert to_month("1985.1") == ("1985-01", "")  # text keeps what was typed


@pytest.mark.parametrize("value", ["1985", 1985, "1985.13", 1985.13, "abc", "1985年", "85.3",
                                   "19851332", 19851332, "1985-02-30", "1850.01"])
def test_unrecognised_dates_raise_a_chinese_message(value: object) -> None:
    with pytest.raises(ValueError) as caught:
        to_month(value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))


def test_person_fields_follow_the_canonical_order() -> None:
    assert tuple(f for f in FIELDS if f != "seq") == PERSON_FIELDS
    person = Person(name="张三", birth="1985-03")
    assert list(person.as_json()) == list(PERSON_FIELDS)
