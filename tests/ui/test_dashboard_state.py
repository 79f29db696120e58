"""总览 remembers the chosen chart, its splitter sizes and column widths across a restart; its
cards and columns read well on any database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fangzhi_desktop.domain.workpoints import Grade
from fangzhi_desktop.ui.dashboard_charts import SPECS
from fangzhi_desktop.ui.formatting import GRADE_BACKGROUND


def share(sizes: list[int]) -> float:
    return sizes[0] / sum(sizes)


def test_chart_and_splitters_survive_a_restart(make_window, demo_db: Path,
                                               qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.chart is not None, timeout=3000)
    assert dash.chart.selector.currentIndex() == 0  # the first chart until one is chosen
    chosen = SPECS[2]
    dash.chart.selector.activated.emit(2)  # what choosing in the list sends
    dash.chart.selector.setCurrentIndex(2)
    dash.middle_splitter.setSizes([700, 500])
    dash.middle_splitter.splitterMoved.emit(700, 1)  # what dragging the handle sends
    dash.lists_splitter.setSizes([200, 300])
    dash.lists_splitter.splitterMoved.emit(200, 1)
    middle, lists = dash.middle_splitter.sizes(), dash.lists_splitter.sizes()
    assert share(middle) != pytest.approx(0.6, abs=0.01)  # not the default 3 : 2
    dash.overdue_view.horizontalHeader().resizeSection(4, 150)
    window.close()

    again = make_window(demo_db, show=True)
    dash = again.dashboard
    qtbot.waitUntil(lambda: dash.chart is not None, timeout=3000)
    assert dash.chart.selector.currentData() == chosen.key
    assert dash.chart.current_page().spec is chosen
    # restoreGeometry fits the window to the (small, offscreen) screen: compare the shares
    assert share(dash.middle_splitter.sizes()) == pytest.approx(share(middle), abs=0.01)
    assert share(dash.lists_splitter.sizes()) == pytest.approx(share(lists), abs=0.01)
    assert dash.overdue_view.horizontalHeader().sectionSize(4) == 150


def test_columns_fit_their_chinese_headers(make_window, demo_db: Path) -> None:
    window = make_window(demo_db, show=True)
    for view in (window.dashboard.overdue_view, window.dashboard.due_view):
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(view.model().columnCount()):
            title = view.model().headerData(column, header.orientation())
            assert header.sectionSize(column) > metrics.horizontalAdvance(title), title


def test_cards_are_green_when_nothing_is_late(make_window, demo_db: Path, tmp_path: Path) -> None:
    busy = make_window(demo_db).dashboard
    assert GRADE_BACKGROUND[Grade.RED] in busy.overdue_card.styleSheet()
    assert GRADE_BACKGROUND[Grade.YELLOW] in busy.due_card.styleSheet()
    empty = make_window(tmp_path / "empty.db").dashboard
    for card in (empty.overdue_card, empty.due_card):
        assert GRADE_BACKGROUND[Grade.GREEN] in card.styleSheet()
        assert ">0<" in card.text()
