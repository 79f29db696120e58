"""The 入门向导 wired to the main window: shown by ``app.run`` on a new, empty database (never
by the window itself, so tests and screenshots do not see it), reopened from 帮助."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from fangzhi_desktop.storage.first_run import dismiss_guide, guide_due
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from fangzhi_desktop.ui.errors import reporting


def open_guide(window: Any) -> FirstRunDialog:
    """Show the guide beside ``window`` (a ``MainWindow``); closing it marks it as seen."""
    dialog = FirstRunDialog(window, window.db_path, {
        "profile": window.edit_profile,
        "roster": lambda: _import_roster(window),
        "workpoints": lambda: _import_workpoints(window),
    })
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: _dismiss(window))
    dialog.database_chosen.connect(lambda path: switch_database(window, path))
    window.first_run_dialog = dialog
    dialog.show()
    return dialog


def show_if_due(window: Any) -> FirstRunDialog | None:
    """At start-up: the guide when the database is new and empty and it was never closed."""
    if window.conn is None or not guide_due(window.conn):
        return None
    return open_guide(window)


def switch_database(window: Any, path: Path) -> None:
    """Remember ``path`` as the database and reopen the window on it (``app.run`` loops)."""
    window.settings.set(keys.DATABASE, str(path))
    window.settings.sync()
    window.switch_to = path
    window.restart_requested = True
    window.close()


def _dismiss(window: Any) -> None:
    window.first_run_dialog = None
    if window.conn is not None:
        with reporting(window):
            dismiss_guide(window.conn)


def _import_roster(window: Any) -> None:
    window.select_tab("learning")
    window.learning.select_view("people")
    with reporting(window):
        window.learning.people.start_import()


def _import_workpoints(window: Any) -> None:
    window.select_tab("workpoints")
    with reporting(window):
        window.workpoints.start_import()
