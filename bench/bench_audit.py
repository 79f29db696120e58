"""What the audit trail (修改记录) costs.

(a) creating a connection's ~100 TEMP triggers, once, before its first ordinary write
    (opening the database at start-up creates nothing);
(b) one edit (``set_status``) with the triggers against the same edit with none;
(c) ``save_people`` of 10,000 people (a roster import: one summary entry, no triggers) on a
    fresh connection, against the same save with the audit trail switched off entirely.

The pairs run alternately in the same process, so a busy machine slows both sides alike.
Targets: (a) ≤ 25 ms; (b) ≤ 2 ms added; (c) ≤ 1.1×.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timing, measure, report
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.importers.workpoints_notice import parse_text
from fangzhi_desktop.storage import audit, audit_triggers, database, open_database
from fangzhi_desktop.storage import people as people_store
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.workpoints import StatusFields

PLAN = "2025年工作要点\n一、综合\n1.编纂年鉴。（年鉴科牵头，办公室配合）\n"


@contextmanager
def _no_audit_bulk(conn: object, *_args: object, **_kwargs: object) -> Iterator[object]:
    with database.transaction(conn):  # type: ignore[arg-type]
        yield audit.BulkNote("", "")


@contextmanager
def audit_off() -> Iterator[None]:
    """The code as it was before the audit trail: no triggers, bulk writes a bare transaction."""
    saved = (database._ensure_audit, audit.bulk)
    database._ensure_audit = lambda _conn: None
    audit.bulk = _no_audit_bulk  # type: ignore[assignment]
    try:
        yield
    finally:
        database._ensure_audit, audit.bulk = saved


def paired(name: str, fn: Callable[[bool], object], runs: int,
           setup: Callable[[bool], object] | None = None) -> tuple[Timing, Timing]:
    """Time ``fn(audited)`` for both settings, alternating run by run."""
    on: list[Timing] = []
    off: list[Timing] = []
    for _ in range(runs):
        on.append(measure("", lambda: fn(True), 1, (lambda: setup(True)) if setup else None))
        with audit_off():
            off.append(measure("", lambda: fn(False), 1,
                               (lambda: setup(False)) if setup else None))

    def merged(label: str, samples: list[Timing]) -> Timing:
        values = sorted(t.median_ms for t in samples)
        return Timing(label, values[len(values) // 2], values[0], values[-1], len(values))

    return merged(f"{name}, audited", on), merged(f"{name}, no audit", off)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    try:
        template = tmp / "template.db"
        conn = open_database(template)
        store.save_plan(conn, parse_text(PLAN))
        conn.close()

        conn = open_database(template)
        item = store.list_items(conn, 2025)[0].id

        def install() -> None:
            audit_triggers.ensure_installed(conn)

        creating = measure("creating the triggers (first write only)", install, runs=15,
                           setup=lambda: audit_triggers.uninstall(conn))
        statuses = iter([Status.IN_PROGRESS, Status.DONE] * 1000)

        def edit(_audited: bool) -> None:
            store.set_status(conn, item, StatusFields(next(statuses), date(2025, 5, 6), ""))

        edit_on, edit_off = paired("one status edit", edit, runs=41)
        conn.close()

        people = [Person(f"人员{i}", id_number=str(110101199000000000 + i),
                         phone=f"139{i:08d}") for i in range(10_000)]
        fresh: list[Path] = []

        def new_copy(_audited: bool) -> None:
            target = tmp / f"copy-{len(fresh)}.db"
            shutil.copy(template, target)
            fresh.append(target)

        def roster(_audited: bool) -> None:
            db = open_database(fresh[-1])
            people_store.save_people(db, people, source="花名册.xlsx")
            db.close()

        roster_on, roster_off = paired("save_people 10,000 rows", roster, runs=9,
                                       setup=new_copy)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if report("audit", [creating, edit_on, edit_off, roster_on, roster_off], [
        ("creating the triggers, ms", creating.median_ms, 25.0),
        ("added to one edit, ms", edit_on.median_ms - edit_off.median_ms, 2.0),
        ("roster save audited ÷ no audit", roster_on.median_ms / roster_off.median_ms, 1.1),
    ]) else 1


if __name__ == "__main__":
    sys.exit(main())
