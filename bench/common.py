"""Tiny benchmark helpers: medians over repeats, ratios against a baseline, results on disk."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Timing:
    name: str
    median_ms: float
    min_ms: float
    max_ms: float
    runs: int


def measure(name: str, fn: Callable[[], object], runs: int = 15,
            setup: Callable[[], object] | None = None) -> Timing:
    samples = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, statistics.median(samples), min(samples), max(samples), runs)


def report(title: str, timings: list[Timing], checks: list[tuple[str, float, float]]) -> bool:
    """Print timings and ``(label, value, target)`` checks; write JSON; True when all pass."""
    print(f"\n== {title}")
    for t in timings:
        print(f"  {t.name:<48} median {t.median_ms:8.2f} ms  min {t.min_ms:8.2f}  "
              f"max {t.max_ms:8.2f}  (n={t.runs})")
    ok = True
    for label, value, target in checks:
        passed = value <= target
        ok &= passed
        print(f"  {'PASS' if passed else 'FAIL'} {label}: {value:.2f} (target ≤ {target})")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{title}.json"
    out.write_text(json.dumps({
        "machine": f"{platform.system()} {platform.machine()} Python {platform.python_version()}",
        "timings": [asdict(t) for t in timings],
        "checks": [{"label": c[0], "value": c[1], "target": c[2]} for c in checks],
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    return ok
