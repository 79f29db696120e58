"""Cold start to the first painted window on the demo database, against a bare PySide6
window with five tabs of QTableView started the same way (issue 9: ≤ 1.5×).

Each sample is a fresh process (``python -c``), timed from spawn until the window has been
painted once (the process prints a line then, and exits; its shutdown is not timed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timing, report

PAINTED = """
from PySide6.QtCore import QEvent, QObject, QTimer
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
"""

BARE = PAINTED + """
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableView
app = QApplication([])
window = QMainWindow()
tabs = QTabWidget()
for name in ("总览", "年度工作要点", "专项活动", "年鉴编纂", "干部学习"):
    tabs.addTab(QTableView(), name)
window.setCentralWidget(tabs)
window.resize(1280, 800)
watcher = Painted()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

APP = PAINTED + """
import sys
from fangzhi_desktop.ui.app import create_application
from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.settings import Settings
app = create_application()
window = MainWindow(sys.argv[1], settings=Settings.in_memory())
watcher = Painted()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def sample(code: str, *args: str) -> float:
    """Milliseconds from spawning the process to its "painted" line (the first paint); the
    process's own shutdown afterwards is not start-up and is not counted."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # Installed apps start from compiled bytecode (PyInstaller ships .pyc): let the warm-up
    # run write it even where the shell disables bytecode writing.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, env=env) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("painted"):
                elapsed = (time.perf_counter() - start) * 1000
                break
        else:
            raise AssertionError(f"no first paint (exit status {proc.wait()})")
        proc.wait(timeout=120)
    return elapsed


def timings(cases: list[tuple[str, str, tuple[str, ...]]], runs: int = 9) -> list[Timing]:
    """Samples of every case taken in turn (bare, app, bare, app …), so a change of load on a
    shared machine hits both alike and the ratio stays fair."""
    for _name, code, args in cases:
        sample(code, *args)  # warm the OS file cache once, as a second start of the day would be
    samples: list[list[float]] = [[] for _ in cases]
    for _ in range(runs):
        for n, (_name, code, args) in enumerate(cases):
            samples[n].append(sample(code, *args))
    out = []
    for (name, _code, _args), values in zip(cases, samples, strict=True):
        values.sort()
        out.append(Timing(name, values[len(values) // 2], values[0], values[-1], runs))
    return out


def main() -> int:
    from fangzhi_desktop.demo import build_demo

    db = build_demo(Path(tempfile.mkdtemp()) / "demo.db")
    bare, app = timings([("baseline: bare PySide6 window, 5 tabs of QTableView", BARE, ()),
                         ("方志办公桌面 on the demo database", APP, (str(db),))])
    ratio = app.median_ms / bare.median_ms
    return 0 if report("startup", [bare, app], [("start-up ÷ bare window", ratio, 1.5)]) else 1


if __name__ == "__main__":
    sys.exit(main())
