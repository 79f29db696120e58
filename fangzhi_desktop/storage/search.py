"""Global search over work items, campaign tasks, yearbook nodes, people and learning activities.

The FTS5 trigram index (migration ``0010_search_index``) finds any substring of three
characters or more, Chinese included; shorter words fall back to LIKE on the same index. A
person's 拼音 initials are indexed too (``zsf`` finds 张三丰). An ID number is never indexed:
the exact full number finds its person, whose number is only ever returned masked.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from enum import IntEnum

from fangzhi_desktop.domain.privacy import mask_id_number

KIND_SPAN = 1_000_000_000_000  # rowid = kind * KIND_SPAN + the record's id
MIN_TRIGRAM = 3
_ID_NUMBER = re.compile(r"^(\d{17}[\dXx]|\d{15})$")


class Kind(IntEnum):
    """What a hit is; the value is the index's rowid prefix."""

    ITEM = 1
    TASK = 2
    NODE = 3
    PERSON = 4
    ACTIVITY = 5

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {Kind.ITEM: "年度工作要点", Kind.TASK: "专项活动任务", Kind.NODE: "年鉴篇目",
               Kind.PERSON: "人员", Kind.ACTIVITY: "学习活动"}


@dataclass(frozen=True)
class Hit:
    """One search result: enough to show it and to jump to the record.

    ``owner_id`` is the campaign of a task (0 otherwise); ``context`` a short second line
    (campaign title, parent 类目, department and masked ID number, host…).
    """

    kind: Kind
    ref: int
    title: str
    year: int | None
    unit: str
    context: str
    owner_id: int = 0


def search(conn: sqlite3.Connection, query: str, *, per_kind: int = 50) -> list[Hit]:
    """Hits for ``query`` grouped by kind (in ``Kind`` order), newest first within a kind
    (at most ``per_kind`` of each)."""
    words = query.split()
    if not words:
        return []
    if len(words) == 1 and _ID_NUMBER.match(words[0]):
        return _people_by_id_number(conn, words[0].upper())
    hits: list[Hit] = []
    for kind in Kind:
        ids = _matching_ids(conn, kind, words, per_kind)
        if ids:
            hits.extend(_HYDRATE[kind](conn, ids))
    return hits


def _matching_ids(conn: sqlite3.Connection, kind: Kind, words: list[str],
                  limit: int) -> list[int]:
    """The ids of ``kind`` matching every word, newest first.

    With a word of three characters or more the trigram index finds the rows (walking its
    rowid-ordered lists backwards and stopping at the limit; ranking by bm25 would score every
    match of a common word first). With only shorter words, LIKE reads the text from FTS5's
    plain shadow table ``search_index_content`` (``id``, ``c0`` title, ``c1`` body, ``c2``
    initials): twice as fast as through the virtual table.
    """
    long_words = [w for w in words if len(w) >= MIN_TRIGRAM]
    short_words = [w for w in words if len(w) < MIN_TRIGRAM]
    if long_words:
        table, key, columns = "search_index", "rowid", ("title", "body", "initials")
    else:
        table, key, columns = "search_index_content", "id", ("c0", "c1", "c2")
    where = [f"{key} BETWEEN ? AND ?"]
    params: list[object] = [kind * KIND_SPAN, kind * KIND_SPAN + KIND_SPAN - 1]
    if long_words:
        where.append("search_index MATCH ?")
        params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
    for word in short_words:
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"
        params.extend([pattern] * len(columns))
    rows = conn.execute(
        f"SELECT {key} FROM {table} WHERE {' AND '.join(where)} "
        f"ORDER BY {key} DESC LIMIT ?", (*params, limit)).fetchall()
    return [rowid - kind * KIND_SPAN for (rowid,) in rows]


def _in_order(rows: list[Hit], ids: list[int]) -> list[Hit]:
    place = {ref: i for i, ref in enumerate(ids)}
    return sorted(rows, key=lambda hit: place.get(hit.ref, len(place)))


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _items(conn: sqlite3.Connection, ids: list[int]) -> list[Hit]:
    rows = conn.execute(f"""
        SELECT i.id, i.text, p.year, i.status, coalesce((
            SELECT u.name FROM work_item_units wu JOIN units u ON u.id = wu.unit_id
            WHERE wu.item_id = i.id ORDER BY wu.role = 'lead' DESC, wu.position LIMIT 1), '')
        FROM work_items i JOIN work_plans p ON p.id = i.plan_id
        WHERE i.id IN ({_marks(ids)})""", ids).fetchall()
    return _in_order([Hit(Kind.ITEM, r[0], r[1], r[2], r[4], r[3]) for r in rows], ids)


def _tasks(conn: sqlite3.Connection, ids: list[int]) -> list[Hit]:
    rows = conn.execute(f"""
        SELECT t.id, t.text, c.year, coalesce(u.name, ''), c.title, c.id
        FROM campaign_tasks t JOIN campaign_activities c ON c.id = t.campaign_id
        LEFT JOIN units u ON u.id = t.unit_id
        WHERE t.id IN ({_marks(ids)})""", ids).fetchall()
    return _in_order([Hit(Kind.TASK, r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows], ids)


def _nodes(conn: sqlite3.Connection, ids: list[int]) -> list[Hit]:
    rows = conn.execute(f"""
        SELECT n.id, n.title, v.year,
               coalesce(u.name, pu.name, gu.name, ''), coalesce(p.title, '')
        FROM yearbook_nodes n JOIN yearbook_volumes v ON v.id = n.volume_id
        LEFT JOIN yearbook_nodes p ON p.id = n.parent_id
        LEFT JOIN yearbook_nodes g ON g.id = p.parent_id
        LEFT JOIN units u ON u.id = n.unit_id
        LEFT JOIN units pu ON pu.id = p.unit_id
        LEFT JOIN units gu ON gu.id = g.unit_id
        WHERE n.id IN ({_marks(ids)})""", ids).fetchall()
    return _in_order([Hit(Kind.NODE, r[0], r[1], r[2], r[3], r[4]) for r in rows], ids)


def _people(conn: sqlite3.Connection, ids: list[int]) -> list[Hit]:
    rows = conn.execute(f"""
        SELECT id, name, department, position, coalesce(id_number, '')
        FROM people WHERE id IN ({_marks(ids)})""", ids).fetchall()
    return _in_order([_person(*row) for row in rows], ids)


def _person(person_id: int, name: str, department: str, position: str,
            id_number: str) -> Hit:
    context = "　".join(part for part in (position, mask_id_number(id_number)) if part)
    return Hit(Kind.PERSON, person_id, name, None, department, context)


def _people_by_id_number(conn: sqlite3.Connection, id_number: str) -> list[Hit]:
    rows = conn.execute(
        "SELECT id, name, department, position, id_number FROM people WHERE id_number = ?",
        (id_number,)).fetchall()
    return [_person(*row) for row in rows]


def _activities(conn: sqlite3.Connection, ids: list[int]) -> list[Hit]:
    rows = conn.execute(f"""
        SELECT id, title, CAST(substr(start_date, 1, 4) AS INTEGER), host, start_date
        FROM learning_activities WHERE id IN ({_marks(ids)})""", ids).fetchall()
    return _in_order([Hit(Kind.ACTIVITY, r[0], r[1], r[2], r[3], r[4]) for r in rows], ids)


_HYDRATE = {Kind.ITEM: _items, Kind.TASK: _tasks, Kind.NODE: _nodes, Kind.PERSON: _people,
            Kind.ACTIVITY: _activities}

