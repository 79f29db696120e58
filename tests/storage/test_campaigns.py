"""Campaigns in the database: imported plans, hand-made campaigns, phases, tasks and steps."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.calendar import ScheduleUnknown
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.errors import FangzhiError, InputErrors, Problem
from fangzhi_desktop.importers.campaign_plan import parse_text, read_plan
from fangzhi_desktop.importers.workpoints_notice import parse_text as parse_notice
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.campaigns import (
    CampaignFields,
    PhaseFields,
    StepFields,
    TaskFields,
    TaskFilter,
)
from fangzhi_desktop.storage.units import find_unit, list_units, merge_units
from fangzhi_desktop.storage.workpoints import save_plan
from tests.conftest import SAMPLES

SEED_PLAN = SAMPLES / "000_d1fb1299b6599f8a.txt"


def _table_rows(conn: sqlite3.Connection) -> list[object]:
    return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in (
        "campaign_activities", "campaign_phases", "campaign_tasks", "campaign_task_steps",
        "units")]


@pytest.fixture
def hand_made(conn: sqlite3.Connection) -> int:
    """A campaign built by hand in 2026: two phases, the second open-ended."""
    campaign_id = store.create_campaign(conn, CampaignFields("方志进校园活动", 2026))
    store.add_phase(conn, campaign_id, PhaseFields("启动阶段", date(2026, 3, 1),
                                                   date(2026, 4, 30)))
    store.add_phase(conn, campaign_id, PhaseFields("常态化阶段", date(2026, 5, 1), None))
    return campaign_id


def test_the_seed_plan_is_saved_in_one_go(conn: sqlite3.Connection) -> None:
    campaign_id = store.save_campaign(conn, read_plan(SEED_PLAN))
    info = store.get_campaign(conn, campaign_id)
    assert info.year == 2021 and info.issuer == "南昌市史志办公室" and info.task_count == 10
    assert info.contents[0] == "广泛宣传吴志宏同志先进事迹"
    phases = store.list_phases(conn, campaign_id)
    assert [(p.name, p.start, p.end) for p in phases] == [
        ("宣传发动阶段", date(2021, 1, 1), date(2021, 3, 31)),
        ("学习研讨阶段", date(2021, 4, 1), date(2021, 10, 31)),
        ("组织提升阶段", date(2021, 11, 1), date(2021, 12, 31)),
        ("常态化学习阶段", date(2022, 1, 1), None),
    ]
    assert phases[0].label == "宣传发动阶段（2021年1—3月）"
    assert phases[3].label == "常态化学习阶段（2022年1月以后）"
    tasks = store.list_tasks(conn, campaign_id)
    assert [t.no for t in tasks] == list(range(1, 11))  # numbered across phases
    assert tasks[0].phase_name == "宣传发动阶段" and tasks[0].deadline == date(2021, 3, 31)
    assert "按所属阶段（宣传发动阶段）结束日计" in tasks[0].deadline_rule
    assert tasks[-1].deadline is None and "不设完成时限" in tasks[-1].deadline_rule
    assert tasks[-1].grade(date(2030, 1, 1)).value == "正常"  # no deadline, never late
    with pytest.raises(InputErrors, match="已经导入过"):
        store.save_campaign(conn, read_plan(SEED_PLAN))
    replaced = store.save_campaign(conn, read_plan(SEED_PLAN), replace=True)
    assert [c.id for c in store.list_campaigns(conn)] == [replaced]


def test_a_plan_with_errors_writes_nothing(conn: sqlite3.Connection) -> None:
    plan = read_plan(SEED_PLAN)
    plan.problems.append(Problem("阶段重复", line=3))
    before = _table_rows(conn)
    with pytest.raises(InputErrors, match="1 处错误"):
        store.save_campaign(conn, plan)
    assert _table_rows(conn) == before


def test_phase_today_for_every_campaign(conn: sqlite3.Connection, hand_made: int) -> None:
    seed = store.save_campaign(conn, read_plan(SEED_PLAN))
    empty = store.create_campaign(conn, CampaignFields("尚未排期的活动", 2026))
    today = {c.id: p for c, p in store.campaigns_today(conn, date(2026, 11, 23))}
    assert today[seed].text() == "常态化学习阶段"
    assert today[hand_made].text() == "常态化阶段"
    assert today[empty].text() == "未设阶段"
    early = store.campaign_phase_today(conn, hand_made, date(2026, 1, 10))
    assert early.phase is None and early.text() == "未开始（启动阶段于2026年3月1日开始）"
    assert store.campaign_phase_today(conn, seed, date(2021, 5, 1)).text() == "学习研讨阶段"


def test_phases_are_edited_and_deleted(conn: sqlite3.Connection, hand_made: int) -> None:
    first, second = store.list_phases(conn, hand_made)
    assert second.end is None and second.contains(date(2035, 1, 1))
    before = store.update_phase(conn, second.id, PhaseFields("巩固阶段", date(2026, 5, 1),
                                                             date(2026, 12, 31)))
    assert before == PhaseFields("常态化阶段", date(2026, 5, 1), None)
    assert store.get_phase(conn, second.id).label == "巩固阶段（2026年5—12月）"
    task = store.add_task(conn, hand_made, TaskFields("赠书进校园。", phase_id=first.id))
    store.delete_phase(conn, first.id)
    assert [p.name for p in store.list_phases(conn, hand_made)] == ["巩固阶段"]
    kept = store.get_task(conn, task)  # the task stays, without a phase
    assert kept.phase_id is None and kept.phase_name == ""


@pytest.mark.parametrize(("fields", "message"), [
    (PhaseFields("", date(2026, 1, 1)), "阶段名称不能为空"),
    (PhaseFields("倒序阶段", date(2026, 5, 1), date(2026, 4, 1)), "结束日期早于开始日期"),
    (PhaseFields("无头阶段", None, date(2026, 4, 1)), "没有开始日期"),
])
def test_bad_phases_are_refused(conn: sqlite3.Connection, hand_made: int, fields: PhaseFields,
                                message: str) -> None:
    with pytest.raises(FangzhiError, match=message):
        store.add_phase(conn, hand_made, fields)
    assert len(store.list_phases(conn, hand_made)) == 2


def test_campaigns_are_renamed_edited_and_deleted(conn: sqlite3.Connection,
                                                  hand_made: int) -> None:
    assert store.rename_campaign(conn, hand_made, "方志进校园专项活动") == "方志进校园活动"
    before = store.update_campaign(conn, hand_made, CampaignFields(
        "方志进校园专项活动", 2026, "某县地方志办公室", "传承乡土文化。", ("赠书", "讲座")))
    assert before.issuer == "" and before.title == "方志进校园专项活动"
    assert store.get_campaign(conn, hand_made).contents == ("赠书", "讲座")
    with pytest.raises(FangzhiError, match="名称不能为空"):
        store.rename_campaign(conn, hand_made, "  ")
    store.add_task(conn, hand_made, TaskFields("讲座。", "编研科", steps=(StepFields("备课"),)))
    store.delete_campaign(conn, hand_made)
    assert store.list_campaigns(conn) == []
    assert conn.execute("SELECT count(*) FROM campaign_task_steps").fetchone() == (0,)
    with pytest.raises(FangzhiError, match="没有编号为"):
        store.get_campaign(conn, hand_made)


def test_ledger_tasks_with_units_people_steps_and_week_nodes(conn: sqlite3.Connection,
                                                             hand_made: int) -> None:
    first = store.list_phases(conn, hand_made)[0]
    task_id = store.add_task(conn, hand_made, TaskFields(
        "向全县中小学赠送乡土读本。", "县教育局", "黄伟", "第12周", phase_id=first.id,
        group="方志进校园方案", steps=(
            StepFields("确定受赠学校", "3月第2周"), StepFields("赠书", "第12周前"),
            StepFields("总结", deadline=date(2026, 3, 25)))))
    task = store.get_task(conn, task_id)
    assert (task.no, task.unit, task.person, task.group) == (1, "县教育局", "黄伟", "方志进校园方案")
    assert task.deadline == task.deadline_issued == date(2026, 3, 20)
    assert task.deadline_phrase == "第12周" and "最后一个工作日为3月20日" in task.deadline_rule
    steps = store.task_steps(conn, task_id)
    assert [(s.node_phrase, s.deadline) for s in steps] == [
        ("3月第2周", date(2026, 3, 6)), ("第12周前", date(2026, 3, 20)), ("", date(2026, 3, 25))]
    assert steps[2].node_rule == "人工指定"
    # The same unit directory as the work points.
    save_plan(conn, parse_notice("2026年工作要点\n一、综合\n1.甲。（县教育局）\n"))
    assert [u.name for u in list_units(conn)].count("县教育局") == 1
    # A step ticked off.
    assert store.mark_step(conn, steps[0].id, True, date(2026, 3, 5)) == (False, None)
    task = store.get_task(conn, task_id)
    assert (task.steps_done, task.steps_total) == (1, 3)


def test_editing_a_task_returns_the_old_fields_for_undo(conn: sqlite3.Connection,
                                                        hand_made: int) -> None:
    task_id = store.add_task(conn, hand_made, TaskFields(
        "编印乡土读本。", "编研科", "李文博", "第12周", steps=(StepFields("组稿", "第10周"),)))
    before = store.update_task(conn, task_id, TaskFields(
        "编印乡土读本和教师用书。", "编研科", "孙静", "4月第1周"))
    task = store.get_task(conn, task_id)
    assert task.text == "编印乡土读本和教师用书。" and task.person == "孙静"
    assert task.deadline == task.deadline_issued == date(2026, 4, 3)  # no extension: both move
    assert store.task_steps(conn, task_id) == []
    store.update_task(conn, task_id, before)  # undo
    assert store.task_fields(conn, task_id) == before
    assert store.get_task(conn, task_id).deadline == date(2026, 3, 20)
    # A date typed by hand is kept with the rule 人工指定.
    store.update_task(conn, task_id, TaskFields("编印乡土读本。", deadline=date(2026, 5, 8)))
    assert store.get_task(conn, task_id).deadline_rule == "人工指定"
    store.delete_task(conn, task_id)
    with pytest.raises(FangzhiError, match="已不存在"):
        store.get_task(conn, task_id)


@pytest.mark.parametrize(("fields", "error", "message"), [
    (TaskFields("  "), FangzhiError, "任务内容不能为空"),
    (TaskFields("甲。", deadline_phrase="尽快"), FangzhiError, "无法识别完成时限“尽快”"),
    (TaskFields("甲。", deadline_phrase="第60周"), FangzhiError, "2026年只有53周"),
    (TaskFields("甲。", steps=(StepFields(""),)), FangzhiError, "实施步骤的内容不能为空"),
    (TaskFields("甲。", deadline_phrase="2027年第3周"), ScheduleUnknown, "2027年的节假日安排尚未录入"),
])
def test_bad_tasks_change_nothing(conn: sqlite3.Connection, hand_made: int, fields: TaskFields,
                                  error: type[Exception], message: str) -> None:
    before = _table_rows(conn)
    with pytest.raises(error, match=message):
        store.add_task(conn, hand_made, fields)
    assert _table_rows(conn) == before


def test_a_phase_of_another_campaign_is_refused(conn: sqlite3.Connection, hand_made: int) -> None:
    other = store.create_campaign(conn, CampaignFields("另一项活动", 2026))
    phase = store.list_phases(conn, hand_made)[0]
    with pytest.raises(FangzhiError, match="不属于这项专项活动"):
        store.add_task(conn, other, TaskFields("甲。", phase_id=phase.id))


def test_a_week_in_a_year_the_office_adds(conn: sqlite3.Connection) -> None:
    from fangzhi_desktop.storage.calendar import add_year

    campaign_id = store.create_campaign(conn, CampaignFields("2027年专项活动", 2027))
    add_year(conn, 2027, {"holidays": [
        {"name": "清明节", "start": "2027-04-03", "end": "2027-04-05"}],
        "workdays": [{"date": "2027-04-10", "for": "清明节"}]})
    deadline = store.resolve_deadline(conn, campaign_id, "4月第2周")
    assert deadline.date == date(2027, 4, 10)  # the 调休 Saturday


def test_filters_and_cross_campaign_lists(conn: sqlite3.Connection, hand_made: int) -> None:
    first = store.list_phases(conn, hand_made)[0]
    late = store.add_task(conn, hand_made, TaskFields("赠书。", "资料科", "吴婷", "第12周",
                                                      phase_id=first.id))
    soon = store.add_task(conn, hand_made, TaskFields("讲座。", "编研科", "李文博", "第14周"))
    store.add_task(conn, hand_made, TaskFields("总结。", "办公室", "周敏"))  # no time limit
    today = date(2026, 3, 25)
    assert [t.id for t in store.overdue_tasks(conn, today)] == [late]
    assert [t.id for t in store.due_between(conn, today, date(2026, 4, 8))] == [soon]
    flt = TaskFilter(overdue_on=today)
    assert [t.id for t in store.list_tasks(conn, hand_made, flt)] == [late]
    unit = find_unit(conn, "编研科")
    assert [t.id for t in store.list_tasks(conn, hand_made, TaskFilter(unit_id=unit))] == [soon]
    assert [t.id for t in store.list_tasks(conn, hand_made, TaskFilter(search="吴婷"))] == [late]
    assert [t.id for t in store.list_tasks(conn, hand_made,
                                           TaskFilter(phase_id=first.id))] == [late]
    assert [t.status for t in store.list_tasks(conn, hand_made,
                                               TaskFilter(status=Status.NOT_STARTED))] == [
        Status.NOT_STARTED] * 3
    assert [name for _, name in store.campaign_units(conn, hand_made)] == [
        "资料科", "编研科", "办公室"]


def test_merging_two_spellings_of_a_unit_moves_campaign_tasks(conn: sqlite3.Connection,
                                                              hand_made: int) -> None:
    task_id = store.add_task(conn, hand_made, TaskFields("甲。", "县志办"))
    other = store.add_task(conn, hand_made, TaskFields("乙。", "县志办公室"))
    keep, merge = find_unit(conn, "县志办公室"), find_unit(conn, "县志办")
    assert keep and merge and keep != merge
    merge_units(conn, keep, merge)
    assert store.get_task(conn, task_id).unit == "县志办公室"
    assert store.get_task(conn, other).unit_id == keep
    assert find_unit(conn, "县志办") == keep


def test_a_unit_named_by_a_task_cannot_simply_vanish(conn: sqlite3.Connection,
                                                     hand_made: int) -> None:
    store.add_task(conn, hand_made, TaskFields("甲。", "县志办"))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM units WHERE name = '县志办'")
    assert store.list_tasks(conn, hand_made)[0].unit == "县志办"


def test_year_of_a_plan_without_dated_phases(conn: sqlite3.Connection) -> None:
    plan = parse_text("2025年某活动实施方案\n一、时间安排\n（一）启动阶段\n1.动员。\n")
    campaign_id = store.save_campaign(conn, plan)
    assert store.get_campaign(conn, campaign_id).year == 2025
    task = store.list_tasks(conn, campaign_id)[0]
    assert task.deadline is None and task.phase_name == "启动阶段"
