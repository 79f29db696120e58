"""What every tab's 导出 ▾ button shares: a menu of actions, a tool button showing it, the
availability (something to export) and busy state (one export job at a time) that enable
them, and running a job on the tab's own database connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from fangzhi_desktop.progress import Progress
from fangzhi_desktop.ui.jobs import Job, in_database, start_job
from fangzhi_desktop.ui.settings import Settings


class ExportMenu(QObject):
    """Subclasses add their actions with ``add_action`` and call ``make_button``."""

    def __init__(self, parent: QWidget, conn: sqlite3.Connection, db_path: Path,
                 clock: Callable[[], date], settings: Settings) -> None:
        super().__init__(parent)
        self.widget = parent
        self.conn = conn
        self.db_path = db_path
        self.clock = clock
        self.settings = settings
        self.job: Job | None = None
        self._available = False
        self.menu = QMenu(parent)
        self.menu.setToolTipsVisible(True)
        self.actions: dict[Any, QAction] = {}
        self.extra_actions: list[QAction] = []  # enabled with the others, not keyed

    def add_action(self, key: Any, text: str, tip: str, handler: Callable[[Any], None]) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False, k=key: handler(k))
        self.actions[key] = action
        self.menu.addAction(action)
        return action

    def make_button(self, text: str, tip: str) -> QToolButton:
        """The menu button; the ▾ is part of the text (Fusion's corner arrow hides a glyph)."""
        self.button = QToolButton(self.widget)
        self.button.setText(text)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setToolTip(tip)
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._sync()
        return self.button

    def set_available(self, available: bool) -> None:
        """Whether there is something to export (a year, a campaign, a volume)."""
        self._available = available
        self._sync()

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    def _sync(self) -> None:
        enabled = self._available and not self.busy
        if hasattr(self, "button"):
            self.button.setEnabled(enabled)
        for action in [*self.actions.values(), *self.extra_actions]:
            action.setEnabled(enabled)

    def _run(self, title: str, work: Callable[[sqlite3.Connection, Progress], Any],
             done: Callable[[Any], None]) -> Job:
        """Run ``work`` in the background on its own connection; the menu waits for it."""
        self.job = start_job(self.widget, title, in_database(self.db_path, work),
                             on_success=done)
        self.job.finished.connect(self._sync)
        self._sync()
        return self.job
