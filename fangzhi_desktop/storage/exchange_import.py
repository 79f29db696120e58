"""Merge the SQLite part of an exchange package into this database without duplicates.

Reference rows merge by natural key (a unit by any of its names, a person by ID number or else
name + birth month, a learning type by name); the origin's records map through
``exchange_map``, so a second import of the same (or a newer) package updates the records it
brought before. Call inside one transaction: any error leaves the database as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.units import alias_key
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.database import register_functions
from fangzhi_desktop.storage.exchange_spec import AREAS, LINKS, OWNED, Owned, data_tables


class ExchangeConflict(FangzhiError):
    """The package's records cannot live next to this database's own."""


@dataclass
class MergeResult:
    """What an import did, table by table."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, *, updated: bool = False) -> None:
        target = self.updated if updated else self.added
        target[table] = target.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())

    def describe(self) -> str:
        added, updated = sum(self.added.values()), sum(self.updated.values())
        return f"新增{added}条记录，更新{updated}条记录"


Row = dict[str, Any]


def read_rows(path: Path) -> dict[str, list[Row]]:
    """Every row of every table of the package's database, keyed by table name."""
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    src.row_factory = sqlite3.Row
    try:
        tables = data_tables(src)
        return {t: [dict(r) for r in src.execute(f'SELECT * FROM "{t}" ORDER BY rowid')]
                for t in tables}
    finally:
        src.close()


def package_check(path: Path) -> tuple[str, list[str]]:
    """``PRAGMA integrity_check`` verdict and the migrations recorded in a package database."""
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (verdict,) = src.execute("PRAGMA integrity_check").fetchone()
        names = [n for (n,) in src.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'fangzhi' ORDER BY rowid")]
        return str(verdict), names
    finally:
        src.close()


def upgrade_package_db(path: Path) -> None:
    """Bring a package written by an older version up to this schema (a private temp copy)."""
    from fangzhi_desktop.storage.migrations import apply_pending

    db = sqlite3.connect(str(path), isolation_level=None)
    register_functions(db)
    try:
        apply_pending(db)
    finally:
        db.close()


def local_origin(conn: sqlite3.Connection) -> str:
    """This database's origin id; ``""`` when it never exported (so no package is its own)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'origin_uuid'").fetchone()
    return str(row[0]) if row else ""


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


class _Merger:
    def __init__(self, conn: sqlite3.Connection, rows: dict[str, list[Row]], origin: str,
                 full_ids: bool) -> None:
        self.conn, self.rows, self.origin, self.full_ids = conn, rows, origin, full_ids
        self.ids: dict[str, dict[int, int]] = {}
        self.result = MergeResult()
        self.cols = {t: _columns(conn, t) for t in rows}

    # -- the map --------------------------------------------------------------------------
    def mapped(self, table: str, source_id: int) -> int | None:
        """The local id this origin's record was imported as, if that row still exists."""
        row = self.conn.execute(
            f"SELECT m.local_id FROM exchange_map m JOIN \"{table}\" t ON t.id = m.local_id "
            "WHERE m.origin = ? AND m.table_name = ? AND m.source_id = ?",
            (self.origin, table, source_id)).fetchone()
        return int(row[0]) if row else None

    def remember(self, table: str, source_id: int, local_id: int) -> None:
        self.ids.setdefault(table, {})[source_id] = local_id
        self.conn.execute(
            "INSERT INTO exchange_map (origin, table_name, source_id, local_id) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (origin, table_name, source_id) DO UPDATE SET local_id = excluded.local_id",
            (self.origin, table, source_id, local_id))

    def local(self, table: str, source_id: int | None) -> int | None:
        if source_id is None:
            return None
        found = self.ids.get(table, {}).get(source_id)
        return found if found is not None else self.mapped(table, source_id)

    def _insert(self, table: str, values: Row) -> int:
        names = list(values)
        cur = self.conn.execute(
            f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
            [values[n] for n in names])
        return int(cur.lastrowid or 0)

    def _update(self, table: str, local_id: int, values: Row) -> None:
        """Overwrite a row with the package's values; counted only when something changed."""
        names = list(values)
        current = self.conn.execute(f'SELECT {", ".join(names)} FROM "{table}" WHERE id = ?',
                                    (local_id,)).fetchone()
        if current is not None and tuple(current) == tuple(values[n] for n in names):
            return
        sets = ", ".join(f"{n} = ?" for n in names)
        self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', [*values.values(), local_id])
        self.result.count(table, updated=True)

    def _values(self, table: str, row: Row, skip: Iterable[str] = ("id",)) -> Row:
        skipped = set(skip)
        return {c: row[c] for c in self.cols.get(table, []) if c in row and c not in skipped}

    # -- reference tables -----------------------------------------------------------------
    def units(self) -> None:
        aliases: dict[int, list[str]] = {}
        for a in self.rows.get("unit_aliases", []):
            aliases.setdefault(a["unit_id"], []).append(a["alias"])
        for unit in self.rows.get("units", []):
            names = [unit["name"], *aliases.get(unit["id"], [])]
            local = None
            for name in names:
                row = self.conn.execute("SELECT unit_id FROM unit_aliases WHERE alias_key = ?",
                                        (alias_key(name),)).fetchone()
                if row:
                    local = int(row[0])
                    break
            if local is None:
                local = self._insert("units", {"name": unit["name"]})
                self.result.count("units")
            for name in names:
                self.conn.execute("INSERT OR IGNORE INTO unit_aliases (alias_key, alias, unit_id)"
                                  " VALUES (?, ?, ?)", (alias_key(name), name, local))
            self.ids.setdefault("units", {})[unit["id"]] = local

    def people(self) -> None:
        for person in self.rows.get("people", []):
            values = self._values("people", person, ("id", "created_at"))
            if not person.get("id_number"):
                values.pop("id_number", None)
            if not self.full_ids or not person.get("phone"):
                values.pop("phone", None)
            local = self.mapped("people", person["id"])
            if local is not None:  # brought by this origin before: its data is the newer
                self._update("people", local, values)
            elif (match := self._match_person(person)) is not None:
                # Already known here (the office's own roster, or another origin's): linked,
                # never overwritten.
                self.ids.setdefault("people", {})[person["id"]] = match
                continue
            else:
                local = self._insert("people", values)
                self.result.count("people")
            self.remember("people", person["id"], local)

    def _match_person(self, person: Row) -> int | None:
        if person.get("id_number"):
            row = self.conn.execute("SELECT id FROM people WHERE id_number = ?",
                                    (person["id_number"],)).fetchone()
            if row:
                return int(row[0])
        found = self.conn.execute("SELECT id FROM people WHERE name = ? AND birth = ?",
                                  (person["name"], person["birth"])).fetchall()
        return int(found[0][0]) if len(found) == 1 else None

    def learning_reference(self) -> None:
        for kind in self.rows.get("learning_types", []):
            row = self.conn.execute("SELECT id FROM learning_types WHERE name = ?",
                                    (kind["name"],)).fetchone()
            if row:
                local = int(row[0])
            else:
                local = self._insert("learning_types", self._values("learning_types", kind))
                self.result.count("learning_types")
            self.ids.setdefault("learning_types", {})[kind["id"]] = local
        # The office's own 学时 rules win; years it has no rule for come along.
        for table in ("learning_policies", "learning_requirements", "calendar_years"):
            for row in self.rows.get(table, []):
                values = self._values(table, row, ())
                names = list(values)
                cur = self.conn.execute(
                    f'INSERT OR IGNORE INTO "{table}" ({", ".join(names)}) '
                    f'VALUES ({", ".join("?" * len(names))})', list(values.values()))
                if cur.rowcount:
                    self.result.count(table)

    # -- the origin's records -------------------------------------------------------------
    def check_conflicts(self) -> None:
        """Year-unique records of another office that collide with this database's own."""
        problems = []
        for table, label in (("work_plans", "工作要点"), ("yearbook_volumes", "年鉴")):
            for row in self.rows.get(table, []):
                clash = self.conn.execute(f"SELECT id FROM {table} WHERE year = ?",
                                          (row["year"],)).fetchone()
                if clash and clash[0] != self.mapped(table, row["id"]):
                    problems.append(f"{row['year']}年{label}")
        for row in self.rows.get("briefing_issues", []):
            clash = self.conn.execute(
                "SELECT id FROM briefing_issues WHERE series_key = ? AND year = ? AND issue = ?",
                (row["series_key"], row["year"], row["issue"])).fetchone()
            if clash and clash[0] != self.mapped("briefing_issues", row["id"]):
                problems.append(f"{row['name']}{row['year']}年第{row['issue']}期")
        if problems:
            raise ExchangeConflict(
                f"本数据库已有{'、'.join(problems[:5])}{'等' if len(problems) > 5 else ''}，"
                "与交换包中另一个单位的同年记录冲突（同一年度在一个数据库中只能有一份），"
                "未做任何改动。请把各单位的交换包导入一个单独的汇总数据库"
                "（如 fangzhi --db 汇总.db import package 文件），或导出时不选这些年度和方面。")

    def owned(self, spec: Owned) -> None:
        refs = dict(spec.refs)
        if spec.parent:
            refs[spec.parent[0]] = spec.parent[1]
        for row in self.rows.get(spec.table, []):
            values = self._values(spec.table, row)
            for column, table in refs.items():
                if row.get(column) is not None:
                    local = self.local(table, row[column])
                    if local is None:
                        raise ExchangeConflict(
                            f"交换包内的数据不完整（{spec.table} 引用了不存在的 {table}），"
                            "未做任何改动。请让对方重新导出。")
                    values[column] = local
            for column in spec.late_refs:
                values[column] = None
            target = self.mapped(spec.table, row["id"])
            if target is not None:
                for column in spec.late_refs:
                    values.pop(column)  # set below, once every row exists
                self._update(spec.table, target, values)
            else:
                target = self._insert(spec.table, values)
                self.result.count(spec.table)
            self.remember(spec.table, row["id"], target)

    def late_refs(self, spec: Owned) -> None:
        for row in self.rows.get(spec.table, []):
            for column, table in spec.late_refs.items():
                value = self.local(table, row.get(column))
                self.conn.execute(f'UPDATE "{spec.table}" SET {column} = ? WHERE id = ?',
                                  (value, self.ids[spec.table][row["id"]]))

    def drop_stale(self, spec: Owned) -> None:
        """Records this origin sent before under a parent it sends again, but not any more."""
        if not spec.parent:
            return
        column, parent = spec.parent
        parents = set(self.ids.get(parent, {}).values())
        keep = set(self.ids.get(spec.table, {}).values())
        stale = [i for i, owner in self.conn.execute(
            f'SELECT t.id, t.{column} FROM "{spec.table}" t JOIN exchange_map m '
            "ON m.local_id = t.id AND m.table_name = ? AND m.origin = ?",
            (spec.table, self.origin)) if owner in parents and i not in keep]
        for local_id in stale:
            self.conn.execute(f'DELETE FROM "{spec.table}" WHERE id = ?', (local_id,))

    def links(self) -> None:
        for link in LINKS:
            column, parent = link.parent
            for parent_id in set(self.ids.get(parent, {}).values()):
                self.conn.execute(f'DELETE FROM "{link.table}" WHERE {column} = ?', (parent_id,))
            verb = "INSERT OR REPLACE" if link.replace else "INSERT OR IGNORE"
            for row in self.rows.get(link.table, []):
                values = self._values(link.table, row, ())
                for col, table in {column: parent, **link.refs}.items():
                    values[col] = self.local(table, row[col])
                names = list(values)
                self.conn.execute(
                    f'{verb} INTO "{link.table}" ({", ".join(names)}) '
                    f'VALUES ({", ".join("?" * len(names))})', list(values.values()))


def merge_rows(conn: sqlite3.Connection, rows: dict[str, list[Row]], *, origin: str,
               full_ids: bool) -> MergeResult:
    """Merge a package's rows (from :func:`read_rows`) into ``conn``; call in a transaction."""
    merger = _Merger(conn, rows, origin, full_ids)
    merger.check_conflicts()
    try:
        # One summary entry in the audit trail, not one per merged row.
        with audit.bulk(conn, "导入交换包", table="exchange_imports") as note:
            merger.units()
            merger.people()
            merger.learning_reference()
            for spec in OWNED:
                merger.owned(spec)
            for spec in OWNED:
                if spec.late_refs:
                    merger.late_refs(spec)
            for spec in reversed(OWNED):
                merger.drop_stale(spec)
            merger.links()
            note.summary = f"导入交换包：{merger.result.describe()}"
            note.changed = merger.result.changed
    except sqlite3.IntegrityError as exc:
        raise ExchangeConflict(f"交换包中的记录与本数据库的记录冲突（{exc}），未做任何改动。") from exc
    return merger.result


def record_import(conn: sqlite3.Connection, *, origin: str, origin_name: str, created: str,
                  years: Iterable[int], areas: Iterable[str], file_name: str) -> None:
    conn.execute(
        "INSERT INTO exchange_imports (origin, origin_name, package_created, years, areas, "
        "file_name) VALUES (?, ?, ?, ?, ?, ?)",
        (origin, origin_name, created, ",".join(map(str, years)),
         ",".join(AREAS.get(a, a) for a in areas), file_name))


def database_rows(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (tests and the dry run compare databases with it)."""
    tables = data_tables(conn)
    return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
