"""The demo campaigns: seed 000 imported and followed up, and a ledger campaign of the current
year (modelled on seed 004) that looks alive on the test day and on any other."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.demo import campaigns as demo
from fangzhi_desktop.domain.calendar import load_official
from fangzhi_desktop.domain.workpoints import Grade, Status
from fangzhi_desktop.progress import no_progress
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage import open_database
from tests.conftest import DEMO_TODAY


@pytest.fixture
def demo_conn(demo_db: Path) -> sqlite3.Connection:
    conn = open_database(demo_db)
    yield conn
    conn.close()


def test_the_demo_holds_both_campaigns(demo_conn: sqlite3.Connection) -> None:
    today = {c.title: p.text() for c, p in store.campaigns_today(demo_conn, DEMO_TODAY)}
    assert today == {
        "2026年地方志工作“三大攻坚”专项行动实施方案": "集中攻坚阶段",
        "在全市地方志系统开展“学习吴志宏、建功新时代”主题宣教活动实施方案": "常态化学习阶段"}


def test_seed_000_was_imported_from_its_text_and_followed_up(
        demo_conn: sqlite3.Connection) -> None:
    seed = next(c for c in store.list_campaigns(demo_conn) if c.year == 2021)
    assert seed.source_file.endswith("000_d1fb1299b6599f8a.txt")
    tasks = store.list_tasks(demo_conn, seed.id)
    assert len(tasks) == 10 and len(store.list_phases(demo_conn, seed.id)) == 4
    done = [t for t in tasks if t.phase_name != "常态化学习阶段"]
    assert all(t.status.finished for t in done)
    assert {t.closed_by for t in done if t.status is Status.CLOSED} == {"刘志远"}
    ongoing = [t for t in tasks if t.phase_name == "常态化学习阶段"]
    assert [t.status for t in ongoing] == [Status.IN_PROGRESS] * 2
    assert all(t.last_progress_date and t.last_progress_date <= DEMO_TODAY for t in ongoing)


def test_the_ledger_campaign_is_realistic_and_alive(demo_conn: sqlite3.Connection) -> None:
    ledger = next(c for c in store.list_campaigns(demo_conn) if c.year == 2026)
    tasks = store.list_tasks(demo_conn, ledger.id)
    assert len(tasks) == 30
    assert Counter(t.group for t in tasks) == dict.fromkeys(demo.PLANS, 10)
    assert all(t.unit and t.person and t.deadline_phrase for t in tasks)
    assert len({t.unit for t in tasks}) == 10
    assert all(t.steps_total == 2 for t in tasks)
    assert any("周" in t.deadline_phrase for t in tasks)
    grades = Counter(t.grade(DEMO_TODAY) for t in tasks)
    assert grades[Grade.RED] == 5 and grades[Grade.YELLOW] == 5
    statuses = Counter(t.status for t in tasks)
    assert statuses[Status.CLOSED] == 7 and statuses[Status.DONE] == 3
    closed = [t for t in tasks if t.status is Status.CLOSED]
    assert all(t.closed_by == demo.CONFIRMER and t.status_date <= DEMO_TODAY for t in closed)
    extended = [t for t in tasks if t.extensions]
    assert len(extended) == 2 and all(t.deadline > t.deadline_issued for t in extended)
    assert all(t.extension_reasons for t in extended)
    late = [t for t in tasks if t.overdue(DEMO_TODAY)]
    urged = [e for t in late for e in followup.task_log(demo_conn, t.id)
             if e.kind.value == "催办"]
    assert len(urged) == len(late)
    entries = [e for t in tasks for e in followup.task_log(demo_conn, t.id)]
    assert max(e.entry_date for e in entries) <= DEMO_TODAY


@pytest.mark.parametrize("today", [date(2026, 1, 6), date(2026, 6, 15), date(2027, 3, 1),
                                   date(2026, 12, 30)])
def test_the_demo_looks_alive_on_any_day(conn: sqlite3.Connection, today: date) -> None:
    demo.add(conn, today, no_progress)
    ledger = next(c for c in store.list_campaigns(conn) if c.year == today.year)
    tasks = store.list_tasks(conn, ledger.id)
    grades = Counter(t.grade(today) for t in tasks)
    assert grades[Grade.RED] == 5 and grades[Grade.GREEN] >= 15
    entries = [e for t in tasks for e in followup.task_log(conn, t.id)]
    assert max(e.entry_date for e in entries) <= today


def test_week_phrases_of_the_demo() -> None:
    cal = load_official()
    assert demo.week_phrase(date(2026, 11, 6), 2026, cal, month_form=False) == "第45周"
    assert demo.week_phrase(date(2026, 8, 31), 2026, cal, month_form=True) == "9月第1周"
    assert demo.week_phrase(date(2025, 12, 10), 2026, cal, month_form=False) == "2025年第50周"
    # A week in a year whose holidays are not known: the date itself, never a guess.
    assert demo.week_phrase(date(2027, 1, 14), 2026, cal, month_form=False) == "2027年1月14日"
