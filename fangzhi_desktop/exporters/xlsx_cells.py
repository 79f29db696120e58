"""Cell values that are safe in .xlsx: no formula injection, no characters XML cannot hold."""

from __future__ import annotations

from typing import Any

from fangzhi_desktop.exporters.text_safety import xml_safe

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32767


def clean_text(text: str) -> str:
    """Remove characters XML 1.0 cannot hold and cut to Excel's cell limit."""
    return xml_safe(text)[:MAX_CELL_CHARS]


def needs_text_guard(value: Any) -> bool:
    """True when text would be read as a formula by Excel/WPS or openpyxl."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def set_text(cell: Any, text: str) -> None:
    """Store ``text`` as a literal string, never as a formula (quote-prefixed if needed)."""
    text = clean_text(text)
    cell.value = text
    cell.data_type = "s"
    if needs_text_guard(text):
        cell.quotePrefix = True
