"""大字体 grows every text: no widget keeps a fixed point size, live or at start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui import preferences
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.font_scale import font_scale, relative_font
from fangzhi_desktop.ui.main_window import TABS

FIXED_RICH_SIZE = re.compile(r"font-size:\s*[\d.]+\s*(pt|px)", re.IGNORECASE)


@pytest.fixture
def base_font(qapp: QApplication):
    """The normal application point size; the font is put back after the test."""
    yield preferences.apply_font(False, qapp)
    preferences.apply_font(False, qapp)


def too_small(tab: QWidget, base: float) -> list[str]:
    """Visible widgets of ``tab`` drawn smaller than the large font × their relative scale,
    and labels whose rich text fixes a size."""
    wanted = base * preferences.LARGE_FONT_SCALE
    found = []
    for widget in [tab, *tab.findChildren(QWidget)]:
        if not widget.isVisibleTo(tab):
            continue
        size = widget.font().pointSizeF()
        if size < wanted * font_scale(widget) * 0.98:  # Qt rounds sizes to its pixel grid
            found.append(f"{type(widget).__name__} {widget.objectName()!r} {size}pt")
        if isinstance(widget, QLabel) and FIXED_RICH_SIZE.search(widget.text()):
            found.append(f"QLabel with a fixed size in {widget.text()[:60]!r}")
    return found


@pytest.mark.parametrize("key", [key for key, _ in TABS])
def test_large_font_at_start_reaches_every_widget(make_window, demo_db: Path, qtbot: QtBot,
                                                  base_font: float, key: str) -> None:
    window = make_window(demo_db, show=True)
    window.settings.set(keys.LARGE_FONT, True)
    window.close()
    window = make_window(demo_db, show=True)  # opens with the large font from the settings
    window.select_tab(key)
    qtbot.wait(20)
    tab = window.tabs.currentWidget()
    assert QApplication.font().pointSizeF() == pytest.approx(base_font * 1.25, abs=0.11)
    assert too_small(tab, base_font) == []


def test_large_font_switched_on_live_reaches_styled_and_scaled_labels(
        make_window, demo_db: Path, qtbot: QtBot, base_font: float) -> None:
    window = make_window(demo_db, show=True)
    dashboard = window.dashboard
    qtbot.waitUntil(dashboard.isVisible)  # built after the first paint, then shown and polished
    scaled = dashboard.date_label
    assert font_scale(scaled) > 1.0
    before = scaled.font().pointSizeF()
    assert before == pytest.approx(base_font * font_scale(scaled), rel=0.02)
    preferences.apply_font(True)
    assert scaled.font().pointSizeF() == pytest.approx(before * 1.25, rel=0.02)
    assert too_small(dashboard, base_font) == []  # style-sheeted labels followed too
    preferences.apply_font(False)
    assert scaled.font().pointSizeF() == pytest.approx(before)


def test_relative_font_keeps_bold_and_scale(qtbot: QtBot, base_font: float) -> None:
    label = relative_font(QLabel("标题"), 1.5, bold=True)
    qtbot.addWidget(label)
    label.setStyleSheet("color: #2F4F6F;")
    assert label.font().bold() and font_scale(label) == 1.5
    assert label.font().pointSizeF() == pytest.approx(base_font * 1.5, rel=0.02)
    assert font_scale(QLabel()) == 1.0
