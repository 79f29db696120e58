"""The 专项活动 台账 at 10,000 and 100,000 tasks (issue 9): the flat paged table
(``ui/campaign_ledger_view.LedgerTable``) opened to its first paint ≤ 100 ms, each keystroke of
a search ≤ 100 ms, a sort by any column ≤ 200 ms, peak memory ≤ 1.3 × a bare window + 50 MiB;
and the whole 专项活动 tab opened on that campaign (it switches to the flat table by itself).

Every case runs in a fresh process (``--case``) so its peak RSS is its own (``bare`` is
bench_big_table.py's empty window).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.big_campaign import TODAY, campaign_db
from bench.common import Timing, report

SIZES = (10_000, 100_000)
RUNS = 5
BIG_TABLE = Path(__file__).resolve().parent / "bench_big_table.py"


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stats(samples: list[float]) -> tuple[float, float, float]:
    return statistics.median(samples), min(samples), max(samples)


def case_table(db: Path) -> dict[str, float]:
    from bench.ledger_cases import KEYS, open_ledger, overdue_only, sort_by, timed_open
    from fangzhi_desktop.storage import open_database
    from fangzhi_desktop.ui.campaign_ledger_model import LedgerColumn

    conn = open_database(db)
    out: dict[str, float] = {}
    out["open_ms"], out["open_min"], out["open_max"] = _stats(
        [timed_open(conn) for _ in range(RUNS)])
    ledger = open_ledger(conn)
    from bench.ledger_cases import type_keys

    keys = [type_keys(ledger) for _ in range(RUNS)]
    for n in range(len(KEYS)):
        out[f"key{n + 1}_ms"], _, out[f"key{n + 1}_max"] = _stats([k[n] for k in keys])
    for column in LedgerColumn:
        samples = [sort_by(ledger, column, descending) for _ in range(RUNS // 2 + 1)
                   for descending in (False, True)]
        out[f"sort_{column.name.lower()}_ms"], _, out[f"sort_{column.name.lower()}_max"] = \
            _stats(samples)
    sort_by(ledger, -1)
    out["overdue_ms"] = statistics.median(overdue_only(ledger) for _ in range(RUNS))
    start = time.perf_counter()
    ledger.view.scrollToBottom()
    ledger.paint()
    out["scroll_end_ms"] = (time.perf_counter() - start) * 1000
    out["rss_mib"] = _rss_mib()
    return out


def case_tab(db: Path) -> dict[str, float]:
    from PySide6.QtGui import QUndoStack

    from bench.table_cases import app, show_painted
    from fangzhi_desktop.storage import open_database
    from fangzhi_desktop.ui.campaigns_tab import CampaignsTab
    from fangzhi_desktop.ui.settings import Settings

    app()
    conn = open_database(db)
    start = time.perf_counter()
    tab = CampaignsTab(conn, db, QUndoStack(), lambda: TODAY, Settings.in_memory())
    tab.resize(1280, 800)
    show_painted(tab, tab.table)
    out = {"open_ms": (time.perf_counter() - start) * 1000, "flat": float(tab.is_flat())}
    tab.table.select_row(500)
    start = time.perf_counter()
    tab.table.select_row(1500)
    out["select_ms"] = (time.perf_counter() - start) * 1000
    out["rss_mib"] = _rss_mib()
    return out


def run_case(case: str, rows: int) -> dict[str, float]:
    script = BIG_TABLE if case == "bare" else Path(__file__)
    out = subprocess.run([sys.executable, str(script), "--case", case, "--rows", str(rows)],
                         capture_output=True, text=True, check=True, timeout=900).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=("table", "tab"))
    parser.add_argument("--rows", type=int, default=0)
    args = parser.parse_args()
    if args.case:
        db = campaign_db(args.rows)
        print(json.dumps(case_table(db) if args.case == "table" else case_tab(db)))
        return 0

    for rows in SIZES:
        campaign_db(rows)  # generated once, outside the timings
    bare = run_case("bare", 0)
    allowed = 1.3 * bare["rss_mib"] + 50
    timings: list[Timing] = []
    checks: list[tuple[str, float, float]] = []
    details: dict[str, object] = {"bare_rss_mib": bare["rss_mib"]}
    for rows in SIZES:
        table = run_case("table", rows)
        tab = run_case("tab", rows)
        details[f"table_{rows}"], details[f"tab_{rows}"] = table, tab
        label = f"{rows:,} tasks"
        sorts = [key[:-3] for key in table if key.startswith("sort_") and key.endswith("_ms")]
        timings += [
            Timing(f"台账 open to first paint, {label}", table["open_ms"], table["open_min"],
                   table["open_max"], RUNS),
            *(Timing(f"台账 keystroke “{key}”, {label}", table[f"key{n + 1}_ms"],
                     table[f"key{n + 1}_ms"], table[f"key{n + 1}_max"], RUNS)
              for n, key in enumerate(("王", "王伟", "第7县"))),
            *(Timing(f"台账 {name}, either way, {label}", table[f"{name}_ms"],
                     table[f"{name}_ms"], table[f"{name}_max"], RUNS + 1) for name in sorts),
            Timing(f"台账 只看逾期, {label}", table["overdue_ms"], table["overdue_ms"],
                   table["overdue_ms"], RUNS),
            Timing(f"台账 scroll to the last row, {label}", table["scroll_end_ms"],
                   table["scroll_end_ms"], table["scroll_end_ms"], 1),
            Timing(f"专项活动 tab open to first paint, {label}", tab["open_ms"], tab["open_ms"],
                   tab["open_ms"], 1),
        ]
        checks += [
            (f"open to first paint ms ({label})", table["open_ms"], 100),
            (f"slowest keystroke ms, median ({label})",
             max(table[f"key{n}_ms"] for n in (1, 2, 3)), 100),
            (f"slowest sort ms, median ({label})", max(table[f"{s}_ms"] for s in sorts), 200),
            (f"peak RSS ÷ (1.3 × bare {bare['rss_mib']:.0f} MiB + 50 MiB), 台账 ({label})",
             table["rss_mib"] / allowed, 1.0),
            (f"peak RSS ÷ (1.3 × bare + 50 MiB), 专项活动 tab ({label})",
             tab["rss_mib"] / allowed, 1.0),
        ]
    ok = report("campaign_ledger", timings, checks)
    from bench.common import RESULTS

    path = RESULTS / "campaign_ledger.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["details"] = details
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
