"""Global search: Chinese substrings, short words, 拼音 initials, exact ID numbers, sync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fangzhi_desktop.storage import migrations, open_database
from fangzhi_desktop.storage.database import connect
from fangzhi_desktop.storage.search import Kind, search


@pytest.fixture
def demo(demo_db: Path) -> sqlite3.Connection:
    conn = open_database(demo_db)
    yield conn
    conn.close()


def _person(conn: sqlite3.Connection) -> tuple[int, str, str]:
    return conn.execute("SELECT id, name, id_number FROM people WHERE id_number IS NOT NULL "
                        "ORDER BY id LIMIT 1").fetchone()


def test_chinese_substring_finds_every_kind_grouped(demo: sqlite3.Connection) -> None:
    hits = search(demo, "地方志")
    kinds = [hit.kind for hit in hits]
    assert Kind.ITEM in kinds
    assert kinds == sorted(kinds)  # grouped in Kind order
    assert all("地方志" in hit.title or hit.kind is not Kind.ITEM for hit in hits)
    item = next(hit for hit in hits if hit.kind is Kind.ITEM)
    assert item.year and item.unit


def test_every_kind_is_searchable(demo: sqlite3.Connection) -> None:
    task = demo.execute("SELECT text, campaign_id FROM campaign_tasks LIMIT 1").fetchone()
    node = demo.execute("SELECT title FROM yearbook_nodes WHERE parent_id IS NOT NULL "
                        "LIMIT 1").fetchone()
    activity = demo.execute("SELECT title FROM learning_activities LIMIT 1").fetchone()
    task_hit = next(h for h in search(demo, task[0][:6]) if h.kind is Kind.TASK)
    assert task_hit.owner_id == task[1] and task_hit.year
    assert any(h.kind is Kind.NODE and h.title == node[0] for h in search(demo, node[0]))
    assert any(h.kind is Kind.ACTIVITY and h.title == activity[0]
               for h in search(demo, activity[0]))


def test_one_or_two_characters_fall_back_to_like(demo: sqlite3.Connection) -> None:
    person_id, name, _ = _person(demo)
    assert any(h.kind is Kind.PERSON and h.ref == person_id for h in search(demo, name[:2]))
    assert {h.title for h in search(demo, "志")} >= {h.title for h in search(demo, "地方志")}


def test_pinyin_initials_find_a_person(demo: sqlite3.Connection) -> None:
    demo.execute("INSERT INTO people (name, department) VALUES ('张三丰', '综合科')")
    assert [h.title for h in search(demo, "zsf") if h.kind is Kind.PERSON] == ["张三丰"]
    assert "张三丰" in [h.title for h in search(demo, "ZS")]


def test_polyphonic_surname_is_found_under_both_readings(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO people (name) VALUES ('曾国藩')")
    assert [h.title for h in search(conn, "zgf")] == ["曾国藩"]
    assert [h.title for h in search(conn, "cgf")] == ["曾国藩"]


def test_full_id_number_finds_the_person_masked(demo: sqlite3.Connection) -> None:
    person_id, name, id_number = _person(demo)
    hits = search(demo, id_number.lower())
    assert [(h.ref, h.title) for h in hits] == [(person_id, name)]
    assert id_number not in hits[0].context and "**********" in hits[0].context
    assert search(demo, id_number[:10]) == []  # part of a number finds nothing
    for hit in search(demo, name):
        assert id_number not in f"{hit.title}{hit.context}{hit.unit}"


def test_index_follows_updates_and_cascading_deletes(demo: sqlite3.Connection) -> None:
    item_id, year = demo.execute(
        "SELECT i.id, p.year FROM work_items i JOIN work_plans p ON p.id = i.plan_id "
        "LIMIT 1").fetchone()
    demo.execute("UPDATE work_items SET text = '编写独一无二的测试条目' WHERE id = ?", (item_id,))
    assert [h.ref for h in search(demo, "独一无二")] == [item_id]
    demo.execute("UPDATE work_items SET status = '已完成' WHERE id = ?", (item_id,))
    assert [h.ref for h in search(demo, "独一无二")] == [item_id]
    demo.execute("DELETE FROM work_plans WHERE year = ?", (year,))
    assert search(demo, "独一无二") == []
    orphans = demo.execute(
        "SELECT count(*) FROM search_index WHERE rowid BETWEEN 1000000000000 AND 1999999999999 "
        "AND rowid - 1000000000000 NOT IN (SELECT id FROM work_items)").fetchone()[0]
    assert orphans == 0


def test_quotes_and_like_wildcards_are_plain_text(demo: sqlite3.Connection) -> None:
    assert search(demo, 'a"b"c') == []
    assert search(demo, "%") == []
    assert search(demo, "_") == []
    assert search(demo, "  ") == []


def test_migration_backfills_existing_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    conn = connect(":memory:")
    everything = migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        tuple(m for m in everything if m[0] != "0010_search_index"))
    migrations.apply_pending(conn)
    conn.execute("INSERT INTO people (name, department) VALUES ('欧阳修', '文献科')")
    monkeypatch.setattr(migrations, "MIGRATIONS", everything)
    assert migrations.apply_pending(conn) == ["0010_search_index"]
    assert [h.title for h in search(conn, "oyx")] == ["欧阳修"]
    assert [h.title for h in search(conn, "文献科")] == ["欧阳修"]
    conn.close()
