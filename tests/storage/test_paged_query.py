"""Tables read a page at a time: count, pages, search (LIKE, trigram FTS, a whole ID number),
filters, sort with ties, the position of a row — and the FTS index following every write."""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.storage.paged_query import PagedQuery
from fangzhi_desktop.storage.people import save_people
from fangzhi_desktop.storage.people_paging import LEARNING_PEOPLE, ROSTER, store_year_figures
from tests.importers.roster_builders import make_id

NAMES = ["王丽", "张晓梅", "王淑华", "李100%", "欧阳王丽华", "赵强"]


def _save(conn: sqlite3.Connection) -> list[int]:
    people = [Person(name=name, birth="1985-03", department=("办公室", "编研科")[n % 2],
                     rank=("正科", "一级科员")[n % 2],
                     id_number=make_id(date(1985, 3, 12), n + 1))
              for n, name in enumerate(NAMES)]
    save_people(conn, people)
    return [int(r[0]) for r in conn.execute("SELECT id FROM people ORDER BY roster_order")]


def _names(query: PagedQuery, offset: int = 0, limit: int = 100) -> list[str]:
    return [str(row[1]) for row in query.page(offset, limit)]


def test_pages_in_roster_order(conn: sqlite3.Connection) -> None:
    _save(conn)
    query = PagedQuery(conn, ROSTER)
    assert query.count() == 6
    assert _names(query) == NAMES
    assert _names(query, 2, 2) == ["王淑华", "李100%"]
    assert query.page(6, 10) == []


def test_search_short_long_literal_and_by_whole_id(conn: sqlite3.Connection) -> None:
    _save(conn)
    query = PagedQuery(conn, ROSTER)
    query.set_search("王")  # one character: LIKE
    assert _names(query) == ["王丽", "王淑华", "欧阳王丽华"]
    query.set_search("王 丽")  # spaces ignored
    assert _names(query) == ["王丽", "欧阳王丽华"]
    query.set_search("王丽华")  # three characters: the trigram index
    assert query.count() == 1 and _names(query) == ["欧阳王丽华"]
    query.set_search("%")  # a literal percent sign, not a wildcard
    assert _names(query) == ["李100%"]
    query.set_search(make_id(date(1985, 3, 12), 2))  # the whole ID number
    assert _names(query) == ["张晓梅"]
    query.set_search(make_id(date(1985, 3, 12), 2)[:10])  # part of one finds nobody
    assert query.count() == 0


def test_fts_index_follows_inserts_updates_and_deletes(conn: sqlite3.Connection) -> None:
    ids = _save(conn)
    query = PagedQuery(conn, ROSTER)
    conn.execute("UPDATE people SET name = '司马相如' WHERE id = ?", (ids[0],))
    conn.execute("DELETE FROM people WHERE id = ?", (ids[4],))
    query.set_search("司马相")
    assert _names(query) == ["司马相如"]
    query.set_search("王丽华")
    assert query.count() == 0


def test_sort_filters_and_the_position_of_a_row(conn: sqlite3.Connection) -> None:
    ids = _save(conn)
    query = PagedQuery(conn, ROSTER)
    query.set_filter("department", "编研科")
    assert _names(query) == ["张晓梅", "李100%", "赵强"]
    query.set_filter("department", None)
    query.set_sort("rank")  # ties (same 职级) keep roster order
    assert _names(query) == ["张晓梅", "李100%", "赵强", "王丽", "王淑华", "欧阳王丽华"]
    assert [query.row_of(i) for i in ids] == [3, 0, 4, 1, 5, 2]
    query.set_sort("rank", descending=True)  # the whole order reversed
    assert _names(query) == ["欧阳王丽华", "王淑华", "王丽", "赵强", "李100%", "张晓梅"]
    assert query.row_of(ids[5]) == 3
    query.set_search("王")
    assert query.row_of(ids[1]) == -1  # filtered out


def test_learning_list_sorts_and_filters_on_the_years_figures(conn: sqlite3.Connection) -> None:
    ids = _save(conn)
    shortfall = [0, 10, 0, 30, 5, 0]
    store_year_figures(conn, [(pid, n, NAMES[n], "办公室", "科员", "", 90, 90 - s, 0, s, s == 0, 0)
                              for n, (pid, s) in enumerate(zip(ids, shortfall, strict=True))])
    query = PagedQuery(conn, LEARNING_PEOPLE)
    query.set_sort("status")  # the unfinished first, the largest shortfall first
    assert [row[0] for row in query.page(0, 3)] == [ids[3], ids[1], ids[4]]
    query.set_filter("complete", False)
    assert query.count() == 3
    query.set_search("欧阳王丽华")  # the trigram index over people
    assert query.page(0, 10) == [(ids[4],)]
    query.set_search(make_id(date(1985, 3, 12), 2))  # a whole ID number
    assert query.count() == 1 and query.page(0, 10) == [(ids[1],)]
    query.set_search("")
    store_year_figures(conn, [(ids[0], 0, "王丽", "办公室", "", "", 90, 0, 0, 90, False, 0)])
    assert query.count() == 1 and query.page(0, 10) == [(ids[0],)]  # replaced


def test_a_bulk_import_rebuilds_the_name_index_once(conn: sqlite3.Connection) -> None:
    people = [Person(name=f"公孙{n:04d}", id_number=make_id(date(1970 + n // 500, 1, 1), n % 500))
              for n in range(2500)]
    save_people(conn, people)  # over the bulk threshold: triggers stand aside, one rebuild
    query = PagedQuery(conn, ROSTER)
    query.set_search("孙0417")
    assert _names(query) == ["公孙0417"]
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'people_fts_bulk'").fetchone() \
        == (0,)
    conn.execute("UPDATE people SET name = '上官婉儿' WHERE name = '公孙0417'")  # triggers back
    query.set_search("上官婉")
    assert _names(query) == ["上官婉儿"]
