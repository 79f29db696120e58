"""Personal-data actions on the demo database and on a 50 MB one (median of 5 runs):
an encrypted backup (verified copy + scrypt + AES-GCM), opening one (decrypt + check), and
removing a person (secure_delete, VACUUM, WAL checkpoint — the VACUUM grows with the file).

Targets: encrypted backup of the demo ≤ 2 s; removing a person ≤ 1 s on the demo and ≤ 5 s on
50 MB (both run in a background job with a progress dialog).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timing, measure, report
from fangzhi_desktop.demo import build_demo
from fangzhi_desktop.operations.encrypted_backups import opened, write_encrypted_backup
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.people import list_people
from fangzhi_desktop.storage.people_removal import remove_person

PADDING_MB = 50


def _padded(demo: Path, folder: Path) -> Path:
    """The demo plus 50 MB in a scratch table (as years of stored manuscripts would be)."""
    big = folder / "big.db"
    shutil.copy(demo, big)
    raw = sqlite3.connect(big)
    raw.execute("CREATE TABLE bench_padding (data BLOB)")
    raw.executemany("INSERT INTO bench_padding VALUES (?)",
                    ((os.urandom(1 << 20),) for _ in range(PADDING_MB)))
    raw.commit()
    raw.close()
    return big


def _removal(label: str, source: Path, work: Path, person_id: int) -> Timing:
    """Removing one person from a fresh copy of ``source`` each run."""
    holder: list[sqlite3.Connection] = []

    def setup() -> None:
        for c in holder:
            c.close()
        holder.clear()
        shutil.copy(source, work)
        holder.append(open_database(work))

    timing = measure(f"remove a person ({label})", lambda: remove_person(holder[0], person_id),
                     runs=5, setup=setup)
    for c in holder:
        c.close()
    return timing


def main() -> bool:
    folder = Path(tempfile.mkdtemp(prefix="fangzhi-bench-"))
    try:
        demo = build_demo(folder / "demo.db", today=date(2026, 11, 23))
        big = _padded(demo, folder)
        conn = open_database(demo)
        person_id = list_people(conn)[3].id
        assert person_id is not None
        timings = [measure("encrypted backup (demo)", lambda: write_encrypted_backup(
            conn, folder / "e", "口令-2026"), runs=5)]

        def open_it() -> None:
            with opened(folder / "e.db.fzenc", "口令-2026"):
                pass

        timings.append(measure("open encrypted backup (demo)", open_it, runs=5))
        conn.close()
        for label, source in (("demo", demo), (f"{PADDING_MB} MB", big)):
            timings.append(_removal(label, source, folder / "work.db", person_id))
        by_name = {t.name: t.median_ms for t in timings}
        return report("privacy", timings, [
            ("encrypted backup of the demo, ms", by_name["encrypted backup (demo)"], 2000),
            ("removing a person (demo), ms", by_name["remove a person (demo)"], 1000),
            (f"removing a person ({PADDING_MB} MB), ms",
             by_name[f"remove a person ({PADDING_MB} MB)"], 5000)])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
