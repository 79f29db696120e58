"""Starting the application: Qt set-up (Chinese, fonts), error hook, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from fangzhi_desktop import APP_ID, APP_NAME, __version__
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.paths import resource_path
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.errors import report_error

ORGANIZATION = "fangzhi"
PREFERRED_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                   "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun")


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), configured for Chinese users."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    configure_application(app)
    return app


def configure_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons", "fangzhi-256.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    load_qt_translation(app)
    apply_cjk_font(app)


def load_qt_translation(app: QApplication) -> bool:
    """Qt's own Chinese strings (确定/取消 on standard buttons), when the file is there."""
    if getattr(app, "_fangzhi_translator", None) is not None:
        return True
    translator = QTranslator(app)
    if not any(translator.load("qtbase_zh_CN", str(folder)) for folder in translation_dirs()):
        return False
    app.installTranslator(translator)
    app._fangzhi_translator = translator  # type: ignore[attr-defined]  # keep it alive
    return True


def translation_dirs() -> list[Path]:
    """Where ``qtbase_zh_CN.qm`` may be: Qt's own folder, the two wheel layouts (Linux/macOS
    ``PySide6/Qt/translations``, Windows ``PySide6/translations``) and, frozen, the copy that
    ``build.spec`` puts in ``qt_translations/``."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               package / "Qt" / "translations", package / "translations"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(Path(frozen) / "qt_translations")
    return [folder for folder in folders if folder.is_dir()]


def apply_cjk_font(app: QApplication) -> str | None:
    """Use the first installed font that renders Chinese well; keep the size. None if none."""
    families = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in families:
            font = QFont(app.font())
            font.setFamilies([family])
            app.setFont(font)
            return family
    return None


def excepthook(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """Uncaught errors: Chinese message for ``FangzhiError``, else log + 内部错误 dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    try:
        report_error(QApplication.activeWindow(), exc)
    except Exception:  # never let the hook itself fail loudly
        sys.__excepthook__(exc_type, exc, tb)


def install_excepthook() -> None:
    sys.excepthook = excepthook


def remembered_database(default: Path) -> Path:
    """The database chosen in the 入门向导 (if it still exists), else ``default``."""
    from fangzhi_desktop.ui import settings as keys
    from fangzhi_desktop.ui.settings import Settings

    chosen = Settings().get(keys.DATABASE)
    return Path(chosen) if chosen and Path(chosen).is_file() else default


def run(db_path: Path, *, remembered: bool = False) -> int:
    """Open the window on ``db_path`` (or on the database chosen in the 入门向导 when
    ``remembered``) and run until it closes; returns the exit code."""
    from fangzhi_desktop.ui import first_run, jobs
    from fangzhi_desktop.ui.main_window import MainWindow
    from fangzhi_desktop.ui.single_instance import SingleInstance

    app = create_application()
    if remembered:
        db_path = remembered_database(db_path)
    install_excepthook()
    instance = SingleInstance(db_path)
    if not instance.acquire():
        print(f"{APP_NAME}已经在使用 {db_path}，已切换到已打开的窗口。", file=sys.stderr)
        return 0
    try:
        while True:
            try:
                window = MainWindow(db_path)
            except FangzhiError as exc:
                prompts.error(None, f"{APP_NAME} — 无法打开数据文件", exc.message,
                              [p.text() for p in exc.problems])
                return exc.exit_code
            instance.activated.connect(window.bring_to_front)
            window.show()
            window.start_daily_backup()
            first_run.show_if_due(window)
            code = app.exec()
            jobs.wait_all()
            window.shutdown()
            instance.activated.disconnect(window.bring_to_front)
            if not window.restart_requested:
                return code
            window.deleteLater()
            switch_to = getattr(window, "switch_to", None)
            if switch_to is not None and switch_to != db_path:
                instance.release()  # another database: hold its lock instead
                db_path, instance = switch_to, SingleInstance(switch_to)
                if not instance.acquire():
                    print(f"{APP_NAME}已经在使用 {db_path}，已切换到已打开的窗口。", file=sys.stderr)
                    return 0
    finally:
        instance.release()
