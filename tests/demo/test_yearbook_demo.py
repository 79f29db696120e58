"""The demo yearbook: a county volume of the current year halfway through 组稿, with about half
the 条目 received, some units late and one 条目 well over its budget — on any day."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from fangzhi_desktop.demo import yearbook as demo
from fangzhi_desktop.domain.yearbook import BudgetStatus, entries_of
from fangzhi_desktop.domain.yearbook_stages import StageState
from fangzhi_desktop.progress import no_progress
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.yearbook_manuscripts import manuscript_content
from fangzhi_desktop.storage.yearbook_view import load_view
from tests.conftest import DEMO_TODAY


@pytest.fixture
def demo_conn(demo_db: Path) -> Iterator[sqlite3.Connection]:
    conn = open_database(demo_db)
    yield conn
    conn.close()


def test_the_volume_and_its_outline(demo_conn: sqlite3.Connection) -> None:
    view = load_view(demo_conn, DEMO_TODAY.year, DEMO_TODAY)
    assert view.volume.title == f"青山县年鉴（{DEMO_TODAY.year}）"
    assert view.volume.recorded_year == DEMO_TODAY.year - 1
    t = view.totals
    assert (t.categories, t.sections, t.entries, t.units, t.unassigned) == (10, 31, 120, 62, 0)
    assert [r.title for r in view.roots] == ["特载", "大事记", "概况", "政治", "经济", "社会",
                                             "文化", "乡镇", "人物", "附录"]
    assert t.word_budget == 121400 and t.photo_budget == 99
    for name in ("县委办", "县政府办", "县发改局", "县财政局", "县教育局", "县卫生健康局", "县统计局"):
        assert name in [u.name for u in view.units]
    assert all(u.unit.contact and u.unit.phone.startswith("0431-") for u in view.units)


def test_halfway_through_collecting(demo_conn: sqlite3.Connection) -> None:
    view = load_view(demo_conn, DEMO_TODAY.year, DEMO_TODAY)
    states = [s.state for s in view.stages]
    assert states[:3] == [StageState.DONE, StageState.DONE, StageState.RUNNING]
    assert set(states[3:]) == {StageState.NOT_STARTED}
    collecting = view.stages[2]
    assert collecting.name == "组稿" and view.stage_today.text() == "组稿（进行中）"
    assert collecting.planned_start is not None and collecting.planned_end is not None
    middle = collecting.planned_start + (collecting.planned_end - collecting.planned_start) / 2
    assert middle == DEMO_TODAY
    assert view.stage_today.late == ()
    assert view.forecast.holds is False  # late November: the rest cannot fit in the year


def test_manuscripts_units_late_and_budgets(demo_conn: sqlite3.Connection) -> None:
    view = load_view(demo_conn, DEMO_TODAY.year, DEMO_TODAY)
    t = view.totals
    assert 50 <= t.received <= 70  # about half of the 120 条目
    assert t.accepted > 0 and t.returned > 0 and t.sealed > 0
    late = view.late_units()
    assert [u.name for u in late] == ["县水利局", "县统计局", "县委宣传部", "县财政局"]
    assert all(u.deadline == DEMO_TODAY - timedelta(days=10) for u in late)
    over = [e.title for e in entries_of(view.roots) if e.budget_status is BudgetStatus.OVER]
    assert over == ["重点项目"]
    key = next(e for e in entries_of(view.roots) if e.title == "重点项目")
    assert key.manuscript is not None and key.manuscript.return_reasons == (
        "字数超出定额近四成，请压缩至1200字以内",)
    within = sum(1 for e in entries_of(view.roots) if e.budget_status is BudgetStatus.WITHIN)
    assert within == t.received - 2  # one over, one under
    photos = [e.manuscript.photos for e in entries_of(view.roots) if e.manuscript]
    assert sum(photos) > 0


def test_the_files_are_small_and_readable(demo_conn: sqlite3.Connection) -> None:
    sizes = [length for (length,) in demo_conn.execute(
        "SELECT length(content) FROM yearbook_manuscript_files")]
    assert max(sizes) < 12 * 1024 and sum(sizes) / len(sizes) < 8 * 1024
    view = load_view(demo_conn, DEMO_TODAY.year, DEMO_TODAY)
    docx_ones = [e.manuscript for e in entries_of(view.roots)
                 if e.manuscript and e.manuscript.file_name.endswith(".docx")]
    assert docx_ones and all(m.photos > 0 for m in docx_ones)
    from fangzhi_desktop.importers.manuscripts import manuscript_from_bytes

    for m in docx_ones[:3]:
        name, data = manuscript_content(demo_conn, m.id)
        assert manuscript_from_bytes(name, data).words == m.words


def test_the_demo_on_another_day(conn: sqlite3.Connection) -> None:
    today = date(2027, 2, 15)
    demo.add(conn, today, no_progress)
    view = load_view(conn, 2027, today)
    assert view.volume.title == "青山县年鉴（2027）" and view.totals.entries == 120
    assert view.stage_today.text() == "组稿（进行中）"
    assert view.late_units() and view.forecast.publication is not None


def test_the_outline_goes_through_the_importer() -> None:
    from fangzhi_desktop.importers.yearbook_outline import parse_lines

    outline = parse_lines(demo.outline_lines(), "demo.txt")
    assert outline.counts() == (10, 31, 120) and len(outline.units()) == 62
    assert outline.volume_title(2026) == "" and outline.title == "青山县年鉴篇目"
