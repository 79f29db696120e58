"""Showing errors: a ``FangzhiError`` is the user's to fix, anything else is a bug to log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QWidget

from fangzhi_desktop.errors import Cancelled, FangzhiError
from fangzhi_desktop.logs import log_bug
from fangzhi_desktop.ui import prompts


def report_error(parent: QWidget | None, exc: BaseException, title: str = "无法完成") -> None:
    """Show ``exc`` to the user in Chinese; bugs go to the log with their traceback."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, FangzhiError):
        prompts.error(parent, title, exc.message, [p.text() for p in exc.problems])
        return
    prompts.internal_error(parent, log_bug(exc))


@contextmanager
def reporting(parent: QWidget | None, title: str = "无法完成") -> Iterator[None]:
    """Run a user action; any error is shown (or logged) instead of escaping."""
    try:
        yield
    except Exception as exc:
        report_error(parent, exc, title)
