"""Demo campaigns: seed 000 imported from its text and followed up, and a county office's
ledger campaign of the current year modelled on seed 004 (挂图作战、台账管理、清单推进: 3 plans,
30 tasks with units, people, steps and week nodes) — some late, some closed off (销号).

All dates are relative to ``today`` so the demo looks alive on any day. Week phrases need the
working calendar; for a year whose holiday schedule is unknown the demo writes the date
itself instead of guessing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.deadlines import month_end
from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.importers.campaign_plan import read_plan
from fangzhi_desktop.paths import sample_path
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.calendar import working_calendar
from fangzhi_desktop.storage.campaigns import CampaignFields, PhaseFields, StepFields, TaskFields

SEED_PLAN = "000_d1fb1299b6599f8a.txt"
CONFIRMER = "王建华"
PLANS = ("第三轮县志编纂攻坚方案", "县年鉴编纂出版提速方案", "“方志七进”宣传教育方案")


@dataclass(frozen=True)
class DemoTask:
    plan: int  # index into PLANS
    text: str
    unit: str
    person: str
    offset: int  # days from today to the week that is the task's node
    state: str  # closed / done / late (not started) / urged (in progress) / progress / idle /
    # extended
    steps: tuple[str, str]


TASKS = (
    DemoTask(0, "制定第三轮县志编纂攻坚实施方案，报县政府审定后印发。", "办公室", "王建华", -84, "closed",
             ("起草方案并征求意见", "提请县政府常务会议审定")),
    DemoTask(0, "召开全县修志工作推进会，对承编单位修志人员进行业务培训。", "编研科", "李文博", -70, "closed",
             ("拟定会议方案和培训课程", "召开推进会并开展培训")),
    DemoTask(0, "完成县志篇目第三次修订，征求县直有关单位意见。", "编研科", "李文博", -56, "closed",
             ("修订篇目初稿", "汇总意见并定稿")),
    DemoTask(0, "督促32个承编单位报送资料长编，建立收稿台账，每周通报进度。", "编研科", "孙静", -42, "done",
             ("印发催报通知", "逐单位登记收稿情况")),
    DemoTask(0, "完成“政治”“经济”两编初稿的编纂。", "编研科", "李文博", -28, "urged",
             ("完成资料梳理和章节分工", "完成初稿并内部交叉审读")),
    DemoTask(0, "组织查阅馆藏档案，补齐2006—2015年缺漏年份资料。", "县档案馆", "张丽", -21, "late",
             ("开列缺漏资料清单", "查阅复制并移交编研科")),
    DemoTask(0, "完成“社会”“文化”两编初稿的编纂。", "编研科", "孙静", 3, "progress",
             ("完成资料梳理", "完成初稿")),
    DemoTask(0, "开展志稿图照征集，精选入志图片不少于300幅。", "县融媒体中心", "赵雪", 17, "progress",
             ("发布征集公告", "筛选图片并标注说明")),
    DemoTask(0, "组织志稿内部初审，逐编形成初审意见。", "编研科", "李文博", 31, "idle",
             ("制定初审分工", "汇总初审意见")),
    DemoTask(0, "完成总纂稿，报送市史志办评议。", "编研科", "李文博", 52, "idle",
             ("统稿总纂", "报送评议")),
    DemoTask(1, "印发年鉴组稿通知和框架篇目，明确各供稿单位任务和时限。", "年鉴科", "陈晓燕", -77, "closed",
             ("修订框架篇目", "印发组稿通知")),
    DemoTask(1, "举办年鉴供稿人员业务培训班，培训不少于120人次。", "年鉴科", "陈晓燕", -63, "closed",
             ("确定培训内容和授课人", "举办培训班")),
    DemoTask(1, "收齐各供稿单位稿件，按月发布供稿情况通报。", "年鉴科", "刘洋", -49, "done",
             ("逐单位催收稿件", "发布供稿情况通报")),
    DemoTask(1, "完成条目初审和退改，退改稿件须在10个工作日内返回。", "年鉴科", "刘洋", -35, "extended",
             ("完成条目初审", "跟踪退改稿件返回")),
    DemoTask(1, "征集年鉴随文图片和卷首彩页照片。", "县融媒体中心", "赵雪", -14, "late",
             ("发布征集通知", "筛选并编辑图片")),
    DemoTask(1, "完成年鉴复审和终审。", "年鉴科", "陈晓燕", 5, "progress",
             ("完成复审", "报分管领导终审")),
    DemoTask(1, "与出版社签订出版合同，办理书号申领。", "办公室", "周敏", 10, "progress",
             ("比选出版社", "签订合同并申领书号")),
    DemoTask(1, "配合出版社完成三审三校。", "年鉴科", "刘洋", 24, "idle",
             ("完成一校、二校", "完成三校并签付印")),
    DemoTask(1, "年鉴印刷出版，按规定报送上级和赠阅有关单位。", "年鉴科", "陈晓燕", 45, "idle",
             ("印刷装订", "报送和赠阅")),
    DemoTask(1, "年鉴全文上网并完成数字化入库。", "资料科", "吴婷", 60, "idle",
             ("制作电子版", "上传地情资料库")),
    DemoTask(2, "制定“方志七进”活动方案，明确各进活动的责任单位。", "方志馆", "郑凯", -80, "closed",
             ("起草活动方案", "印发方案")),
    DemoTask(2, "向全县中小学赠送《乡土知识读本》，组织乡土课堂。", "县教育局", "黄伟", -66, "done",
             ("确定受赠学校名单", "赠书并开设乡土课堂")),
    DemoTask(2, "在县委党校主体班次开设地情讲座。", "县委党校", "马丽娟", -45, "closed",
             ("确定讲座专题", "完成授课")),
    DemoTask(2, "开展“方志进乡村”活动，向村（社区）农家书屋赠送志鉴。", "资料科", "吴婷", -30, "extended",
             ("核定受赠书屋名单", "分片送书到村")),
    DemoTask(2, "方志馆举办“志说家乡”主题展览。", "方志馆", "郑凯", -16, "late",
             ("完成展陈大纲", "布展并开展")),
    DemoTask(2, "在县融媒体中心开设“读志知县情”专栏，推出稿件不少于20篇。", "县融媒体中心", "赵雪", -7,
             "urged", ("确定选题清单", "每周推出稿件")),
    DemoTask(2, "结合文旅推介，编印《县情地情手册》。", "县文化广电和旅游局", "何平", 8, "progress",
             ("编写手册文稿", "设计排版并印制")),
    DemoTask(2, "开展“方志进机关”读志用志活动。", "办公室", "周敏", 12, "progress",
             ("向机关单位赠送志书", "组织读志用志交流")),
    DemoTask(2, "组织全县地方志知识竞赛。", "方志馆", "郑凯", 38, "idle",
             ("编制竞赛题库", "举办竞赛")),
    DemoTask(2, "总结专项行动经验，形成总结报告报县委、县政府。", "办公室", "王建华", 66, "idle",
             ("收集各单位总结材料", "起草并报送总结报告")),
)
EXTENSIONS = {
    "完成条目初审和退改": (18, "部分单位退改稿件质量不达标，需二次退改"),
    "开展“方志进乡村”活动": (26, "送书时间与秋收农忙冲突，经研究推迟开展"),
}


def add(conn: sqlite3.Connection, today: date, progress: Progress) -> None:
    _seed_campaign(conn, today)
    progress(0.3, "已导入专项活动实施方案")
    _ledger_campaign(conn, today, working_calendar(conn))
    progress(1.0, "已建立专项活动任务台账")


# --- Seed 000, imported and followed up ----------------------------------------------------


def _seed_campaign(conn: sqlite3.Connection, today: date) -> None:
    plan = read_plan(sample_path(SEED_PLAN))
    campaign_id = store.save_campaign(conn, plan)
    phases = {p.id: p for p in store.list_phases(conn, campaign_id)}
    for n, task in enumerate(store.list_tasks(conn, campaign_id)):
        phase = phases[task.phase_id] if task.phase_id is not None else None
        if phase is None or phase.start is None:
            continue
        start = phase.start
        if phase.end is None:  # 常态化: still going on
            first = max(start, today - timedelta(days=45 + 7 * n))
            followup.add_task_entry(conn, task.id, first, "已纳入本年度学习计划，按季度组织开展。",
                                    "办公室")
            followup.add_task_entry(conn, task.id, today - timedelta(days=9),
                                    "本季度已组织专题学习一次，正在整理学习材料。", "办公室")
            continue
        end = phase.end
        finished = min(end, start + timedelta(days=40 + 5 * n))
        if end >= today:  # only when the demo is run during the campaign itself
            continue
        followup.add_task_entry(conn, task.id, start + timedelta(days=14 + 3 * n),
                                "已按方案部署，正在推进。", "办公室")
        followup.add_task_entry(conn, task.id, finished, "已按要求完成，相关材料已归档。", "办公室")
        if n % 3 == 2:
            followup.set_task_status(conn, task.id, followup.TaskStatusFields(
                Status.DONE, finished))
        else:
            followup.close_off(conn, task.id, end, "刘志远", "经办公室核实，已完成")


# --- A ledger campaign of the current year (modelled on seed 004) --------------------------


def _knows_week(calendar: WorkingCalendar, day: date) -> bool:
    monday = day - timedelta(days=day.weekday())
    return calendar.knows(monday.year) and calendar.knows((monday + timedelta(days=6)).year)


def week_phrase(day: date, year: int, calendar: WorkingCalendar, month_form: bool) -> str:
    """The node of ``day``'s week as a ledger writes it (``第47周``, ``11月第4周``), or the date
    itself when that week's holiday schedule is unknown."""
    if not _knows_week(calendar, day):
        head = "" if day.year == year else f"{day.year}年"
        return f"{head}{day.month}月{day.day}日"
    monday = day - timedelta(days=day.weekday())
    if month_form:  # named after the month holding most of the week (its Thursday's)
        thursday = monday + timedelta(days=3)
        first = date(thursday.year, thursday.month, 1)
        week = (monday - (first - timedelta(days=first.weekday()))).days // 7 + 1
        head = "" if thursday.year == year else f"{thursday.year}年"
        return f"{head}{thursday.month}月第{week}周"
    iso_year, iso_week, _ = day.isocalendar()
    return (f"第{iso_week}周" if iso_year == year else f"{iso_year}年第{iso_week}周")


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _month_end(day: date) -> date:
    return month_end(day.year, day.month)


def _node(day: date, calendar: WorkingCalendar) -> date:
    return calendar.last_workday_of_week(day) if _knows_week(calendar, day) else day


def _ledger_campaign(conn: sqlite3.Connection, today: date, calendar: WorkingCalendar) -> None:
    year = today.year
    campaign_id = store.create_campaign(conn, CampaignFields(
        title=f"{year}年地方志工作“三大攻坚”专项行动实施方案", year=year,
        purpose=("坚持挂图作战、台账管理、清单推进，对县志编纂、年鉴出版和“方志七进”三个方案的30项任务"
                 "逐项明确责任单位、责任人、实施步骤和完成时限，节点明确到周，确保各项任务条条落实、"
                 "件件落地、事事见效。"),
        contents=PLANS))
    first = _month_start(today - timedelta(days=100))
    second = _month_end(first) + timedelta(days=1)
    third = _month_end(today + timedelta(days=30)) + timedelta(days=1)
    for name, begin, end in (("动员部署阶段", first, second - timedelta(days=1)),
                             ("集中攻坚阶段", second, third - timedelta(days=1)),
                             ("总结验收阶段", third, _month_end(today + timedelta(days=75)))):
        store.add_phase(conn, campaign_id, PhaseFields(name, begin, end))
    phases = store.list_phases(conn, campaign_id)
    for n, demo in enumerate(TASKS):
        due = today + timedelta(days=demo.offset)
        phase = next((p for p in phases if p.contains(due)), phases[-1])
        steps = tuple(
            StepFields(text, week_phrase(due - timedelta(days=14 * (1 - k)), year, calendar,
                                         month_form=n % 3 == 0))
            for k, text in enumerate(demo.steps))
        task_id = store.add_task(conn, campaign_id, TaskFields(
            demo.text, demo.unit, demo.person, week_phrase(due, year, calendar, n % 3 == 0),
            phase_id=phase.id, group=PLANS[demo.plan],
            steps=steps), calendar=calendar)
        _follow(conn, task_id, demo, today, calendar)


def _follow(conn: sqlite3.Connection, task_id: int, demo: DemoTask, today: date,
            calendar: WorkingCalendar) -> None:
    """Give a task the history its ``state`` says."""
    task = store.get_task(conn, task_id)
    deadline = task.deadline or today
    steps = store.task_steps(conn, task_id)
    if demo.state == "idle":
        return
    if demo.state == "late":  # not even started
        followup.add_task_entry(conn, task_id, today - timedelta(days=3),
                                "已逾期仍未启动，请说明原因并于本周内启动。", "办公室", EntryKind.URGE)
        return
    begun = min(today - timedelta(days=2), deadline - timedelta(days=20))
    followup.add_task_entry(conn, task_id, begun, f"已{demo.steps[0]}，正在推进。", demo.person)
    store.mark_step(conn, steps[0].id, True, begun)
    if demo.state in ("closed", "done"):
        finished = deadline - timedelta(days=2)
        followup.add_task_entry(conn, task_id, finished, f"已{demo.steps[1]}，任务完成。",
                                demo.person)
        store.mark_step(conn, steps[1].id, True, finished)
        followup.set_task_status(conn, task_id, followup.TaskStatusFields(Status.DONE, finished))
        if demo.state == "closed":
            followup.close_off(conn, task_id, min(today, finished + timedelta(days=5)),
                               CONFIRMER, "经督查核实，完成情况属实")
    elif demo.state == "urged":
        followup.add_task_entry(conn, task_id, today - timedelta(days=3),
                                "已逾期，请于本周内报送进展情况和预计完成时间。", "办公室",
                                EntryKind.URGE)
    elif demo.state == "extended":
        days, reason = next(v for k, v in EXTENSIONS.items() if demo.text.startswith(k))
        followup.extend_task_deadline(conn, task_id,
                                      _node(today + timedelta(days=days), calendar), reason,
                                      deadline - timedelta(days=3))
