"""Run every benchmark in bench/ (``make bench``); exit non-zero when a target is missed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\n未达到目标：{', '.join(failed)}")
        return 1
    print("\n全部基准测试达到目标。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
