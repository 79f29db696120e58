"""The shared directory of units (单位) with aliases: one unit however it is written."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fangzhi_desktop.domain.units import alias_key, normalize_unit_name
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.database import transaction


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


def find_unit(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the unit known by ``name`` (or one of its aliases), or None."""
    row = conn.execute(
        "SELECT unit_id FROM unit_aliases WHERE alias_key = ?", (alias_key(name),)
    ).fetchone()
    return row[0] if row else None


def ensure_unit(conn: sqlite3.Connection, name: str) -> int:
    """The id of the unit called ``name``, creating it when new (call inside a transaction)."""
    name = normalize_unit_name(name)
    if not name:
        raise FangzhiError("单位名称不能为空。")
    found = find_unit(conn, name)
    if found is not None:
        return found
    cur = conn.execute("INSERT INTO units (name) VALUES (?)", (name,))
    unit_id = int(cur.lastrowid or 0)
    conn.execute(
        "INSERT INTO unit_aliases (alias_key, alias, unit_id) VALUES (?, ?, ?)",
        (alias_key(name), name, unit_id),
    )
    return unit_id


def list_units(conn: sqlite3.Connection, *, used_in_year: int | None = None) -> list[Unit]:
    """Every unit with its aliases, by name; optionally only those named in a year's items."""
    sql = "SELECT id, name FROM units"
    params: tuple[object, ...] = ()
    if used_in_year is not None:
        sql += (" WHERE id IN (SELECT wu.unit_id FROM work_item_units wu"
                " JOIN work_items i ON i.id = wu.item_id"
                " JOIN work_plans p ON p.id = i.plan_id WHERE p.year = ?)")
        params = (used_in_year,)
    rows = conn.execute(sql + " ORDER BY name", params).fetchall()
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in conn.execute("SELECT unit_id, alias FROM unit_aliases ORDER BY alias"):
        aliases.setdefault(unit_id, []).append(alias)
    return [Unit(uid, name, tuple(a for a in aliases.get(uid, []) if a != name))
            for uid, name in rows]


def unit_usage(conn: sqlite3.Connection) -> dict[int, int]:
    """How many work items name each unit (as lead or supporting unit)."""
    return dict(conn.execute(
        "SELECT unit_id, count(*) FROM work_item_units GROUP BY unit_id").fetchall())


def add_alias(conn: sqlite3.Connection, unit_id: int, alias: str) -> None:
    """Make ``alias`` another name of the unit; refused if it already names another unit."""
    alias = normalize_unit_name(alias)
    other = find_unit(conn, alias)
    if other is not None and other != unit_id:
        raise FangzhiError(f"“{alias}”已经是另一个单位的名称，请使用“合并单位”。")
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO unit_aliases (alias_key, alias, unit_id) VALUES (?, ?, ?)",
            (alias_key(alias), alias, unit_id),
        )


def merge_units(conn: sqlite3.Connection, keep_id: int, merge_id: int) -> None:
    """The same unit written two ways: move every reference and alias to ``keep_id``."""
    if keep_id == merge_id:
        return
    with transaction(conn):
        # An item naming both keeps one link: the lead role wins over support.
        conn.execute(
            """UPDATE work_item_units SET role = 'lead'
               WHERE unit_id = ? AND item_id IN
                 (SELECT item_id FROM work_item_units WHERE unit_id = ? AND role = 'lead')""",
            (keep_id, merge_id),
        )
        conn.execute(
            """DELETE FROM work_item_units WHERE unit_id = ? AND item_id IN
                 (SELECT item_id FROM work_item_units WHERE unit_id = ?)""",
            (merge_id, keep_id),
        )
        conn.execute("UPDATE work_item_units SET unit_id = ? WHERE unit_id = ?",
                     (keep_id, merge_id))
        conn.execute("UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?", (keep_id, merge_id))
        conn.execute("DELETE FROM units WHERE id = ?", (merge_id,))
