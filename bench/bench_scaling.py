"""How the paged table's cost grows from 10³ to 10⁶ rows (issue 9: a merged database of 150
counties still opens and filters within the targets). One process per size; the numbers go
to bench/results/scaling.json and the curve is explained in docs/performance.md.

The 10⁶-row database takes a minute to generate the first time (bench/.cache/, gitignored).
``--quick`` stops at 10⁵.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.big_data import people_db
from bench.common import Timing, report

SIZES = (1_000, 10_000, 100_000, 1_000_000)
RUNS = 5
STEPS = ("open", "key1", "key2", "key3", "sort_name", "sort_rank", "scroll_end")
LABELS = {"open": "open to first paint", "key1": "keystroke “王” (LIKE scan)",
          "key2": "keystroke “王伟” (LIKE scan)", "key3": "keystroke “王伟芳” (trigram FTS)",
          "sort_name": "sort by 姓名 (index)", "sort_rank": "sort by 职级 (no index)",
          "scroll_end": "jump to the last row (OFFSET)"}


def measure_size(rows: int) -> dict[str, float]:
    from bench.table_cases import measure_steps, median_of, scroll_to_end, sort_by
    from fangzhi_desktop.storage import open_database

    table, steps = measure_steps(open_database(people_db(rows)), RUNS)
    out = {step: median for step, (median, _low, _high) in steps.items()}

    def to_end() -> float:
        sort_by(table, -1)
        table.view.scrollToTop()
        table.paint()
        return scroll_to_end(table)

    out["scroll_end"] = median_of(to_end, RUNS)[0]
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.rows:
        print(json.dumps(measure_size(args.rows)))
        return 0
    sizes = [n for n in SIZES if not args.quick or n <= 100_000]
    results: dict[int, dict[str, float]] = {}
    for rows in sizes:
        people_db(rows)
        out = subprocess.run([sys.executable, __file__, "--rows", str(rows)], check=True,
                             capture_output=True, text=True, timeout=1800).stdout
        results[rows] = json.loads(out.strip().splitlines()[-1])
    timings = [Timing(f"{LABELS[step]}, {rows:,} rows", value, value, value, RUNS)
               for rows, steps in results.items() for step, value in steps.items()]
    largest = results[sizes[-1]]
    label = f"{sizes[-1]:,} rows"
    checks = [(f"open to first paint ms ({label})", largest["open"], 100),
              (f"keystroke “王” ms, LIKE scan ({label})", largest["key1"], 100),
              (f"keystroke “王伟” ms, LIKE scan ({label})", largest["key2"], 100),
              (f"keystroke “王伟芳” ms, trigram FTS ({label})", largest["key3"], 100),
              (f"sort by 姓名 ms, index ({label})", largest["sort_name"], 200),
              (f"sort by 职级 ms, no index ({label})", largest["sort_rank"], 200)]
    ok = report("scaling", timings, checks)
    print("\n  rows       " + "".join(f"{step:>12}" for step in STEPS))
    for rows, steps in results.items():
        print(f"  {rows:>9,}  " + "".join(f"{steps[s]:>12.1f}" for s in STEPS))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
