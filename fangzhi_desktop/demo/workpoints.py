"""Demo work points: seed 003 (2023) imported, followed through the year, a few items late,
and the unfinished ones carried into the current year."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.importers.workpoints_notice import read_notice
from fangzhi_desktop.paths import sample_path
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.office import save_profile
from fangzhi_desktop.storage.workpoints import ItemFields, StatusFields

SEED_WORKPOINTS = "003_4e59df0e3bf8976e.txt"
LATE = {2: "推进中", 9: "推进中", 19: "未启动", 25: "推进中", 27: "未启动", 38: "推进中"}
REPORTERS = ("张晓梅", "李建国", "王丽", "刘洋", "陈志强", "赵敏")
PROGRESS_TEXTS = (
    "已制定工作方案，明确责任人和时间节点。",
    "已召开专题会议研究部署，正在按计划推进。",
    "已完成阶段性任务，形成初步成果。",
    "已按要求完成，相关材料已归档。",
)


DEMO_OFFICE = OfficeProfile(
    full_name="吉林省地方志编纂委员会", short_name="吉志委",
    default_recipient="各市（州）、各县（市、区）地方志工作机构，委内各处室、直属事业单位：",
    cc="中国地方志指导小组办公室，省委办公厅，省政府办公厅", printer="吉林省地方志编纂委员会办公室")


def add(conn: sqlite3.Connection, today: date, progress: Progress) -> None:
    save_profile(conn, DEMO_OFFICE)
    plan = read_notice(sample_path(SEED_WORKPOINTS))
    store.save_plan(conn, plan)
    progress(0.3, "已导入2023年工作要点")
    items = store.list_items(conn, plan.year)
    for n, item in enumerate(items):
        reporter = REPORTERS[n % len(REPORTERS)]
        month = 3 + n % 8
        store.add_log_entry(conn, item.id, date(plan.year, month, 10 + n % 15),
                            PROGRESS_TEXTS[n % 3], reporter)
        if item.no in LATE:
            if LATE[item.no] == "未启动":
                store.delete_log_entry(conn, store.item_log(conn, item.id)[0].id)
                store.set_status(conn, item.id, StatusFields(Status.NOT_STARTED, None, ""))
            store.add_log_entry(conn, item.id, date(plan.year, 11, 20),
                                "请加快推进，于月底前报送进展情况。", "办公室", EntryKind.URGE)
            continue
        finished = date(plan.year, min(12, month + 2), 15)
        store.add_log_entry(conn, item.id, finished, PROGRESS_TEXTS[3], reporter)
        status = Status.CLOSED if n % 4 == 0 else Status.DONE
        store.set_status(conn, item.id, StatusFields(status, finished, ""))
    # One extension granted during the year (item 25: 地方史编写).
    late_item = next(i for i in items if i.no == 25)
    store.extend_deadline(conn, late_item.id, date(plan.year + 1, 6, 30),
                          "部分县（市）地方史志稿尚在评审", date(plan.year, 11, 30))
    progress(0.7, "已录入2023年进展情况")
    if today.year > plan.year:
        new_ids = store.carry_over(conn, plan.year, today.year)
        _make_some_due(conn, new_ids, today)
    progress(1.0, "已结转未完成事项")


def _make_some_due(conn: sqlite3.Connection, item_ids: list[int], today: date) -> None:
    """Give carried items realistic deadlines: two already late, one due this week."""
    this_friday = today + timedelta(days=(4 - today.weekday()) % 7)
    whens = (today - timedelta(days=23), today - timedelta(days=9), this_friday)
    for item_id, when in zip(item_ids, whens, strict=False):
        phrase = f"{when.month}月{when.day}日前"
        before = store.item_fields(conn, item_id)
        store.update_item(conn, item_id, ItemFields(before.text, before.lead, before.support,
                                                     phrase, when))
        store.add_log_entry(conn, item_id, today - timedelta(days=30),
                            "已列入本年度重点督办事项，正在推进。", "办公室")
