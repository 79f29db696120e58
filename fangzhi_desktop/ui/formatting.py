"""How values look on screen: dates, grade colours, tooltips."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtGui import QColor

from fangzhi_desktop.domain.workpoints import Grade

WEEKDAYS = "一二三四五六日"

# Light fills with dark text: readable on light themes and printed screenshots alike.
GRADE_BACKGROUND = {Grade.GREEN: "#C6EFCE", Grade.YELLOW: "#FFEB9C", Grade.RED: "#FFC7CE"}
GRADE_FOREGROUND = {Grade.GREEN: "#006100", Grade.YELLOW: "#7F6000", Grade.RED: "#9C0006"}
GRADE_ORDER = {Grade.RED: 0, Grade.YELLOW: 1, Grade.GREEN: 2}


def iso(value: date | None) -> str:
    """2023-12-31, or "" for no date."""
    return value.isoformat() if value else ""


def cn_date(value: date | None) -> str:
    """2023年12月31日, or "" for no date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def cn_day(value: date) -> str:
    """2026年11月23日（星期一）."""
    return f"{cn_date(value)}（星期{WEEKDAYS[value.weekday()]}）"


def grade_background(grade: Grade) -> QColor:
    return QColor(GRADE_BACKGROUND[grade])


def grade_foreground(grade: Grade) -> QColor:
    return QColor(GRADE_FOREGROUND[grade])


def rich_tooltip(*paragraphs: str) -> str:
    """A tooltip that wraps long Chinese text (rich text wraps, plain text does not)."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return f"<div style='max-width: 480px'>{body}</div>" if body else ""


def units_text(names: list[str] | tuple[str, ...]) -> str:
    return "、".join(names)
