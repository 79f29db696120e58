"""Lines of an official text as the parsers see them, and the numbering they share.

Text copied from PDF or the web carries stray spaces, U+3000 indents, zero-width characters and
page numbers (``—4—``, ``第4页``); the parsers read clean, numbered lines instead.
"""

from __future__ import annotations

import re
import unicodedata

from fangzhi_desktop.importers.text_source import SourceLine

SPACES = re.compile(r"[\s\u3000\xa0\ufeff\u200b]+")
PAGE_NUMBER = re.compile(
    r"^(?:[—\-－–_~一]+\s*\d{1,3}\s*[—\-－–_~一]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$"
)
# 一、… sections, （一）… sub-headings and 1.… numbered items.
SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
SUBHEADING = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$")
ITEM = re.compile(r"^([0-9０-９]{1,3})\s*[.．、]\s*(.*)$")
FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def clean_lines(raw: list[SourceLine]) -> list[SourceLine]:
    """Stripped, NFC-normalised lines without blanks and page numbers, numbers kept."""
    out: list[SourceLine] = []
    for line in raw:
        text = unicodedata.normalize("NFC", SPACES.sub(" ", line.text).strip())
        if text and not PAGE_NUMBER.match(text):
            out.append(SourceLine(line.number, text))
    return out


def compact(text: str) -> str:
    """``text`` without any whitespace (PDF text puts spaces inside words and dates)."""
    return SPACES.sub("", text)
