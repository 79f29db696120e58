"""Writing output files safely: to a temporary name first, then renamed into place.

A file open in Excel/WPS on Windows is locked; the export then fails with a clear message and
the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fangzhi_desktop.errors import FangzhiError


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    target = Path(path)
    if target.is_dir():
        raise FangzhiError(f"{target} 是一个文件夹，请给出文件名。")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                        dir=target.parent)
    except OSError as exc:
        raise FangzhiError(f"无法在 {target.parent} 中写入文件（{exc.strerror}）。") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file 0600; an exported document is meant to be shared (a colleague
    # opens it from a shared folder), so give it the usual rw-r--r--.
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o644)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise FangzhiError(
                f"{target.name} 正被其他程序占用（可能在 Word、Excel 或 WPS 中打开），"
                "请关闭后重试。原文件未改动。") from exc
        except OSError as exc:
            raise FangzhiError(f"无法写入 {target}（{exc.strerror}）。原文件未改动。") from exc
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)
