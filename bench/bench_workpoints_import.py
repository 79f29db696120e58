"""Importing the 40-item notice of seed 003: parse, and parse + save, against bare baselines.

Baselines in the same run: reading and decoding the file (the least any parser must do), and a
bare ``executemany`` of the same 40 rows into a fresh SQLite file in one transaction.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, report
from fangzhi_desktop.importers.workpoints_notice import read_notice
from fangzhi_desktop.paths import sample_path
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.workpoints import list_items, save_plan

SEED = sample_path("003_4e59df0e3bf8976e.txt")


def main() -> int:
    tmp = Path(tempfile.mkdtemp())
    counter = iter(range(10_000))
    plan = read_notice(SEED)
    rows = [(i.no, i.text, "、".join(i.lead), "、".join(i.support)) for i in plan.items]

    def read_only() -> None:
        SEED.read_bytes().decode("utf-8")

    def bare_insert() -> None:
        conn = sqlite3.connect(tmp / f"bare-{next(counter)}.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (no INTEGER, text TEXT, lead TEXT, support TEXT)")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        conn.close()

    def parse() -> None:
        read_notice(SEED)

    def parse_and_save() -> None:
        conn = open_database(tmp / f"app-{next(counter)}.db")
        save_plan(conn, read_notice(SEED))
        conn.close()

    ledger_db = tmp / "ledger.db"
    conn = open_database(ledger_db)
    save_plan(conn, plan)
    conn.close()

    def open_and_list() -> None:
        c = open_database(ledger_db)
        list_items(c, 2023)
        c.close()

    timings = [
        measure("baseline: read + decode the file", read_only),
        measure("parse the notice (read_notice)", parse),
        measure("baseline: bare executemany of 40 rows, new db", bare_insert),
        measure("parse + save into a new database", parse_and_save),
        measure("open the database + list the 40-item ledger", open_and_list),
    ]
    by = {t.name: t.median_ms for t in timings}
    checks = [
        ("parse, ms", by["parse the notice (read_notice)"], 50.0),
        ("parse + save ÷ bare insert (includes schema creation)",
         by["parse + save into a new database"]
         / by["baseline: bare executemany of 40 rows, new db"], 10.0),
        ("open + list, ms", by["open the database + list the 40-item ledger"], 50.0),
    ]
    return 0 if report("workpoints_import", timings, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
