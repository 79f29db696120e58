"""Render the main window (or one of its dialogs) offscreen and save it as PNG (manuals,
tests, the CLI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from fangzhi_desktop.errors import FangzhiError

SETTLE_ROUNDS = 10
_QUIET = ("propagateSizeHints",)  # the offscreen plugin's harmless chatter


def _ensure_platform() -> None:
    """No display (CI, SSH): render offscreen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def take_screenshot(db_path: str | Path, tab: str, out: str | Path,
                    size: tuple[int, int] = (1280, 800), year: int | None = None,
                    dialog: str | None = None, large_font: bool = False) -> Path:
    """Open ``db_path``, show ``tab`` (and ``year`` in the ledger) and write a PNG to ``out``;
    with ``dialog`` (a name in ``screenshot_dialogs.DIALOGS``) that dialog is drawn instead;
    ``large_font`` draws it as with 设置 → 选项 → 大字体 on (screenshots never read the user's
    settings file)."""
    _ensure_platform()
    from PySide6.QtCore import QSize, Qt, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from fangzhi_desktop.ui import jobs, preferences
    from fangzhi_desktop.ui import settings as keys
    from fangzhi_desktop.ui.app import create_application
    from fangzhi_desktop.ui.main_window import MainWindow
    from fangzhi_desktop.ui.settings import Settings

    app = create_application()
    previous = qInstallMessageHandler(_quiet_handler)
    out = Path(out)
    settings = Settings.in_memory()
    settings.set(keys.LARGE_FONT, large_font)
    window = MainWindow(db_path, settings=settings)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(*size)
        window.select_tab(tab)
        if year is not None:
            window.workpoints.select_year(year)
        window.workpoints.select_first_item()
        if tab == "learning":
            window.learning.prepare_screenshot()
        if tab == "campaigns":
            window.campaigns.prepare_screenshot()
        if tab == "yearbook":
            window.yearbook.prepare_screenshot()
        window.show()
        for _ in range(SETTLE_ROUNDS):
            app.processEvents()
        if tab == "dashboard":
            window.dashboard.ensure_chart()
            for _ in range(SETTLE_ROUNDS):
                app.processEvents()
        if dialog is not None:
            pixmap = _grab_dialog(app, window, dialog)
        else:
            pixmap = window.grab()
            wanted = QSize(*size)
            if pixmap.size() != wanted and pixmap.deviceIndependentSize().toSize() != wanted:
                pixmap = pixmap.scaled(wanted)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FangzhiError(f"无法创建文件夹 {out.parent}（{exc.strerror}）。") from exc
        if not pixmap.save(str(out), "PNG"):
            raise FangzhiError(f"无法写入截图文件 {out}，请检查文件夹是否存在、是否有写入权限。")
    finally:
        jobs.wait_all()
        window.close()
        window.shutdown()
        window.deleteLater()
        QApplication.processEvents()
        qInstallMessageHandler(previous)
        if large_font:
            preferences.apply_font(False)  # the application outlives one picture (tests)
    return out


def _grab_dialog(app: Any, window: Any, name: str) -> Any:
    """Draw the dialog ``name`` over ``window`` once its background reading has finished."""
    from PySide6.QtCore import Qt

    from fangzhi_desktop.ui import jobs
    from fangzhi_desktop.ui.screenshot_dialogs import build_dialog

    dialog, scratch = build_dialog(name, window)
    try:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        dialog.show()
        for _ in range(SETTLE_ROUNDS):
            jobs.wait_all()
            app.processEvents()
        return dialog.grab()
    finally:
        jobs.wait_all()
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
        scratch.cleanup()


def _quiet_handler(mode: object, context: object, message: str) -> None:
    if any(part in message for part in _QUIET):
        return
    print(message, file=sys.stderr)
