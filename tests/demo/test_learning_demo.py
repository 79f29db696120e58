"""The demo's staff learning: a 25-person roster with valid ID numbers, the seeds' 中心组学习会
re-dated into the current year by the news importer, and a year of activities in which four
people are short of their requirement on 2026-11-23."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from fangzhi_desktop.demo import build_demo
from fangzhi_desktop.domain.people import id_birth_month, id_number_problem, id_sex
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.learning import learning_years, list_activities, load_year
from fangzhi_desktop.storage.people import list_people
from tests.conftest import DEMO_TODAY


def test_the_roster_has_25_made_up_staff_with_valid_ids(demo_db: Path) -> None:
    conn = open_database(demo_db)
    people = list_people(conn)
    assert len(people) == 25
    assert len({p.name for p in people}) == 25
    for person in people:
        assert id_number_problem(person.id_number) is None, person.name
        assert id_birth_month(person.id_number) == person.birth
        assert id_sex(person.id_number) == person.sex
        assert person.id_number[:4] == "2203"  # 四平市, 吉林省
        assert len(person.phone) == 11 and person.phone.startswith("1")
    departments = Counter(p.department for p in people)
    assert departments == {"办领导": 3, "办公室": 5, "年鉴编辑部": 7, "编研科": 5,
                           "资料科（方志馆）": 5}
    ranks = {p.rank for p in people}
    assert {"正科", "副科", "一级主任科员", "四级主任科员", "一级科员", "试用期"} <= ranks


def test_the_seed_meetings_are_imported_into_the_current_year(demo_db: Path) -> None:
    conn = open_database(demo_db)
    meetings = [a for a in list_activities(conn, DEMO_TODAY.year)
                if a.type_name == "理论学习中心组学习"]
    assert [a.start for a in meetings] == [date(2026, 1, 12), date(2026, 5, 21)]
    first, second = meetings
    assert first.source == "001_8f8c403cddf73fcf.txt"
    assert first.host == "陈建春" and first.hours == 3
    assert "《四川省选拔任用党政领导干部分析研判和动议工作办法》等规范性文件" in first.studied
    assert second.studied[0].startswith("中共中央办公厅印发的《关于持续解决困扰基层的形式主义问题")
    names = {p.id: p.name for p in list_people(conn)}
    assert [names[a.person_id] for a in first.attendees] == [
        "孙立军", "王淑华", "李建国", "张晓梅", "陈志强", "林国栋", "郑丽娟"]
    assert "副处级以上领导干部" in first.note


def test_a_realistic_year_with_four_people_short_on_2026_11_23(demo_db: Path) -> None:
    conn = open_database(demo_db)
    year = load_year(conn, 2026, DEMO_TODAY)
    assert year.headcount == 25
    short = year.shortfall_list()
    assert 3 <= len(short) <= 4
    assert [(p.person.name, p.shortfall) for p in short] == [
        ("韩志远", 52), ("王淑华", 28), ("黄雅琴", 27), ("邓晓光", 18)]
    assert year.completed == 21 and year.participants == 25
    kinds = Counter(item.activity.type_name for item in year.activities)
    assert kinds["主题党日"] == 11 and kinds["业务培训"] == 2 and kinds["法治培训"] == 2
    assert kinds["专题讲座"] == 1 and kinds["脱产培训"] == 2 and kinds["网络学习"] == 4
    assert kinds["理论学习中心组学习"] == 2 and kinds["三会一课"] == 3
    assert all(item.activity.last_day <= DEMO_TODAY for item in year.activities)
    # Hours carried over from 2025 (at most 20), the self-study cap, a leave.
    carried = {p.person.name: p.carried_in for p in year.people}
    assert max(carried.values()) == 20 and carried["邓晓光"] == 0
    he = year.person(next(p.person.id for p in year.people if p.person.name == "何志华") or 0)
    assert he is not None and he.by_type["自学"] == 20
    wang = next(p for p in year.people if p.person.name == "王淑华")
    assert wang.leaves == 1 and wang.by_type.get("脱产培训", 0) == 0
    # The online course across the year end: 24 hours split by its days in each year.
    course = next(a for a in list_activities(conn, 2026) if a.start == date(2025, 12, 15))
    assert course.end == date(2026, 1, 14) and course.hours == 24
    zhang = next(p for p in year.people if p.person.name == "张晓梅")
    assert [line.hours for line in zhang.lines if line.start == date(2025, 12, 15)] == [10.84]
    assert learning_years(conn) == [2025, 2026]


def test_early_in_the_year_a_future_seed_meeting_moves_back_a_year(tmp_path: Path) -> None:
    today = date(2026, 3, 1)
    db = build_demo(tmp_path / "early.db", today=today)
    conn = open_database(db)
    dates = sorted(a.start for a in list_activities(conn) if a.type_name == "理论学习中心组学习")
    assert dates == [date(2025, 5, 21), date(2026, 1, 12)]
    assert all(a.last_day <= today for a in list_activities(conn))
    assert len(list_people(conn)) == 25
    # The recruit has not joined yet this year: work_start is the autumn before.
    recruit = next(p for p in list_people(conn) if p.name == "韩志远")
    assert recruit.work_start == "2025-09"
