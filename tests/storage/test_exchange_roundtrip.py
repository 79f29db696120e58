"""Exchange packages between two databases: round trip, re-import, several origins."""

from __future__ import annotations

import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from fangzhi_desktop.operations.exchange_package import export_package, import_package
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.exchange_import import ExchangeConflict
from fangzhi_desktop.storage.exchange_spec import DATA_TABLES
from tests.storage.exchange_helpers import content, count, new_origin, snapshot, sql


def _export(db: Path, out: Path, **kwargs: object) -> Path:
    conn = open_database(db)
    try:
        export_package(conn, out, **kwargs)  # type: ignore[arg-type]
    finally:
        conn.close()
    return out


def _import(db: Path, package: Path, **kwargs: object) -> object:
    conn = open_database(db)
    try:
        return import_package(conn, package, **kwargs)  # type: ignore[arg-type]
    finally:
        conn.close()


def test_round_trip_into_an_empty_database_keeps_every_row(demo_db: Path,
                                                           tmp_path: Path) -> None:
    package = _export(demo_db, tmp_path / "a.fzpkg", full_ids=True)
    city = tmp_path / "city.db"
    open_database(city).close()
    outcome = _import(city, package)
    assert sum(outcome.added.values()) > 700  # type: ignore[attr-defined]
    for table in DATA_TABLES:
        assert content(city, table) == content(demo_db, table), table
    # References survive the renumbering: each item keeps its lead unit, each task its unit.
    lead = ("SELECT i.text, u.name FROM work_items i JOIN work_item_units wu ON wu.item_id = i.id"
            " JOIN units u ON u.id = wu.unit_id ORDER BY 1, 2")
    assert sql(city, lead) == sql(demo_db, lead)
    hours = ("SELECT p.name, sum(a.hours) FROM learning_attendance t JOIN people p ON p.id ="
             " t.person_id JOIN learning_activities a ON a.id = t.activity_id GROUP BY 1 ORDER BY 1")
    assert sql(city, hours) == sql(demo_db, hours)
    carried = "SELECT count(*) FROM work_items WHERE carried_from IS NOT NULL"
    assert sql(city, carried) == sql(demo_db, carried) != [(0,)]


def test_chosen_years_and_areas_only(demo_db: Path, tmp_path: Path) -> None:
    package = _export(demo_db, tmp_path / "a.fzpkg", years=[2026], areas=["工作要点"])
    city = tmp_path / "city.db"
    open_database(city).close()
    _import(city, package)
    assert sql(city, "SELECT year FROM work_plans") == [(2026,)]
    assert count(city, "work_items") == sql(
        demo_db, "SELECT count(*) FROM work_items i JOIN work_plans p ON p.id = i.plan_id"
        " WHERE p.year = 2026")[0][0]
    for table in ("campaign_activities", "yearbook_volumes", "learning_activities", "people",
                  "briefing_issues"):
        assert count(city, table) == 0, table


def test_importing_twice_adds_nothing(demo_db: Path, tmp_path: Path) -> None:
    package = _export(demo_db, tmp_path / "a.fzpkg")
    city = tmp_path / "city.db"
    open_database(city).close()
    _import(city, package)
    before = snapshot(city)
    again = _import(city, package)
    assert sum(again.added.values()) == 0 and sum(again.updated.values()) == 0  # type: ignore[attr-defined]
    after = snapshot(city)
    assert {t: rows for t, rows in after.items() if t != "exchange_imports"} == {
        t: rows for t, rows in before.items() if t != "exchange_imports"}
    assert len(after["exchange_imports"]) == 2


def test_a_newer_package_of_the_same_office_updates(demo_db: Path, tmp_path: Path) -> None:
    city = tmp_path / "city.db"
    open_database(city).close()
    _import(city, _export(demo_db, tmp_path / "1.fzpkg", areas=["workpoints"]))
    item = sql(demo_db, "SELECT id, text FROM work_items ORDER BY id LIMIT 1")[0]
    sql(demo_db, "UPDATE work_items SET text = '改过的要点', status = '已完成' WHERE id = ?",
        (item[0],))
    sql(demo_db, "DELETE FROM work_item_log WHERE id = (SELECT min(id) FROM work_item_log)")
    sql(demo_db, "INSERT INTO work_item_log (item_id, entry_date, kind, text) VALUES"
        " (?, '2026-11-20', '进展', '新的进展')", (item[0],))
    outcome = _import(city, _export(demo_db, tmp_path / "2.fzpkg", areas=["workpoints"]))
    assert outcome.updated.get("work_items") == 1  # type: ignore[attr-defined]
    assert outcome.added.get("work_item_log") == 1  # type: ignore[attr-defined]
    for table in ("work_items", "work_item_log", "work_sections", "work_plans"):
        assert content(city, table) == content(demo_db, table), table
    assert sql(city, "SELECT status FROM work_items WHERE text = '改过的要点'") == [("已完成",)]


def test_importing_into_the_origin_itself_changes_nothing(demo_db: Path,
                                                          tmp_path: Path) -> None:
    package = _export(demo_db, tmp_path / "a.fzpkg")
    before = snapshot(demo_db)
    outcome = _import(demo_db, package)
    assert outcome.same_origin and "无需导入" in outcome.describe()  # type: ignore[attr-defined]
    assert snapshot(demo_db) == before


def test_two_counties_merge_into_one_city_database(demo_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(demo_db.read_bytes())
    new_origin(other, series="乙县政工简讯")
    areas = ["专项活动", "干部学习"]
    city = tmp_path / "city.db"
    open_database(city).close()
    _import(city, _export(demo_db, tmp_path / "a.fzpkg", areas=areas))
    _import(city, _export(other, tmp_path / "b.fzpkg", areas=areas))
    for table in ("campaign_activities", "campaign_tasks", "learning_activities",
                  "learning_attendance", "briefing_issues"):
        assert count(city, table) == 2 * count(demo_db, table), table
    # The same people (name and birth month; no ID numbers were sent) are one person each.
    assert count(city, "people") == count(demo_db, "people")
    assert count(city, "units") == sql(
        demo_db, "SELECT count(DISTINCT unit_id) FROM campaign_tasks")[0][0]
    assert sql(city, "SELECT count(DISTINCT origin) FROM exchange_imports") == [(2,)]


def test_year_unique_records_of_another_office_are_refused(demo_db: Path,
                                                           tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(demo_db.read_bytes())
    new_origin(other)
    package = _export(other, tmp_path / "b.fzpkg", areas=["工作要点"])
    before = snapshot(demo_db)
    with pytest.raises(ExchangeConflict, match="汇总数据库") as info:
        _import(demo_db, package)
    assert "2023年工作要点" in info.value.message
    assert snapshot(demo_db) == before


def test_no_full_id_number_or_phone_without_full_ids(demo_db: Path, tmp_path: Path) -> None:
    ids = [r[0] for r in sql(demo_db, "SELECT id_number FROM people WHERE id_number != ''")]
    phones = [r[0] for r in sql(demo_db, "SELECT phone FROM people WHERE phone != ''"
                                " UNION SELECT phone FROM yearbook_units WHERE phone != ''")]
    assert len(ids) > 20 and len(phones) > 20

    def data_bytes(package: Path) -> bytes:
        with zipfile.ZipFile(package) as zf:
            return zf.read("data.db")

    masked = data_bytes(_export(demo_db, tmp_path / "a.fzpkg"))
    assert not [n for n in ids + phones if n.encode() in masked]
    full = data_bytes(_export(demo_db, tmp_path / "b.fzpkg", full_ids=True))
    assert all(n.encode() in full for n in ids)


def test_a_package_without_ids_never_blanks_local_numbers(demo_db: Path,
                                                          tmp_path: Path) -> None:
    city = tmp_path / "city.db"
    open_database(city).close()
    _import(city, _export(demo_db, tmp_path / "full.fzpkg", areas=["干部学习"], full_ids=True))
    numbers = sql(city, "SELECT id_number, phone FROM people ORDER BY name")
    sql(demo_db, "UPDATE people SET department = '新科室'")
    _import(city, _export(demo_db, tmp_path / "masked.fzpkg", areas=["干部学习"]))
    assert sql(city, "SELECT id_number, phone FROM people ORDER BY name") == numbers
    assert sql(city, "SELECT DISTINCT department FROM people") == [("新科室",)]


def test_the_package_database_has_the_same_schema(demo_db: Path, tmp_path: Path) -> None:
    package = _export(demo_db, tmp_path / "a.fzpkg")
    with zipfile.ZipFile(package) as zf:
        (tmp_path / "data.db").write_bytes(zf.read("data.db"))
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    conn = sqlite3.connect(tmp_path / "data.db")
    try:
        assert conn.execute(schema).fetchall() == sql(demo_db, schema)
        assert conn.execute("SELECT count(*) FROM meta").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM office_profile").fetchone() == (0,)
    finally:
        conn.close()


def test_a_person_known_here_is_linked_not_overwritten(demo_db: Path, tmp_path: Path) -> None:
    city = tmp_path / "city.db"
    open_database(city).close()
    name, birth = sql(demo_db, "SELECT name, birth FROM people ORDER BY id LIMIT 1")[0]
    sql(city, "INSERT INTO people (name, birth, department) VALUES (?, ?, '市志办')", (name, birth))
    _import(city, _export(demo_db, tmp_path / "a.fzpkg", areas=["干部学习"]))
    assert sql(city, "SELECT department FROM people WHERE name = ?", (name,)) == [("市志办",)]
    assert count(city, "people") == count(demo_db, "people")
    attended = "SELECT count(*) FROM learning_attendance t JOIN people p ON p.id = t.person_id" \
               " WHERE p.name = ?"
    assert sql(city, attended, (name,)) == sql(demo_db, attended, (name,)) != [(0,)]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_package_is_readable_by_the_user_only(demo_db: Path, tmp_path: Path) -> None:
    package = _export(demo_db, tmp_path / "a.fzpkg", areas=["干部学习"])
    assert stat.S_IMODE(package.stat().st_mode) == 0o600
