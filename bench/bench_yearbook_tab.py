"""Opening the 年鉴编纂 tab on a volume of 3,000 条目 written by 300 units (offscreen).

Target: ≤ 150 ms (median of ≥ 7 runs) to build the tab widget on the volume — the volume read
through ``load_view``, the 篇目 tree, the 供稿单位 table and the stage strip filled — and paint
it once at the window's size (``QWidget.grab``). Also timed: refreshing the open tab (what every
undoable edit does) and painting the 供稿单位 sub-tab when it is first shown.
The data is ``bench.bench_yearbook``'s: half the 条目 received, a third of those returned.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_yearbook import ENTRIES, TODAY, UNITS, build
from bench.common import measure, report

SIZE = (1240, 700)  # the tab's area in a 1280×800 window


def main() -> int:
    from PySide6.QtGui import QUndoStack

    from fangzhi_desktop.storage import open_database
    from fangzhi_desktop.ui.app import create_application
    from fangzhi_desktop.ui.settings import Settings
    from fangzhi_desktop.ui.yearbook_tab import YearbookTab

    app = create_application()
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.db"
    build(path)
    conn = open_database(path)
    settings = Settings(folder / "settings.ini")
    stack = QUndoStack()
    tabs: list[YearbookTab] = []

    def open_tab() -> None:
        tab = YearbookTab(conn, path, stack, lambda: TODAY, settings)
        tab.resize(*SIZE)
        tab.grab()  # lays out and paints once: tree rows, strip chips, header
        tabs.append(tab)

    def dispose() -> None:
        while tabs:
            tabs.pop().deleteLater()
        app.processEvents()

    open_tab()  # warm-up: fonts, style sheets, first load
    tab = tabs[0]
    assert tab.view is not None and tab.view.totals.entries == ENTRIES, tab.view
    assert tab.view.totals.units == UNITS
    assert tab.tree_model.rowCount() > 0 and tab.strip.chips
    dispose()

    def refresh() -> None:
        tab.reload()
        tab.grab()

    def units_view() -> None:
        tab.views.setCurrentIndex(1)
        tab.grab()
        tab.views.setCurrentIndex(0)

    timings = [measure(f"open the tab: {ENTRIES} 条目, {UNITS} units, painted once",
                       open_tab, runs=9, setup=dispose)]
    dispose()
    open_tab()
    tab = tabs[0]
    assert tab.units_model.rowCount() == UNITS, tab.units_model.rowCount()
    timings += [
        measure("refresh the open tab (after an edit), painted", refresh, runs=9),
        measure("show the 供稿单位 sub-tab, painted", units_view, runs=9),
    ]
    dispose()
    conn.close()
    checks = [
        ("open tab ms", timings[0].median_ms, 150),
        ("refresh ms", timings[1].median_ms, 150),
    ]
    return 0 if report("yearbook_tab", timings, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
