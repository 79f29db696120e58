"""总览's 生成月度报告 / 生成季度报告: ask where to save, draw the charts (on the GUI thread),
then write the 公文 in the background through ``ui.jobs``."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.domain.office_report import Period, period_of
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.ui import jobs, prompts


def suggested_name(period: Period) -> str:
    return f"{period.label}工作情况报告.docx"


def chart_images(conn: sqlite3.Connection, today: date) -> list[tuple[str, bytes]]:
    """Every chart with something to show, as PNG (QtCharts is imported here)."""
    from fangzhi_desktop.operations.dashboard_data import load_chart_data
    from fangzhi_desktop.ui.dashboard_chart_frame import chart_image, png_bytes
    from fangzhi_desktop.ui.dashboard_charts import SPECS, chart_builder

    data = load_chart_data(conn, today)
    images = []
    for spec in SPECS:
        make = chart_builder(spec.key, data)
        if make is not None:
            images.append((spec.name, png_bytes(chart_image(make()))))
    return images


def start_report(parent: QWidget, conn: sqlite3.Connection, db_path: Path, today: date,
                 quarterly: bool = False) -> jobs.Job | None:
    """Ask for the file, then write the report of this month (quarter); None if cancelled."""
    period = period_of(today, quarterly)
    path = prompts.save_file(parent, f"生成{period.kind}工作情况报告", "Word 文档 (*.docx)",
                             suggested_name(period))
    if path is None:
        return None
    if path.suffix.lower() != ".docx":
        path = path.with_name(path.name + ".docx")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # drawing takes a second or two
    try:
        images = chart_images(conn, today)
    finally:
        QGuiApplication.restoreOverrideCursor()

    def work(conn: sqlite3.Connection, progress: Progress) -> Path:
        from fangzhi_desktop.operations.office_report import write_report

        return write_report(conn, period, path, today, images, progress)

    return jobs.start_job(parent, f"正在生成{period.kind}工作情况报告",
                          jobs.in_database(db_path, work),
                          on_success=lambda written: _done(parent, written))


def _done(parent: QWidget, path: Path) -> None:
    choice = prompts.offer_open(parent, "报告已生成", f"已生成：{path}")
    if choice is None:
        return
    target = path if choice == prompts.OPEN_FILE else path.parent
    if not prompts.open_url(QUrl.fromLocalFile(str(target))):
        prompts.error(parent, "无法打开", f"无法打开：{target}\n请在文件管理器中找到它。")
