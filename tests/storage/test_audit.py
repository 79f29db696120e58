"""The audit trail: every edit of a work item or campaign task is recorded with who, what and
before/after; bulk actions leave one summary; personal numbers are masked."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.audit import AuditEntry, change_lines
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.errors import InputErrors
from fangzhi_desktop.importers.workpoints_notice import parse_text
from fangzhi_desktop.storage import audit, open_database
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as campaigns_store
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.audit_triggers import who
from fangzhi_desktop.storage.backup import backup_to, restore
from fangzhi_desktop.storage.campaign_followup import TaskStatusFields
from fangzhi_desktop.storage.campaigns import CampaignFields, StepFields, TaskFields
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.people import list_people, save_people
from fangzhi_desktop.storage.workpoints import ItemFields, StatusFields

PLAN = "2025年工作要点\n一、综合\n1.编纂年鉴。（年鉴科牵头，办公室配合）\n2.修志。（编研科）\n"
D = date(2025, 5, 6)


@pytest.fixture
def item_id(conn: sqlite3.Connection) -> int:
    store.save_plan(conn, parse_text(PLAN))
    return store.list_items(conn, 2025)[0].id


@pytest.fixture
def task_id(conn: sqlite3.Connection) -> int:
    campaign_id = campaigns_store.create_campaign(conn, CampaignFields("挂图作战专项行动", 2026))
    return campaigns_store.add_task(conn, campaign_id, TaskFields(
        "完成志稿初审。", "编研科", "李文博", "第12周", steps=(StepFields("初审"),)))


def _new_entries(conn: sqlite3.Connection, table: str, record_id: int,
                 since: int) -> list[AuditEntry]:
    return [e for e in audit.history(conn, table, record_id) if e.id > since]


def _last_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])


Edit = Callable[[sqlite3.Connection, int], object]


def _recorded_edit(conn: sqlite3.Connection, record_table: str, record_id: int, edit: Edit,
                   table: str, column: str) -> AuditEntry:
    """Run ``edit`` as 测试操作; the newest entry of the record touching ``table.column``."""
    since = _last_id(conn)
    with audit.action(conn, "测试操作"):
        edit(conn, record_id)
    entries = _new_entries(conn, record_table, record_id, since)
    changed = [e for e in entries if e.table_name == table and column in {*e.before, *e.after}]
    assert changed, entries
    return changed[0]


ItemEdit = Edit
ITEM_EDITS: list[tuple[str, ItemEdit, str, str, object, object]] = [
    # (id, edit, changed table, column, before, after)
    ("status", lambda c, i: store.set_status(c, i, StatusFields(Status.DONE, D, "按期完成")),
     "work_items", "status", "未启动", "已完成"),
    ("text", lambda c, i: store.update_item(c, i, ItemFields(
        "编纂2025年鉴。", ("年鉴科",), ("办公室",), "年底前", date(2025, 12, 31))),
     "work_items", "text", "编纂年鉴。", "编纂2025年鉴。"),
    ("units", lambda c, i: store.update_item(c, i, ItemFields(
        "编纂年鉴。", ("年鉴科",), (), "年底前", date(2025, 12, 31))),
     "work_item_units", "unit_id", "办公室", None),
    ("extension", lambda c, i: store.extend_deadline(c, i, date(2026, 1, 31), "材料未齐", D),
     "work_items", "deadline", "2025-12-31", "2026-01-31"),
    ("progress", lambda c, i: store.add_log_entry(c, i, D, "已完成初稿。", "张三"),
     "work_item_log", "text", None, "已完成初稿。"),
    ("urge", lambda c, i: store.add_log_entry(c, i, D, "请加快。", kind=EntryKind.URGE),
     "work_item_log", "kind", None, "催办"),
]


@pytest.mark.parametrize(("edit", "table", "column", "old", "new"),
                         [pytest.param(*case[1:], id=case[0]) for case in ITEM_EDITS])
def test_every_work_item_edit_is_recorded(conn: sqlite3.Connection, item_id: int,
                                          edit: ItemEdit, table: str, column: str,
                                          old: object, new: object) -> None:
    entry = _recorded_edit(conn, "work_items", item_id, edit, table, column)
    assert (entry.action, entry.user) == ("测试操作", who()[0])
    assert (entry.before.get(column), entry.after.get(column)) == (old, new)
    assert entry.at.startswith(str(date.today().year))


TaskEdit = Edit
TASK_EDITS: list[tuple[str, TaskEdit, str, str, object, object]] = [
    ("status", lambda c, t: followup.set_task_status(c, t, TaskStatusFields(Status.DONE, D)),
     "campaign_tasks", "status", "未启动", "已完成"),
    ("close_off", lambda c, t: followup.close_off(c, t, D, "王建华"),
     "campaign_tasks", "closed_by", "", "王建华"),
    ("text", lambda c, t: campaigns_store.update_task(c, t, TaskFields(
        "完成志稿复审。", "编研科", "李文博", "第12周"), steps=False),
     "campaign_tasks", "text", "完成志稿初审。", "完成志稿复审。"),
    ("person", lambda c, t: campaigns_store.update_task(c, t, TaskFields(
        "完成志稿初审。", "编研科", "王芳", "第12周"), steps=False),
     "campaign_tasks", "person", "李文博", "王芳"),
    ("extension", lambda c, t: followup.extend_task_deadline(c, t, date(2026, 4, 3), "待补充",
                                                             D),
     "campaign_tasks", "deadline", "2026-03-20", "2026-04-03"),
    ("progress", lambda c, t: followup.add_task_entry(c, t, D, "已完成两编初审。", "李文博"),
     "campaign_task_log", "text", None, "已完成两编初审。"),
    ("step", lambda c, t: campaigns_store.mark_step(
        c, campaigns_store.task_steps(c, t)[0].id, True, D),
     "campaign_task_steps", "done", 0, 1),
]


@pytest.mark.parametrize(("edit", "table", "column", "old", "new"),
                         [pytest.param(*case[1:], id=case[0]) for case in TASK_EDITS])
def test_every_campaign_task_edit_is_recorded(conn: sqlite3.Connection, task_id: int,
                                              edit: TaskEdit, table: str, column: str,
                                              old: object, new: object) -> None:
    entry = _recorded_edit(conn, "campaign_tasks", task_id, edit, table, column)
    assert entry.action == "测试操作"
    assert (entry.before.get(column), entry.after.get(column)) == (old, new)


def test_an_update_records_only_the_changed_fields(conn: sqlite3.Connection,
                                                   item_id: int) -> None:
    since = _last_id(conn)
    store.set_status(conn, item_id, StatusFields(Status.IN_PROGRESS, None, ""))
    (entry,) = _new_entries(conn, "work_items", item_id, since)
    assert entry.op == "update" and entry.action == "编辑"  # the default name
    assert entry.before == {"status": "未启动"} and entry.after == {"status": "推进中"}
    # Writing the same values again changes nothing and records nothing.
    store.set_status(conn, item_id, StatusFields(Status.IN_PROGRESS, None, ""))
    assert _new_entries(conn, "work_items", item_id, since) == [entry]


def test_the_action_name_is_restored_after_the_block(conn: sqlite3.Connection,
                                                     item_id: int) -> None:
    with audit.action(conn, "外层"):
        with audit.action(conn, "内层"):
            store.set_status(conn, item_id, StatusFields(Status.IN_PROGRESS, None, ""))
        store.set_status(conn, item_id, StatusFields(Status.DONE, D, ""))
    store.set_status(conn, item_id, StatusFields(Status.CLOSED, D, ""))
    actions = [e.action for e in audit.history(conn, "work_items", item_id)[:3]]
    assert actions == ["编辑", "外层", "内层"]


def test_change_lines_use_chinese_labels(conn: sqlite3.Connection, item_id: int) -> None:
    with audit.action(conn, "添加进展"):
        store.add_log_entry(conn, item_id, D, "已完成初稿。", "张三")
    lines = [line for e in audit.history(conn, "work_items", item_id)[:2]
             for line in change_lines(e)]
    fields = {line.field: (line.old, line.new) for line in lines}
    assert fields["进展记录·内容"] == ("", "已完成初稿。")
    assert fields["状态"] == ("未启动", "推进中")  # progress starts the item
    assert all(line.record == "工作要点条目 2025年第1条" for line in lines)


def test_unit_ids_are_shown_by_name(conn: sqlite3.Connection, item_id: int) -> None:
    store.update_item(conn, item_id, ItemFields("编纂年鉴。", ("年鉴科",), (), "年底前",
                                                date(2025, 12, 31)))
    deleted = [e for e in audit.history(conn, "work_items", item_id) if e.op == "delete"]
    assert [e.before["unit_id"] for e in deleted] == ["办公室"]


def test_a_plan_import_is_one_summary_entry(conn: sqlite3.Connection, tmp_path: Path) -> None:
    lines = ["2030年工作要点", "一、综合"] + [f"{n}.第{n}项工作。（办公室）" for n in range(1, 301)]
    plan = parse_text("\n".join(lines), source=str(tmp_path / "通知.txt"))
    before = audit.count(conn)
    store.save_plan(conn, plan)
    assert audit.count(conn) == before + 1
    (entry,) = audit.latest(conn, 1)
    assert entry.op == "summary" and entry.table_name == "work_plans"
    assert entry.action == "导入2030年工作要点：300 条（通知.txt）"
    assert entry.after == {"source_file": "通知.txt"}
    # The next ordinary edit is recorded again.
    store.set_status(conn, store.list_items(conn, 2030)[0].id,
                     StatusFields(Status.DONE, D, ""))
    assert audit.count(conn) == before + 2


def test_a_roster_import_is_one_summary_and_masks_numbers(conn: sqlite3.Connection) -> None:
    people = [Person(f"人员{n}", id_number=f"51010419900101{n:03d}X"[-18:],
                     phone=f"139{n:08d}") for n in range(1, 501)]
    before = audit.count(conn)
    result = save_people(conn, people, source="/somewhere/花名册.xlsx")
    assert audit.count(conn) == before + 1
    (entry,) = audit.latest(conn, 1)
    assert entry.action == f"导入花名册：新增 {result.inserted} 人，更新 0 人"
    assert entry.after == {"source_file": "花名册.xlsx"}
    # A person deleted by hand is recorded whole, with the numbers masked.
    person = list_people(conn)[0]
    with audit.action(conn, "删除人员"), transaction(conn):
        conn.execute("UPDATE people SET remarks = '手机13912345678' WHERE id = ?", (person.id,))
        conn.execute("DELETE FROM people WHERE id = ?", (person.id,))
    entry = audit.history(conn, "people", person.id or 0)[0]
    assert entry.op == "delete" and entry.before["name"] == person.name
    text = json.dumps(conn.execute("SELECT before, after FROM audit_log").fetchall(),
                      ensure_ascii=False)
    assert person.id_number not in text and person.phone not in text
    assert "13912345678" not in text and "139****5678" in text


def test_masking_in_single_edits(conn: sqlite3.Connection) -> None:
    save_people(conn, [Person("王芳", id_number="110101199003074514", phone="13812345678")])
    pk = list_people(conn)[0].id
    assert pk is not None
    conn.execute("UPDATE people SET name = name")  # no change: nothing recorded
    count = audit.count(conn)
    with transaction(conn):
        conn.execute("UPDATE people SET phone = '13987654321', id_number = '110101199003070000'"
                     " WHERE id = ?", (pk,))
    assert audit.count(conn) == count + 1
    (entry,) = audit.history(conn, "people", pk)[:1]
    assert entry.before == {"id_number": "1101**********4514", "phone": "138****5678"}
    assert entry.after == {"id_number": "1101**********0000", "phone": "139****4321"}


def test_a_failed_edit_leaves_no_entry(conn: sqlite3.Connection, item_id: int) -> None:
    count = audit.count(conn)
    with pytest.raises(RuntimeError), transaction(conn):
        store.set_status(conn, item_id, StatusFields(Status.DONE, D, ""))
        raise RuntimeError("boom")
    assert audit.count(conn) == count


def test_latest_filters_by_user_date_and_table(conn: sqlite3.Connection, item_id: int,
                                               task_id: int) -> None:
    store.set_status(conn, item_id, StatusFields(Status.DONE, D, ""))
    me = who()[0]
    assert audit.users(conn) == [me]
    assert audit.latest(conn, user="别人") == []
    today = date.today().isoformat()
    assert audit.latest(conn, since=today, until=today)
    assert audit.latest(conn, until="2000-01-01") == []
    assert {e.record_table for e in audit.latest(conn, table="campaign_tasks")} == {
        "campaign_tasks"}
    assert len(audit.latest(conn, 2)) == 2


def test_a_new_file_and_an_upgrade_leave_one_entry(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "a.db")
    (entry,) = audit.latest(conn)
    assert (entry.op, entry.action) == ("summary", "新建数据文件")
    conn.close()


def test_triggers_survive_a_migration(conn: sqlite3.Connection, item_id: int) -> None:
    from fangzhi_desktop.storage.migrations import apply_pending

    conn.execute("ALTER TABLE work_items ADD COLUMN extra TEXT NOT NULL DEFAULT ''")
    apply_pending(conn)  # nothing pending, but it drops the triggers as an upgrade does
    conn.execute("UPDATE work_items SET extra = 'x' WHERE 0")  # no trigger left in the way
    store.set_status(conn, item_id, StatusFields(Status.DONE, D, ""))
    with transaction(conn):
        conn.execute("UPDATE work_items SET extra = '新列' WHERE id = ?", (item_id,))
    entry = audit.history(conn, "work_items", item_id)[0]
    assert entry.after == {"extra": "新列"}  # the new column is watched too


def test_the_trail_survives_backup_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    conn = open_database(db)
    store.save_plan(conn, parse_text(PLAN))
    item = store.list_items(conn, 2025)[0].id
    with audit.action(conn, "修改状态"):
        store.set_status(conn, item, StatusFields(Status.DONE, D, ""))
    backup = backup_to(conn, tmp_path / "backup.db")
    conn.close()
    restore(db, backup)
    conn = open_database(db)
    assert [e.action for e in audit.history(conn, "work_items", item)][:1] == ["修改状态"]
    store.set_status(conn, item, StatusFields(Status.CLOSED, D, ""))  # recorded after restore
    assert audit.history(conn, "work_items", item)[0].after == {"status": "已销号"}
    conn.close()


def test_a_file_without_the_trail_is_still_editable(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "old.db")
    store.save_plan(conn, parse_text(PLAN))
    conn.execute("DROP TABLE audit_log")
    conn.close()
    conn = open_database(tmp_path / "old.db", migrate=False)
    item = store.list_items(conn, 2025)[0].id
    store.set_status(conn, item, StatusFields(Status.DONE, D, ""))
    assert audit.history(conn, "work_items", item) == [] and audit.count(conn) == 0
    conn.close()


def test_deleting_and_revoking_are_recorded_with_the_old_values(conn: sqlite3.Connection,
                                                                item_id: int) -> None:
    entry = store.add_log_entry(conn, item_id, D, "误录的进展。")
    extension = store.extend_deadline(conn, item_id, date(2026, 1, 31), "材料未齐", D)
    since = _last_id(conn)
    with audit.action(conn, "撤销：添加进展"):
        store.delete_log_entry(conn, entry)
    with audit.action(conn, "撤销：延期"):
        store.revoke_extension(conn, extension)
    entries = _new_entries(conn, "work_items", item_id, since)
    by_table = {(e.table_name, e.op): e for e in entries}
    deleted = by_table["work_item_log", "delete"]
    assert deleted.action == "撤销：添加进展" and deleted.before["text"] == "误录的进展。"
    assert by_table["work_items", "update"].after == {"deadline": "2025-12-31"}
    assert by_table["work_item_extensions", "delete"].before["reason"] == "材料未齐"


def test_adding_and_deleting_a_task(conn: sqlite3.Connection, task_id: int) -> None:
    campaign_id = campaigns_store.get_task(conn, task_id).campaign_id
    new_id = campaigns_store.add_task(conn, campaign_id, TaskFields("整理档案。", "办公室"))
    (added,) = [e for e in audit.history(conn, "campaign_tasks", new_id)
                if e.table_name == "campaign_tasks"]
    assert added.op == "insert" and added.after["text"] == "整理档案。"
    assert "token" not in added.after and "updated_at" not in added.after
    campaigns_store.delete_task(conn, new_id)
    deleted = audit.history(conn, "campaign_tasks", new_id)[0]
    assert deleted.op == "delete" and deleted.before["text"] == "整理档案。"
    lines = change_lines(deleted)
    assert ("内容", "整理档案。", "") in [(line.field, line.old, line.new) for line in lines]
    assert ("单位", "办公室", "") in [(line.field, line.old, line.new) for line in lines]


def test_a_deleted_record_keeps_its_number(conn: sqlite3.Connection, task_id: int) -> None:
    assert audit.history(conn, "campaign_tasks", task_id)[0].record_label == \
        "专项活动任务 第1项任务"
    campaigns_store.delete_task(conn, task_id)
    assert audit.history(conn, "campaign_tasks", task_id)[0].record_label == \
        f"专项活动任务 #{task_id}"


def _triggers(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'"
                            " AND name LIKE 'fz_audit_%'").fetchone()[0])


def test_triggers_are_created_before_the_first_ordinary_write_only(tmp_path: Path) -> None:
    open_database(tmp_path / "a.db").close()
    conn = open_database(tmp_path / "a.db")
    assert _triggers(conn) == 0  # opening (start-up) creates nothing
    store.save_plan(conn, parse_text(PLAN))
    assert _triggers(conn) == 0  # a bulk write does not need them
    store.set_status(conn, store.list_items(conn, 2025)[0].id, StatusFields(Status.DONE, D, ""))
    assert _triggers(conn) > 60
    with pytest.raises(InputErrors), audit.bulk(conn, "导入", table="people"):
        raise InputErrors("坏文件")
    assert audit.latest(conn, 1)[0].op == "update"  # no summary of a failed import
    assert conn.execute("SELECT quiet FROM temp.audit_context").fetchone() == (0,)
    conn.close()


def test_an_update_of_a_part_names_the_row(conn: sqlite3.Connection, item_id: int) -> None:
    from fangzhi_desktop.domain.office import OfficeProfile
    from fangzhi_desktop.storage.office import save_profile

    store.update_item(conn, item_id, ItemFields("编纂年鉴。", ("办公室",), ("年鉴科",), "年底前",
                                                date(2025, 12, 31)))  # roles swapped
    lines = [line for e in audit.history(conn, "work_items", item_id)[:2]
             for line in change_lines(e)]
    assert {(line.field, line.old, line.new) for line in lines} == {
        ("责任单位·角色（办公室）", "配合", "牵头"), ("责任单位·角色（年鉴科）", "牵头", "配合")}
    save_profile(conn, OfficeProfile())
    save_profile(conn, OfficeProfile(full_name="临江县地方志办公室"))
    (entry,) = audit.latest(conn, 1)
    assert [(line.field, line.old, line.new) for line in change_lines(entry)] == [
        ("单位全称", "某县地方志办公室", "临江县地方志办公室")]


def test_every_table_a_person_edits_is_audited_with_chinese_labels(
        conn: sqlite3.Connection) -> None:
    from fangzhi_desktop.domain.audit import FIELD_LABELS, HIDDEN_FIELDS, TABLE_LABELS
    from fangzhi_desktop.storage.audit_triggers import AUDITED, NOT_AUDITED, SKIPPED_COLUMNS

    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    unlisted = [t for t in tables if t not in AUDITED
                and not any(t == n or t.startswith(f"{n}_") for n in NOT_AUDITED)]
    assert unlisted == []  # a new table must be audited, or say why not
    assert not set(AUDITED) & set(NOT_AUDITED)
    assert set(AUDITED) <= set(tables)
    assert [t for t in AUDITED if t not in TABLE_LABELS] == []
    unlabelled = {(t, c) for t in AUDITED for (c,) in conn.execute(
        "SELECT name FROM pragma_table_info(?)", (t,))
        if c not in FIELD_LABELS and c not in HIDDEN_FIELDS and c not in SKIPPED_COLUMNS}
    assert unlabelled == set()


def test_the_history_of_one_part_of_a_record(conn: sqlite3.Connection) -> None:
    from fangzhi_desktop.storage import yearbook as volumes
    from fangzhi_desktop.storage.yearbook import UnitFields

    volume_id = volumes.create_volume(conn, 2025)
    for name, contact in (("统计局", "王联络"), ("教育局", "赵联络")):
        volumes.set_volume_unit(conn, volume_id, name, UnitFields(contact, "", None, ""))
    unit_id, _ = volumes.set_volume_unit(conn, volume_id, "统计局",
                                         UnitFields("王联络", "13912345678", None, ""))

    entries = audit.part_history(conn, "yearbook_volumes", volume_id, "yearbook_units",
                                 "unit_id", unit_id)
    assert [e.op for e in entries] == ["update", "update", "insert"]  # newest first
    assert entries[0].after["phone"] == "139****5678"
    assert all(e.table_name == "yearbook_units" for e in entries)
    assert {e.after.get("unit_id") for e in entries} == {"统计局"}  # shown by name
    assert len(audit.history(conn, "yearbook_volumes", volume_id)) > len(entries)
