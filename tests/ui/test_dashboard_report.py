"""总览's 生成月度报告 / 生成季度报告 buttons (through ui.jobs)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fangzhi_desktop.ui import jobs
from fangzhi_desktop.ui.main_window import MainWindow
from tests.exporters.docx_checks import all_text


def test_monthly_report_with_charts(make_window, demo_db: Path, tmp_path: Path, qtbot,
                                    said) -> None:
    import docx

    window: MainWindow = make_window(demo_db, show=True)
    said.answers["save_file"] = tmp_path / "十一月"
    qtbot.mouseClick(window.dashboard.month_report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said.texts("offer_open")), timeout=20000)
    out = tmp_path / "十一月.docx"
    assert said.shown[0][:2] == ("save_file", "生成月度工作情况报告")
    assert said.texts("offer_open") == [f"已生成：{out}"]
    text = all_text(out)
    assert text.startswith("2026年11月工作情况报告")
    assert "图1　工作要点：按状态和预警" in text and "图7　干部学习：各科室人均学时" in text
    assert len(docx.Document(str(out)).inline_shapes) == 7


def test_quarterly_report_cancelled(make_window, demo_db: Path, said) -> None:
    window: MainWindow = make_window(demo_db)
    said.answers["save_file"] = None
    assert window.dashboard.start_report(quarterly=True) is None
    assert said.shown[0][:2] == ("save_file", "生成季度工作情况报告")
    assert jobs.running() == 0
