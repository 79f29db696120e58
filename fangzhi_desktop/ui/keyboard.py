"""Keyboard habits shared by the tables: Enter opens (edits) the selected row, as a
double-click does; Esc in the dialog that opens cancels it (QDialog's own behaviour)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterOpens(QObject):
    def __init__(self, view: QAbstractItemView, callback: Callable[[], object]) -> None:
        super().__init__(view)
        self.view = view
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER_KEYS \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier) \
                and self.view.state() != QAbstractItemView.State.EditingState \
                and self.view.currentIndex().isValid():
            self.callback()
            return True
        return super().eventFilter(watched, event)


def enter_opens(view: QAbstractItemView, callback: Callable[[], object]) -> None:
    """Pressing Enter on a selected row of ``view`` calls ``callback`` (edit or open it)."""
    view.installEventFilter(_EnterOpens(view, callback))
