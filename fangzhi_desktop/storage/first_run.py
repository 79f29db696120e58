"""Whether the 入门向导 (first-run guide) is due: a new, empty database not yet introduced."""

from __future__ import annotations

import sqlite3

from fangzhi_desktop.storage.database import transaction

GUIDE_KEY = "first_run_guide"
# Tables whose first row means the office has started using this database.
_CONTENT_TABLES = ("work_plans", "people", "campaign_activities", "yearbook_volumes",
                   "learning_activities", "office_profile")


def is_empty(conn: sqlite3.Connection) -> bool:
    """True when no work points, people, campaigns, yearbooks or profile are stored."""
    return not any(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
                   for table in _CONTENT_TABLES)


def guide_dismissed(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (GUIDE_KEY,)).fetchone()
    return row is not None and row[0] == "done"


def guide_due(conn: sqlite3.Connection) -> bool:
    """Show the guide at start-up: the database is empty and the guide was never closed."""
    return not guide_dismissed(conn) and is_empty(conn)


def dismiss_guide(conn: sqlite3.Connection) -> None:
    """The user finished or skipped the guide: do not show it at start-up again."""
    with transaction(conn):
        conn.execute("INSERT INTO meta (key, value) VALUES (?, 'done')"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (GUIDE_KEY,))
