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
