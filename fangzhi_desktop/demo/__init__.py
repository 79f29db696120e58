"""The demo database, built from the sample documents through the real importers."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.progress import Progress, no_progress, scaled

# The parts of the demo, in order: (module in fangzhi_desktop.demo, share of the progress bar).
# Each module has ``add(conn, today, progress)``. One per line: a new area adds its own line.
PARTS: tuple[tuple[str, float], ...] = (
    ("workpoints", 1.0),
    ("learning", 0.3),
    ("briefings", 0.2),
    ("campaigns", 0.3),
    ("yearbook", 0.3),
)


def build_demo(path: str | Path, *, force: bool = False, today: date | None = None,
               progress: Progress = no_progress) -> Path:
    """Create a demo database at ``path``; an existing file is kept unless ``force``."""
    import importlib

    from fangzhi_desktop.storage import audit, open_database
    from fangzhi_desktop.storage.database import checkpoint

    path = Path(path)
    today = today or date.today()
    if path.exists():
        if not force:
            raise FangzhiError(f"{path} 已存在，未做改动。如需重建演示数据库，请加 --force。")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    tmp = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    conn = open_database(tmp)
    try:
        total = sum(share for _, share in PARTS)
        done = 0.0
        with audit.quiet(conn):  # the demo's own edits are not the office's history
            for name, share in PARTS:
                part = importlib.import_module(f"fangzhi_desktop.demo.{name}")
                part.add(conn, today, scaled(progress, done / total, (done + share) / total))
                done += share
        audit.record_summary(conn, "生成演示数据", table="_sqlite_migrations")
        checkpoint(conn)
    finally:
        conn.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    progress(1.0, "演示数据库已建好")
    return path
