"""Opening the window loads no heavy library; QtCharts only once the dashboard is shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "docx", "sqlite_utils", "python_calamine")

SCRIPT = f"""
import sys
import time
from PySide6.QtWidgets import QApplication
from fangzhi_desktop.ui.app import create_application
from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.settings import Settings

app = create_application()
window = MainWindow(sys.argv[1], settings=Settings.in_memory())
loaded = [m for m in {HEAVY!r} + ("PySide6.QtCharts",) if m in sys.modules]
assert not loaded, loaded
window.show()
deadline = time.monotonic() + 20  # the chart is built by a timer after the first paint
while window.dashboard.chart is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert window.dashboard.chart is not None
assert "PySide6.QtCharts" in sys.modules
loaded = [m for m in {HEAVY!r} if m in sys.modules]
assert not loaded, loaded
window.close()
"""


def test_start_up_imports(demo_db: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", SCRIPT, str(demo_db)], check=True, env=env,
                   timeout=60)
