"""The audit trail's capture: per-connection TEMP triggers on every table a person edits.

Triggers, not calls in each storage function, so that no edit path can forget to record
itself. They are TEMP (per connection, never stored in the file) because a trigger stored in
the main schema may not read the TEMP ``audit_context`` row (who, on which PC, doing what,
and whether a bulk action has silenced the per-row records), and so that a file opened by an
older version of the app carries nothing it does not know.

They are created lazily, just before a connection's first write (``storage.database.
transaction`` calls ``ensure_installed``; ~9 ms for the ~100 triggers): opening a database at
start-up pays nothing.
Only tables listed in ``AUDITED`` are watched; their columns are read from the file at
installation, so a migration that adds a column needs no change here (``migrations.
apply_pending`` drops the triggers first; they come back, up to date, at the next write).
"""

from __future__ import annotations

import sqlite3

# table -> (the record it is shown under, the column holding that record's id; "rowid": itself,
# None: one record for the whole table; or an SQL expression of the row ``{ref}``).
AUDITED: dict[str, tuple[str, str | None]] = {
    "units": ("units", "rowid"),
    "unit_aliases": ("units", "unit_id"),
    "office_profile": ("office_profile", None),
    "doc_serials": ("doc_serials", "year"),
    "work_plans": ("work_plans", "rowid"),
    "work_sections": ("work_plans", "plan_id"),
    "work_items": ("work_items", "rowid"),
    "work_item_units": ("work_items", "item_id"),
    "work_item_log": ("work_items", "item_id"),
    "work_item_extensions": ("work_items", "item_id"),
    "people": ("people", "rowid"),
    "learning_types": ("learning_types", "rowid"),
    "learning_policies": ("learning_policies", "from_year"),
    "learning_requirements": ("learning_policies", "from_year"),
    "learning_activities": ("learning_activities", "rowid"),
    "learning_attendance": ("learning_activities", "activity_id"),
    "briefing_issues": ("briefing_issues", "rowid"),
    "briefing_articles": ("briefing_issues", "issue_id"),
    "campaign_activities": ("campaign_activities", "rowid"),
    "campaign_phases": ("campaign_activities", "campaign_id"),
    "campaign_tasks": ("campaign_tasks", "rowid"),
    "campaign_task_steps": ("campaign_tasks", "task_id"),
    "campaign_task_log": ("campaign_tasks", "task_id"),
    "campaign_task_extensions": ("campaign_tasks", "task_id"),
    "calendar_years": ("calendar_years", "year"),
    "yearbook_stage_templates": ("yearbook_stage_templates", "rowid"),
    "yearbook_volumes": ("yearbook_volumes", "rowid"),
    "yearbook_stages": ("yearbook_volumes", "volume_id"),
    "yearbook_units": ("yearbook_volumes", "volume_id"),
    "yearbook_nodes": ("yearbook_nodes", "rowid"),  # a 篇目 with its manuscript and reviews
    "yearbook_manuscripts": ("yearbook_nodes", "node_id"),
    "yearbook_reviews": ("yearbook_nodes", "(SELECT node_id FROM yearbook_manuscripts"
                                           " WHERE id = {ref}.manuscript_id)"),
}
# Tables of a file that are not watched, and why: derived from the audited ones or written by
# the program itself (a full-text index's shadow tables start with the index's name).
NOT_AUDITED: dict[str, str] = {
    "_sqlite_migrations": "applied migrations (one summary entry per upgrade)",
    "meta": "the program's own keys (origin id, first-run guide)",
    "audit_log": "the trail itself",
    "yearbook_manuscript_files": "a manuscript's file; its name, size and hash are audited",
    "exchange_map": "ids of imported records (an import is one summary entry)",
    "exchange_imports": "packages imported (an import is one summary entry)",
    "search_index": "full-text index of the global search",
    "people_fts": "full-text index of people's names",
}
# Bookkeeping and secrets: never in the log (calendar data is a whole year's JSON).
SKIPPED_COLUMNS = frozenset({"created_at", "updated_at", "imported_at", "added_at", "token",
                             "data"})
# Personal numbers are masked as the window shows them (domain.privacy); every text of a
# person's row has ID and mobile numbers inside it masked too.
MASKED_COLUMNS = {"id_number": "id", "phone": "phone"}
REDACTED_TABLES = frozenset({"people"})
DEFAULT_ACTION = "编辑"
MASK_FUNCTION = "fz_audit_mask"
_PREFIX = "fz_audit_"


def ensure_installed(conn: sqlite3.Connection) -> None:
    """Create the context row and the triggers on this connection unless already there (or
    silenced by a bulk action, which drops them: see ``drop_triggers``)."""
    installed, quiet = ensure_context(conn)
    if installed or quiet:
        return
    columns = _audited_columns(conn)
    try:
        for table, cols in columns.items():
            for sql in _triggers(table, cols):
                conn.execute(sql)
    except BaseException:
        drop_triggers(conn)  # all or nothing: the next write tries again
        raise
    conn.execute("UPDATE temp.audit_context SET installed = 1")


def ensure_context(conn: sqlite3.Connection) -> tuple[int, int]:
    """Create ``temp.audit_context`` when missing; returns its (installed, quiet) flags."""
    try:
        row = conn.execute("SELECT installed, quiet FROM temp.audit_context").fetchone()
    except sqlite3.OperationalError:  # the connection's first call
        row = None
    if row is not None:
        return int(row[0]), int(row[1])
    conn.create_function(MASK_FUNCTION, 2, _mask, deterministic=True)
    conn.execute(
        """CREATE TEMP TABLE IF NOT EXISTS audit_context (
               id INTEGER PRIMARY KEY CHECK (id = 1), user TEXT NOT NULL, host TEXT NOT NULL,
               action TEXT NOT NULL, quiet INTEGER NOT NULL DEFAULT 0,
               installed INTEGER NOT NULL DEFAULT 0)""")
    conn.execute("INSERT OR IGNORE INTO temp.audit_context (id, user, host, action)"
                 " VALUES (1, ?, ?, ?)", (*who(), DEFAULT_ACTION))
    return 0, 0


def drop_triggers(conn: sqlite3.Connection) -> None:
    """Drop this connection's audit triggers; the next write outside a bulk action (or a
    schema change) creates them again.

    A bulk action drops them rather than relying on their WHEN clause: a trigger that checks
    and does nothing still costs ~3 µs a row, a third more on a 10,000-person roster.
    """
    names = [r[0] for r in conn.execute(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (_PREFIX + "%",))]
    for name in names:
        conn.execute(f"DROP TRIGGER temp.{name}")
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'audit_context'").fetchone():
        conn.execute("UPDATE temp.audit_context SET installed = 0")


def uninstall(conn: sqlite3.Connection) -> None:
    """Drop this connection's audit triggers and context (before a schema change)."""
    drop_triggers(conn)
    conn.execute("DROP TABLE IF EXISTS temp.audit_context")


def _audited_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Columns per audited table present in the file; empty when it has no ``audit_log``."""
    names = ", ".join(f"'{t}'" for t in (*AUDITED, "audit_log"))
    rows = conn.execute(
        f"""SELECT m.name, p.name FROM main.sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name IN ({names}) ORDER BY m.name, p.cid"""
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    if "audit_log" not in columns:
        return {}
    del columns["audit_log"]
    return {t: [c for c in cols if c not in SKIPPED_COLUMNS] for t, cols in columns.items()}


def _value(table: str, column: str, ref: str) -> str:
    kind = MASKED_COLUMNS.get(column) or ("text" if table in REDACTED_TABLES else None)
    value = f"{ref}.{column}"
    return f"{MASK_FUNCTION}('{kind}', {value})" if kind else value


def _triggers(table: str, columns: list[str]) -> list[str]:
    record_table, link = AUDITED[table]
    quiet = "WHEN (SELECT quiet FROM temp.audit_context) = 0"
    head = ("INSERT INTO audit_log (user, host, action, op, table_name, row_id, record_table,"
            " record_id, before, after)")

    def record(ref: str) -> str:
        if link is None:
            return "0"
        return link.format(ref=ref) if "{ref}" in link else f"{ref}.{link}"

    def whole(ref: str) -> str:
        pairs = ", ".join(f"'{c}', {_value(table, c, ref)}" for c in columns)
        return f"json_object({pairs})"

    from fangzhi_desktop.domain.audit import IDENTITY_COLUMNS  # labels: not at start-up

    identity = IDENTITY_COLUMNS.get(table, ())
    changes = " UNION ALL ".join(
        f"SELECT '{c}' AS k, {_value(table, c, 'OLD')} AS o, {_value(table, c, 'NEW')} AS n,"
        f" OLD.{c} IS NOT NEW.{c} AS changed, {int(c in identity)} AS keep" for c in columns)
    context = "SELECT c.user, c.host, c.action"
    return [
        f"""CREATE TEMP TRIGGER {_PREFIX}{table}_insert AFTER INSERT ON main.{table} {quiet}
BEGIN {head} {context}, 'insert', '{table}', NEW.rowid, '{record_table}', {record('NEW')},
    NULL, {whole('NEW')} FROM temp.audit_context c; END""",
        f"""CREATE TEMP TRIGGER {_PREFIX}{table}_delete AFTER DELETE ON main.{table} {quiet}
BEGIN {head} {context}, 'delete', '{table}', OLD.rowid, '{record_table}', {record('OLD')},
    {whole('OLD')}, NULL FROM temp.audit_context c; END""",
        f"""CREATE TEMP TRIGGER {_PREFIX}{table}_update AFTER UPDATE ON main.{table} {quiet}
BEGIN {head} {context}, 'update', '{table}', NEW.rowid, '{record_table}', {record('NEW')},
    json_group_object(d.k, d.o), json_group_object(d.k, d.n)
    FROM temp.audit_context c, ({changes}) d WHERE d.changed OR d.keep
    HAVING max(d.changed) > 0; END""",
    ]


def _mask(kind: str, value: object) -> object:
    if not isinstance(value, str) or not value:
        return value
    from fangzhi_desktop.domain.privacy import mask_id_number, mask_phone, redact

    if kind == "id":
        return mask_id_number(value)
    if kind == "phone":
        return mask_phone(value)
    return redact(value)


def who() -> tuple[str, str]:
    """The operating-system user and the computer's name (``未知`` when unavailable)."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # no USER/USERNAME and no passwd entry: still record the edit
        user = ""
    try:
        host = socket.gethostname()
    except OSError:
        host = ""
    return user or "未知", host
