"""Exchange packages (交换包): export the demo database, import it into an empty database and
again (no changes), and the city case: the 10th county's package into a 汇总 database that
already holds nine.

Targets (issue 8): export of the demo ≤ 1 s, import into an empty database ≤ 2 s, the 10th
county ≤ 3 s (medians). Encryption adds one scrypt (~0.1 s) each way.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, report


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="fangzhi-bench-pkg-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")  # backups go here, not to the user folder
    from datetime import date

    from fangzhi_desktop.demo import build_demo
    from fangzhi_desktop.operations.exchange_package import export_package, import_package
    from fangzhi_desktop.storage import open_database

    try:
        demo = build_demo(tmp / "demo.db", today=date(2026, 11, 23))
        conn = open_database(demo)
        package = tmp / "demo.fzpkg"
        t_export = measure("export the demo (all years and areas)",
                           lambda: export_package(conn, package), runs=7)
        t_encrypted = measure("export the demo, encrypted",
                              lambda: export_package(conn, tmp / "e.fzpkg", password="pw"),
                              runs=5)
        conn.close()
        counter = iter(range(1000))

        def fresh() -> None:
            global target
            path = tmp / f"empty{next(counter)}.db"
            open_database(path).close()
            target = open_database(path)

        t_import = measure("import into an empty database",
                           lambda: import_package(target, package), runs=7, setup=fresh)
        import_package(target, package)
        t_again = measure("import the same package again (no change)",
                          lambda: import_package(target, package), runs=7)
        # Ten counties: copies of the demo as different offices, campaigns and learning.
        counties = []
        for k in range(10):
            copy = tmp / f"county{k}.db"
            shutil.copy(demo, copy)
            db = sqlite3.connect(copy, isolation_level=None)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('origin_uuid', ?)",
                       (uuid.uuid4().hex,))
            db.execute("UPDATE briefing_issues SET name = ?, series_key = ?",
                       (f"县{k}简讯", f"县{k}简讯"))
            db.close()
            c = open_database(copy)
            export_package(c, tmp / f"county{k}.fzpkg", areas=["专项活动", "干部学习"])
            counties.append(tmp / f"county{k}.fzpkg")
            c.close()
        city_path = tmp / "city.db"

        def city_with_nine() -> None:
            global city
            city_path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(str(city_path) + suffix).unlink(missing_ok=True)
            city = open_database(city_path)
            for p in counties[:9]:
                import_package(city, p)

        t_tenth = measure("the 10th county into a city database",
                          lambda: import_package(city, counties[9]), runs=5,
                          setup=city_with_nine)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if report("exchange", [t_export, t_encrypted, t_import, t_again, t_tenth], [
        ("export of the demo, ms", t_export.median_ms, 1000),
        ("import into an empty database, ms", t_import.median_ms, 2000),
        ("10th county into the city database, ms", t_tenth.median_ms, 3000),
    ]) else 1


target: sqlite3.Connection
city: sqlite3.Connection

if __name__ == "__main__":
    sys.exit(main())
