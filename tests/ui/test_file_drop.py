"""Dropping a file on the window opens the right import with the file already chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui.main_window import MainWindow
from tests.conftest import SAMPLES
from tests.importers.roster_builders import standard_roster, synthetic_rows, write_xlsx
from tests.ui.conftest import wait_for_jobs

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drop(window: MainWindow, *paths: Path) -> bool:
    """Drag ``paths`` over the window and drop them; whether the window accepted the drag."""
    mime = _mime(*paths)
    where = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(where, actions, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_drop_a_work_points_notice(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    window.select_tab("learning")
    notice = SAMPLES / "003_4e59df0e3bf8976e.txt"
    assert drop(window, notice)
    assert window.current_tab_key() == "workpoints"
    dialog = window.workpoints.import_dialog
    assert dialog.isVisible() and dialog.path == notice
    wait_for_jobs(qtbot)
    dialog.reject()


def test_drop_a_campaign_plan_and_a_briefing(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    plan = SAMPLES / "000_d1fb1299b6599f8a.txt"
    assert drop(window, plan)
    assert window.current_tab_key() == "campaigns"
    assert window.campaigns.import_dialog.path == plan
    wait_for_jobs(qtbot)
    window.campaigns.import_dialog.reject()

    briefing = SAMPLES / "002_df6267391c5c8d51.txt"
    assert drop(window, briefing)
    assert window.current_tab_key() == "learning"
    assert window.learning.views.currentWidget() is window.learning.briefings
    assert window.learning.briefings.import_dialog.path == briefing
    wait_for_jobs(qtbot)
    window.learning.briefings.import_dialog.reject()


def test_drop_a_roster(make_window, demo_db: Path, qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(demo_db, show=True)
    roster = write_xlsx(tmp_path / "花名册.xlsx", standard_roster(synthetic_rows(4)))
    assert drop(window, roster)
    assert window.learning.views.currentWidget() is window.learning.people
    dialog = window.learning.people.import_dialog
    assert dialog.path == roster
    wait_for_jobs(qtbot)
    dialog.reject()


def test_drop_manuscripts_on_the_yearbook(make_window, demo_db: Path, qtbot: QtBot,
                                          tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from fangzhi_desktop.ui.dialogs.yearbook_dialogs import ManuscriptsPreviewDialog

    previews: list = []
    monkeypatch.setattr(ManuscriptsPreviewDialog, "ask",
                        staticmethod(lambda _parent, preview: previews.append(preview)))
    window = make_window(demo_db, show=True)
    first, second = tmp_path / "基础教育.txt", tmp_path / "职业教育.txt"
    first.write_text("基础教育\n全县有中小学32所。", encoding="utf-8")
    second.write_text("职业教育\n全县有职业学校2所。", encoding="utf-8")
    assert drop(window, first, second)
    assert window.current_tab_key() == "yearbook"
    wait_for_jobs(qtbot)
    assert len(previews) == 1
    assert window.yearbook.current_year() is not None


def test_unknown_files_are_explained(make_window, demo_db: Path, said, tmp_path: Path) -> None:
    window = make_window(demo_db, show=True)
    assert drop(window, BAD / "binary-junk.txt")
    (text,) = said.texts("inform")
    assert text.startswith("无法识别“binary-junk.txt”：") and "可以拖入" in text
    said.shown.clear()
    assert drop(window, SAMPLES / "003_4e59df0e3bf8976e.txt", SAMPLES / "000_d1fb1299b6599f8a.txt")
    assert said.texts("inform") == ["请一次拖入一个文件（年鉴来稿可以一次拖入多份）。"]
    assert window.workpoints.import_dialog is None or not window.workpoints.import_dialog.isVisible()


def test_dragging_text_or_a_folder_is_refused(make_window, demo_db: Path,
                                              tmp_path: Path) -> None:
    window = make_window(demo_db, show=True)
    assert not drop(window, tmp_path)
    mime = QMimeData()
    mime.setText("只是文字")
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
