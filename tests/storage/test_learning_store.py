"""Learning in the database: the migration's defaults, activities with attendance, editable
rules and policies, a year's statistics, and saves that fail without changing anything."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.learning import Activity, Attendance, Basis, HourRule, YearPolicy
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.errors import InputErrors
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.storage.database import applied_migrations
from fangzhi_desktop.storage.people import list_people, save_people


@pytest.fixture
def people(conn: sqlite3.Connection) -> list[Person]:
    save_people(conn, [Person("孙立军", rank="正科级", department="办领导"),
                       Person("赵敏", rank="四级主任科员", department="办公室"),
                       Person("刘洋", rank="三级主任科员", department="年鉴编辑部")])
    return list_people(conn)


def _ids(people: list[Person]) -> list[int]:
    return [p.id for p in people if p.id is not None]


def _snapshot(conn: sqlite3.Connection) -> list[list[tuple[object, ...]]]:
    return [conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("learning_activities", "learning_attendance", "learning_types",
                          "learning_policies", "learning_requirements")]


def test_the_migration_stores_the_default_rules_and_requirements(conn: sqlite3.Connection) -> None:
    assert "0004_learning" in applied_migrations(conn)
    rules = {r.name: r for r in store.list_rules(conn)}
    assert list(rules)[:3] == ["理论学习中心组学习", "专题讲座", "脱产培训"]
    assert {"主题党日", "三会一课", "自学", "业务培训", "法治培训", "网络学习"} <= set(rules)
    assert (rules["理论学习中心组学习"].basis, rules["理论学习中心组学习"].hours) == (
        Basis.PER_SESSION, 3)
    assert rules["自学"].yearly_cap == 20
    [policy] = store.list_policies(conn)
    assert (policy.from_year, policy.default_hours, policy.carry_cap) == (0, 90, 20)
    assert policy.requirement("副科级") == 110


def test_an_activity_round_trips_with_its_attendance(conn: sqlite3.Connection,
                                                     people: list[Person]) -> None:
    a, b, c = _ids(people)
    activity = Activity("专题讲座", date(2026, 6, 11), "专题讲座", host="孙立军",
                        place="县方志馆报告厅", studied=["《地方志工作条例》", "讲话\n精神"],
                        attendees=[Attendance(a), Attendance(b, leave=True, note="病假"),
                                   Attendance(c, hours=2)])
    activity_id = store.save_activity(conn, activity)
    assert activity.id is None and activity.hours == 0  # the caller's object is left alone
    stored = store.get_activity(conn, activity_id)
    assert stored is not None
    assert (stored.units, stored.hours, stored.end, stored.studied) == (
        1, 4, date(2026, 6, 11), ["《地方志工作条例》", "讲话 精神"])
    assert stored.attendees == [Attendance(a), Attendance(b, True, None, "病假"),
                                Attendance(c, False, 2)]
    stored.attendees = stored.attendees[:1]
    stored.title = "改过的名称"
    assert store.save_activity(conn, stored) == activity_id
    again = store.get_activity(conn, activity_id)
    assert again is not None and again.title == "改过的名称" and len(again.attendees) == 1
    assert store.find_activity(conn, "专题讲座", date(2026, 6, 11), "改过的名称") is not None
    assert store.learning_years(conn) == [2026]
    store.delete_activity(conn, activity_id)
    assert store.count_activities(conn) == 0
    assert conn.execute("SELECT count(*) FROM learning_attendance").fetchone() == (0,)


def test_activities_are_listed_by_the_years_they_overlap(conn: sqlite3.Connection,
                                                         people: list[Person]) -> None:
    a = _ids(people)[0]
    store.save_activity(conn, Activity("脱产培训", date(2025, 12, 29), "跨年培训",
                                       end=date(2026, 1, 2), attendees=[Attendance(a)]))
    store.save_activity(conn, Activity("主题党日", date(2026, 3, 16), "党日",
                                       attendees=[Attendance(a)]))
    assert [x.title for x in store.list_activities(conn, 2025)] == ["跨年培训"]
    assert [x.title for x in store.list_activities(conn, 2026)] == ["跨年培训", "党日"]
    assert store.learning_years(conn) == [2025, 2026]
    year = store.load_year(conn, 2026)
    assert year.people[0].by_type == {"脱产培训": 16, "主题党日": 2}


def test_rules_and_policies_are_editable(conn: sqlite3.Connection, people: list[Person]) -> None:
    rules = {r.name: r for r in store.list_rules(conn)}
    changed = HourRule("脱产培训", Basis.PER_DAY, 6, None, "每天6学时", rules["脱产培训"].id)
    store.save_rule(conn, changed)
    new_id = store.save_rule(conn, HourRule("读书班", Basis.PER_DAY, 6))
    assert store.list_rules(conn)[-1] == HourRule("读书班", Basis.PER_DAY, 6, id=new_id)
    with pytest.raises(InputErrors, match="已有名为“自学”"):
        store.save_rule(conn, HourRule("自学", Basis.PER_DAY, 6, id=new_id))
    a = _ids(people)[0]
    store.save_activity(conn, Activity("读书班", date(2026, 5, 6), "读书班",
                                       end=date(2026, 5, 8), attendees=[Attendance(a)]))
    assert store.list_activities(conn, 2026)[0].hours == 18
    with pytest.raises(InputErrors, match="不能删除"):
        store.delete_rule(conn, new_id)
    store.save_policy(conn, YearPolicy(2027, 100, {"正科级": 120}, 10))
    policies = store.list_policies(conn)
    assert [p.from_year for p in policies] == [0, 2027]
    assert policies[1].by_rank == {"正科": 120}
    assert store.load_year(conn, 2027).people[0].requirement == 120
    assert store.load_year(conn, 2026).people[0].requirement == 110


def test_a_person_with_learning_records_cannot_be_deleted(conn: sqlite3.Connection,
                                                          people: list[Person]) -> None:
    a = _ids(people)[0]
    store.save_activity(conn, Activity("主题党日", date(2026, 3, 16), "党日",
                                       attendees=[Attendance(a)]))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM people WHERE id = ?", (a,))


# --- Failing saves change nothing ------------------------------------------------------------


def test_an_activity_with_errors_is_refused(conn: sqlite3.Connection,
                                            people: list[Person]) -> None:
    before = _snapshot(conn)
    with pytest.raises(InputErrors) as caught:
        store.save_activity(conn, Activity("读书会", date(2026, 3, 1), "",
                                           attendees=[Attendance(_ids(people)[0])]))
    assert [p.message for p in caught.value.problems] == [
        "没有“读书会”这种学习类型，请选择学习类型。", "请填写活动名称（主题）。"]
    assert _snapshot(conn) == before


def test_someone_not_in_the_roster_leaves_everything_as_it_was(conn: sqlite3.Connection,
                                                               people: list[Person]) -> None:
    a = _ids(people)[0]
    kept = store.save_activity(conn, Activity("主题党日", date(2026, 3, 16), "党日",
                                              attendees=[Attendance(a)]))
    before = _snapshot(conn)
    with pytest.raises(InputErrors, match="花名册中没有编号为999的人员"):
        store.save_activity(conn, Activity("主题党日", date(2026, 4, 16), "党日",
                                           attendees=[Attendance(a), Attendance(999)]))
    edited = store.get_activity(conn, kept)
    assert edited is not None
    edited.title, edited.attendees = "改名", [Attendance(999)]
    with pytest.raises(InputErrors):
        store.save_activity(conn, edited)
    assert _snapshot(conn) == before


def test_a_failure_midway_rolls_back_the_activity_and_its_attendance(
        conn: sqlite3.Connection, people: list[Person], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, _ = _ids(people)
    kept = store.save_activity(conn, Activity("主题党日", date(2026, 3, 16), "党日",
                                              attendees=[Attendance(a), Attendance(b)]))
    before = _snapshot(conn)

    def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert_attendance", broken)
    edited = store.get_activity(conn, kept)
    assert edited is not None
    edited.title, edited.attendees = "改名", [Attendance(a)]
    with pytest.raises(sqlite3.OperationalError):
        store.save_activity(conn, edited)
    with pytest.raises(sqlite3.OperationalError):
        store.save_activity(conn, Activity("主题党日", date(2026, 4, 16), "新的党日",
                                           attendees=[Attendance(a)]))
    assert _snapshot(conn) == before
    assert not conn.in_transaction


def test_a_batch_is_saved_whole_or_not_at_all(conn: sqlite3.Connection,
                                              people: list[Person]) -> None:
    a = _ids(people)[0]
    good = Activity("主题党日", date(2026, 3, 16), "党日", attendees=[Attendance(a)])
    bad = Activity("主题党日", date(2026, 4, 16), "党日", attendees=[Attendance(12345)])
    with pytest.raises(InputErrors):
        store.save_activities(conn, [good, bad])
    assert store.count_activities(conn) == 0
    assert store.save_activities(conn, [good]) and store.count_activities(conn) == 1


def test_bad_rules_and_policies_are_refused(conn: sqlite3.Connection) -> None:
    before = _snapshot(conn)
    with pytest.raises(InputErrors, match="学时标准应大于0"):
        store.save_rule(conn, HourRule("读书班", Basis.PER_DAY, 0))
    with pytest.raises(InputErrors, match="不能为负数"):
        store.save_policy(conn, YearPolicy(2027, default_hours=-1))
    assert _snapshot(conn) == before
