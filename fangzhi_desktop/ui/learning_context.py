"""What every view of the 干部学习 tab works with: the GUI thread's connection, the database
file (for jobs), the window's undo stack, the clock, the settings and the selected year."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtGui import QUndoStack

from fangzhi_desktop.ui.settings import Settings


@dataclass
class LearningContext:
    conn: sqlite3.Connection
    db_path: Path
    undo_stack: QUndoStack
    clock: Callable[[], date]
    settings: Settings
    year: Callable[[], int]
