"""总览's charts: built lazily, one per figure, each copied or saved as PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.main_window import MainWindow


def test_charts_are_not_on_the_start_up_path(tmp_path: Path) -> None:
    """Building the window (not yet shown) imports neither QtCharts nor the chart modules."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from fangzhi_desktop.ui.main_window import MainWindow\n"
        "from fangzhi_desktop.ui.settings import Settings\n"
        f"w = MainWindow({str(tmp_path / 'new.db')!r}, settings=Settings.in_memory())\n"
        "bad = [m for m in sys.modules if 'QtCharts' in m or 'dashboard_charts' in m]\n"
        "assert not bad, bad\n"
        "w.shutdown()\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_every_chart_of_the_demo_is_drawn(make_window, demo_db: Path) -> None:
    window: MainWindow = make_window(demo_db, show=True)
    panel = window.dashboard.ensure_chart()
    assert panel.selector.count() == 7
    for key in ("status", "section", "unit", "month", "burn", "receipts", "learning"):
        page = panel.show_chart(key)
        assert page.frame is not None, key
        assert page.stack.currentWidget() is page.frame
        assert page.frame.view.chart().title()
    burn = panel.page("burn")
    assert burn.campaign_combo is not None and burn.campaign_combo.count() == 2
    assert "三大攻坚" in burn.frame.view.chart().title()
    burn.campaign_combo.setCurrentIndex(1)
    burn.campaign_combo.activated.emit(1)
    assert "学习吴志宏" in burn.frame.view.chart().title()


def test_copy_chart_puts_an_image_on_the_clipboard(make_window, demo_db: Path) -> None:
    window: MainWindow = make_window(demo_db, show=True)
    frame = window.dashboard.ensure_chart().show_chart("unit").frame
    QGuiApplication.clipboard().clear()
    frame.copy_action.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert (image.width(), image.height()) == (1920, 1080)
    menu = frame.context_menu()
    assert [a.text() for a in menu.actions()] == ["复制图表", "保存为PNG…"]


def test_save_chart_as_png(make_window, demo_db: Path, tmp_path: Path, monkeypatch) -> None:
    window: MainWindow = make_window(demo_db, show=True)
    frame = window.dashboard.ensure_chart().show_chart("learning").frame
    asked: list[str] = []

    def answer(_parent, _title, _filter, suggested=""):
        asked.append(suggested)
        return tmp_path / "学时"

    monkeypatch.setattr(prompts, "save_file", answer)
    path = frame.save()
    assert asked == ["干部学习：各科室人均学时.png"]
    assert path == tmp_path / "学时.png"
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1920, 1080)
    monkeypatch.setattr(prompts, "save_file", lambda *_args, **_kw: None)
    assert frame.save() is None


def test_refresh_redraws_after_a_change(make_window, demo_db: Path) -> None:
    window: MainWindow = make_window(demo_db, show=True)
    dash = window.dashboard
    panel = dash.ensure_chart()
    page = panel.show_chart("status")
    first = page.frame
    dash.refresh()
    assert page.frame is not None and page.frame is not first
    assert panel.page("receipts").stale  # the others wait until they are shown


def test_empty_database_says_why(make_window, tmp_path: Path) -> None:
    window: MainWindow = make_window(tmp_path / "new.db", show=True)
    panel = window.dashboard.ensure_chart()
    for key in ("status", "burn", "receipts", "learning"):
        page = panel.show_chart(key)
        assert page.frame is None and page.stack.currentWidget() is page.empty
    assert panel.images() == {}
