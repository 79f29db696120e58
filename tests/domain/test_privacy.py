"""Masking of ID and phone numbers."""

from __future__ import annotations

from fangzhi_desktop.domain.privacy import mask_id_number, mask_phone, redact


def test_id_numbers_keep_four_and_four() -> None:
    assert mask_id_number("51132319880604194X") == "5113**********194X"
    assert mask_id_number("1234") == "****"


def test_phones() -> None:
    assert mask_phone("13800000000") == "138****0000"
    assert mask_phone("138-0000-0000") == "138****0000"
    assert mask_phone("0431-88881234") == "********1234"


def test_free_text_is_redacted() -> None:
    text = "张三，身份证号51132319880604194X，手机13912345678，座机88881234。"
    assert redact(text) == "张三，身份证号5113**********194X，手机139****5678，座机88881234。"


def test_the_log_never_holds_an_id_number() -> None:
    from fangzhi_desktop.logs import log_bug

    try:
        raise ValueError("身份证号51132319880604194X校验失败，电话13800001111")
    except ValueError as exc:
        path = log_bug(exc)
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "51132319880604194X" not in text and "13800001111" not in text
    assert "5113**********194X" in text


def test_shown_numbers_and_whole_number_search() -> None:
    from fangzhi_desktop.domain.privacy import (
        matches_number,
        shown_id,
        shown_phone,
        shown_text,
    )

    assert shown_id("51132219900101194X") == "5113**********194X"
    assert shown_id("51132219900101194X", full=True) == "51132219900101194X"
    assert shown_phone("13800000000") == "138****0000"
    assert shown_id("") == "" and shown_phone("") == ""
    assert shown_text("联系 13800000000") == "联系 138****0000"
    assert shown_text("联系 13800000000", full=True) == "联系 13800000000"
    assert matches_number("51132219900101194x", "51132219900101194X")
    assert matches_number("138 0000 0000", "", "138-0000-0000")
    assert not matches_number("5113221990", "51132219900101194X")
    assert not matches_number("0000", "", "13800000000")
