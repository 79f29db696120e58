"""Staff learning in the database: activity types (学时 rules), yearly policies, activities with
their attendance, and a year's statistics read in one go.

Every function that writes does so in one transaction: an activity and its attendance are saved
together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from fangzhi_desktop.domain.learning import (
    Activity,
    Attendance,
    Basis,
    HourRule,
    LearningYear,
    YearPolicy,
    activity_problems,
    compute_year,
    normalise_rank,
    rule_problems,
    rules_by_name,
)
from fangzhi_desktop.errors import FangzhiError, InputErrors
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.people import list_people

# --- Types and their rules -------------------------------------------------------------------


def list_rules(conn: sqlite3.Connection) -> list[HourRule]:
    """Every activity type, in the office's order."""
    rows = conn.execute("SELECT id, name, basis, hours, yearly_cap, note FROM learning_types"
                        " ORDER BY position, id")
    return [HourRule(name, Basis(basis), float(hours),
                     None if cap is None else float(cap), note, int(pk))
            for pk, name, basis, hours, cap, note in rows]


def save_rule(conn: sqlite3.Connection, rule: HourRule) -> int:
    """Add a type (``rule.id`` None) or change one; returns its id. Activities keep the hours
    they were given: a changed rule applies to activities entered from now on."""
    problems = rule_problems(rule)
    if problems:
        raise InputErrors(problems[0])
    name = rule.name.strip()
    with transaction(conn):
        clash = conn.execute("SELECT id FROM learning_types WHERE name = ?", (name,)).fetchone()
        if clash and clash[0] != rule.id:
            raise InputErrors(f"已有名为“{name}”的学习类型。")
        values = (name, rule.basis.value, rule.hours, rule.yearly_cap, rule.note)
        if rule.id is None:
            (position,) = conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM learning_types").fetchone()
            cur = conn.execute("INSERT INTO learning_types (name, basis, hours, yearly_cap,"
                               " note, position) VALUES (?, ?, ?, ?, ?, ?)", (*values, position))
            return int(cur.lastrowid or 0)
        cur = conn.execute("UPDATE learning_types SET name = ?, basis = ?, hours = ?,"
                           " yearly_cap = ?, note = ? WHERE id = ?", (*values, rule.id))
        if cur.rowcount == 0:
            raise FangzhiError("该学习类型已被删除。")
        return rule.id


def delete_rule(conn: sqlite3.Connection, rule_id: int) -> None:
    """Delete a type no activity uses."""
    with transaction(conn):
        (used,) = conn.execute("SELECT count(*) FROM learning_activities WHERE type_id = ?",
                               (rule_id,)).fetchone()
        if used:
            raise InputErrors(f"已有{used}次学习活动属于该类型，不能删除（可改名或修改学时标准）。")
        conn.execute("DELETE FROM learning_types WHERE id = ?", (rule_id,))


# --- Yearly policies -------------------------------------------------------------------------


def list_policies(conn: sqlite3.Connection) -> list[YearPolicy]:
    """Every stored policy, oldest first (``from_year`` 0 is the default for every year)."""
    ranks: dict[int, dict[str, float]] = {}
    for year, rank, hours in conn.execute(
            "SELECT from_year, rank, hours FROM learning_requirements ORDER BY from_year, rank"):
        ranks.setdefault(year, {})[rank] = float(hours)
    return [YearPolicy(year, float(default), dict(ranks.get(year, {})), float(cap))
            for year, default, cap in conn.execute(
                "SELECT from_year, default_hours, carry_cap FROM learning_policies"
                " ORDER BY from_year")]


def save_policy(conn: sqlite3.Connection, policy: YearPolicy) -> None:
    """Store the settings that apply from ``policy.from_year`` on (replacing that year's)."""
    problems = policy.problems()
    if problems:
        raise InputErrors(problems[0])
    by_rank = {normalise_rank(rank): hours for rank, hours in policy.by_rank.items()}
    with transaction(conn):
        conn.execute("DELETE FROM learning_policies WHERE from_year = ?", (policy.from_year,))
        conn.execute("INSERT INTO learning_policies (from_year, default_hours, carry_cap)"
                     " VALUES (?, ?, ?)",
                     (policy.from_year, policy.default_hours, policy.carry_cap))
        conn.executemany("INSERT INTO learning_requirements (from_year, rank, hours)"
                         " VALUES (?, ?, ?)",
                         [(policy.from_year, rank, hours) for rank, hours in by_rank.items()])


# --- Activities ------------------------------------------------------------------------------

_ACTIVITY = """SELECT a.id, t.name, a.start_date, a.end_date, a.title, a.host, a.place,
                      a.studied, a.units, a.hours, a.hours_manual, a.note, a.source_file
               FROM learning_activities a JOIN learning_types t ON t.id = a.type_id"""


def save_activity(conn: sqlite3.Connection, activity: Activity) -> int:
    """Insert (``activity.id`` None) or replace an activity with its attendance; returns its id.

    The quantity defaults and the hours are computed from the type's rule unless entered by
    hand (``activity`` itself is not changed). Raises ``InputErrors`` (nothing written) when the
    activity has errors or names someone not in the roster.
    """
    rule = rules_by_name(list_rules(conn)).get(activity.type_name)
    prepared = replace(activity, attendees=list(activity.attendees))
    if rule is not None:
        prepared.apply_rule(rule)
    errors = [p for p in activity_problems(prepared, rule) if p.severity == "error"]
    if errors:
        raise InputErrors(f"学习活动“{activity.title or '（无名称）'}”有错误，未保存。", errors)
    assert rule is not None and rule.id is not None  # no error: the type exists
    row = (rule.id, prepared.start.isoformat(), prepared.last_day.isoformat(),
           prepared.title.strip(), prepared.host.strip(), prepared.place.strip(),
           "\n".join(_one_line(s) for s in prepared.studied if s.strip()), prepared.units,
           prepared.hours, int(prepared.hours_manual), prepared.note, prepared.source)
    with transaction(conn):
        _check_people(conn, [a.person_id for a in prepared.attendees])
        if activity.id is None:
            cur = conn.execute(
                """INSERT INTO learning_activities (type_id, start_date, end_date, title, host,
                       place, studied, units, hours, hours_manual, note, source_file)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row)
            activity_id = int(cur.lastrowid or 0)
        else:
            cur = conn.execute(
                """UPDATE learning_activities SET type_id = ?, start_date = ?, end_date = ?,
                       title = ?, host = ?, place = ?, studied = ?, units = ?, hours = ?,
                       hours_manual = ?, note = ?, source_file = ?,
                       updated_at = datetime('now', 'localtime')
                   WHERE id = ?""", (*row, activity.id))
            if cur.rowcount == 0:
                raise FangzhiError("该学习活动已被删除，未保存。")
            activity_id = activity.id
            conn.execute("DELETE FROM learning_attendance WHERE activity_id = ?", (activity_id,))
        _insert_attendance(conn, activity_id, prepared.attendees)
    return activity_id


def save_activities(conn: sqlite3.Connection, activities: Sequence[Activity],
                    progress: Progress = no_progress) -> list[int]:
    """Save several activities in one transaction (all or none)."""
    ids = []
    total = max(1, len(activities))
    with transaction(conn):
        for n, activity in enumerate(activities, start=1):
            ids.append(save_activity(conn, activity))
            progress(n / total, f"已保存{n}次学习活动")
    return ids


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_people(conn: sqlite3.Connection, person_ids: Sequence[int]) -> None:
    if not person_ids:
        return
    known = {row[0] for row in conn.execute("SELECT id FROM people")}
    missing = [pid for pid in person_ids if pid not in known]
    if missing:
        raise InputErrors(f"花名册中没有编号为{'、'.join(map(str, missing))}的人员"
                          "（可能已被删除），学习活动未保存。")


def _insert_attendance(conn: sqlite3.Connection, activity_id: int,
                       attendees: Sequence[Attendance]) -> None:
    conn.executemany(
        "INSERT INTO learning_attendance (activity_id, person_id, position, on_leave, hours,"
        " note) VALUES (?, ?, ?, ?, ?, ?)",
        [(activity_id, a.person_id, n, int(a.leave), a.hours, a.note)
         for n, a in enumerate(attendees, start=1)])


def delete_activity(conn: sqlite3.Connection, activity_id: int) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM learning_activities WHERE id = ?", (activity_id,))


def get_activity(conn: sqlite3.Connection, activity_id: int) -> Activity | None:
    found = _activities(conn, _ACTIVITY + " WHERE a.id = ?", (activity_id,))
    return found[0] if found else None


def list_activities(conn: sqlite3.Connection, year: int | None = None, *,
                    first_year: int | None = None) -> list[Activity]:
    """Activities overlapping ``year`` (or ``first_year``..``year``; all when ``year`` is
    None), in date order, with their attendance."""
    if year is None:
        return _activities(conn, _ACTIVITY + " ORDER BY a.start_date, a.end_date, a.id", ())
    first = first_year if first_year is not None else year
    return _activities(
        conn, _ACTIVITY + " WHERE a.end_date >= ? AND a.start_date <= ?"
        " ORDER BY a.start_date, a.end_date, a.id",
        (f"{first:04d}-01-01", f"{year:04d}-12-31"))


def find_activity(conn: sqlite3.Connection, type_name: str, start: date,
                  title: str) -> Activity | None:
    """An activity of this type, start date and title (to refuse importing it twice)."""
    found = _activities(conn, _ACTIVITY + " WHERE t.name = ? AND a.start_date = ?"
                        " AND a.title = ?", (type_name, start.isoformat(), title.strip()))
    return found[0] if found else None


def learning_years(conn: sqlite3.Connection) -> list[int]:
    """Every year some activity falls in."""
    years: set[int] = set()
    for first, last in conn.execute(
            "SELECT DISTINCT substr(start_date, 1, 4), substr(end_date, 1, 4)"
            " FROM learning_activities"):
        years.update(range(int(first), int(last) + 1))
    return sorted(years)


def count_activities(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM learning_activities").fetchone()[0])


def _activities(conn: sqlite3.Connection, sql: str,
                params: Sequence[object]) -> list[Activity]:
    activities = [
        Activity(type_name=name, start=date.fromisoformat(start), end=date.fromisoformat(end),
                 title=title, host=host, place=place,
                 studied=[s for s in studied.split("\n") if s], units=units, hours=float(hours),
                 hours_manual=bool(manual), note=note, source=source, id=int(pk))
        for (pk, name, start, end, title, host, place, studied, units, hours, manual, note,
             source) in conn.execute(sql, params)]
    if not activities:
        return activities
    by_id = {a.id: a for a in activities}
    # One query for all attendance; an office records a few hundred activities a year.
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for activity_id, person_id, leave, hours, note in conn.execute(
                f"SELECT activity_id, person_id, on_leave, hours, note FROM learning_attendance"
                f" WHERE activity_id IN ({marks}) ORDER BY activity_id, position", chunk):
            by_id[activity_id].attendees.append(
                Attendance(int(person_id), bool(leave), None if hours is None else float(hours),
                           note))
    return activities


# --- A year's statistics ---------------------------------------------------------------------


def load_year(conn: sqlite3.Connection, year: int, as_of: date | None = None) -> LearningYear:
    """The statistics of ``year`` over the whole roster (see ``domain.learning``)."""
    return compute_year(year, list_people(conn), list_activities(conn, year, first_year=year - 1),
                        list_rules(conn), list_policies(conn), as_of)
