"""总览's chart figures read from the demo database (today = 2026-11-23)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fangzhi_desktop.operations.dashboard_data import load_chart_data
from fangzhi_desktop.storage import open_database

TODAY = date(2026, 11, 23)


def test_demo_chart_data(demo_db: Path) -> None:
    conn = open_database(demo_db)
    try:
        data = load_chart_data(conn, TODAY)
    finally:
        conn.close()
    assert data.plan_year == 2026
    assert sum(b.total for b in data.by_section) == 6
    assert data.by_section[0].label.startswith("一、")
    assert data.by_unit[0].total >= data.by_unit[-1].total
    assert data.by_month[-1].on == TODAY
    last = data.by_month[-1]
    assert last.green + last.yellow + last.red == 6 and last.red == 2
    titles = [b.campaign.title for b in data.burns]
    assert any("三大攻坚" in t for t in titles)
    burn = next(b for b in data.burns if "三大攻坚" in b.campaign.title)
    assert burn.points[0].planned == 30
    assert any(p.on == TODAY for p in burn.points)
    assert data.entries == 120 and data.receipts[-1].count == 59
    assert data.volume_title == "《青山县年鉴（2026）》"
    assert [d.department for d in data.departments][:2] == ["办领导", "办公室"]


def test_empty_database_has_no_figures(conn) -> None:
    data = load_chart_data(conn, TODAY)
    assert data.plan_year is None and not data.by_section and not data.burns
    assert not data.receipts and not data.departments
