"""PySide6 6.12.0 on Python 3.11 takes a reference off ``None`` at every void C++ call; a
painted chart makes thousands. Importing ``fangzhi_desktop.ui`` guards against it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from fangzhi_desktop.ui import qt_workarounds


def test_many_void_calls_leave_none_alive() -> None:
    probe = QObject()
    for _ in range(50_000):  # more than None's references in a fresh interpreter
        probe.setObjectName("probe")
    assert sys.getrefcount(None) > 1000


def test_applied_only_where_needed() -> None:
    if sys.version_info >= (3, 12):
        assert not qt_workarounds.APPLIED
    elif qt_workarounds.APPLIED:
        assert sys.getrefcount(None) > qt_workarounds.IMMORTAL // 2
