"""Following up ledger tasks: progress, 催办, status, 销号, extensions and grading."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.workpoints import EntryKind, Grade, Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.campaign_followup import TaskStatusFields
from fangzhi_desktop.storage.campaigns import CampaignFields, TaskFields


@pytest.fixture
def task_id(conn: sqlite3.Connection) -> int:
    """A task due in week 12 of 2026 (Friday 2026-03-20)."""
    campaign_id = store.create_campaign(conn, CampaignFields("挂图作战专项行动", 2026))
    return store.add_task(conn, campaign_id, TaskFields(
        "完成志稿初审。", "编研科", "李文博", "第12周"))


def test_progress_moves_a_task_to_in_progress(conn: sqlite3.Connection, task_id: int) -> None:
    followup.add_task_entry(conn, task_id, date(2026, 3, 2), "请按期推进。", "办公室",
                            EntryKind.URGE)
    assert store.get_task(conn, task_id).status is Status.NOT_STARTED  # 催办 is not progress
    entry = followup.add_task_entry(conn, task_id, date(2026, 3, 5), "已完成两编初审。", "李文博")
    task = store.get_task(conn, task_id)
    assert task.status is Status.IN_PROGRESS and task.status_date == date(2026, 3, 5)
    assert (task.last_progress, task.last_progress_date) == ("已完成两编初审。", date(2026, 3, 5))
    log = followup.task_log(conn, task_id)
    assert [(e.kind, e.text) for e in log] == [(EntryKind.PROGRESS, "已完成两编初审。"),
                                              (EntryKind.URGE, "请按期推进。")]
    followup.delete_task_entry(conn, entry)
    assert store.get_task(conn, task_id).last_progress == ""
    with pytest.raises(FangzhiError, match="进展内容不能为空"):
        followup.add_task_entry(conn, task_id, date(2026, 3, 6), " ")


def test_closing_off_needs_a_date_and_who_confirmed(conn: sqlite3.Connection,
                                                    task_id: int) -> None:
    followup.set_task_status(conn, task_id, TaskStatusFields(Status.DONE, date(2026, 3, 18)))
    with pytest.raises(FangzhiError, match="确认人"):
        followup.close_off(conn, task_id, date(2026, 3, 23), "  ")
    with pytest.raises(FangzhiError, match="销号日期"):
        followup.set_task_status(conn, task_id, TaskStatusFields(Status.CLOSED, None, "", "王建华"))
    before = followup.close_off(conn, task_id, date(2026, 3, 23), "王建华", "经督查核实")
    assert before == TaskStatusFields(Status.DONE, date(2026, 3, 18), "", "")
    task = store.get_task(conn, task_id)
    assert (task.status, task.status_date, task.closed_by, task.status_remark) == (
        Status.CLOSED, date(2026, 3, 23), "王建华", "经督查核实")
    assert task.grade(date(2026, 6, 1)) is Grade.GREEN and not task.overdue(date(2026, 6, 1))
    with pytest.raises(FangzhiError, match="已经销号"):
        followup.close_off(conn, task_id, date(2026, 3, 24), "王建华")
    followup.set_task_status(conn, task_id, before)  # undo the 销号
    task = store.get_task(conn, task_id)
    assert (task.status, task.closed_by) == (Status.DONE, "")


@pytest.mark.parametrize(("today", "grade", "overdue"), [
    (date(2026, 2, 27), Grade.GREEN, False),  # 21 days ahead
    (date(2026, 3, 6), Grade.YELLOW, False),  # 14 days ahead
    (date(2026, 3, 20), Grade.YELLOW, False),  # due today
    (date(2026, 3, 21), Grade.RED, True),
])
def test_grading_as_for_work_points(conn: sqlite3.Connection, task_id: int, today: date,
                                    grade: Grade, overdue: bool) -> None:
    task = store.get_task(conn, task_id)
    assert task.grade(today) is grade and task.overdue(today) is overdue
    assert task.days_left(today) == (date(2026, 3, 20) - today).days


def test_extensions_keep_the_issued_deadline_as_the_baseline(conn: sqlite3.Connection,
                                                             task_id: int) -> None:
    first = followup.extend_task_deadline(conn, task_id, date(2026, 4, 3), "承编单位资料未报齐",
                                          date(2026, 3, 18))
    followup.extend_task_deadline(conn, task_id, date(2026, 4, 30), "评审专家时间调整",
                                  date(2026, 4, 1))
    task = store.get_task(conn, task_id)
    assert task.deadline == date(2026, 4, 30) and task.deadline_issued == date(2026, 3, 20)
    assert task.extensions == 2
    assert task.extension_reasons == ("承编单位资料未报齐", "评审专家时间调整")
    assert task.grade(date(2026, 3, 25)) is Grade.GREEN  # late against the baseline, not now
    assert [(e.old_deadline, e.new_deadline) for e in followup.task_extensions(conn, task_id)] == [
        (date(2026, 3, 20), date(2026, 4, 3)), (date(2026, 4, 3), date(2026, 4, 30))]
    # Correcting the task's text (or even its deadline) keeps the baseline once extended.
    fields = store.task_fields(conn, task_id)
    store.update_task(conn, task_id, TaskFields("完成志稿初审并反馈。", fields.unit, fields.person,
                                                fields.deadline_phrase, date(2026, 5, 8)))
    assert store.get_task(conn, task_id).deadline_issued == date(2026, 3, 20)
    # Revoking the latest extension puts its old deadline back.
    latest = followup.task_extensions(conn, task_id)[-1]
    followup.revoke_task_extension(conn, latest.id)
    task = store.get_task(conn, task_id)
    assert task.deadline == date(2026, 4, 3) and task.extensions == 1
    assert followup.task_extensions(conn, task_id)[0].id == first


@pytest.mark.parametrize(("new", "reason", "message"), [
    (date(2026, 3, 20), "原因", "与现在的期限相同"),
    (date(2026, 4, 3), " ", "请写明延期原因"),
])
def test_bad_extensions_are_refused(conn: sqlite3.Connection, task_id: int, new: date,
                                    reason: str, message: str) -> None:
    with pytest.raises(FangzhiError, match=message):
        followup.extend_task_deadline(conn, task_id, new, reason, date(2026, 3, 18))
    assert store.get_task(conn, task_id).extensions == 0


def test_a_task_without_a_deadline_is_not_extended(conn: sqlite3.Connection) -> None:
    campaign_id = store.create_campaign(conn, CampaignFields("常态化学习", 2026))
    task_id = store.add_task(conn, campaign_id, TaskFields("按季度组织学习。"))
    with pytest.raises(FangzhiError, match="没有完成时限"):
        followup.extend_task_deadline(conn, task_id, date(2026, 6, 30), "原因", date(2026, 3, 1))
