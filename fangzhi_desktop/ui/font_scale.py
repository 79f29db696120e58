"""Fonts relative to the application font, so 设置 → 选项 → 大字体 grows every text.

Never give a widget a fixed point size (``font-size: 11pt`` in a style sheet, ``setPointSize``):
call ``relative_font(label, 1.2, bold=True)`` instead, and in rich text use the relative HTML
sizes of ``RICH_SIZES``. ``refresh_fonts()`` (called when the application font changes) brings
every widget up to the new size, including those with a style sheet, which Qt leaves behind.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

SCALE_PROPERTY = "fangzhiFontScale"
BOLD_PROPERTY = "fangzhiFontBold"

# Qt's rich text sizes these keywords relative to the label's own font.
RICH_SIZES = {"small": 0.8, "medium": 1.0, "large": 1.2, "x-large": 1.5, "xx-large": 2.0}

W = TypeVar("W", bound=QWidget)


def relative_font(widget: W, scale: float = 1.0, *, bold: bool = False) -> W:
    """Give ``widget`` the application font × ``scale`` (and bold); kept on font changes."""
    widget.setProperty(SCALE_PROPERTY, float(scale))
    widget.setProperty(BOLD_PROPERTY, bool(bold))
    _apply(widget)
    return widget


def font_scale(widget: QWidget) -> float:
    """The scale ``relative_font`` gave ``widget`` (1.0 for widgets that follow the app font)."""
    value = widget.property(SCALE_PROPERTY)
    return float(value) if isinstance(value, int | float) else 1.0


def refresh_fonts(app: QApplication | None = None) -> None:
    """After the application font changed: resize relative fonts and re-read style sheets."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication):
        return
    # Qt posts the change to the widgets; deliver it first so style sheets read the new size.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    for widget in app.allWidgets():
        if widget.property(SCALE_PROPERTY) is not None:
            _apply(widget)
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)  # style-sheeted widgets keep their old font otherwise


def _apply(widget: QWidget) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(max(1.0, QApplication.font().pointSizeF() * font_scale(widget)))
    font.setBold(bool(widget.property(BOLD_PROPERTY)))
    widget.setFont(font)
