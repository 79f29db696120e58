"""A tab page that builds its real content the first time it is needed (shown, or used by
code), so the window opens without importing and filling every tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self.content is not None

    def ensure(self) -> QWidget:
        """The real tab, built now if it has not been yet."""
        if self.content is None:
            self.content = self._factory()
            self.layout().addWidget(self.content)
        return self.content
