"""Briefing issues in the database: saving (imported or composed), reading, numbering.

Every function that writes does so in one transaction. Numbers are unique within a series (the
name without spaces): one 期号 per year, one 总期号 ever.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.briefings import (
    BriefingDraft,
    BriefingDraftArticle,
    BriefingIssue,
    IssueNumbers,
    IssueSummary,
    TailFields,
    issue_label,
    next_numbers,
    series_key,
)
from fangzhi_desktop.errors import InputErrors
from fangzhi_desktop.storage.database import transaction

_ISSUE_COLUMNS = """id, name, year, issue, total_issue, issued_on, publisher, confidential,
    has_tail, printer, print_date, bao, song, fa, copies, disclosure, source_file"""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --- Numbering -----------------------------------------------------------------------------------


def series_names(conn: sqlite3.Connection) -> list[str]:
    """The names of the office's briefings, the most recently issued first."""
    rows = conn.execute(
        """SELECT name FROM briefing_issues b
           WHERE id = (SELECT id FROM briefing_issues s WHERE s.series_key = b.series_key
                       ORDER BY issued_on DESC, id DESC LIMIT 1)
           ORDER BY issued_on DESC, id DESC""")
    return [row[0] for row in rows]


def next_issue_numbers(conn: sqlite3.Connection, name: str, year: int) -> IssueNumbers:
    """期号 and 总期号 of the next issue of ``name`` in ``year``."""
    rows = conn.execute(
        "SELECT year, issue, total_issue FROM briefing_issues WHERE series_key = ?",
        (series_key(name),)).fetchall()
    return next_numbers(rows, year)


def find_issue(conn: sqlite3.Connection, name: str, year: int, issue: int) -> int | None:
    """The id of ``name``'s issue with that year and 期号, if stored."""
    row = conn.execute(
        "SELECT id FROM briefing_issues WHERE series_key = ? AND year = ? AND issue = ?",
        (series_key(name), year, issue)).fetchone()
    return int(row[0]) if row else None


def _check_numbers(conn: sqlite3.Connection, draft: BriefingDraft, keep: int | None) -> None:
    """Refuse numbers another issue of the series already has (``keep``: the issue itself)."""
    key = series_key(draft.name)
    row = conn.execute(
        "SELECT id FROM briefing_issues WHERE series_key = ? AND year = ? AND issue = ?"
        " AND id IS NOT ?", (key, draft.year, draft.issue, keep)).fetchone()
    if row:
        raise InputErrors(
            f"《{draft.name}》{draft.year}年第{draft.issue}期已经存在（编号{row[0]}），未做改动。"
            "如确需重新导入，请选择“替换”（命令行加 --replace）。")
    if draft.total_issue:
        row = conn.execute(
            "SELECT year, issue, total_issue FROM briefing_issues WHERE series_key = ?"
            " AND total_issue = ? AND id IS NOT ?", (key, draft.total_issue, keep)).fetchone()
        if row:
            raise InputErrors(
                f"《{draft.name}》总第{draft.total_issue}期已是{row[0]}年"
                f"{issue_label(row[1], row[2])}，未做改动。请核对总期号。")


def _validate(draft: BriefingDraft) -> None:
    problems = []
    if not draft.name.strip():
        problems.append("简报名称不能为空")
    if draft.issue < 1 or (draft.total_issue is not None and draft.total_issue < 1):
        problems.append("期号和总期号应为正整数")
    if not draft.articles:
        problems.append("至少要有一篇文章")
    untitled = [n for n, a in enumerate(draft.articles, start=1) if not a.title.strip()]
    if untitled:
        problems.append(f"第{'、'.join(map(str, untitled))}篇文章没有标题")
    if problems:
        raise InputErrors("；".join(problems) + "，未保存。")


# --- Writing -------------------------------------------------------------------------------------


def save_issue(conn: sqlite3.Connection, draft: BriefingDraft, *, replace: bool = False) -> int:
    """Save an issue in one transaction; return its id.

    Refuses numbers the series already uses; with ``replace`` the issue of the same year and
    期号 is replaced instead (its articles with it).
    """
    _validate(draft)
    with transaction(conn):
        if replace:
            conn.execute(
                "DELETE FROM briefing_issues WHERE series_key = ? AND year = ? AND issue = ?",
                (series_key(draft.name), draft.year, draft.issue))
        _check_numbers(conn, draft, None)
        cur = conn.execute(
            """INSERT INTO briefing_issues (name, series_key, year, issue, total_issue,
                   issued_on, publisher, confidential, source_file)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (draft.name.strip(), series_key(draft.name), draft.year, draft.issue,
             draft.total_issue, draft.date.isoformat(), draft.publisher, draft.confidential,
             draft.source))
        issue_id = int(cur.lastrowid or 0)
        _write_tail(conn, issue_id, draft.tail)
        _write_articles(conn, issue_id, draft.articles)
    return issue_id


def update_issue(conn: sqlite3.Connection, issue_id: int, draft: BriefingDraft) -> None:
    """Replace an issue's numbers, masthead, articles and 报尾 (one transaction)."""
    _validate(draft)
    with transaction(conn):
        if get_issue(conn, issue_id) is None:
            raise InputErrors(f"编号为{issue_id}的简报不存在（可能已被删除），未保存。")
        _check_numbers(conn, draft, issue_id)
        conn.execute(
            """UPDATE briefing_issues SET name = ?, series_key = ?, year = ?, issue = ?,
                   total_issue = ?, issued_on = ?, publisher = ?, confidential = ?,
                   updated_at = datetime('now', 'localtime') WHERE id = ?""",
            (draft.name.strip(), series_key(draft.name), draft.year, draft.issue,
             draft.total_issue, draft.date.isoformat(), draft.publisher, draft.confidential,
             issue_id))
        _write_tail(conn, issue_id, draft.tail)
        conn.execute("DELETE FROM briefing_articles WHERE issue_id = ?", (issue_id,))
        _write_articles(conn, issue_id, draft.articles)


def delete_issue(conn: sqlite3.Connection, issue_id: int) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM briefing_issues WHERE id = ?", (issue_id,))


def _write_tail(conn: sqlite3.Connection, issue_id: int, tail: TailFields | None) -> None:
    t = tail or TailFields()
    conn.execute(
        """UPDATE briefing_issues SET has_tail = ?, printer = ?, print_date = ?, bao = ?,
               song = ?, fa = ?, copies = ?, disclosure = ? WHERE id = ?""",
        (1 if tail else 0, t.printer, _iso(t.print_date), t.bao, t.song, t.fa, t.copies,
         t.disclosure, issue_id))


def _write_articles(conn: sqlite3.Connection, issue_id: int,
                    articles: list[BriefingDraftArticle]) -> None:
    conn.executemany(
        """INSERT INTO briefing_articles (issue_id, position, column_name, title, body,
               attribution, origin) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(issue_id, n, a.column, a.title.strip(),
          "\n".join(p.replace("\n", "").strip() for p in a.paragraphs if p.strip()),
          a.attribution, a.origin) for n, a in enumerate(articles, start=1)])


# --- Reading -------------------------------------------------------------------------------------


def list_issues(conn: sqlite3.Connection, name: str | None = None) -> list[IssueSummary]:
    """Issues, the latest first (of one series when ``name`` is given)."""
    where, params = ("WHERE b.series_key = ?", (series_key(name),)) if name else ("", ())
    rows = conn.execute(
        f"""SELECT b.id, b.name, b.year, b.issue, b.total_issue, b.issued_on,
               (SELECT count(*) FROM briefing_articles a WHERE a.issue_id = b.id),
               coalesce((SELECT a.title FROM briefing_articles a WHERE a.issue_id = b.id
                         ORDER BY a.position LIMIT 1), '')
            FROM briefing_issues b {where}
            ORDER BY b.issued_on DESC, b.total_issue DESC, b.id DESC""", params)
    return [IssueSummary(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), r[6], r[7])
            for r in rows]


def get_issue(conn: sqlite3.Connection, issue_id: int) -> BriefingIssue | None:
    row = conn.execute(f"SELECT {_ISSUE_COLUMNS} FROM briefing_issues WHERE id = ?",
                       (issue_id,)).fetchone()
    if row is None:
        return None
    (id_, name, year, issue, total, issued_on, publisher, confidential, has_tail, printer,
     print_date, bao, song, fa, copies, disclosure, source) = row
    tail = TailFields(printer, _date(print_date), bao, song, fa, copies,
                      disclosure) if has_tail else None
    articles = [
        BriefingDraftArticle(title, body.split("\n") if body else [], column, attribution, origin)
        for title, body, column, attribution, origin in conn.execute(
            """SELECT title, body, column_name, attribution, origin FROM briefing_articles
               WHERE issue_id = ? ORDER BY position""", (issue_id,))]
    return BriefingIssue(name=name, year=year, issue=issue, total_issue=total,
                         date=date.fromisoformat(issued_on), publisher=publisher,
                         articles=articles, tail=tail, confidential=confidential, source=source,
                         id=id_)


def latest_issue(conn: sqlite3.Connection, name: str | None = None) -> BriefingIssue | None:
    """The most recently dated issue (of one series when ``name`` is given)."""
    issues = list_issues(conn, name)
    return get_issue(conn, issues[0].id) if issues else None
