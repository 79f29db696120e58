"""Learning rules: hours per session / half day / day / course length, the yearly cap, the
split across the year end, requirements per rank, carry-over, leave, shortfall and 人次/人数."""

from __future__ import annotations

from datetime import date

import pytest

from fangzhi_desktop.domain.learning import (
    DEFAULT_RULES,
    Activity,
    Attendance,
    Basis,
    HourRule,
    YearPolicy,
    activity_problems,
    carry_over,
    compute_year,
    days_in_year,
    format_hours,
    normalise_rank,
    policy_for,
    progress_target,
    rule_problems,
    rules_by_name,
)
from fangzhi_desktop.domain.people import Person

RULES = rules_by_name(DEFAULT_RULES)


def _activity(type_name: str, start: date, *people: int, end: date | None = None,
              units: float | None = None, leave: tuple[int, ...] = (),
              own: dict[int, float] | None = None, id: int | None = None) -> Activity:
    own = own or {}
    activity = Activity(type_name, start, f"{type_name}{start}", end=end, units=units, id=id,
                        attendees=[Attendance(p, p in leave, own.get(p)) for p in people])
    activity.apply_rule(RULES[type_name])
    return activity


# --- Rules -----------------------------------------------------------------------------------


def test_a_central_group_meeting_gives_three_hours_a_session() -> None:
    rule = RULES["理论学习中心组学习"]
    assert rule.basis is Basis.PER_SESSION
    assert _activity("理论学习中心组学习", date(2026, 1, 12), 1).hours == 3
    assert _activity("理论学习中心组学习", date(2026, 1, 12), 1, units=2).hours == 6
    assert rule.describe() == "每次3学时"


def test_a_lecture_gives_four_hours_a_half_day() -> None:
    one_afternoon = _activity("专题讲座", date(2026, 6, 11), 1)
    assert (one_afternoon.units, one_afternoon.hours) == (1, 4)
    two_days = _activity("专题讲座", date(2026, 6, 11), 1, end=date(2026, 6, 12))
    assert (two_days.units, two_days.hours) == (4, 16)  # two half days a day
    assert RULES["专题讲座"].describe() == "每半天4学时"


def test_full_time_training_counts_every_day_at_the_offices_rate() -> None:
    training = _activity("脱产培训", date(2026, 4, 20), 1, end=date(2026, 4, 24))
    assert (training.units, training.hours) == (5, 40)
    six_a_day = HourRule("脱产培训", Basis.PER_DAY, 6)
    assert six_a_day.hours_for(six_a_day.default_units(date(2026, 4, 20), date(2026, 4, 22))) == 18
    assert six_a_day.describe() == "每天6学时"


def test_online_learning_counts_the_course_length_which_must_be_given() -> None:
    course = _activity("网络学习", date(2026, 3, 1), 1, units=12.5)
    assert course.hours == 12.5
    missing = Activity("网络学习", date(2026, 3, 1), "网课", attendees=[Attendance(1)])
    missing.apply_rule(RULES["网络学习"])
    assert [p.message for p in activity_problems(missing, RULES["网络学习"])
            if p.severity == "error"] == ["网络学习按课程学时计，请填写课程学时。"]
    per_person = Activity("网络学习", date(2026, 3, 1), "季度记录",
                          attendees=[Attendance(1, hours=10), Attendance(2, hours=7.5)])
    assert not [p for p in activity_problems(per_person, RULES["网络学习"])
                if p.severity == "error"]


def test_hours_entered_by_hand_are_kept() -> None:
    activity = Activity("专题讲座", date(2026, 6, 11), "讲座", hours=3, hours_manual=True)
    activity.apply_rule(RULES["专题讲座"])
    assert (activity.units, activity.hours) == (1, 3)


def test_self_study_counts_up_to_its_yearly_cap_in_date_order() -> None:
    assert RULES["自学"].yearly_cap == 20
    person = Person("甲", id=1)
    first = _activity("自学", date(2026, 3, 1), 1, units=15, id=1)
    second = _activity("自学", date(2026, 6, 1), 1, units=10, id=2)
    third = _activity("自学", date(2026, 9, 1), 1, units=4, id=3)
    year = compute_year(2026, [person], [third, first, second], DEFAULT_RULES, [])
    card = year.person(1)
    assert card is not None
    assert [(line.hours, line.credited) for line in card.lines] == [(15, 15), (10, 5), (4, 0)]
    assert [line.capped for line in card.lines] == [False, True, True]
    assert card.by_type == {"自学": 20} and card.earned == 20
    # The cap is per year: the next year starts again.
    later = _activity("自学", date(2027, 2, 1), 1, units=18, id=4)
    assert compute_year(2027, [person], [first, later], DEFAULT_RULES, []).people[0].earned == 18


def test_training_across_the_year_end_is_split_by_its_days_in_each_year() -> None:
    person = Person("甲", id=1)
    training = _activity("脱产培训", date(2025, 12, 29), 1, end=date(2026, 1, 2), id=1)
    assert training.hours == 40
    assert days_in_year(training.start, training.last_day, 2025) == 3
    before = compute_year(2025, [person], [training], DEFAULT_RULES, [])
    after = compute_year(2026, [person], [training], DEFAULT_RULES, [])
    assert before.people[0].earned == 24 and after.people[0].earned == 16
    # One attendance: one 人次 in each year it falls in, and it is listed on both cards.
    assert before.attendances == after.attendances == 1
    assert training.date_text() == "2025年12月29日—2026年1月2日"


def test_a_fixed_number_and_own_hours_are_split_the_same_way() -> None:
    course = _activity("网络学习", date(2025, 12, 15), 1, 2, end=date(2026, 1, 14), units=24,
                       own={2: 31})
    people = [Person("甲", id=1), Person("乙", id=2)]
    old = compute_year(2025, people, [course], DEFAULT_RULES, [])
    new = compute_year(2026, people, [course], DEFAULT_RULES, [])
    assert [p.earned for p in old.people] == [13.16, 17]  # 17 of 31 days
    assert [p.earned for p in new.people] == [10.84, 14]
    assert old.people[0].earned + new.people[0].earned == pytest.approx(24)


# --- Requirements and carry-over -------------------------------------------------------------


def test_the_requirement_depends_on_the_rank_as_rosters_write_it() -> None:
    policy = YearPolicy()
    assert policy.requirement("正科级") == policy.requirement("正科") == 110
    assert policy.requirement(" 副 科 级") == 110
    assert policy.requirement("一级主任科员") == 90
    assert policy.requirement("") == 90
    assert normalise_rank("一级主任科员") == "一级主任科员"
    assert normalise_rank("正科级") == "正科"


def test_the_settings_of_a_year_apply_until_a_later_year_has_its_own() -> None:
    base = YearPolicy(0)
    stricter = YearPolicy(2027, default_hours=100, by_rank={"正科": 120}, carry_cap=10)
    assert policy_for([base, stricter], 2026) is base
    assert policy_for([stricter, base], 2027) is stricter
    assert policy_for([base, stricter], 2030) is stricter
    assert policy_for([], 2026) == YearPolicy()
    assert stricter.requirement("副科") == 100
    assert YearPolicy(carry_cap=-1).problems() == ["结转上限不能为负数。"]


def test_surplus_carries_over_within_the_limit() -> None:
    assert carry_over(130, 90, 20) == 20
    assert carry_over(100, 90, 20) == 10
    assert carry_over(80, 90, 20) == 0
    assert carry_over(130, 90, 0) == 0


def test_carried_hours_count_next_year_but_are_never_carried_again() -> None:
    person = Person("甲", rank="科员", id=1)
    policies = [YearPolicy(0, carry_cap=20)]
    busy = _activity("网络学习", date(2025, 5, 1), 1, units=125, id=1)
    quiet = _activity("网络学习", date(2026, 5, 1), 1, units=80, id=2)
    then = _activity("网络学习", date(2027, 5, 1), 1, units=10, id=3)
    everything = [busy, quiet, then]
    y2026 = compute_year(2026, [person], everything, DEFAULT_RULES, policies).people[0]
    assert (y2026.earned, y2026.carried_in, y2026.total, y2026.shortfall) == (80, 20, 100, 0)
    y2027 = compute_year(2027, [person], everything, DEFAULT_RULES, policies).people[0]
    assert y2027.carried_in == 0  # 80 earned in 2026: no surplus, the 20 carried in stay there
    # The limit of the year the surplus was earned in applies.
    strict = [YearPolicy(0, carry_cap=20), YearPolicy(2025, carry_cap=5)]
    assert compute_year(2026, [person], everything, DEFAULT_RULES, strict).people[0].carried_in == 5


# --- A small office --------------------------------------------------------------------------


@pytest.fixture
def office() -> list[Person]:
    return [Person("主任甲", department="办领导", rank="正科", id=1),
            Person("科员乙", department="办公室", rank="一级科员", id=2),
            Person("科员丙", department="办公室", rank="二级科员", id=3),
            Person("科员丁", department="编研科", rank="科员", id=4),
            Person("新人戊", department="编研科", rank="试用期", work_start="2027-07", id=5)]


def test_shortfall_list_and_counts_of_people_and_attendances(office: list[Person]) -> None:
    activities = [
        _activity("理论学习中心组学习", date(2026, 1, 12), 1, 2, id=1),
        _activity("主题党日", date(2026, 3, 16), 1, 2, 3, leave=(3,), id=2),
        _activity("网络学习", date(2026, 6, 30), 1, 2, 3, units=10, own={1: 100, 2: 95}, id=3),
        _activity("业务培训", date(2026, 9, 10), 2, 3, id=4),
    ]
    year = compute_year(2026, office, activities, DEFAULT_RULES, [], as_of=date(2026, 11, 23))
    assert year.headcount == 4  # 新人戊 began working in 2027
    by_name = {p.person.name: p for p in year.people}
    assert by_name["主任甲"].earned == 3 + 2 + 100
    assert by_name["科员乙"].earned == 3 + 2 + 95 + 4
    assert by_name["科员丙"].earned == 0 + 10 + 4  # on leave at the 主题党日
    assert by_name["科员丙"].leaves == 1 and by_name["科员丙"].attendances == 2
    assert by_name["科员丁"].earned == 0 and by_name["科员丁"].attendances == 0
    assert [(p.person.name, p.shortfall) for p in year.shortfall_list()] == [
        ("科员丁", 90), ("科员丙", 76), ("主任甲", 5)]
    assert year.attendances == 2 + 2 + 3 + 2 == 9  # 人次
    assert year.participants == 3  # 人数
    assert year.completed == 1 and year.completion_rate == 0.25
    assert year.total_hours == 105 + 104 + 14
    assert [(d.department, d.people, d.attendances, d.hours, d.completed)
            for d in year.departments()] == [
        ("办领导", 1, 3, 105, 0), ("办公室", 2, 6, 118, 1), ("编研科", 1, 0, 0, 0)]
    assert {t.type_name: (t.activities, t.attendances) for t in year.types()} == {
        "理论学习中心组学习": (1, 2), "主题党日": (1, 2), "网络学习": (1, 3), "业务培训": (1, 2)}
    summary = {a.activity.id: (a.invited, a.present, a.leave) for a in year.activities}
    assert summary[2] == (3, 2, 1)


def test_a_statistics_date_leaves_out_later_activities(office: list[Person]) -> None:
    activities = [_activity("主题党日", date(2026, 3, 16), 1, id=1),
                  _activity("主题党日", date(2026, 12, 16), 1, id=2)]
    assert compute_year(2026, office, activities, DEFAULT_RULES, [],
                        as_of=date(2026, 11, 23)).people[0].earned == 2
    assert compute_year(2026, office, activities, DEFAULT_RULES, []).people[0].earned == 4


def test_a_person_on_leave_gets_no_hours_whatever_is_entered() -> None:
    activity = _activity("业务培训", date(2026, 9, 10), 1, 2, leave=(2,), own={2: 4})
    assert activity.person_hours(activity.attendees[1]) == 0
    assert [p.message for p in activity_problems(activity, RULES["业务培训"])] == [
        "请假人员不计学时，为其填写的个人学时不会计入。"]
    year = compute_year(2026, [Person("甲", id=1), Person("乙", id=2)], [activity],
                        DEFAULT_RULES, [])
    assert [p.earned for p in year.people] == [4, 0]
    assert [p.leaves for p in year.people] == [0, 1]


def test_activity_problems() -> None:
    rule = RULES["专题讲座"]
    bad = Activity("专题讲座", date(2026, 6, 11), "", end=date(2026, 6, 10),
                   attendees=[Attendance(1), Attendance(1)])
    messages = [p.message for p in activity_problems(bad, rule) if p.severity == "error"]
    assert messages == ["请填写活动名称（主题）。", "结束日期早于开始日期。", "同一人被选了两次。"]
    too_long = Activity("专题讲座", date(2026, 6, 11), "讲座", hours=30, hours_manual=True)
    assert "超过每天24学时" in activity_problems(too_long, rule)[0].message
    unknown = Activity("读书会", date(2026, 6, 11), "读书会", attendees=[Attendance(1)])
    assert activity_problems(unknown, None)[0].message == "没有“读书会”这种学习类型，请选择学习类型。"
    assert rule_problems(HourRule("", Basis.PER_DAY, 30)) == [
        "学习类型名称不能为空。", "“”的学时标准30超过每天24学时。"]


def test_hours_are_printed_without_trailing_zeros() -> None:
    assert [format_hours(h) for h in (3.0, 7.5, 0.75, 13.157, 0.0)] == [
        "3", "7.5", "0.75", "13.16", "0"]
    assert format_hours(98.2249, 1) == "98.2"


def test_progress_target_is_pro_rata_within_the_year() -> None:
    assert progress_target(90, 2026, date(2026, 12, 31)) == 90
    assert progress_target(90, 2026, date(2026, 7, 2)) == pytest.approx(45, abs=0.3)
    assert progress_target(90, 2026, date(2025, 12, 31)) == 0
    assert progress_target(90, 2026, date(2027, 1, 1)) == 90
