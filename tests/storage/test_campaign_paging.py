"""The flat 台账 paged from SQL: one campaign only, filters (阶段, 责任单位, 状态, 只看逾期),
search over text, unit and person, every column's sort stable in both directions."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from bench.big_campaign import PHASES, fill_campaign
from fangzhi_desktop.storage import transaction
from fangzhi_desktop.storage.campaign_paging import (
    CAMPAIGN_LEDGER,
    ledger_query,
    overdue_count,
    set_overdue_on,
)

TODAY = date(2026, 7, 1)
TASKS = 600


@pytest.fixture
def campaigns(conn: sqlite3.Connection) -> tuple[int, int]:
    with transaction(conn):
        first = fill_campaign(conn, TASKS)
        second = fill_campaign(conn, 40)
    return first, second


def _all(query) -> list[tuple[object, ...]]:
    return query.page(0, 10_000)


def test_one_campaign_in_ledger_order(conn: sqlite3.Connection, campaigns) -> None:
    first, second = campaigns
    query = ledger_query(conn, first)
    assert query.count() == TASKS
    rows = _all(query)
    assert [row[1] for row in rows] == list(range(1, TASKS + 1))
    assert rows[0][3] == PHASES[0] and rows[0][4] == "第1县地方志办公室"
    assert ledger_query(conn, second).count() == 40
    assert query.page(TASKS, 10) == []


def test_filters_are_sql(conn: sqlite3.Connection, campaigns) -> None:
    first, _ = campaigns
    query = ledger_query(conn, first)
    phase_id = conn.execute("SELECT id FROM campaign_phases WHERE campaign_id = ? AND name = ?",
                            (first, PHASES[2])).fetchone()[0]
    query.set_filter("phase", phase_id)
    assert query.count() == TASKS // len(PHASES)
    assert {row[3] for row in _all(query)} == {PHASES[2]}
    query.set_filter("phase", None)
    unit_id = conn.execute("SELECT id FROM units WHERE name = '第2县地方志办公室'").fetchone()[0]
    query.set_filter("unit", unit_id)
    query.set_filter("status", "推进中")
    rows = _all(query)
    assert rows and {(row[4], row[8]) for row in rows} == {("第2县地方志办公室", "推进中")}
    query.set_filter("unit", None)
    query.set_filter("status", None)
    set_overdue_on(query, TODAY)
    late = _all(query)
    assert len(late) == query.count() == overdue_count(conn, first, TODAY) > 0
    assert all(str(row[6]) < TODAY.isoformat() and row[8] in ("未启动", "推进中")
               for row in late)
    set_overdue_on(query, None)
    assert query.count() == TASKS


def test_search_text_unit_and_person(conn: sqlite3.Connection, campaigns) -> None:
    first, _ = campaigns
    query = ledger_query(conn, first)
    query.set_search("旧志 整理")  # whitespace ignored
    assert query.count() > 0 and all("旧志整理" in str(row[2]) for row in _all(query))
    query.set_search("第7县")
    assert query.count() == TASKS // 150
    assert {row[4] for row in _all(query)} == {"第7县地方志办公室"}
    person = str(_all(ledger_query(conn, first))[5][5])
    query.set_search(person)
    assert query.count() > 0 and all(row[5] == person for row in _all(query))
    query.set_search("100%")
    assert query.count() == 0


@pytest.mark.parametrize("key", sorted(CAMPAIGN_LEDGER.sort_keys))
def test_every_sort_is_stable_both_ways(conn: sqlite3.Connection, campaigns, key: str) -> None:
    first, _ = campaigns
    query = ledger_query(conn, first)
    query.set_sort(key)
    up = [row[0] for row in _all(query)]
    paged = [row[0] for offset in range(0, TASKS, 70) for row in query.page(offset, 70)]
    assert paged == up and len(set(up)) == TASKS  # pages neither repeat nor skip a row
    query.set_sort(key, descending=True)
    assert [row[0] for row in _all(query)] == up[::-1]
    row_id = up[123]
    query.set_sort(key)
    assert query.row_of(int(row_id)) == 123  # type: ignore[call-overload]


def test_sort_by_deadline_and_status_orders(conn: sqlite3.Connection, campaigns) -> None:
    first, _ = campaigns
    query = ledger_query(conn, first)
    query.set_sort("deadline")
    deadlines = [str(row[6]) for row in _all(query)]
    assert deadlines == sorted(deadlines)
    query.set_sort("status")
    order = ["未启动", "推进中", "已完成", "已销号"]
    statuses = [order.index(str(row[8])) for row in _all(query)]
    assert statuses == sorted(statuses)
    query.set_sort("grade")
    rows = _all(query)
    open_rows = [row for row in rows if row[8] in ("未启动", "推进中")]
    assert rows[:len(open_rows)] == open_rows  # unfinished first, the nearest deadline first


@pytest.mark.parametrize("few", [5, 2000])
def test_collected_hits_page_and_sort_like_the_scan(conn: sqlite3.Connection, campaigns,
                                                    monkeypatch, few: int) -> None:
    from fangzhi_desktop.storage import paged_query

    monkeypatch.setattr(paged_query, "FEW_MATCHES", few)
    first, _ = campaigns
    query = ledger_query(conn, first)
    query.set_search("第2县")
    hits = query.count()
    assert hits == TASKS // 150
    assert (query._hits is not None) == (hits <= few)  # collected only when few
    query.set_sort("text", descending=True)
    rows = _all(query)
    assert len(rows) == hits and {row[4] for row in rows} == {"第2县地方志办公室"}
    texts = [str(row[2]) for row in rows]
    assert texts == sorted(texts, reverse=True)
    assert query.row_of(int(rows[2][0])) == 2  # type: ignore[call-overload]
    query.set_search("")
    assert query._hits is None and query.count() == TASKS
