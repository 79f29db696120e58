"""The SQL-paged table model: rows read a page at a time as the view asks, sort and search by
SQL, a sane Qt model."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.storage.paged_query import PagedQuery
from fangzhi_desktop.storage.people import save_people
from fangzhi_desktop.storage.people_paging import ROSTER
from fangzhi_desktop.ui.paged_table_model import PAGE_SIZE, PagedTableModel


class RosterModel(PagedTableModel):
    headers = ("姓名", "科室", "职务", "职级")
    sort_names = ("name", "department", "position", "rank")


def _model(conn: sqlite3.Connection, count: int) -> RosterModel:
    save_people(conn, [Person(name=f"人{n:04d}", department=("甲", "乙")[n % 2])
                       for n in range(count)])
    model = RosterModel(PagedQuery(conn, ROSTER))
    model.refresh()
    return model


def test_only_the_pages_asked_for_are_read(conn: sqlite3.Connection, qtbot) -> None:
    model = _model(conn, 3 * PAGE_SIZE + 7)
    assert model.rowCount() == 3 * PAGE_SIZE + 7 and model.pages_read == 0
    assert model.data(model.index(0, 0)) == "人0000"
    assert model.data(model.index(PAGE_SIZE - 1, 1)) == "乙"  # row 199: odd
    assert model.pages_read == 1
    assert model.data(model.index(3 * PAGE_SIZE + 6, 0)) == f"人{3 * PAGE_SIZE + 6:04d}"
    assert model.pages_read == 2
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.pages_read <= 3  # painting the first screen reads its page, not all four


def test_sort_and_search_by_sql(conn: sqlite3.Connection, qtmodeltester) -> None:
    model = _model(conn, 450)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "人0449"
    assert model.row_of(model.id_at(10) or 0) == 10
    model.set_filter("department", "乙")
    model.set_search("人04")
    assert model.rowCount() == 25  # the odd ones of 人0400–人0449
    assert model.data(model.index(0, 0)) == "人0449"
    model.set_search("")
    model.set_filter("department", None)
    model.refresh()
    assert model.rowCount() == 450
    qtmodeltester.check(model)
