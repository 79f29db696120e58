"""The one place the window asks, before an export with people in it, whether ID and phone
numbers go in full (the tick box 包含完整身份证号和电话, unticked each time); the kinds are
listed in ``operations/people_exports.py``, as for ``fangzhi export --full-ids``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fangzhi_desktop.operations.people_exports import (
    FULL_NUMBERS_LABEL,
    contains_people,
    numbers_note,
)
from fangzhi_desktop.ui import prompts


def ask_full_numbers(parent: QWidget | None, kind: str, title: str) -> bool | None:
    """False (masked) or True (in full) for export ``kind``; None when the user cancelled.
    Kinds without people are never asked about (False)."""
    if not contains_people(kind):
        return False
    return prompts.full_numbers(parent, title, numbers_note(kind), FULL_NUMBERS_LABEL)
