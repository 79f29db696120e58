"""显示完整号码 on a card that shows ID and phone numbers masked (a person of 干部学习, the
供稿单位 of a 篇目): the numbers in full for the one record shown, masked again as soon as the
card shows another."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

SHOW = "显示完整号码"
HIDE = "隐藏号码"


class RevealButton(QPushButton):
    """A flat 显示完整号码 / 隐藏号码 toggle; the card calls ``show_for`` each time it renders
    and re-renders on ``changed``."""

    changed = Signal()

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(SHOW, parent)
        self.setToolTip(tooltip)
        self.setFlat(True)
        self.full = False
        self._shown: Hashable = None
        self.clicked.connect(self.toggle)

    def show_for(self, record: Hashable, has_numbers: bool) -> bool:
        """The card shows ``record`` (any key naming it); returns whether its numbers are to be
        shown in full — never for a record other than the one 显示完整号码 was clicked for."""
        if record != self._shown:
            self.full = False
            self._shown = record
        self.setText(HIDE if self.full else SHOW)
        self.setEnabled(has_numbers)
        return self.full

    def reset(self) -> None:
        """The card shows nothing: mask again."""
        self.full = False
        self._shown = None
        self.setText(SHOW)

    def toggle(self) -> None:
        self.full = not self.full
        self.changed.emit()
