"""Annual work points in the database: plans, items, units, log, status and extensions.

Every function that writes does so in one transaction; the undo commands of the UI call the
same functions with the old values.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain import deadlines
from fangzhi_desktop.domain.workpoints import (
    EntryKind,
    Extension,
    LogEntry,
    ParsedPlan,
    PlanInfo,
    SectionInfo,
    Status,
    WorkItem,
    section_ordinal,
)
from fangzhi_desktop.errors import FangzhiError, InputErrors
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.units import ensure_unit

FINISHED = (Status.DONE.value, Status.CLOSED.value)


@dataclass(frozen=True)
class ItemFilter:
    """What the ledger shows: all filters are combined with AND."""

    unit_id: int | None = None
    status: Status | None = None
    overdue_on: date | None = None  # only items overdue on this day
    search: str = ""


# --- Plans -----------------------------------------------------------------------------------


def plan_years(conn: sqlite3.Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT year FROM work_plans ORDER BY year")]


def year_exists(conn: sqlite3.Connection, year: int) -> bool:
    return conn.execute("SELECT 1 FROM work_plans WHERE year = ?", (year,)).fetchone() is not None


def get_plan(conn: sqlite3.Connection, year: int) -> PlanInfo | None:
    row = conn.execute(
        """SELECT p.id, p.year, p.title, p.issuer, p.doc_no, p.issued_on, p.preamble,
                  p.source_file, (SELECT count(*) FROM work_items i WHERE i.plan_id = p.id)
           FROM work_plans p WHERE p.year = ?""",
        (year,),
    ).fetchone()
    if row is None:
        return None
    return PlanInfo(row[0], row[1], row[2], row[3], row[4], _date(row[5]), row[6], row[7],
                    row[8])


def list_sections(conn: sqlite3.Connection, year: int) -> list[SectionInfo]:
    rows = conn.execute(
        """SELECT s.id, s.position, s.ordinal, s.title FROM work_sections s
           JOIN work_plans p ON p.id = s.plan_id WHERE p.year = ? ORDER BY s.position""",
        (year,),
    )
    return [SectionInfo(*row) for row in rows]


def save_plan(conn: sqlite3.Connection, plan: ParsedPlan, *, replace: bool = False,
              progress: Progress = no_progress) -> int:
    """Save a parsed (and perhaps corrected) plan in one transaction; return its id.

    Refuses a plan with errors, and a year that already has work points unless ``replace``
    (which deletes that year's items with their log — the caller backs up first).
    """
    if plan.errors:
        name = Path(plan.source).name if plan.source else "工作要点"
        raise InputErrors(f"{name}有 {len(plan.errors)} 处错误，未导入。", plan.errors)
    if not plan.items:
        raise InputErrors("没有可导入的条目。")
    total = len(plan.items)
    source = Path(plan.source).name if plan.source else ""
    with audit.bulk(conn, "导入工作要点", table="work_plans",
                    source=source) as note:
        existing = conn.execute("SELECT id FROM work_plans WHERE year = ?",
                                (plan.year,)).fetchone()
        if existing and not replace:
            where = f"{Path(plan.source).name}：" if plan.source else ""
            raise InputErrors(
                f"{where}{plan.year}年的工作要点已经导入过，未做改动。如确需重新导入，请先选择“替换”"
                "（命令行加 --replace），原有条目及其进展记录将被删除。")
        if existing:
            conn.execute("DELETE FROM work_plans WHERE id = ?", (existing[0],))
        cur = conn.execute(
            """INSERT INTO work_plans (year, title, issuer, doc_no, issued_on, preamble,
                                       source_file) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (plan.year, plan.title or f"{plan.year}年工作要点", plan.issuer, plan.doc_no,
             _iso(plan.issued_on), plan.preamble, plan.source),
        )
        plan_id = int(cur.lastrowid or 0)
        done = 0
        position = 0
        for s_pos, section in enumerate(plan.sections, start=1):
            cur = conn.execute(
                "INSERT INTO work_sections (plan_id, position, ordinal, title) VALUES (?,?,?,?)",
                (plan_id, s_pos, section.ordinal, section.title),
            )
            section_id = int(cur.lastrowid or 0)
            for item in section.items:
                position += 1
                deadline = item.deadline or deadlines.resolve("", plan.year)
                cur = conn.execute(
                    """INSERT INTO work_items (plan_id, section_id, no, position, text, subsection,
                           deadline_phrase, deadline_rule, deadline_issued, deadline)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (plan_id, section_id, item.no, position, item.text, item.subsection,
                     deadline.phrase, deadline.rule, deadline.date.isoformat(),
                     deadline.date.isoformat()),
                )
                _link_units(conn, int(cur.lastrowid or 0), item.lead, item.support)
                done += 1
                progress(done / total, f"正在保存第{item.no}条")
        note.record_id = plan_id
        note.summary = (f"{'重新' if existing else ''}导入{plan.year}年工作要点：{done} 条"
                        + (f"（{source}）" if source else ""))
    return plan_id


def delete_plan(conn: sqlite3.Connection, year: int) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM work_plans WHERE year = ?", (year,))


def _link_units(conn: sqlite3.Connection, item_id: int, lead: Iterable[str],
                support: Iterable[str]) -> None:
    """Set an item's units; rows that stay are kept (the audit trail shows only changes)."""
    rows: dict[int, tuple[str, int]] = {}
    for role, names in (("lead", lead), ("support", support)):
        for name in names:
            unit_id = ensure_unit(conn, name)
            if unit_id not in rows:
                rows[unit_id] = (role, len(rows) + 1)
    marks = ", ".join("?" * len(rows))
    conn.execute(f"DELETE FROM work_item_units WHERE item_id = ? AND unit_id NOT IN ({marks})",
                 (item_id, *rows))
    conn.executemany(
        """INSERT INTO work_item_units (item_id, unit_id, role, position) VALUES (?, ?, ?, ?)
           ON CONFLICT (item_id, unit_id) DO UPDATE SET role = excluded.role,
               position = excluded.position""",
        [(item_id, unit_id, role, position) for unit_id, (role, position) in rows.items()],
    )


# --- Reading items ---------------------------------------------------------------------------

_ITEM_SELECT = """
SELECT i.id, i.plan_id, p.year, i.section_id, s.title, s.ordinal, i.no, i.position, i.text,
       i.deadline_phrase, i.deadline_rule, i.deadline, i.deadline_issued,
       (SELECT count(*) FROM work_item_extensions e WHERE e.item_id = i.id),
       i.status, i.status_date, i.status_remark,
       (SELECT l.text FROM work_item_log l WHERE l.item_id = i.id AND l.kind = '进展'
         ORDER BY l.entry_date DESC, l.id DESC LIMIT 1),
       (SELECT l.entry_date FROM work_item_log l WHERE l.item_id = i.id AND l.kind = '进展'
         ORDER BY l.entry_date DESC, l.id DESC LIMIT 1),
       i.subsection, i.carried_from
FROM work_items i
JOIN work_plans p ON p.id = i.plan_id
JOIN work_sections s ON s.id = i.section_id
"""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_items(conn: sqlite3.Connection, year: int,
               flt: ItemFilter | None = None) -> list[WorkItem]:
    """The items of a year in order, filtered in SQL."""
    flt = flt or ItemFilter()
    where = ["p.year = ?"]
    params: list[object] = [year]
    _apply_filter(flt, where, params)
    sql = _ITEM_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY i.position"
    return _items(conn, sql, params)


def _apply_filter(flt: ItemFilter, where: list[str], params: list[object]) -> None:
    if flt.unit_id is not None:
        where.append("EXISTS (SELECT 1 FROM work_item_units wu"
                     " WHERE wu.item_id = i.id AND wu.unit_id = ?)")
        params.append(flt.unit_id)
    if flt.status is not None:
        where.append("i.status = ?")
        params.append(flt.status.value)
    if flt.overdue_on is not None:
        where.append("i.status NOT IN (?, ?) AND i.deadline < ?")
        params += [*FINISHED, flt.overdue_on.isoformat()]
    for word in flt.search.split():
        pattern = f"%{_escape_like(word)}%"
        where.append(
            """(i.text LIKE ? ESCAPE '\\' OR s.title LIKE ? ESCAPE '\\'
                OR CAST(i.no AS TEXT) = ?
                OR EXISTS (SELECT 1 FROM work_item_units wu JOIN units u ON u.id = wu.unit_id
                           WHERE wu.item_id = i.id AND u.name LIKE ? ESCAPE '\\')
                OR EXISTS (SELECT 1 FROM work_item_log l
                           WHERE l.item_id = i.id AND l.text LIKE ? ESCAPE '\\'))""")
        params += [pattern, pattern, word, pattern, pattern]


def get_item(conn: sqlite3.Connection, item_id: int) -> WorkItem:
    items = _items(conn, _ITEM_SELECT + " WHERE i.id = ?", [item_id])
    if not items:
        raise FangzhiError("该条目已不存在（可能已被删除）。")
    return items[0]


_OPEN_ITEM = ("i.status NOT IN (?, ?)"
              " AND NOT EXISTS (SELECT 1 FROM work_items c WHERE c.carried_from = i.id)")


def overdue_items(conn: sqlite3.Connection, today: date) -> list[WorkItem]:
    """Unfinished items past their deadline, all years, oldest deadline first.

    Items carried into a later year are followed there, not here.
    """
    sql = (_ITEM_SELECT + f" WHERE {_OPEN_ITEM} AND i.deadline < ?"
           " ORDER BY i.deadline, p.year, i.position")
    return _items(conn, sql, [*FINISHED, today.isoformat()])


def due_between(conn: sqlite3.Connection, start: date, end: date) -> list[WorkItem]:
    """Unfinished items whose deadline falls within ``start..end`` (inclusive)."""
    sql = (_ITEM_SELECT + f" WHERE {_OPEN_ITEM} AND i.deadline BETWEEN ? AND ?"
           " ORDER BY i.deadline, p.year, i.position")
    return _items(conn, sql, [*FINISHED, start.isoformat(), end.isoformat()])


def _items(conn: sqlite3.Connection, sql: str, params: list[object]) -> list[WorkItem]:
    rows = conn.execute(sql, params).fetchall()
    if not rows:
        return []
    units = _units_of(conn, [row[0] for row in rows])
    out = []
    for r in rows:
        lead, support = units.get(r[0], ([], []))
        out.append(WorkItem(
            id=r[0], plan_id=r[1], year=r[2], section_id=r[3], section_title=r[4],
            section_ordinal=r[5], no=r[6], position=r[7], text=r[8], lead=lead,
            support=support, deadline_phrase=r[9], deadline_rule=r[10],
            deadline=date.fromisoformat(r[11]), deadline_issued=date.fromisoformat(r[12]),
            extensions=r[13], status=Status(r[14]), status_date=_date(r[15]),
            status_remark=r[16], last_progress=r[17] or "", last_progress_date=_date(r[18]),
            subsection=r[19], carried_from=r[20]))
    return out


def _units_of(conn: sqlite3.Connection,
              item_ids: list[int]) -> dict[int, tuple[list[str], list[str]]]:
    out: dict[int, tuple[list[str], list[str]]] = {}
    for chunk_start in range(0, len(item_ids), 500):
        chunk = item_ids[chunk_start:chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"""SELECT wu.item_id, wu.role, u.name FROM work_item_units wu
                JOIN units u ON u.id = wu.unit_id WHERE wu.item_id IN ({marks})
                ORDER BY wu.item_id, wu.position""",
            chunk,
        )
        for item_id, role, name in rows:
            lead, support = out.setdefault(item_id, ([], []))
            (lead if role == "lead" else support).append(name)
    return out


# --- Editing items ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFields:
    """The editable fields of an item; what ``update_item`` writes and returns for undo."""

    text: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline_phrase: str
    deadline: date
    deadline_rule: str | None = None  # None: keep the rule, or 人工指定 if the date changed


def item_fields(conn: sqlite3.Connection, item_id: int) -> ItemFields:
    item = get_item(conn, item_id)
    return ItemFields(item.text, tuple(item.lead), tuple(item.support), item.deadline_phrase,
                      item.deadline, item.deadline_rule)


def update_item(conn: sqlite3.Connection, item_id: int, fields: ItemFields) -> ItemFields:
    """Correct an item's text, units or deadline; returns the previous fields (for undo).

    A changed deadline here is a correction of the issued deadline (no extension has been
    granted yet, so the baseline moves with it); extensions go through ``extend_deadline``.
    """
    before = item_fields(conn, item_id)
    if not fields.text.strip():
        raise FangzhiError("条目内容不能为空。")
    with transaction(conn):
        has_extensions = conn.execute(
            "SELECT count(*) FROM work_item_extensions WHERE item_id = ?", (item_id,)
        ).fetchone()[0]
        conn.execute(
            """UPDATE work_items SET text = ?, deadline_phrase = ?, deadline = ?,
                   deadline_issued = CASE WHEN ? THEN deadline_issued ELSE ? END,
                   deadline_rule = coalesce(?, CASE WHEN deadline = ? THEN deadline_rule
                                                   ELSE '人工指定' END),
                   updated_at = datetime('now', 'localtime')
               WHERE id = ?""",
            (fields.text.strip(), fields.deadline_phrase, fields.deadline.isoformat(),
             has_extensions, fields.deadline.isoformat(), fields.deadline_rule,
             fields.deadline.isoformat(), item_id),
        )
        _link_units(conn, item_id, fields.lead, fields.support)
    return before


@dataclass(frozen=True)
class StatusFields:
    status: Status
    status_date: date | None
    remark: str


def set_status(conn: sqlite3.Connection, item_id: int, value: StatusFields) -> StatusFields:
    """Set status, its date and remark; returns the previous ones (for undo)."""
    item = get_item(conn, item_id)
    before = StatusFields(item.status, item.status_date, item.status_remark)
    with transaction(conn):
        conn.execute(
            """UPDATE work_items SET status = ?, status_date = ?, status_remark = ?,
                   updated_at = datetime('now', 'localtime') WHERE id = ?""",
            (value.status.value, _iso(value.status_date), value.remark, item_id),
        )
    return before


def item_log(conn: sqlite3.Connection, item_id: int) -> list[LogEntry]:
    rows = conn.execute(
        """SELECT id, item_id, entry_date, kind, text, reporter FROM work_item_log
           WHERE item_id = ? ORDER BY entry_date DESC, id DESC""",
        (item_id,),
    )
    return [LogEntry(r[0], r[1], date.fromisoformat(r[2]), EntryKind(r[3]), r[4], r[5])
            for r in rows]


def add_log_entry(conn: sqlite3.Connection, item_id: int, entry_date: date, text: str,
                  reporter: str = "", kind: EntryKind = EntryKind.PROGRESS,
                  entry_id: int | None = None) -> int:
    """Record progress (进展) or a follow-up (催办); ``entry_id`` re-inserts for redo.

    Recording progress on an item that has not started moves it to 推进中.
    """
    if not text.strip():
        raise FangzhiError("进展内容不能为空。")
    with transaction(conn):
        cur = conn.execute(
            """INSERT INTO work_item_log (id, item_id, entry_date, kind, text, reporter)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (entry_id, item_id, entry_date.isoformat(), kind.value, text.strip(),
             reporter.strip()),
        )
        if kind is EntryKind.PROGRESS:
            conn.execute(
                """UPDATE work_items SET status = ?, status_date = ?
                   WHERE id = ? AND status = ?""",
                (Status.IN_PROGRESS.value, entry_date.isoformat(), item_id,
                 Status.NOT_STARTED.value),
            )
    return int(cur.lastrowid or 0)


def delete_log_entry(conn: sqlite3.Connection, entry_id: int) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM work_item_log WHERE id = ?", (entry_id,))


def item_extensions(conn: sqlite3.Connection, item_id: int) -> list[Extension]:
    rows = conn.execute(
        """SELECT id, item_id, old_deadline, new_deadline, reason, decided_on
           FROM work_item_extensions WHERE item_id = ? ORDER BY id""",
        (item_id,),
    )
    return [Extension(r[0], r[1], date.fromisoformat(r[2]), date.fromisoformat(r[3]), r[4],
                      date.fromisoformat(r[5])) for r in rows]


def extend_deadline(conn: sqlite3.Connection, item_id: int, new_deadline: date, reason: str,
                    decided_on: date) -> int:
    """Grant an extension: the current deadline moves, the issued one stays as the baseline."""
    item = get_item(conn, item_id)
    if new_deadline == item.deadline:
        raise FangzhiError("新的期限与现在的期限相同。")
    with transaction(conn):
        cur = conn.execute(
            """INSERT INTO work_item_extensions (item_id, old_deadline, new_deadline, reason,
                   decided_on) VALUES (?, ?, ?, ?, ?)""",
            (item_id, item.deadline.isoformat(), new_deadline.isoformat(), reason.strip(),
             decided_on.isoformat()),
        )
        conn.execute("UPDATE work_items SET deadline = ? WHERE id = ?",
                     (new_deadline.isoformat(), item_id))
    return int(cur.lastrowid or 0)


def revoke_extension(conn: sqlite3.Connection, extension_id: int) -> None:
    """Undo the latest extension of an item: its deadline goes back to what it was."""
    row = conn.execute(
        "SELECT item_id, old_deadline FROM work_item_extensions WHERE id = ?", (extension_id,)
    ).fetchone()
    if row is None:
        return
    with transaction(conn):
        conn.execute("UPDATE work_items SET deadline = ? WHERE id = ?", (row[1], row[0]))
        conn.execute("DELETE FROM work_item_extensions WHERE id = ?", (extension_id,))


# --- Carrying over ---------------------------------------------------------------------------


def carry_over(conn: sqlite3.Connection, from_year: int, to_year: int) -> list[int]:
    """Copy the unfinished items of ``from_year`` into ``to_year``'s work points.

    Items keep their section (created in the new year when missing), are numbered after the
    last item there, get their deadline phrase resolved in the new year, and point back to
    the original. Items already carried (into any year) are skipped; a year that would
    receive nothing gets no plan. Returns the new item ids.
    """
    if from_year == to_year:
        raise FangzhiError("结转的目标年度不能与原年度相同。")
    source = [item for item in list_items(conn, from_year) if not item.status.finished]
    new_ids: list[int] = []
    with transaction(conn):
        plan = conn.execute("SELECT id FROM work_plans WHERE year = ?", (to_year,)).fetchone()
        carried = {row[0] for row in conn.execute(
            "SELECT carried_from FROM work_items WHERE carried_from IS NOT NULL")}
        source = [item for item in source if item.id not in carried]
        if not source:
            return []
        if plan is None:
            cur = conn.execute(
                "INSERT INTO work_plans (year, title) VALUES (?, ?)",
                (to_year, f"{to_year}年工作要点"),
            )
            plan_id = int(cur.lastrowid or 0)
        else:
            plan_id = plan[0]
        last_no, last_pos = conn.execute(
            "SELECT coalesce(max(no), 0), coalesce(max(position), 0) FROM work_items"
            " WHERE plan_id = ?", (plan_id,)).fetchone()
        for item in source:
            section_id = _section_for(conn, plan_id, item.section_title)
            last_no += 1
            last_pos += 1
            deadline = deadlines.resolve(item.deadline_phrase, to_year)
            cur = conn.execute(
                """INSERT INTO work_items (plan_id, section_id, no, position, text, subsection,
                       deadline_phrase, deadline_rule, deadline_issued, deadline, status,
                       status_remark, carried_from)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (plan_id, section_id, last_no, last_pos, item.text, item.subsection,
                 deadline.phrase, deadline.rule, deadline.date.isoformat(),
                 deadline.date.isoformat(), item.status.value,
                 f"由{from_year}年第{item.no}条结转", item.id),
            )
            new_id = int(cur.lastrowid or 0)
            _link_units(conn, new_id, item.lead, item.support)
            conn.execute(
                "UPDATE work_items SET status_remark = trim(status_remark || ' ' || ?)"
                " WHERE id = ?", (f"已结转至{to_year}年第{last_no}条", item.id))
            new_ids.append(new_id)
    return new_ids


def _section_for(conn: sqlite3.Connection, plan_id: int, title: str) -> int:
    row = conn.execute("SELECT id FROM work_sections WHERE plan_id = ? AND title = ?",
                       (plan_id, title)).fetchone()
    if row:
        return int(row[0])
    (position,) = conn.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM work_sections WHERE plan_id = ?", (plan_id,)
    ).fetchone()
    cur = conn.execute(
        "INSERT INTO work_sections (plan_id, position, ordinal, title) VALUES (?, ?, ?, ?)",
        (plan_id, position, section_ordinal(position), title),
    )
    return int(cur.lastrowid or 0)


# --- Helpers ---------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
