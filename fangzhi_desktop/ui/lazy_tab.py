"""A tab page that builds its real content the first time it is needed (shown, or used by
code), so the window opens without importing and filling every tab.

The tab showing when the window opens is built right after its first paint: the window's
frame, menus and tabs appear at once, and the content follows a moment later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None, *,
                 ready: Callable[[], bool] = lambda: True) -> None:
        super().__init__(parent)
        self._factory = factory
        self._ready = ready  # False once the window has let go of its database
        self.content: QWidget | None = None
        self._scheduled = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.content is None and not self._scheduled:
            self._scheduled = True  # after this paint has reached the screen
            QTimer.singleShot(0, self._build_if_shown)

    def _build_if_shown(self) -> None:
        if self.isVisible() and self._ready():
            self.ensure()

    @property
    def built(self) -> bool:
        return self.content is not None

    def ensure(self) -> QWidget:
        """The real tab, built now if it has not been yet."""
        if self.content is None:
            self.content = self._factory()
            self.layout().addWidget(self.content)  # shown by the layout (queued)
        return self.content
