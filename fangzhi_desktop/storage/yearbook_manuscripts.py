"""Manuscripts (来稿) of a volume's 条目: the received file (kept as a blob in its own table),
its word and photo counts, 盖章, the reviews (初审/复审/终审: 通过/退改) and acceptance.

A 条目 holds one manuscript: a new file for it (after 退改) replaces the old one as the next
version, keeps the reviews and sets it back to 待审. The same file received again changes
nothing. 终审通过 accepts (采用) the manuscript.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fangzhi_desktop.domain.yearbook import (
    Manuscript,
    ReceivedFile,
    Review,
    ReviewLevel,
    ReviewResult,
)
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.database import transaction

_SEP = "\x1f"
_SELECT = """
SELECT m.id, m.node_id, m.unit_id, m.file_name, m.received_on, m.words, m.photos, m.size,
       m.version, m.chinese_chars, m.chinese_punct, m.latin_words, m.digits_runs, m.sealed,
       m.sealed_on, m.review_level, m.review_result, coalesce(x.returns, 0), x.reasons,
       m.accepted, m.accepted_on
FROM yearbook_manuscripts m
LEFT JOIN (SELECT manuscript_id, count(*) AS returns, group_concat(reason, char(31)) AS reasons
           FROM (SELECT manuscript_id, reason FROM yearbook_reviews WHERE result = '退改'
                 ORDER BY manuscript_id, id)
           GROUP BY manuscript_id) x ON x.manuscript_id = m.id
"""
_LEVELS = {level.value: level for level in ReviewLevel}
_RESULTS = {result.value: result for result in ReviewResult}
_fromiso = date.fromisoformat


def _manuscript(r: Sequence[object]) -> Manuscript:
    return Manuscript(
        r[0], r[1], r[2], r[3], _fromiso(r[4]), r[5], r[6], r[7], r[8], r[9], r[10], r[11],
        r[12], bool(r[13]), _fromiso(r[14]) if r[14] else None, _LEVELS.get(r[15]),
        _RESULTS.get(r[16]), r[17], tuple(r[18].split(_SEP)) if r[18] else (), bool(r[19]),
        _fromiso(r[20]) if r[20] else None)


def manuscripts_of_volume(conn: sqlite3.Connection, volume_id: int) -> dict[int, Manuscript]:
    """Every manuscript of a volume by node id (blobs are never read here)."""
    rows = conn.execute(_SELECT + " JOIN yearbook_nodes n ON n.id = m.node_id"
                        " WHERE n.volume_id = ?", (volume_id,))
    return {int(r[1]): _manuscript(r) for r in rows}


def get_manuscript(conn: sqlite3.Connection, manuscript_id: int) -> Manuscript:
    row = conn.execute(_SELECT + " WHERE m.id = ?", (manuscript_id,)).fetchone()
    if row is None:
        raise FangzhiError("该来稿已不存在（可能已被删除）。")
    return _manuscript(row)


def manuscript_of(conn: sqlite3.Connection, node_id: int) -> Manuscript | None:
    row = conn.execute(_SELECT + " WHERE m.node_id = ?", (node_id,)).fetchone()
    return _manuscript(row) if row else None


def manuscript_content(conn: sqlite3.Connection, manuscript_id: int) -> tuple[str, bytes]:
    """The original file name and bytes of a manuscript (to open or save it)."""
    row = conn.execute(
        "SELECT m.file_name, f.content FROM yearbook_manuscripts m"
        " JOIN yearbook_manuscript_files f ON f.manuscript_id = m.id WHERE m.id = ?",
        (manuscript_id,)).fetchone()
    if row is None:
        raise FangzhiError("该来稿已不存在（可能已被删除）。")
    return str(row[0]), bytes(row[1])


# --- Receiving -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    """One file to record against one 条目."""

    node_id: int
    file: ReceivedFile
    unit_id: int | None = None
    source: str = ""  # how it was matched, e.g. 文件名 / 组稿任务表


@dataclass(frozen=True)
class Received:
    """What receiving did: ``new``, ``replaced`` (a new version) or ``unchanged``."""

    node_id: int
    manuscript_id: int
    outcome: str
    version: int


def _check_leaf(conn: sqlite3.Connection, node_id: int) -> None:
    row = conn.execute(
        "SELECT title, EXISTS (SELECT 1 FROM yearbook_nodes c WHERE c.parent_id = n.id)"
        " FROM yearbook_nodes n WHERE n.id = ?", (node_id,)).fetchone()
    if row is None:
        raise FangzhiError("该篇目已不存在（可能已被删除）。")
    if row[1]:
        raise FangzhiError(f"“{row[0]}”下还有条目，来稿应登记到具体条目。")


def receive(conn: sqlite3.Connection, receipts: Sequence[Receipt],
            received_on: date) -> list[Received]:
    """Record a batch of files in one transaction (each against its own 条目)."""
    if len({r.node_id for r in receipts}) != len(receipts):
        raise FangzhiError("同一条目在这批来稿中出现了两次，请只保留一份。")
    out = []
    with transaction(conn):
        for receipt in receipts:
            out.append(_receive_one(conn, receipt, received_on))
    return out


def receive_manuscript(conn: sqlite3.Connection, node_id: int, file: ReceivedFile,
                       received_on: date, *, unit_id: int | None = None,
                       source: str = "") -> Received:
    """Record one file against a 条目 (a new version when it already has one)."""
    return receive(conn, [Receipt(node_id, file, unit_id, source)], received_on)[0]


def _receive_one(conn: sqlite3.Connection, receipt: Receipt, on: date) -> Received:
    _check_leaf(conn, receipt.node_id)
    f, c = receipt.file, receipt.file.count
    unit_id = receipt.unit_id if receipt.unit_id is not None else _effective_unit(
        conn, receipt.node_id)
    figures = (f.name, f.sha256, len(f.content), on.isoformat(), c.total, c.chinese_chars,
               c.chinese_punct, c.latin_words, c.digits_runs, f.photos, receipt.source)
    row = conn.execute("SELECT id, sha256, version FROM yearbook_manuscripts WHERE node_id = ?",
                       (receipt.node_id,)).fetchone()
    if row is not None and row[1] == f.sha256:
        return Received(receipt.node_id, int(row[0]), "unchanged", int(row[2]))
    if row is None:
        cur = conn.execute(
            """INSERT INTO yearbook_manuscripts (node_id, unit_id, file_name, sha256, size,
                   received_on, words, chinese_chars, chinese_punct, latin_words, digits_runs,
                   photos, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (receipt.node_id, unit_id, *figures))
        manuscript_id, version, outcome = int(cur.lastrowid or 0), 1, "new"
    else:
        manuscript_id, version, outcome = int(row[0]), int(row[2]) + 1, "replaced"
        conn.execute(
            """UPDATE yearbook_manuscripts SET unit_id = ?, file_name = ?, sha256 = ?, size = ?,
                   received_on = ?, words = ?, chinese_chars = ?, chinese_punct = ?,
                   latin_words = ?, digits_runs = ?, photos = ?, source = ?, version = ?,
                   sealed = 0, sealed_on = NULL, review_result = '', accepted = 0,
                   accepted_on = NULL, updated_at = datetime('now', 'localtime')
               WHERE id = ?""", (unit_id, *figures, version, manuscript_id))
    conn.execute("INSERT OR REPLACE INTO yearbook_manuscript_files (manuscript_id, content)"
                 " VALUES (?, ?)", (manuscript_id, f.content))
    return Received(receipt.node_id, manuscript_id, outcome, version)


def _effective_unit(conn: sqlite3.Connection, node_id: int) -> int | None:
    row = conn.execute(
        """WITH RECURSIVE up(id, parent_id, unit_id, depth) AS (
               SELECT id, parent_id, unit_id, 0 FROM yearbook_nodes WHERE id = ?
               UNION ALL SELECT n.id, n.parent_id, n.unit_id, up.depth + 1
               FROM yearbook_nodes n JOIN up ON n.id = up.parent_id)
           SELECT unit_id FROM up WHERE unit_id IS NOT NULL ORDER BY depth LIMIT 1""",
        (node_id,)).fetchone()
    return int(row[0]) if row else None


def delete_manuscript(conn: sqlite3.Connection, manuscript_id: int) -> None:
    """Forget a manuscript (registered against the wrong 条目) with its reviews."""
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_manuscripts WHERE id = ?", (manuscript_id,))


# --- 盖章, reviews and acceptance ------------------------------------------------------------


def set_sealed(conn: sqlite3.Connection, manuscript_id: int, sealed: bool,
               on: date | None = None) -> tuple[bool, date | None]:
    """Record that the sealed (盖章) copy arrived on ``on``, or not; returns the previous."""
    before = get_manuscript(conn, manuscript_id)
    with transaction(conn):
        conn.execute("UPDATE yearbook_manuscripts SET sealed = ?, sealed_on = ? WHERE id = ?",
                     (int(sealed), _iso(on) if sealed else None, manuscript_id))
    return before.sealed, before.sealed_on


def set_accepted(conn: sqlite3.Connection, manuscript_id: int, accepted: bool,
                 on: date | None = None) -> tuple[bool, date | None]:
    """Accept (采用) a manuscript or take that back; returns the previous state."""
    before = get_manuscript(conn, manuscript_id)
    with transaction(conn):
        conn.execute("UPDATE yearbook_manuscripts SET accepted = ?, accepted_on = ? WHERE id = ?",
                     (int(accepted), _iso(on) if accepted else None, manuscript_id))
    return before.accepted, before.accepted_on


def record_review(conn: sqlite3.Connection, manuscript_id: int, level: ReviewLevel,
                  result: ReviewResult, on: date, reason: str = "",
                  reviewer: str = "") -> int:
    """Record a review; 退改 needs its reason, 终审通过 accepts. Returns the review's id."""
    manuscript = get_manuscript(conn, manuscript_id)
    if result is ReviewResult.RETURNED and not reason.strip():
        raise FangzhiError("退改须写明原因，以便供稿单位修改。")
    with transaction(conn):
        cur = conn.execute(
            """INSERT INTO yearbook_reviews (manuscript_id, level, result, reason, reviewed_on,
                   reviewer, version) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (manuscript_id, level.value, result.value, reason.strip(), on.isoformat(),
             reviewer.strip(), manuscript.version))
        _refresh_review(conn, manuscript_id)
    return int(cur.lastrowid or 0)


def delete_review(conn: sqlite3.Connection, review_id: int) -> None:
    """Remove a review recorded by mistake (undo); the manuscript's state follows the rest."""
    row = conn.execute("SELECT manuscript_id, level, result FROM yearbook_reviews WHERE id = ?",
                       (review_id,)).fetchone()
    if row is None:
        raise FangzhiError("该审稿记录已不存在。")
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_reviews WHERE id = ?", (review_id,))
        if (row[1], row[2]) == (ReviewLevel.FINAL.value, ReviewResult.PASSED.value):
            conn.execute("UPDATE yearbook_manuscripts SET accepted = 0, accepted_on = NULL"
                         " WHERE id = ?", (row[0],))
        _refresh_review(conn, int(row[0]))


def _refresh_review(conn: sqlite3.Connection, manuscript_id: int) -> None:
    """The manuscript's level and result are its latest review of its current version."""
    row = conn.execute(
        """SELECT r.level, r.result, r.reviewed_on FROM yearbook_reviews r
           JOIN yearbook_manuscripts m ON m.id = r.manuscript_id
           WHERE r.manuscript_id = ? AND r.version = m.version
           ORDER BY r.reviewed_on DESC, r.id DESC LIMIT 1""", (manuscript_id,)).fetchone()
    level, result, on = (row[0], row[1], row[2]) if row else ("", "", None)
    final_pass = (level, result) == (ReviewLevel.FINAL.value, ReviewResult.PASSED.value)
    conn.execute(
        """UPDATE yearbook_manuscripts SET review_level = ?, review_result = ?,
               accepted = CASE WHEN ? THEN 1 WHEN ? = '退改' THEN 0 ELSE accepted END,
               accepted_on = CASE WHEN ? THEN ? WHEN ? = '退改' THEN NULL ELSE accepted_on END,
               updated_at = datetime('now', 'localtime') WHERE id = ?""",
        (level, result, final_pass, result, final_pass, on, result, manuscript_id))


def list_reviews(conn: sqlite3.Connection, manuscript_id: int) -> list[Review]:
    """The reviews of a manuscript, oldest first."""
    rows = conn.execute(
        "SELECT id, manuscript_id, level, result, reason, reviewed_on, reviewer, version"
        " FROM yearbook_reviews WHERE manuscript_id = ? ORDER BY reviewed_on, id",
        (manuscript_id,))
    return [Review(int(r[0]), int(r[1]), ReviewLevel(r[2]), ReviewResult(r[3]), str(r[4]),
                   date.fromisoformat(r[5]), str(r[6]), int(r[7])) for r in rows]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def manuscript_hashes(conn: sqlite3.Connection, volume_id: int) -> dict[int, str]:
    """The SHA-256 of each 条目's current file, by node id (to tell a file received before)."""
    rows = conn.execute("SELECT m.node_id, m.sha256 FROM yearbook_manuscripts m"
                        " JOIN yearbook_nodes n ON n.id = m.node_id WHERE n.volume_id = ?",
                        (volume_id,))
    return {int(r[0]): str(r[1]) for r in rows}
