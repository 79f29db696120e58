"""Work-arounds for bugs of the Qt binding, applied once when ``fangzhi_desktop.ui`` is imported.

PySide6 6.12.0 on Python 3.11: every call of a C++ method that returns nothing (``setText``,
``QPainter.setPen``, ``drawLine``…) gives Python back ``None`` without a reference, so each
call takes one reference off ``None``. After a few thousand calls ``None`` reaches zero and
the interpreter aborts ("deallocating None") — a painted chart makes that many calls in a
second. Python 3.12 made ``None`` immortal, which hides the bug; on 3.11 we do the same by
hand: when the leak is measured, ``None`` gets a reference count it can never use up.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL = 1 << 50  # at one leak per call: never used up
_PROBES = 32


def none_leaks() -> bool:
    """Whether calling a void C++ method takes a reference off ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _PROBES // 2


def immortalize_none() -> bool:
    """Give ``None`` an inexhaustible reference count where the binding leaks; True if done."""
    if sys.version_info >= (3, 12) or not none_leaks():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    before = sys.getrefcount(None)
    if refcount.value != before - 1 and refcount.value != before:
        return False  # not the object layout we know (a debug build): leave it alone
    refcount.value += IMMORTAL
    return True


APPLIED = immortalize_none()
