"""Open the office's SQLite file: WAL, foreign keys, schema check and upgrade.

A database written by a newer version of the app (it has migrations this version does not know)
is refused with a clear message and left untouched. Older ones are upgraded in place; each
migration runs in its own transaction.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fangzhi_desktop.errors import DatabaseError
from fangzhi_desktop.storage.audit_triggers import ensure_installed as _ensure_audit
from fangzhi_desktop.storage.migrations import MIGRATION_SET, MIGRATIONS_TABLE, known_migrations

SQLITE_MAGIC = b"SQLite format 3\x00"


def connect(path: str | Path) -> sqlite3.Connection:
    """A raw connection with the app's pragmas; no schema check. ``":memory:"`` allowed."""
    target = str(path)
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=10.0)
        register_functions(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if target != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_not_a_database(path, exc)) from exc
    return conn


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the schema's triggers call (every connection that writes needs them)."""
    conn.create_function("fz_initials", 1, _initials, deterministic=True)


def _initials(name: str | None) -> str:
    """``fz_initials(name)`` for the search index's triggers (pypinyin loads on first use)."""
    from fangzhi_desktop.domain.pinyin_initials import initials

    return initials(name)


def create_private(path: Path) -> None:
    """Create an empty file readable by the current user only (it will hold personal data).

    SQLite gives the -wal and -shm files the permissions of the database file, so they are
    private too. On Windows the file inherits the user profile's ACL.
    """
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # whatever the umask


def open_database(path: str | Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if missing) and bring the schema up to date.

    Raises ``DatabaseError`` for a file that is not a database, is damaged, or was written by a
    newer version of the app.
    """
    if str(path) != ":memory:":
        path = Path(path)
        if path.exists():
            _check_header(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                create_private(path)
            except OSError as exc:
                raise DatabaseError(f"无法创建数据文件 {path}（{exc.strerror}）。") from exc
    conn = connect(path)
    try:
        check_schema(conn, path)
        pending = pending_migrations(conn) if migrate else []
        if pending:
            from fangzhi_desktop.storage.migrations import apply_pending

            if applied_migrations(conn):  # an existing database: keep a copy of it first
                from fangzhi_desktop.storage.backup import backup_before

                backup_before(conn, "升级前")
            apply_pending(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(_not_a_database(path, exc)) from exc
    except DatabaseError:
        conn.close()
        raise
    return conn


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseError(f"无法读取数据文件 {path}（{exc.strerror}）。") from exc
    if head and head != SQLITE_MAGIC:
        raise DatabaseError(
            f"{path} 不是方志办公桌面的数据文件（也不是 SQLite 数据库），未做任何改动。"
            "请选择正确的数据文件，或从备份恢复。")


def _not_a_database(path: str | Path, exc: Exception) -> str:
    return (f"数据文件 {path} 已损坏或不是数据库（{exc}），未做任何改动。"
            "请从备份恢复，或选择其他数据文件。")


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the main database has the table ``name`` (an older file may lack it)."""
    return conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def fulltext_tables(conn: sqlite3.Connection) -> list[str]:
    """The FTS5 indexes of the schema (derived data: rebuilt or optimized, never exported)."""
    return [name for (name,) in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'"
        " AND sql LIKE 'CREATE VIRTUAL%fts5%'")]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    if not table_exists(conn, MIGRATIONS_TABLE):
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    ).fetchall()
    return [row[0] for row in rows]


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    done = set(applied_migrations(conn))
    return [name for name in known_migrations() if name not in done]


def check_schema(conn: sqlite3.Connection, path: str | Path = "") -> None:
    """Refuse a database that holds migrations (or a schema version) newer than this app."""
    known = known_migrations()
    unknown = [name for name in applied_migrations(conn) if name not in known]
    (user_version,) = conn.execute("PRAGMA user_version").fetchone()
    if unknown or user_version > len(known):
        raise DatabaseError(
            f"数据文件 {path} 由更新版本的方志办公桌面创建（数据结构版本 "
            f"{max(user_version, len(known) + len(unknown))}，本程序支持到 {len(known)}），"
            "为保护数据未做任何改动。请升级本程序后再打开。")


def checkpoint(conn: sqlite3.Connection) -> None:
    """Fold the WAL into the main file (before copying or shipping the file)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All writes of one user action: one transaction (a savepoint when nested)."""
    if conn.in_transaction:
        name = f"sp_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        else:
            conn.execute(f"RELEASE {name}")
        return
    _ensure_audit(conn)  # the audit trail's triggers, created before the first write
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


_savepoints = itertools.count(1)
