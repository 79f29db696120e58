"""Schema versions: one small function per change, applied with sqlite-utils ``Migrations``.

``known_migrations()`` needs no sqlite-utils import, so opening an up-to-date database at
start-up stays fast; sqlite-utils is imported only when something must be applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "fangzhi"
MIGRATIONS_TABLE = "_sqlite_migrations"


def _run(db: Database, script: str) -> None:
    """Execute a DDL script statement by statement (``executescript`` would COMMIT)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def m0001_work_points(db: Database) -> None:
    """Units directory and annual work points with their log, extensions and status."""
    _run(db, """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE unit_aliases (
    alias_key TEXT PRIMARY KEY,
    alias TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);
CREATE TABLE work_plans (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    doc_no TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    preamble TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE work_sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    ordinal TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL
);
CREATE INDEX work_sections_plan ON work_sections(plan_id, position);
CREATE TABLE work_items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES work_sections(id) ON DELETE CASCADE,
    no INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    subsection TEXT NOT NULL DEFAULT '',
    deadline_phrase TEXT NOT NULL DEFAULT '',
    deadline_rule TEXT NOT NULL DEFAULT '',
    deadline_issued TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '未启动'
        CHECK (status IN ('未启动', '推进中', '已完成', '已销号')),
    status_date TEXT,
    status_remark TEXT NOT NULL DEFAULT '',
    carried_from INTEGER REFERENCES work_items(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX work_items_plan ON work_items(plan_id, position);
CREATE INDEX work_items_deadline ON work_items(deadline, status);
CREATE INDEX work_items_carried ON work_items(carried_from);
CREATE TABLE work_item_units (
    item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX work_item_units_unit ON work_item_units(unit_id);
CREATE TABLE work_item_log (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    entry_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('进展', '催办')),
    text TEXT NOT NULL,
    reporter TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX work_item_log_item ON work_item_log(item_id, entry_date);
CREATE TABLE work_item_extensions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    old_deadline TEXT NOT NULL,
    new_deadline TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX work_item_extensions_item ON work_item_extensions(item_id);
""")


def m0002_office_profile(db: Database) -> None:
    """The office profile (names printed on documents) and 发文字号 serials per year."""
    _run(db, """
CREATE TABLE office_profile (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE doc_serials (
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    title TEXT NOT NULL,
    issued_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    PRIMARY KEY (year, serial)
);
""")


def m0003_people(db: Database) -> None:
    """Staff from the 花名册: one row per person, matched by 公民身份号码 on re-import.

    Dates are ``YYYY-MM``; absent text is ``''``; an unknown ID number is NULL (so several people
    may lack one). ``roster_order`` is the person's place in the last imported roster. No index
    besides the ID number's: an office has tens to hundreds of people, matched in Python.
    """
    _run(db, """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sex TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    birth TEXT NOT NULL DEFAULT '',
    id_number TEXT UNIQUE,
    political_status TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    degree TEXT NOT NULL DEFAULT '',
    work_start TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    rank TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    roster_order INTEGER NOT NULL DEFAULT 0,
    source_file TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
""")


MIGRATIONS: tuple[tuple[str, Callable[[Any], None]], ...] = (
    ("0001_work_points", m0001_work_points),
    ("0002_office_profile", m0002_office_profile),
    ("0003_people", m0003_people),
)


def known_migrations() -> list[str]:
    return [name for name, _ in MIGRATIONS]


def apply_pending(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration (each in its own transaction); return their names."""
    from sqlite_utils import Database  # heavy; only when upgrading
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    db = Database(conn, execute_plugins=False)
    names = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    return names
