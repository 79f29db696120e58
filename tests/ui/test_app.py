"""Application set-up: Chinese Qt strings, CJK font, the error hook, opening the database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.ui import app as ui_app


def test_configure_application(qapp) -> None:
    ui_app.configure_application(qapp)
    assert qapp.applicationName() == "方志办公桌面"
    assert ui_app.load_qt_translation(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    family = ui_app.apply_cjk_font(qapp)
    assert family is None or family in ui_app.PREFERRED_FONTS


def test_excepthook_shows_user_errors_in_chinese(said) -> None:
    error = FangzhiError("数据文件已损坏。")
    ui_app.excepthook(FangzhiError, error, None)
    assert said.texts("error") == ["数据文件已损坏。"]


def test_excepthook_logs_bugs(said) -> None:
    try:
        raise KeyError("x")
    except KeyError as exc:
        ui_app.excepthook(KeyError, exc, exc.__traceback__)
    (log,) = said.texts("internal_error")
    assert "KeyError" in Path(log).read_text(encoding="utf-8")
    said.shown.clear()


def test_install_excepthook(monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    ui_app.install_excepthook()
    assert sys.excepthook is ui_app.excepthook


def test_run_refuses_a_file_that_is_not_a_database(qapp, tmp_path: Path, said,
                                                   monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    bad = tmp_path / "notes.db"
    bad.write_text("不是数据库", encoding="utf-8")
    assert ui_app.run(bad) == FangzhiError.exit_code
    assert "不是方志办公桌面的数据文件" in said.texts("error")[0]


def test_run_shows_the_window(qapp, demo_db: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    shown: list[str] = []

    class App:
        """The real QApplication, but exec() returns at once (leaving the test's loop alone)."""

        def exec(self) -> int:
            shown.extend(w.windowTitle() for w in QApplication.topLevelWidgets()
                         if w.isVisible() and w.windowTitle().startswith("方志办公桌面"))
            return 0

    monkeypatch.setattr(ui_app, "create_application", lambda: App())
    assert ui_app.run(demo_db) == 0
    assert shown == ["方志办公桌面 — demo.db"]
    for widget in QApplication.topLevelWidgets():
        if widget.windowTitle() == "方志办公桌面 — demo.db":
            widget.close()
            widget.deleteLater()


def test_standard_buttons_read_chinese(qapp, qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    ui_app.configure_application(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", ""),
             box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")}
    assert {"确定", "取消"} <= {t.split("(")[0] for t in texts}
    message = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    yes = message.button(QMessageBox.StandardButton.Yes).text().replace("&", "")
    assert yes.split("(")[0] == "是"


def test_translation_is_found_in_the_frozen_folder(monkeypatch, tmp_path) -> None:
    (tmp_path / "qt_translations").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert tmp_path / "qt_translations" in ui_app.translation_dirs()
