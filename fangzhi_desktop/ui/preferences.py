"""The user's choices from 设置 → 选项 that change how the window looks and opens: the large
font for older staff and the year the tabs open on."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.font_scale import refresh_fonts
from fangzhi_desktop.ui.settings import Settings

LARGE_FONT_SCALE = 1.25
_BASE_SIZE = "_fangzhi_base_point_size"


def apply_font(large: bool, app: QApplication | None = None) -> float:
    """Scale the application font to 125 % (or back); returns the point size now in use.

    Every widget follows at once (``font_scale.refresh_fonts``), so this works live."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication):
        return 0.0
    base = getattr(app, _BASE_SIZE, None)
    if base is None:
        base = app.font().pointSizeF()
        setattr(app, _BASE_SIZE, base)
    size = round(base * LARGE_FONT_SCALE, 1) if large else base
    if app.font().pointSizeF() != size:
        font = QFont(app.font())
        font.setPointSizeF(size)
        app.setFont(font)
        refresh_fonts(app)
    return size


def start_year(settings: Settings) -> int | None:
    year = settings.get(keys.START_YEAR)
    return year if year > 0 else None


def show_start_year(tab: Any, settings: Settings) -> None:
    """Show the chosen start year in a freshly built tab (work points, yearbook, learning)
    when the tab has that year; otherwise the tab keeps its own choice."""
    year = start_year(settings)
    if year is None:
        return
    combo = getattr(tab, "year_combo", None)
    if combo is not None and combo.findData(year) >= 0:
        combo.setCurrentIndex(combo.findData(year))
