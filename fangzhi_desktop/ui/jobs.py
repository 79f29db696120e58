"""Long work off the GUI thread: one helper for import, export and the like.

``start_job(parent, title, work, on_success=…)`` runs ``work(progress)`` on the thread pool.
``progress(fraction, text)`` raises ``Cancelled`` once the user pressed 取消. The result (or the
error) is delivered on the GUI thread; a progress dialog appears only if the work takes longer
than half a second. Work that needs the database opens its own connection (``in_database``):
a sqlite3 connection belongs to one thread.

Python objects must not die on a worker thread when they hold Qt objects (that crashes Qt):
while jobs run, the cyclic garbage collector is paused (it runs on the GUI thread before the
first job starts and once the workers are idle), and a finished job's runnable (with the
closure it ran) is kept until its worker thread has let go of it.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore  # ``QtCore.Qt`` when used: building it costs start-up ~20 ms
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from fangzhi_desktop.errors import Cancelled
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.ui.errors import report_error

SHOW_AFTER_MS = 500
SWEEP_MS = 50
_active: set[Job] = set()
_retired: list[QRunnable] = []  # finished runnables, released once the workers are idle
_gc_paused = False
_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The jobs' own thread pool (so "idle" means none of our workers is running)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
    return _pool


def running() -> int:
    """How many jobs have not finished yet (their results not yet handled)."""
    return len(_active)


def working() -> int:
    """How many jobs' work is still running in a worker (results not yet delivered)."""
    return sum(1 for job in _active if not job.done)


def in_database(db_path: Path,
                work: Callable[[sqlite3.Connection, Progress], Any]) -> Callable[[Progress], Any]:
    """Wrap ``work(conn, progress)`` so it runs on its own connection, closed afterwards."""

    def run(progress: Progress) -> Any:
        conn = open_database(db_path)
        try:
            return work(conn, progress)
        finally:
            conn.close()

    return run


class _Signals(QObject):
    """Lives on the GUI thread; the worker emits, so delivery is queued to the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals,
                 cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._work = work
        self._signals = signals
        self._cancel = cancel

    def _progress(self, fraction: float, text: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progressed.emit(float(fraction), text)

    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = self._work(self._progress)
        except BaseException as exc:
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class Job(QObject):
    """One piece of background work; ``finished`` is emitted last, whatever the outcome."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, work: Callable[[Progress], Any],
                 on_success: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 on_cancel: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._parent = parent
        self._title = title
        self._on_success = on_success
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._cancel = threading.Event()
        self._fraction = 0.0
        self._text = title
        self._dialog: QProgressDialog | None = None
        self._signals = _Signals()
        self._signals.progressed.connect(self._progressed, QtCore.Qt.ConnectionType.QueuedConnection)
        self._signals.succeeded.connect(self._succeeded, QtCore.Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, QtCore.Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(work, self._signals, self._cancel)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self.done = False

    def start(self) -> Job:
        _pause_gc()
        _active.add(self)
        self._timer.start(SHOW_AFTER_MS)
        pool().start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()
        if self._dialog is not None:
            self._dialog.setLabelText("正在取消……")

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog, once the work has taken longer than ``SHOW_AFTER_MS``."""
        return self._dialog

    @Slot()
    def _show_dialog(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self._text, "取消", 0, 1000, self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(int(self._fraction * 1000))
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        dialog.show()

    @Slot(float, str)
    def _progressed(self, fraction: float, text: str) -> None:
        self._fraction = max(0.0, min(1.0, fraction))
        self._text = text or self._text
        dialog = self._dialog
        if dialog is not None and not self._cancel.is_set():
            dialog.setLabelText(self._text)
            # Last: a window-modal dialog's setValue processes events, so the job may finish
            # (and ``_end`` drop the dialog) inside this call.
            dialog.setValue(int(self._fraction * 1000))

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._end()
        try:  # finished despite a late 取消: the work is done, so say so
            if self._on_success is not None:
                self._on_success(result)
        except Exception as exc:
            report_error(self._parent, exc)
        finally:
            self._finish()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._end()
        try:
            if isinstance(exc, Cancelled):
                if self._on_cancel is not None:
                    self._on_cancel()
            elif self._on_error is not None:
                self._on_error(exc)
            else:
                report_error(self._parent, exc)
        except Exception as handler_exc:
            report_error(self._parent, handler_exc)
        finally:
            self._finish()

    def _end(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _finish(self) -> None:
        _active.discard(self)
        _retired.append(self._runnable)
        _sweep()
        self.finished.emit()


def _pause_gc() -> None:
    """Collect now, on the GUI thread, then keep the collector off until the jobs are done."""
    global _gc_paused
    if _gc_paused or not gc.isenabled():
        return
    gc.collect()
    gc.disable()
    _gc_paused = True


def _sweep() -> None:
    """Once no worker runs: release finished runnables and let the collector run again."""
    global _gc_paused
    if pool().activeThreadCount() > 0:
        QTimer.singleShot(SWEEP_MS, _sweep)
        return
    _retired.clear()
    if _gc_paused and not _active:
        _gc_paused = False
        gc.enable()
        gc.collect()


def start_job(parent: QWidget | None, title: str, work: Callable[[Progress], Any], *,
              on_success: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              on_cancel: Callable[[], None] | None = None) -> Job:
    """Run ``work(progress)`` in the background; handlers run on the GUI thread.

    Errors go to ``on_error`` or, by default, to the user (``report_error``); a cancelled job
    calls ``on_cancel`` (if any) and nothing else.
    """
    return Job(parent, title, work, on_success, on_error, on_cancel).start()


def wait_all(timeout_ms: int = 30000) -> bool:
    """Block until no worker runs (at exit, in screenshots)."""
    done = pool().waitForDone(timeout_ms)
    if done:
        _sweep()
    return done
