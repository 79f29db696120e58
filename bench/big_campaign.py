"""A synthetic campaign of 10³–10⁵ tasks (a city office merging 150 counties), cached under
bench/.cache/: five phases, 150 units, tasks with text, person, deadline and status, written
with one ``executemany`` per table in one transaction.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.big_data import CACHE, GIVEN, SURNAMES
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.database import transaction

YEAR = 2026
TODAY = date(2026, 7, 1)
UNITS = 150
PHASES = ("动员部署", "自查自纠", "集中整治", "督导检查", "总结验收")
VERBS = ("开展", "完成", "组织", "编制", "核查", "整理", "报送", "督促")
THINGS = ("志书质量检查", "年鉴资料征集", "地情资料普查", "旧志整理", "档案移交",
          "方志馆布展", "村志编纂", "数字方志建设", "专题调研", "业务培训")
STATUSES = ("未启动", "推进中", "推进中", "已完成", "已销号")


def task_rows(campaign_id: int, phase_ids: list[int], unit_ids: list[int],
              count: int) -> Iterator[tuple[object, ...]]:
    for i in range(count):
        deadline = date(YEAR, 1, 15) + timedelta(days=i * 7 % 340)
        text = (f"{VERBS[i % len(VERBS)]}第{i // UNITS + 1}批{THINGS[i // 3 % len(THINGS)]}"
                f"（{i % 97 + 1}号）")
        person = SURNAMES[i % len(SURNAMES)] + GIVEN[i // 11 % len(GIVEN)]
        yield (campaign_id, phase_ids[i * len(phase_ids) // count], i + 1, i + 1, text,
               unit_ids[i % len(unit_ids)], person, deadline.isoformat(),
               deadline.isoformat(), STATUSES[i % len(STATUSES)])


def fill_campaign(conn: sqlite3.Connection, count: int) -> int:
    """Write a campaign of ``count`` tasks (inside the caller's transaction); its id."""
    campaign_id = int(conn.execute(
        "INSERT INTO campaign_activities (title, year, token) VALUES (?, ?, ?)",
        (f"{YEAR}年全市方志系统专项整治行动", YEAR, "bench")).lastrowid or 0)
    conn.executemany(
        "INSERT INTO campaign_phases (campaign_id, position, name, start_date, end_date)"
        " VALUES (?, ?, ?, ?, ?)",
        [(campaign_id, n + 1, name, f"{YEAR}-{2 * n + 1:02d}-01", f"{YEAR}-{2 * n + 2:02d}-28")
         for n, name in enumerate(PHASES)])
    phase_ids = [r[0] for r in conn.execute(
        "SELECT id FROM campaign_phases WHERE campaign_id = ? ORDER BY position", (campaign_id,))]
    conn.executemany("INSERT OR IGNORE INTO units (name) VALUES (?)",
                     [(f"第{n + 1}县地方志办公室",) for n in range(UNITS)])
    unit_ids = [r[0] for r in conn.execute(
        "SELECT id FROM units WHERE name LIKE '第%县地方志办公室' ORDER BY id")]
    conn.executemany(
        "INSERT INTO campaign_tasks (campaign_id, phase_id, no, position, text, unit_id,"
        " person, deadline_issued, deadline, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        task_rows(campaign_id, phase_ids, unit_ids, count))
    return campaign_id


def campaign_db(count: int) -> Path:
    """A migrated database holding one campaign of ``count`` tasks (made once, then cached)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"campaign-{count}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(f"{partial.name}*"):
        leftover.unlink()
    conn = open_database(partial)
    try:
        with transaction(conn):
            fill_campaign(conn, count)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    partial.rename(path)
    return path


if __name__ == "__main__":
    for size in (10_000, 100_000):
        print(campaign_db(size))
