"""The 科室 totals and the year's totals of 干部学习, summed by SQL over the TEMP table of the
year's figures, equal those ``domain.learning`` computes in Python."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from fangzhi_desktop.domain.learning import (
    Activity,
    Attendance,
    Basis,
    DepartmentYear,
    HourRule,
    LearningYear,
    YearPolicy,
    compute_year,
)
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.ui.learning_models import DepartmentsModel, PeopleModel

RULES = [HourRule("集中学习", Basis.PER_SESSION, 3.0),
         HourRule("自学", Basis.BY_LENGTH, 1.0, yearly_cap=20.0),
         HourRule("脱产培训", Basis.PER_DAY, 7.5)]


def _python_totals(stats: LearningYear) -> tuple[list[DepartmentYear], DepartmentYear]:
    total = DepartmentYear("合计", stats.headcount, stats.attendances, stats.total_hours,
                           stats.completed)
    return stats.departments(), total


def _sql_totals(conn: sqlite3.Connection,
                stats: LearningYear) -> tuple[list[DepartmentYear], DepartmentYear | None]:
    people = PeopleModel(conn)
    people.set_stats(stats)
    departments = DepartmentsModel()
    departments.set_totals(conn)
    return departments.departments(), departments.total()


def test_demo_year_totals_equal_the_python_ones(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    window.select_tab("learning")
    tab = window.learning
    assert tab.stats is not None and tab.stats.people
    python_rows, python_total = _python_totals(tab.stats)
    assert tab.people.departments.departments() == python_rows
    assert tab.people.departments.total() == python_total
    assert tab.people.completed == tab.stats.completed == 21


def _random_year(rng: random.Random) -> tuple[list[Person], list[Activity]]:
    departments = ["办公室", "编研科", "年鉴编辑部", "", "地方志科"]
    ranks = ["正科", "副科级", "一级科员", "", "四级主任科员", "副处"]
    people = [Person(name=f"人员{n}", department=rng.choice(departments),
                     rank=rng.choice(ranks), work_start=rng.choice(["", "2000-01", "2027-03"]),
                     id=n + 1) for n in range(300)]
    activities = []
    for n in range(60):
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(730))
        end = start + timedelta(days=rng.randrange(4)) if rng.random() < 0.3 else None
        picked = rng.sample(people, rng.randrange(1, 120))
        activities.append(Activity(
            rng.choice(RULES).name, start, f"活动{n}", end=end, hours=rng.choice([3, 4, 7.5, 2.25]),
            attendees=[Attendance(p.id or 0, leave=rng.random() < 0.1,
                                  hours=rng.choice([None, None, 1.75, 12.0]))
                       for p in picked], id=n + 1))
    return people, activities


def test_random_roster_totals_equal_the_python_ones(qapp, conn: sqlite3.Connection) -> None:
    rng = random.Random(9)
    for _ in range(3):
        people, activities = _random_year(rng)
        policies = [YearPolicy(2025, 20.0, {"正科": 25.0}, 10.0),
                    YearPolicy(2026, 24.0, {"副处": 30.0}, 5.0)]
        stats = compute_year(2026, people, activities, RULES, policies)
        assert stats.attendances > 0 and 0 < stats.completed < stats.headcount
        python_rows, python_total = _python_totals(stats)
        sql_rows, sql_total = _sql_totals(conn, stats)
        assert sql_rows == python_rows
        assert sql_total == python_total
