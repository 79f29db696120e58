"""What the table benchmarks time, shared by bench_big_table.py, bench_scaling.py and the smoke
test: a paged table over a people database, opened to its first paint, filtered key by key,
sorted, scrolled to the end.

Every step ends with the view painted (``viewport().repaint()`` paints synchronously), so a
number is what the user waits for, not only the SQL.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

from fangzhi_desktop.storage.paged_query import PagedQuery
from fangzhi_desktop.storage.people_paging import ROSTER
from fangzhi_desktop.ui.paged_table_model import PagedTableModel

KEYS = ("王", "王伟", "王伟芳")  # one, two (LIKE scans) and three characters (trigram index)


class RosterTableModel(PagedTableModel):
    headers = ("姓名", "科室", "职务", "职级")
    sort_names = ("name", "department", "position", "rank")


NAME, DEPARTMENT, RANK = 0, 1, 3


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def show_painted(window: QWidget, view: QAbstractItemView) -> PaintCounter:
    """Show ``window`` and wait until ``view`` (inside it) has painted once."""
    qt = app()
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    window.show()
    while counter.paints == 0:
        qt.processEvents()
    return counter


def app() -> QApplication:
    instance = QApplication.instance()
    return instance if isinstance(instance, QApplication) else QApplication([])


@dataclass
class OpenTable:
    view: QTableView
    model: RosterTableModel
    counter: PaintCounter

    def paint(self) -> None:
        self.view.viewport().repaint()

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()
        QApplication.processEvents()


def open_table(conn: sqlite3.Connection) -> OpenTable:
    """Model, count, view shown and painted once (the cost of opening the table)."""
    app()
    model = RosterTableModel(PagedQuery(conn, ROSTER))
    model.refresh()
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().hide()
    view.resize(900, 700)
    return OpenTable(view, model, show_painted(view, view))


def type_keys(table: OpenTable) -> list[float]:
    """Milliseconds per keystroke of ``KEYS`` (search, count, first page, paint)."""
    out = []
    for text in KEYS:
        start = time.perf_counter()
        table.model.set_search(text)
        table.paint()
        out.append((time.perf_counter() - start) * 1000)
    table.model.set_search("")
    return out


def sort_by(table: OpenTable, column: int, descending: bool = False) -> float:
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    start = time.perf_counter()
    table.view.sortByColumn(column, order)
    table.paint()
    return (time.perf_counter() - start) * 1000


def scroll_to_end(table: OpenTable) -> float:
    start = time.perf_counter()
    table.view.scrollToBottom()
    table.paint()
    return (time.perf_counter() - start) * 1000


def median_of(fn: Callable[[], float], runs: int) -> tuple[float, float, float]:
    samples = [fn() for _ in range(runs)]
    return statistics.median(samples), min(samples), max(samples)


def timed_open(conn: sqlite3.Connection) -> float:
    start = time.perf_counter()
    table = open_table(conn)
    elapsed = (time.perf_counter() - start) * 1000
    table.close()
    return elapsed


Steps = dict[str, tuple[float, float, float]]


def measure_steps(conn: sqlite3.Connection, runs: int) -> tuple[OpenTable, Steps]:
    """(median, min, max) milliseconds of each step over ``runs`` runs: ``open``, one
    ``key1``… per keystroke of ``KEYS``, ``sort_name`` and ``sort_rank`` (each direction in
    turn); with the table left open on roster order, for steps of the caller's own."""
    steps: Steps = {"open": median_of(lambda: timed_open(conn), runs)}
    table = open_table(conn)
    keys = [type_keys(table) for _ in range(runs)]
    for n in range(len(KEYS)):
        samples = sorted(k[n] for k in keys)
        steps[f"key{n + 1}"] = (samples[len(samples) // 2], samples[0], samples[-1])
    for step, column in (("sort_name", NAME), ("sort_rank", RANK)):
        flips = iter([False, True] * runs)
        steps[step] = median_of(
            lambda c=column, f=flips: sort_by(table, c, next(f)), runs)
    sort_by(table, -1)  # back to roster order
    return table, steps
