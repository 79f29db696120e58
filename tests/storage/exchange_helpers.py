"""Helpers for the exchange package tests: compare databases, rewrite package members."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.database import connect
from fangzhi_desktop.storage.exchange_import import database_rows

# Columns that differ between databases by construction (ids and local timestamps).
SKIP = {"id", "created_at", "updated_at", "imported_at"}


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what "unchanged" is checked against."""
    conn = open_database(db)
    try:
        return database_rows(conn)
    finally:
        conn.close()


def content(db: Path, table: str, skip: set[str] = frozenset()) -> Counter[tuple[Any, ...]]:
    """The rows of ``table`` without ids and id references, as a multiset."""
    conn = sqlite3.connect(db)
    try:
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                if r[1] not in SKIP | set(skip) and not r[1].endswith("_id")
                and r[1] not in ("carried_from", "copied_from")]
        return Counter(conn.execute(f'SELECT {", ".join(cols)} FROM "{table}"').fetchall())
    finally:
        conn.close()


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    finally:
        conn.close()


def sql(db: Path, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = connect(db)  # with the SQL functions the schema's triggers call
    try:
        return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def new_origin(db: Path, series: str = "") -> None:
    """Make a copied database another office: a new origin id (and briefing series name)."""
    sql(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('origin_uuid', ?)",
        (uuid.uuid4().hex,))
    if series:
        sql(db, "UPDATE briefing_issues SET name = ?, series_key = ?", (series, series))


def rewrite(package: Path, out: Path, *, manifest: dict[str, Any] | None = None,
            data: bytes | None = None, rehash: bool = False) -> Path:
    """A copy of ``package`` with a member replaced; ``rehash`` recomputes the hashes (as a
    careful forger would)."""
    with zipfile.ZipFile(package) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    meta = json.loads(members["manifest.json"])
    if data is not None:
        members["data.db"] = data
        if rehash:
            meta["members"]["data.db"] = hashlib.sha256(data).hexdigest()
    if manifest is not None:
        meta.update(manifest)
    if manifest is not None or rehash:
        members["manifest.json"] = json.dumps(meta, ensure_ascii=False).encode()
    if rehash:
        members["manifest.sha256"] = hashlib.sha256(members["manifest.json"]).hexdigest().encode()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out
