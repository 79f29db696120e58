"""Work points in the database: saving a plan, the ledger, edits, extensions, carry-over."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.workpoints import EntryKind, Grade, Status
from fangzhi_desktop.errors import InputErrors, Problem
from fangzhi_desktop.importers.workpoints_notice import parse_text, read_notice
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.units import find_unit, list_units, merge_units
from fangzhi_desktop.storage.workpoints import ItemFields, ItemFilter, StatusFields
from tests.conftest import SEED_WORKPOINTS


@pytest.fixture
def seeded(conn: sqlite3.Connection) -> sqlite3.Connection:
    store.save_plan(conn, read_notice(SEED_WORKPOINTS))
    return conn


def _item(conn: sqlite3.Connection, no: int, year: int = 2023) -> store.WorkItem:
    return next(i for i in store.list_items(conn, year) if i.no == no)


def test_saving_the_seed_gives_the_ledger(seeded: sqlite3.Connection) -> None:
    items = store.list_items(seeded, 2023)
    assert len(items) == 40
    assert store.list_sections(seeded, 2023)[0].title == "依法治志工作"
    first = items[0]
    assert (first.no, first.lead, first.support) == (1, ["研究室"], ["其他处室", "单位"])
    assert first.status is Status.NOT_STARTED
    assert first.deadline == first.deadline_issued == date(2023, 12, 31)
    plan = store.get_plan(seeded, 2023)
    assert plan is not None and plan.item_count == 40 and plan.issued_on == date(2023, 3, 21)


def test_units_are_one_shared_directory(seeded: sqlite3.Connection) -> None:
    names = [u.name for u in list_units(seeded)]
    assert len(names) == len(set(names))
    assert "研究室" in names and "年鉴指导处" in names
    # The same unit written with a stray space or half-width brackets is the same unit.
    assert find_unit(seeded, "研究 室") == find_unit(seeded, "研究室")


def test_merging_two_spellings_of_a_unit(conn: sqlite3.Connection) -> None:
    plan = parse_text("2025年工作要点\n一、综合\n1.甲。（县志办）\n2.乙。（县志办公室、年鉴科）\n")
    store.save_plan(conn, plan)
    keep, merge = find_unit(conn, "县志办公室"), find_unit(conn, "县志办")
    assert keep and merge and keep != merge
    merge_units(conn, keep, merge)
    assert find_unit(conn, "县志办") == keep
    assert [i.lead for i in store.list_items(conn, 2025)] == [["县志办公室"],
                                                              ["县志办公室", "年鉴科"]]


def test_a_failing_import_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.db"
    conn = open_database(path)
    store.save_plan(conn, read_notice(SEED_WORKPOINTS))

    def content() -> list[object]:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in
                ("units", "unit_aliases", "work_plans", "work_sections", "work_items",
                 "work_item_units", "work_item_log")]

    before = content()
    # 1. A plan with errors is refused before anything is written.
    bad = parse_text("2024年工作要点\n一、综合\n1.甲。（新单位甲）\n3.丙。（新单位乙）\n")
    with pytest.raises(InputErrors):
        store.save_plan(conn, bad)
    # 2. A failure half-way (a unit that cannot be stored) rolls back every row written.
    plan = parse_text("2024年工作要点\n一、综合\n1.甲。（新单位甲）\n2.乙。（新单位乙）\n")
    plan.items[1].lead = ["   "]
    with pytest.raises(Exception, match="单位名称不能为空"):
        store.save_plan(conn, plan)
    # 3. The same year again is refused without --replace.
    with pytest.raises(InputErrors, match="已经导入过"):
        store.save_plan(conn, read_notice(SEED_WORKPOINTS))
    assert content() == before
    conn.close()


def test_replace_reimports_a_year(seeded: sqlite3.Connection) -> None:
    store.save_plan(seeded, read_notice(SEED_WORKPOINTS), replace=True)
    assert len(store.list_items(seeded, 2023)) == 40
    assert store.plan_years(seeded) == [2023]


def test_problems_only_warnings_do_not_block(conn: sqlite3.Connection) -> None:
    plan = parse_text("2025年工作要点\n一、综合\n1.甲。\n")
    assert plan.problems and not plan.errors
    store.save_plan(conn, plan)
    plan.problems.append(Problem("坏"))
    with pytest.raises(InputErrors):
        store.save_plan(conn, plan, replace=True)


def test_filters_by_unit_status_overdue_and_search(seeded: sqlite3.Connection) -> None:
    unit = find_unit(seeded, "年鉴指导处")
    assert [i.no for i in store.list_items(seeded, 2023, ItemFilter(unit_id=unit))] == [
        10, 11, 12, 13, 14]
    store.set_status(seeded, _item(seeded, 10).id, StatusFields(Status.DONE, date(2023, 5, 1), ""))
    done = store.list_items(seeded, 2023, ItemFilter(status=Status.DONE))
    assert [i.no for i in done] == [10]
    overdue = store.list_items(seeded, 2023, ItemFilter(overdue_on=date(2024, 1, 1)))
    assert len(overdue) == 39
    assert store.list_items(seeded, 2023, ItemFilter(overdue_on=date(2023, 6, 1))) == []
    found = store.list_items(seeded, 2023, ItemFilter(search="精品年鉴"))
    assert [i.no for i in found] == [10, 11]
    # Several words: all must match; LIKE wildcards are literal.
    assert [i.no for i in store.list_items(seeded, 2023, ItemFilter(search="精品 品读"))] == [11]
    assert store.list_items(seeded, 2023, ItemFilter(search="%")) == []
    # Search finds a unit name and a progress text too.
    assert {i.no for i in store.list_items(seeded, 2023, ItemFilter(search="机关纪委"))} == {33}
    store.add_log_entry(seeded, _item(seeded, 5).id, date(2023, 4, 1), "已赴前郭县检查")
    assert [i.no for i in store.list_items(seeded, 2023, ItemFilter(search="前郭县检查"))] == [5]


def test_progress_log_status_and_grading(seeded: sqlite3.Connection) -> None:
    item = _item(seeded, 2)
    entry = store.add_log_entry(seeded, item.id, date(2023, 4, 2), "已开展调研", "张三")
    store.add_log_entry(seeded, item.id, date(2023, 5, 2), "请加快", "办公室", EntryKind.URGE)
    after = store.get_item(seeded, item.id)
    assert after.status is Status.IN_PROGRESS  # progress moves 未启动 to 推进中
    assert (after.last_progress, after.last_progress_date) == ("已开展调研", date(2023, 4, 2))
    assert [e.kind for e in store.item_log(seeded, item.id)] == [EntryKind.URGE,
                                                                 EntryKind.PROGRESS]
    assert after.grade(date(2023, 6, 1)) is Grade.GREEN
    assert after.grade(date(2023, 12, 20)) is Grade.YELLOW
    assert after.grade(date(2024, 1, 1)) is Grade.RED
    assert after.overdue(date(2024, 1, 1))
    store.delete_log_entry(seeded, entry)
    store.add_log_entry(seeded, item.id, date(2023, 4, 2), "已开展调研", "张三", entry_id=entry)
    assert store.item_log(seeded, item.id)[-1].id == entry
    before = store.set_status(seeded, item.id, StatusFields(Status.CLOSED, date(2023, 12, 1),
                                                            "已销号"))
    assert before.status is Status.IN_PROGRESS
    assert store.get_item(seeded, item.id).grade(date(2024, 1, 1)) is Grade.GREEN


def test_extensions_keep_the_issued_deadline_as_baseline(seeded: sqlite3.Connection) -> None:
    item = _item(seeded, 3)
    first = store.extend_deadline(seeded, item.id, date(2024, 3, 31), "资料未齐", date(2023, 12, 1))
    store.extend_deadline(seeded, item.id, date(2024, 6, 30), "再次延期", date(2024, 3, 1))
    after = store.get_item(seeded, item.id)
    assert (after.deadline, after.deadline_issued, after.extensions) == (
        date(2024, 6, 30), date(2023, 12, 31), 2)
    assert [e.reason for e in store.item_extensions(seeded, item.id)] == ["资料未齐", "再次延期"]
    store.revoke_extension(seeded, store.item_extensions(seeded, item.id)[-1].id)
    assert store.get_item(seeded, item.id).deadline == date(2024, 3, 31)
    store.revoke_extension(seeded, first)
    assert store.get_item(seeded, item.id).extensions == 0


def test_correcting_an_item_and_undoing_it(seeded: sqlite3.Connection) -> None:
    item = _item(seeded, 1)
    before = store.update_item(seeded, item.id, ItemFields(
        "新的内容", ("办公室",), ("研究室", "方志馆"), "6月底前", date(2023, 6, 30)))
    changed = store.get_item(seeded, item.id)
    assert (changed.text, changed.lead, changed.support) == ("新的内容", ["办公室"],
                                                             ["研究室", "方志馆"])
    assert changed.deadline == changed.deadline_issued == date(2023, 6, 30)
    assert changed.deadline_rule == "人工指定"
    store.update_item(seeded, item.id, before)
    restored = store.get_item(seeded, item.id)
    assert (restored.text, restored.lead, restored.deadline) == (item.text, item.lead,
                                                                  item.deadline)
    assert restored.deadline_rule == item.deadline_rule  # undo restores the rule too


def test_overdue_and_due_this_week_across_years(seeded: sqlite3.Connection) -> None:
    item = _item(seeded, 4)
    store.update_item(seeded, item.id, ItemFields(item.text, tuple(item.lead), (), "6月底前",
                                                  date(2023, 6, 30)))
    assert [i.no for i in store.overdue_items(seeded, date(2023, 7, 1))] == [4]
    assert [i.no for i in store.due_between(seeded, date(2023, 6, 26), date(2023, 7, 2))] == [4]


def test_carry_over_unfinished_items_into_next_year(seeded: sqlite3.Connection) -> None:
    for item in store.list_items(seeded, 2023):
        if item.no != 7 and item.no != 16:
            store.set_status(seeded, item.id, StatusFields(Status.DONE, date(2023, 12, 1), ""))
    new_ids = store.carry_over(seeded, 2023, 2024)
    assert len(new_ids) == 2
    carried = store.list_items(seeded, 2024)
    assert [(i.no, i.section_title, i.deadline) for i in carried] == [
        (1, "志书编纂与续志资料工作", date(2024, 12, 31)),
        (2, "资料基础建设工作", date(2024, 12, 31))]
    assert carried[1].deadline_phrase == "年底"
    assert carried[0].lead == ["省直指导处"]
    assert carried[0].carried_from == _item(seeded, 7).id
    assert "已结转至2024年第1条" in _item(seeded, 7).status_remark
    # Twice is a no-op; the originals no longer count as overdue (followed in 2024).
    assert store.carry_over(seeded, 2023, 2024) == []
    # Items already carried to one year are not carried again elsewhere, and no empty plan
    # appears for a year that receives nothing.
    assert store.carry_over(seeded, 2023, 2025) == []
    assert store.plan_years(seeded) == [2023, 2024]
    assert [i.year for i in store.overdue_items(seeded, date(2025, 1, 1))] == [2024, 2024]
