"""The background job helper: results on the GUI thread, delayed progress dialog, cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from fangzhi_desktop.errors import Cancelled, FangzhiError
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage.workpoints import list_items
from fangzhi_desktop.ui import jobs


def test_result_arrives_on_the_gui_thread(qtbot, demo_db: Path) -> None:
    seen: list[tuple[int, int]] = []
    gui_thread = threading.get_ident()

    def work(conn, progress: Progress) -> tuple[int, int]:
        progress(0.5, "正在读取")
        return threading.get_ident(), len(list_items(conn, 2023))

    job = jobs.start_job(None, "读取", jobs.in_database(demo_db, work),
                         on_success=lambda result: seen.append((threading.get_ident(), result)))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    (handler_thread, (worker_thread, count)), = seen
    assert handler_thread == gui_thread != worker_thread
    assert count == 40
    assert jobs.running() == 0
    assert job.progress_dialog is None  # quick work shows no dialog


def test_user_errors_are_shown(qtbot, said) -> None:
    def work(progress: Progress) -> None:
        raise FangzhiError("文件正被其他程序占用，请关闭后重试。")

    job = jobs.start_job(None, "导出", work)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert said.texts("error") == ["文件正被其他程序占用，请关闭后重试。"]


def test_bugs_are_logged_not_shown(qtbot, said) -> None:
    def work(progress: Progress) -> None:
        raise ZeroDivisionError("oops")

    job = jobs.start_job(None, "导出", work)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    (log,) = said.texts("internal_error")
    assert Path(log).exists()
    assert "ZeroDivisionError" in Path(log).read_text(encoding="utf-8")
    said.shown.clear()  # expected here


def test_slow_work_shows_a_dialog_that_can_cancel(qtbot) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: Progress) -> str:
        started.set()
        for n in range(200):
            progress(n / 200, f"第{n}步")
            time.sleep(0.02)
        return "done"

    job = jobs.start_job(None, "导入", work, on_success=outcome.append,
                         on_cancel=lambda: outcome.append("cancelled"))
    assert started.wait(2)
    assert job.progress_dialog is None  # not at once
    qtbot.waitUntil(lambda: job.progress_dialog is not None
                    and job.progress_dialog.isVisible(), timeout=3000)
    dialog = job.progress_dialog
    assert dialog.labelText().startswith("第")
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(job.finished, timeout=5000):
        cancel.click()
    assert outcome == ["cancelled"]
    assert job.cancelled
    assert job.progress_dialog is None


def test_cancelled_is_not_an_error(qtbot, said) -> None:
    def work(progress: Progress) -> None:
        raise Cancelled()

    job = jobs.start_job(None, "导入", work)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert said.shown == []


def test_job_may_end_while_its_progress_dialog_updates(qtbot, monkeypatch) -> None:
    """A window-modal progress dialog's setValue processes events, so the job can finish (and
    drop its dialog) inside a progress report; the report must not touch the dialog after."""
    release = threading.Event()

    def work(progress: Progress) -> str:
        release.wait(5)
        return "done"

    job = jobs.start_job(None, "导出", work)
    qtbot.waitUntil(lambda: job.progress_dialog is not None, timeout=3000)
    dialog = job.progress_dialog
    real = dialog.setValue

    def set_value_finishing(value: int) -> None:
        real(value)
        job._end()  # what _succeeded does when the events processed here deliver the result

    monkeypatch.setattr(dialog, "setValue", set_value_finishing)
    job._progressed(0.5, "第2步")  # raised AttributeError when setLabelText came after
    assert job.progress_dialog is None
    release.set()
    qtbot.waitUntil(lambda: jobs.running() == 0, timeout=5000)
