"""The demo database, built from the sample documents through the real importers."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.progress import Progress, no_progress, scaled


def build_demo(path: str | Path, *, force: bool = False, today: date | None = None,
               progress: Progress = no_progress) -> Path:
    """Create a demo database at ``path``; an existing file is kept unless ``force``."""
    from fangzhi_desktop.demo.workpoints import add_workpoints
    from fangzhi_desktop.storage import open_database
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
        add_workpoints(conn, today, scaled(progress, 0.0, 1.0))
        checkpoint(conn)
    finally:
        conn.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    progress(1.0, "演示数据库已建好")
    return path
