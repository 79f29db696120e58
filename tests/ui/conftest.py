"""UI test set-up: blocking dialogs answered by the test, a main window on a database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui import jobs, prompts
from tests.conftest import DEMO_TODAY


@dataclass
class Prompts:
    """What the app said to the user; tests set ``answers`` for questions they expect."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)
    answers: dict[str, Any] = field(default_factory=dict)

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _, text in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def said(monkeypatch: pytest.MonkeyPatch) -> Iterator[Prompts]:
    """Replace every blocking dialog; an unexpected question fails the test."""
    record = Prompts()

    def answer(kind: str) -> Callable[..., Any]:
        def ask(_parent: object, title: str, text: str = "", *args: object,
                **kwargs: object) -> Any:
            record.shown.append((kind, title, text))
            if kind not in record.answers:
                raise AssertionError(f"unexpected {kind} dialog: {title} {text}")
            value = record.answers[kind]
            return value() if callable(value) else value
        return ask

    def tell(kind: str) -> Callable[..., None]:
        def show(_parent: object, title: str, text: str = "", *args: object,
                 **kwargs: object) -> None:
            record.shown.append((kind, title, text))
        return show

    for kind in ("open_file", "open_files", "save_file", "confirm", "ask_year", "choose_folder"):
        monkeypatch.setattr(prompts, kind, answer(kind))
    for kind in ("inform", "error", "about"):
        monkeypatch.setattr(prompts, kind, tell(kind))
    def offer_open(_parent: object, title: str, text: str) -> str | None:
        record.shown.append(("offer_open", title, text))
        return record.answers.get("offer_open")  # 关闭 unless the test chooses

    def open_url(url: Any) -> bool:
        record.shown.append(("open_url", "", url.toLocalFile()))
        return bool(record.answers.get("open_url", True))

    def full_numbers(_parent: object, title: str, text: str, _label: str) -> bool | None:
        record.shown.append(("full_numbers", title, text))
        return record.answers.get("full_numbers", False)  # masked unless the test ticks it

    monkeypatch.setattr(prompts, "offer_open", offer_open)
    monkeypatch.setattr(prompts, "full_numbers", full_numbers)
    monkeypatch.setattr(prompts, "open_url", open_url)
    monkeypatch.setattr(prompts, "internal_error", lambda _parent, log: record.shown.append(
        ("internal_error", "内部错误", str(log))))
    yield record
    bugs = record.texts("internal_error")
    assert not bugs, f"an internal error was reported (see log {bugs})"


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Build a MainWindow (settings in a temp file, today fixed); closed afterwards."""
    from fangzhi_desktop.ui.main_window import MainWindow
    from fangzhi_desktop.ui.settings import Settings

    windows: list[MainWindow] = []

    def make(db: Path, today: date = DEMO_TODAY, show: bool = False) -> MainWindow:
        window = MainWindow(db, today=today, settings=Settings(tmp_path / "settings.ini"))
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    qtbot.waitUntil(lambda: jobs.running() == 0, timeout=10000)
    for window in windows:
        window.close()
        window.shutdown()


def wait_for_jobs(qtbot: QtBot, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: jobs.running() == 0, timeout=timeout)


def type_text(widget: Any, text: str) -> None:
    """Type ``text`` the way Chinese arrives from an input method (QTest cannot type CJK)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def select_work_item(window: Any, year: int = 2023, no: int = 19) -> Any:
    """Show 年度工作要点 at ``year`` with item ``no`` selected (the demo's 2023年第19条);
    returns the tab."""
    window.select_tab("workpoints")
    tab = window.workpoints
    tab.year_combo.setCurrentIndex(tab.year_combo.findData(year))
    item = next(i for i in tab.model.items() if i.no == no)
    assert tab.select_item(item.id)
    return tab
