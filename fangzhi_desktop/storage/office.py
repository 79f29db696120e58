"""The office profile and the register of 发文字号 serial numbers."""

from __future__ import annotations

import sqlite3

from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.storage.database import transaction


def load_profile(conn: sqlite3.Connection) -> OfficeProfile:
    """The stored profile; fields never filled in keep their defaults."""
    known = set(OfficeProfile.field_names())
    values = {key: value for key, value in conn.execute("SELECT key, value FROM office_profile")
              if key in known}
    return OfficeProfile(**values)


def save_profile(conn: sqlite3.Connection, profile: OfficeProfile) -> None:
    with transaction(conn):
        conn.executemany(
            "INSERT INTO office_profile (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [(name, str(getattr(profile, name))) for name in OfficeProfile.field_names()],
        )


def next_doc_serial(conn: sqlite3.Connection, year: int) -> int:
    """The next free 发文字号 serial of ``year`` (not yet taken)."""
    (last,) = conn.execute("SELECT coalesce(max(serial), 0) FROM doc_serials WHERE year = ?",
                           (year,)).fetchone()
    return int(last) + 1


def take_doc_serial(conn: sqlite3.Connection, year: int, title: str,
                    serial: int | None = None) -> int:
    """Record a 发文字号 as used (the next free one unless given) and return its serial."""
    with transaction(conn):
        number = serial or next_doc_serial(conn, year)
        conn.execute("INSERT OR IGNORE INTO doc_serials (year, serial, title) VALUES (?, ?, ?)",
                     (year, number, title))
    return number
