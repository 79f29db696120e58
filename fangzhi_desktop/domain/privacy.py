"""Personal numbers as the window and exports show them by default (个人信息保护法):
``5113**********194X`` and ``138****0000``. Showing one in full is an explicit action."""

from __future__ import annotations

import re

_ID_PATTERN = re.compile(r"(?<!\d)(\d{4})\d{10}(\d{3}[\dXx])(?![\dXx])")
_MOBILE_PATTERN = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_id_number(id_number: str) -> str:
    """Keep the first four and the last four characters: ``5113**********194X``."""
    text = id_number.strip()
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_phone(phone: str) -> str:
    """A mobile keeps 3 + 4 digits (``138****0000``); other numbers keep the last four."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def redact(text: str) -> str:
    """Mask every ID number and mobile number inside free text (logs, error messages)."""
    text = _ID_PATTERN.sub(lambda m: f"{m[1]}**********{m[2]}", text)
    return _MOBILE_PATTERN.sub(lambda m: f"{m[1]}****{m[2]}", text)


def shown_id(id_number: str, full: bool = False) -> str:
    """An ID number as a window or an export shows it: masked unless ``full`` was chosen."""
    return id_number if full or not id_number else mask_id_number(id_number)


def shown_phone(phone: str, full: bool = False) -> str:
    """A phone number as a window or an export shows it: masked unless ``full`` was chosen."""
    return phone if full or not phone else mask_phone(phone)


def shown_text(text: str, full: bool = False) -> str:
    """Free text (an article, a remark) with any ID or mobile number in it masked unless
    ``full``."""
    return text if full or not text else redact(text)


def matches_number(query: str, id_number: str, phone: str = "") -> bool:
    """Whether a search typed in full (an 18-character ID, an 11-digit mobile) names this
    person: masked numbers stay searchable by whoever already knows them."""
    key = "".join(query.split()).upper()
    if len(key) == 18 and id_number and key == id_number.upper():
        return True
    digits = re.sub(r"\D", "", phone)
    return len(key) >= 7 and key.isdigit() and bool(digits) and key == digits
