"""What the 专项活动 台账 benchmarks time, shared by bench_campaign_ledger.py and the smoke
test: the flat paged table of a campaign's tasks (``ui/campaign_ledger_view.LedgerTable``)
opened to its first paint, searched key by key, sorted by every column. Every step ends with
the view painted."""

from __future__ import annotations

import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt

from bench.big_campaign import TODAY, YEAR
from bench.table_cases import PaintCounter, app, show_painted
from fangzhi_desktop.ui.campaign_ledger_view import LedgerTable

KEYS = ("王", "王伟", "第7县")  # a surname, a person, a unit (LIKE scans over text/unit/person)


@dataclass
class OpenLedger:
    view: LedgerTable
    conn: sqlite3.Connection
    campaign_id: int
    counter: PaintCounter

    def paint(self) -> None:
        self.view.viewport().repaint()

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()
        app().processEvents()


def campaign_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT min(id) FROM campaign_activities").fetchone()[0])


def open_ledger(conn: sqlite3.Connection, search: str = "") -> OpenLedger:
    """The table queried (count, first page) and shown painted once."""
    app()
    campaign_id = campaign_of(conn)
    view = LedgerTable()
    view.show_campaign(conn, campaign_id, YEAR, TODAY, unit_id=None, status=None,
                       overdue=False, search=search)
    view.resize(1000, 700)
    return OpenLedger(view, conn, campaign_id, show_painted(view, view))


def timed_open(conn: sqlite3.Connection) -> float:
    start = time.perf_counter()
    ledger = open_ledger(conn)
    elapsed = (time.perf_counter() - start) * 1000
    ledger.close()
    return elapsed


def type_keys(ledger: OpenLedger) -> list[float]:
    """Milliseconds per keystroke of ``KEYS`` (a new query: count, first page, paint)."""
    out = []
    for text in KEYS:
        start = time.perf_counter()
        ledger.view.show_campaign(ledger.conn, ledger.campaign_id, YEAR, TODAY, unit_id=None,
                                  status=None, overdue=False, search=text)
        ledger.paint()
        out.append((time.perf_counter() - start) * 1000)
    ledger.view.show_campaign(ledger.conn, ledger.campaign_id, YEAR, TODAY, unit_id=None,
                              status=None, overdue=False, search="")
    return out


def sort_by(ledger: OpenLedger, column: int, descending: bool = False) -> float:
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    start = time.perf_counter()
    ledger.view.sortByColumn(column, order)
    ledger.paint()
    return (time.perf_counter() - start) * 1000


def overdue_only(ledger: OpenLedger) -> float:
    start = time.perf_counter()
    ledger.view.show_campaign(ledger.conn, ledger.campaign_id, YEAR, TODAY, unit_id=None,
                              status=None, overdue=True, search="")
    ledger.paint()
    return (time.perf_counter() - start) * 1000
