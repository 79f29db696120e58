"""The working calendar of the office: the years shipped with the app plus the years the office
adds itself (each December, when the State Council notice for the next year is published).

A year the office adds replaces the shipped one of the same year. Every stored year is
validated with ``schedule_from_json`` before it is written, and again when read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from fangzhi_desktop.domain.calendar import (
    WorkingCalendar,
    YearSchedule,
    load_official,
    schedule_from_json,
)
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.database import transaction

SOURCE_LABELS = {"official": "内置", "user": "自行添加"}


@dataclass(frozen=True)
class CalendarYear:
    """A year of the calendar as ``calendar list`` shows it."""

    year: int
    source: str  # "official" or "user"
    notice: str
    holidays: int
    workdays: int
    replaces_official: bool = False

    @property
    def source_label(self) -> str:
        label = SOURCE_LABELS[self.source]
        return label + "（替换内置）" if self.replaces_official else label


@cache
def _official() -> tuple[YearSchedule, ...]:
    return tuple(load_official().schedules.values())


def user_years(conn: sqlite3.Connection) -> list[YearSchedule]:
    """The years the office added, each validated again."""
    out = []
    for year, data in conn.execute("SELECT year, data FROM calendar_years ORDER BY year"):
        out.append(schedule_from_json(year, json.loads(data), source="user"))
    return out


def working_calendar(conn: sqlite3.Connection) -> WorkingCalendar:
    """Shipped years + the office's years (which replace shipped ones)."""
    calendar = WorkingCalendar(_official())
    for schedule in user_years(conn):
        calendar.add(schedule)
    return calendar


def list_years(conn: sqlite3.Connection) -> list[CalendarYear]:
    """Every known year, oldest first, with where its schedule comes from."""
    official = {s.year for s in _official()}
    return [CalendarYear(s.year, s.source, s.notice, len(s.holidays), len(s.workdays),
                         s.source == "user" and s.year in official)
            for year, s in sorted(working_calendar(conn).schedules.items())]


def add_year(conn: sqlite3.Connection, year: int, data: Mapping[str, Any],
             source_file: str = "") -> YearSchedule:
    """Validate and store one year (replacing the office's earlier entry of that year).

    Raises ``FangzhiError`` with every problem found; nothing is written then.
    """
    if not 1990 <= year <= 2100:
        raise FangzhiError(f"年份{year}不对（应为1990—2100年之间）。")
    entry = {key: value for key, value in data.items() if key != "year"}
    schedule = schedule_from_json(year, entry, source="user")
    if not schedule.holidays:
        raise FangzhiError(f"{year}年的节假日数据没有任何假期（holidays 为空），未添加。")
    with transaction(conn):
        conn.execute(
            "INSERT INTO calendar_years (year, data, source_file) VALUES (?, ?, ?)"
            " ON CONFLICT(year) DO UPDATE SET data = excluded.data,"
            " source_file = excluded.source_file, added_at = datetime('now', 'localtime')",
            (year, json.dumps(entry, ensure_ascii=False), source_file),
        )
    return schedule


def remove_year(conn: sqlite3.Connection, year: int) -> bool:
    """Forget the office's entry of ``year`` (a shipped year comes back); False if none."""
    with transaction(conn):
        cur = conn.execute("DELETE FROM calendar_years WHERE year = ?", (year,))
    return cur.rowcount > 0


def year_data(conn: sqlite3.Connection, year: int) -> dict[str, Any] | None:
    """The office's entry of ``year`` as stored (for export or editing), or None."""
    row = conn.execute("SELECT data FROM calendar_years WHERE year = ?", (year,)).fetchone()
    return json.loads(row[0]) if row else None
