"""The SQLite part of an exchange package: a consistent copy of the database (the backup API),
pruned to the chosen years and areas, personal numbers left out unless asked for, and vacuumed
so nothing deleted survives in free pages."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from fangzhi_desktop.storage.database import fulltext_tables, register_functions
from fangzhi_desktop.storage.exchange_spec import (
    LOCAL_ONLY,
    PERSONAL_COLUMNS,
    data_tables,
)

# The year of each area's records, as SQL over the area's root table.
_YEAR_OF = {
    "work_plans": "year",
    "yearbook_volumes": "year",
    "briefing_issues": "year",
    "learning_activities": "CAST(substr(start_date, 1, 4) AS INTEGER)",
}


def origin_uuid(conn: sqlite3.Connection) -> str:
    """This database's random origin id, made on first use (call inside a transaction)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'origin_uuid'").fetchone()
    if row:
        return str(row[0])
    import uuid

    value = uuid.uuid4().hex
    conn.execute("INSERT INTO meta (key, value) VALUES ('origin_uuid', ?)", (value,))
    return value


def area_years(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """The years each area has records for (what the export dialog offers)."""
    queries = {
        "workpoints": "SELECT year FROM work_plans",
        "campaigns": ("SELECT year FROM campaign_activities UNION "
                      "SELECT CAST(substr(start_date, 1, 4) AS INTEGER) FROM campaign_phases "
                      "WHERE start_date IS NOT NULL"),
        "yearbook": "SELECT year FROM yearbook_volumes",
        "learning": ("SELECT CAST(substr(start_date, 1, 4) AS INTEGER) FROM learning_activities "
                     "UNION SELECT year FROM briefing_issues"),
    }
    return {area: sorted({int(y) for (y,) in conn.execute(sql) if y is not None})
            for area, sql in queries.items()}


def table_counts(conn: sqlite3.Connection, tables: Iterable[str]) -> dict[str, int]:
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return data_tables(conn)


def write_subset(conn: sqlite3.Connection, dest: Path, *, years: Iterable[int],
                 areas: Iterable[str], full_ids: bool = False) -> dict[str, int]:
    """Write the chosen part of the database behind ``conn`` to a new SQLite file ``dest``;
    return the row count of every table in it."""
    years, areas = sorted(set(years)), set(areas)
    dest.unlink(missing_ok=True)
    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    target = sqlite3.connect(str(dest), isolation_level=None)
    register_functions(target)  # the search index's triggers fire while rows are pruned
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        target.execute("PRAGMA foreign_keys = ON")
        target.execute("BEGIN")
        _prune(target, years, areas)
        if not full_ids:
            for table, column, blank in PERSONAL_COLUMNS:
                target.execute(f"UPDATE {table} SET {column} = ?", (blank,))
        for table in fulltext_tables(target):  # no index entries of the rows pruned away
            target.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        target.execute("COMMIT")
        target.execute("VACUUM")  # deleted rows and numbers must not stay in free pages
        return table_counts(target, user_tables(target))
    except BaseException:
        target.close()
        with contextlib.suppress(OSError):
            dest.unlink()
        raise
    finally:
        target.close()


def _prune(db: sqlite3.Connection, years: list[int], areas: set[str]) -> None:
    marks = ",".join("?" * len(years)) or "NULL"

    def keep_years(table: str, area: str) -> None:
        if area not in areas:
            db.execute(f"DELETE FROM {table}")
        else:
            db.execute(f"DELETE FROM {table} WHERE {_YEAR_OF[table]} NOT IN ({marks})", years)

    keep_years("work_plans", "workpoints")
    if "campaigns" not in areas:
        db.execute("DELETE FROM campaign_activities")
    else:  # a campaign of another year whose phases reach into a chosen year comes along
        db.execute(
            f"DELETE FROM campaign_activities WHERE year NOT IN ({marks}) AND id NOT IN ("
            "SELECT campaign_id FROM campaign_phases WHERE "
            f"CAST(substr(start_date, 1, 4) AS INTEGER) IN ({marks}) OR "
            f"CAST(substr(end_date, 1, 4) AS INTEGER) IN ({marks}))", years * 3)
    keep_years("yearbook_volumes", "yearbook")
    keep_years("learning_activities", "learning")
    keep_years("briefing_issues", "learning")
    if "learning" not in areas:
        for table in ("people", "learning_requirements", "learning_policies", "learning_types"):
            db.execute(f"DELETE FROM {table}")
    else:  # the types the activities use
        db.execute("DELETE FROM learning_types WHERE id NOT IN "
                   "(SELECT type_id FROM learning_activities)")
    for table in LOCAL_ONLY:
        db.execute(f"DELETE FROM {table}")
    db.execute("""DELETE FROM units WHERE id NOT IN (
        SELECT unit_id FROM work_item_units
        UNION SELECT unit_id FROM campaign_tasks WHERE unit_id IS NOT NULL
        UNION SELECT unit_id FROM yearbook_units
        UNION SELECT unit_id FROM yearbook_nodes WHERE unit_id IS NOT NULL
        UNION SELECT unit_id FROM yearbook_manuscripts WHERE unit_id IS NOT NULL)""")

