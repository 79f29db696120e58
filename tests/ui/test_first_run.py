"""The guide wired to the window: shown by the launcher on a new database, never by the
window itself; reopened from 帮助; closing it marks it as seen; a chosen file is remembered."""

from __future__ import annotations

from pathlib import Path

from fangzhi_desktop.storage.first_run import guide_due
from fangzhi_desktop.ui import first_run
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.app import remembered_database
from fangzhi_desktop.ui.dialogs.first_run_dialog import FirstRunDialog


def test_the_window_never_opens_the_guide_itself(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "new.db")
    assert getattr(window, "first_run_dialog", None) is None


def test_due_on_a_new_database_and_dismissed_on_close(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "new.db")
    dialog = first_run.show_if_due(window)
    assert isinstance(dialog, FirstRunDialog)
    assert window.first_run_dialog is dialog
    dialog.reject()
    assert window.first_run_dialog is None
    assert not guide_due(window.conn)
    assert first_run.show_if_due(window) is None


def test_not_due_on_the_demo_database(make_window, demo_db: Path) -> None:
    assert first_run.show_if_due(make_window(demo_db)) is None


def test_help_menu_reopens_it(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    window.guide_action.trigger()
    assert isinstance(window.first_run_dialog, FirstRunDialog)
    assert window.first_run_dialog.isVisible()
    window.first_run_dialog.reject()


def test_steps_open_the_real_dialogs(make_window, tmp_path: Path, said, monkeypatch) -> None:
    window = make_window(tmp_path / "new.db")
    opened: list[str] = []
    monkeypatch.setattr(window, "edit_profile", lambda: opened.append("profile"))
    monkeypatch.setattr(window.workpoints, "start_import", lambda: opened.append("workpoints"))
    monkeypatch.setattr(window.learning.people, "start_import", lambda: opened.append("roster"))
    dialog = first_run.open_guide(window)
    dialog.run_step("profile")
    dialog.run_step("roster")
    assert window.current_tab_key() == "learning"
    dialog.run_step("workpoints")
    assert window.current_tab_key() == "workpoints"
    assert opened == ["profile", "roster", "workpoints"]
    dialog.reject()


def test_switching_database_remembers_it_and_restarts(make_window, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    window = make_window(tmp_path / "new.db")
    first_run.switch_database(window, other)
    assert window.restart_requested
    assert window.switch_to == other
    assert window.settings.get(keys.DATABASE) == str(other)


def test_a_remembered_database_is_used_only_while_it_exists(tmp_path: Path) -> None:
    from fangzhi_desktop.ui.settings import Settings

    default = tmp_path / "default.db"
    chosen = tmp_path / "chosen.db"
    settings = Settings()
    settings.set(keys.DATABASE, str(chosen))
    settings.sync()
    assert remembered_database(default) == default
    chosen.write_bytes(b"")
    assert remembered_database(default) == chosen
