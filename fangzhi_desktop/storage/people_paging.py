"""The people tables paged from SQL: the bare roster, and the 干部学习 list with each person's
figures of the year.

The figures of a year (应修, 已修, 结转, 差额, 已完成, 人次) are computed in Python
(``domain.learning.compute_year``); ``store_year_figures`` puts them in a TEMP table of the
GUI connection so the list can filter and sort on them in SQL, and the 科室 totals are a
``GROUP BY`` over it. TEMP tables belong to one
connection and never touch the database file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from fangzhi_desktop.storage.paged_query import PagedSource

_YEAR_TABLE = """
CREATE TEMP TABLE IF NOT EXISTS person_year (
    person_id INTEGER PRIMARY KEY,
    roster INTEGER NOT NULL,
    name TEXT NOT NULL,
    department TEXT NOT NULL,
    position TEXT NOT NULL,
    rank TEXT NOT NULL,
    requirement REAL NOT NULL,
    earned REAL NOT NULL,
    carried REAL NOT NULL,
    shortfall REAL NOT NULL,
    complete INTEGER NOT NULL,
    attendances INTEGER NOT NULL
)"""
_YEAR_INDEXES = (
    "CREATE INDEX IF NOT EXISTS temp.person_year_roster ON person_year(roster)",
    "CREATE INDEX IF NOT EXISTS temp.person_year_department"
    " ON person_year(department, roster)",
)
_INSERT_YEAR = "INSERT INTO temp.person_year VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

YearFigures = tuple[int, int, str, str, str, str, float, float, float, float, bool, int]
"""(person id, place in the list, 姓名, 科室, 职务, 职级, 应修, 已修, 结转, 差额, 已完成,
参加人次)."""

DepartmentTotals = tuple[str, int, int, float, int]
"""(科室, 人数, 参加人次, 已修学时之和 (not rounded), 已完成人数)."""

_DEPARTMENT_TOTALS = """
SELECT department, count(*), sum(attendances), sum(earned), sum(complete)
FROM temp.person_year GROUP BY department ORDER BY min(roster)"""
_YEAR_TOTALS = """
SELECT '', count(*), coalesce(sum(attendances), 0), coalesce(sum(earned), 0.0),
       coalesce(sum(complete), 0)
FROM temp.person_year"""


def store_year_figures(conn: sqlite3.Connection, rows: Iterable[YearFigures]) -> None:
    """Replace the figures the learning list sorts and filters on (TEMP table, no lock on the
    database file: a savepoint, not ``BEGIN IMMEDIATE``)."""
    conn.execute(_YEAR_TABLE)
    for sql in _YEAR_INDEXES:
        conn.execute(sql)
    conn.execute("SAVEPOINT person_year")
    try:
        conn.execute("DELETE FROM temp.person_year")
        conn.executemany(_INSERT_YEAR, rows)
    except BaseException:
        conn.execute("ROLLBACK TO person_year")
        conn.execute("RELEASE person_year")
        raise
    conn.execute("RELEASE person_year")


def department_totals(conn: sqlite3.Connection) -> list[DepartmentTotals]:
    """The stored year's totals per 科室, in the order the list first shows each 科室."""
    return [(str(r[0]), int(r[1]), int(r[2]), float(r[3]), int(r[4]))
            for r in conn.execute(_DEPARTMENT_TOTALS)]


def year_totals(conn: sqlite3.Connection) -> DepartmentTotals:
    """The stored year's totals over everyone (科室 left empty)."""
    r = conn.execute(_YEAR_TOTALS).fetchone()
    return (str(r[0]), int(r[1]), int(r[2]), float(r[3]), int(r[4]))


LEARNING_PEOPLE = PagedSource(
    table="temp.person_year y",
    id_column="y.person_id",
    values=(),
    default_order=("y.roster",),
    sort_keys={
        "department": ("y.department",),
        "position": ("y.position",),
        "rank": ("y.rank",),
        "requirement": ("y.requirement",),
        "earned": ("y.earned",),
        "carried": ("y.carried",),
        "shortfall": ("y.shortfall",),
        "status": ("y.complete", "-y.shortfall"),
    },
    search="y.name",
    fts="people_fts",
    exact_table="people",
    exact=("id_number", "phone"),
    filters={"department": "y.department", "complete": "y.complete"},
)
"""The 干部学习 list: ids only (the rows show the year's figures held in Python). The TEMP
table carries the names and posts too, so the list never joins ``people`` (a join costs a
lookup per row at 10⁵)."""

ROSTER = PagedSource(
    table="people p",
    id_column="p.id",
    values=("p.name", "p.department", "p.position", "p.rank"),
    default_order=("p.roster_order",),
    sort_keys={"name": ("p.name",), "department": ("p.department",),
               "position": ("p.position",), "rank": ("p.rank",)},
    search="p.name",
    search_table="people",
    fts="people_fts",
    exact_table="people",
    exact=("id_number", "phone"),
    filters={"department": "p.department"},
)
"""The bare roster: name, 科室, 职务, 职级 straight from ``people``."""
