"""The app's log file: tracebacks of bugs go here, never to the user's screen."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path
from typing import TextIO

LOG_NAME = "fangzhi.log"
_configured: Path | None = None


def log_dir() -> Path:
    from fangzhi_desktop.paths import user_data_dir

    path = user_data_dir() / "logs"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file it opens — the first and each one after a rollover — is created 0600
    (the handler's own ``open`` would follow the umask, typically 0644)."""

    def _open(self) -> TextIO:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)  # a file left by an older version
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


class RedactingFormatter(logging.Formatter):
    """Log lines (tracebacks included) never carry ID numbers or mobile numbers."""

    def format(self, record: logging.LogRecord) -> str:
        from fangzhi_desktop.domain.privacy import redact

        return redact(super().format(record))


def setup_logging() -> Path | None:
    """Log to a rotating file under the user data folder; returns its path (None if unwritable)."""
    global _configured
    if _configured is not None:
        return _configured
    try:
        path = log_dir() / LOG_NAME  # logs are the user's own business: 0600
        handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("fangzhi_desktop")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    _configured = path
    return path


def log_bug(exc: BaseException) -> Path | None:
    """Write an unexpected exception with its traceback to the log; returns the log path."""
    path = setup_logging()
    logging.getLogger("fangzhi_desktop").error("未预期的错误", exc_info=exc)
    return path
