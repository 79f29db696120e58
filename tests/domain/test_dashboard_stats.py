"""The figures behind 总览's charts."""

from __future__ import annotations

from datetime import date

from fangzhi_desktop.domain import dashboard_stats as stats
from fangzhi_desktop.domain.campaigns import CampaignTask
from fangzhi_desktop.domain.learning import LearningYear, PersonYear, YearPolicy
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.domain.workpoints import Status, WorkItem


def item(no: int, section: str, lead: list[str], deadline: date,
         status: Status = Status.IN_PROGRESS, done_on: date | None = None) -> WorkItem:
    return WorkItem(id=no, plan_id=1, year=2026, section_id=1, section_title=section,
                    section_ordinal="一" if section == "依法治志" else "二", no=no, position=no,
                    text=f"任务{no}", lead=lead, support=[], deadline_phrase="",
                    deadline_rule="", deadline=deadline, deadline_issued=deadline,
                    extensions=0, status=status, status_date=done_on, status_remark="",
                    last_progress="", last_progress_date=None)


ITEMS = [
    item(1, "依法治志", ["研究室"], date(2026, 3, 31), Status.DONE, date(2026, 3, 20)),
    item(2, "依法治志", ["研究室", "办公室"], date(2026, 6, 30)),
    item(3, "资料建设", ["资料处"], date(2026, 12, 31), Status.CLOSED, date(2026, 11, 2)),
]


def test_completion_by_section_and_unit() -> None:
    assert stats.completion_by_section(ITEMS) == [
        stats.Completion("一、依法治志", 1, 2), stats.Completion("二、资料建设", 1, 1)]
    by_unit = stats.completion_by_unit(ITEMS)
    assert by_unit[0] == stats.Completion("研究室", 1, 2)
    assert {b.label for b in by_unit} == {"研究室", "办公室", "资料处"}
    assert by_unit[0].rate == 0.5 and by_unit[0].open == 1


def test_grades_by_month_follow_the_status_date() -> None:
    months = stats.grades_by_month(ITEMS, 2026, date(2026, 11, 23))
    assert [m.month for m in months] == list(range(1, 12))
    assert months[-1].on == date(2026, 11, 23)
    march = months[2]  # item 1 done on 3-20; item 2 due 6-30 far ahead; item 3 far ahead
    assert (march.green, march.yellow, march.red) == (3, 0, 0)
    june = months[5]  # item 2 due today-ish: yellow on 6-30
    assert (june.green, june.yellow, june.red) == (2, 1, 0)
    july = months[6]
    assert (july.green, july.yellow, july.red) == (2, 0, 1)
    assert stats.grades_by_month(ITEMS, 2027, date(2026, 11, 23)) == []


def task(no: int, deadline: date | None, status: Status = Status.NOT_STARTED,
         done_on: date | None = None) -> CampaignTask:
    return CampaignTask(id=no, campaign_id=1, no=no, position=no, text=f"任务{no}",
                        deadline=deadline, status=status, status_date=done_on)


def test_burndown_planned_and_actual() -> None:
    tasks = [task(1, date(2026, 9, 10), Status.DONE, date(2026, 9, 8)),
             task(2, date(2026, 9, 20)), task(3, None)]
    points = stats.burndown(tasks, date(2026, 9, 1), date(2026, 9, 15))
    assert points[0] == stats.BurnPoint(date(2026, 9, 1), 3, 3)
    assert points[1] == stats.BurnPoint(date(2026, 9, 8), 3, 2)
    assert stats.BurnPoint(date(2026, 9, 15), 2, 2) in points  # today is always a point
    assert points[-1].on == date(2026, 9, 20) and points[-1].actual is None
    assert stats.burndown([], date(2026, 9, 1), date(2026, 9, 15)) == []


def test_long_burndown_thins_out() -> None:
    tasks = [task(1, date(2030, 1, 1))]
    points = stats.burndown(tasks, date(2021, 1, 1), date(2026, 1, 1))
    assert len(points) <= 62


def test_cumulative_receipts() -> None:
    days = [date(2026, 9, 3), date(2026, 9, 3), date(2026, 9, 12)]
    points = stats.cumulative_by_week(days, date(2026, 9, 1), date(2026, 9, 20))
    assert [(p.on, p.count) for p in points] == [
        (date(2026, 9, 1), 0), (date(2026, 9, 8), 2), (date(2026, 9, 15), 3),
        (date(2026, 9, 20), 3)]
    assert stats.cumulative_by_week([], date(2026, 9, 1), date(2026, 9, 20)) == []


def test_hours_by_department() -> None:
    def person(name: str, dept: str, hours: float, required: float) -> PersonYear:
        return PersonYear(Person(name, department=dept), required, {"集中学习": hours}, 0.0, [])

    year = LearningYear(2026, None, ["集中学习"], [
        person("甲", "办公室", 80, 90), person("乙", "办公室", 100, 90),
        person("丙", "编研科", 50, 110)], [], YearPolicy())
    rows = stats.hours_by_department(year)
    assert rows == [stats.DepartmentHours("办公室", 2, 90.0, 90.0),
                    stats.DepartmentHours("编研科", 1, 50.0, 110.0)]
    assert not rows[0].short and rows[1].short


def test_month_end() -> None:
    assert stats.month_end(2026, 2) == date(2026, 2, 28)
    assert stats.month_end(2026, 12) == date(2026, 12, 31)
