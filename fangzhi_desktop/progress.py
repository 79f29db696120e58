"""Progress reporting and cancellation without Qt.

Long jobs take ``progress(fraction, text)``; the callback raises ``Cancelled`` to stop. The CLI
passes a text reporter, the UI a progress dialog, tests nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


def no_progress(fraction: float, text: str) -> None:
    """A progress callback that ignores everything."""


def scaled(progress: Progress, start: float, end: float) -> Progress:
    """A callback that maps 0..1 of a sub-step onto ``start..end`` of ``progress``."""

    def report(fraction: float, text: str) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), text)

    return report
