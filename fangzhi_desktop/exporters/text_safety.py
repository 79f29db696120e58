"""Text that every file format can hold: no control characters XML 1.0 forbids."""

from __future__ import annotations

import re

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Remove characters that make Word, WPS and Excel refuse a file."""
    return _XML_ILLEGAL.sub("", text)
