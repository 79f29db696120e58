"""Killing the process (kill -9, a power cut) at any moment leaves a database that opens,
passes integrity_check and holds each user action whole or not at all.

A subprocess imports a 300-item plan again and again (replacing the year), records progress
and takes backups; it is killed at random moments. ``FANGZHI_KILL_ROUNDS`` raises the number
of kills (the default keeps the suite fast).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ITEMS = 300
WORKER = f"""
import sys
from datetime import date
from pathlib import Path
from fangzhi_desktop.importers.workpoints_notice import parse_text
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.backup import backup_to

db = Path(sys.argv[1])
lines = ["2030年工作要点", "一、综合"] + [
    f"{{n}}.第{{n}}项工作，按要求推进并按时报送进展情况。（办公室牵头，年鉴科、编研科配合）"
    for n in range(1, {ITEMS} + 1)]
plan = parse_text("\\n".join(lines))
conn = open_database(db)
print("ready", flush=True)
n = 0
while True:
    n += 1
    plan.year = 2030 + n % 3
    store.save_plan(conn, plan, replace=True)
    first = store.list_items(conn, plan.year)[0]
    store.add_log_entry(conn, first.id, date(2030, 1, 1), f"第{{n}}次进展")
    if n % 4 == 0:
        backup_to(conn, db.with_name("backup.db"))
"""


def _check(db: Path) -> tuple[int, int]:
    """Open as the app does; every plan must be complete. Returns (plans, log entries)."""
    from fangzhi_desktop.storage import open_database

    conn = open_database(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = conn.execute(
            "SELECT p.year, count(i.id) FROM work_plans p LEFT JOIN work_items i"
            " ON i.plan_id = p.id GROUP BY p.id").fetchall()
        for year, items in counts:
            assert items == ITEMS, f"plan {year} has {items} of {ITEMS} items: half an import"
        links = conn.execute("SELECT count(*) FROM work_item_units").fetchone()[0]
        assert links == 3 * ITEMS * len(counts)
        log = conn.execute("SELECT count(*) FROM work_item_log").fetchone()[0]
        return len(counts), log
    finally:
        conn.close()


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is a POSIX signal")
def test_random_kills_never_leave_half_an_action(tmp_path: Path) -> None:
    rounds = int(os.environ.get("FANGZHI_KILL_ROUNDS", "8"))
    db = tmp_path / "crash.db"
    rng = random.Random(20261123)
    plans_seen = set()
    for _ in range(rounds):
        worker = subprocess.Popen([sys.executable, "-c", WORKER, str(db)],
                                  stdout=subprocess.PIPE, text=True)
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.6))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        worker.stdout.close()
        plans, _ = _check(db)
        plans_seen.add(plans)
        backup = db.with_name("backup.db")
        if backup.exists():  # a finished backup is always complete too
            check = sqlite3.connect(backup)
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            check.close()
    assert max(plans_seen) >= 1  # the worker did get work done between kills
