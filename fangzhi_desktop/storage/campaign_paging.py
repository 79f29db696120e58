"""The flat 台账 of a campaign's tasks, paged from SQL (``PagedSource``, docs/performance.md).

The rows carry what the flat view shows (序号, 任务, 阶段, 责任单位, 责任人, the deadline and
its phrase, 状态); the campaign, 阶段, 责任单位, 状态 and 只看逾期 are SQL filters, the search
looks at the task text, the unit and the person, and every column sorts in SQL.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from fangzhi_desktop.storage.campaigns import FINISHED
from fangzhi_desktop.storage.paged_query import PagedQuery, PagedSource

_UNFINISHED = f"t.status NOT IN ('{FINISHED[0]}', '{FINISHED[1]}')"
_STATUS_ORDER = ("CASE t.status WHEN '未启动' THEN 0 WHEN '推进中' THEN 1"
                 " WHEN '已完成' THEN 2 ELSE 3 END")
# Names are looked up for the rows of a page only: a join would cost every count and scan.
_PHASE = "(SELECT p.name FROM campaign_phases p WHERE p.id = t.phase_id)"
_UNIT = "(SELECT u.name FROM units u WHERE u.id = t.unit_id)"

CAMPAIGN_LEDGER = PagedSource(
    table="campaign_tasks t",
    id_column="t.id",
    values=("t.no", "t.text", f"coalesce({_PHASE}, '')", f"coalesce({_UNIT}, '')", "t.person",
            "t.deadline", "t.deadline_phrase", "t.status"),
    default_order=("t.position",),
    sort_keys={
        "no": (),  # as the tree: 序号 is the ledger order, which the index walks
        "text": ("t.text",),
        "phase": ("(SELECT p.position FROM campaign_phases p WHERE p.id = t.phase_id)",),
        "unit": (_UNIT,),
        "person": ("t.person",),
        "deadline": ("coalesce(t.deadline, '9999')",),
        "status": (_STATUS_ORDER,),
        # 预警: unfinished tasks by deadline (the nearest is the most urgent), then the rest.
        "grade": (f"NOT ({_UNFINISHED} AND t.deadline IS NOT NULL)",
                  "coalesce(t.deadline, '9999')"),
    },
    search="(t.text || ' ' || t.person)",
    collect_hits=True,
    search_terms=("t.unit_id IN (SELECT u.id FROM units u WHERE u.name LIKE ? ESCAPE '\\')",),
    filters={
        "campaign": "t.campaign_id",
        "phase": "t.phase_id",
        "unit": "t.unit_id",
        "status": "t.status",
        "overdue_on": f"({_UNFINISHED} AND t.deadline < ?)",
    },
)
"""Rows: (id, no, text, phase, unit, person, deadline ISO, deadline phrase, status)."""


def ledger_query(conn: sqlite3.Connection, campaign_id: int) -> PagedQuery:
    """A paged query over one campaign's tasks, in ledger order. 阶段 sorts by the phases'
    positions written into the query as a CASE of ids (a sub-query per row cost 2× at 10⁵)."""
    rows = conn.execute("SELECT id, position FROM campaign_phases WHERE campaign_id = ?",
                        (campaign_id,)).fetchall()
    source = CAMPAIGN_LEDGER
    if rows:
        cases = " ".join(f"WHEN {int(pid)} THEN {int(pos)}" for pid, pos in rows)
        keys = {**source.sort_keys, "phase": (f"CASE t.phase_id {cases} END",)}
        source = replace(source, sort_keys=keys)
    query = PagedQuery(conn, source)
    query.set_filter("campaign", campaign_id)
    return query


def set_overdue_on(query: PagedQuery, today: date | None) -> None:
    """只看逾期 as of ``today`` (``None``: every task)."""
    query.set_filter("overdue_on", today.isoformat() if today is not None else None)


def overdue_count(conn: sqlite3.Connection, campaign_id: int, today: date) -> int:
    """Unfinished tasks of a campaign past their deadline (the count label's figure)."""
    row = conn.execute(
        f"SELECT count(*) FROM campaign_tasks t WHERE t.campaign_id = ? AND {_UNFINISHED}"
        " AND t.deadline < ?", (campaign_id, today.isoformat())).fetchone()
    return int(row[0])
