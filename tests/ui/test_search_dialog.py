"""Global search in the window: Ctrl+K, Chinese, 拼音 initials, full ID number, jumps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fangzhi_desktop.storage.search import Kind
from fangzhi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import type_text


def _search(qtbot: QtBot, window: MainWindow, text: str) -> list:
    window.show_search()
    dialog = window.search_dialog
    dialog.box.clear()
    type_text(dialog.box, text)
    assert dialog.box.text() == text
    qtbot.waitUntil(lambda: not dialog._timer.isActive(), timeout=3000)
    return [dialog.results.topLevelItem(i).text(0)
            for i in range(dialog.results.topLevelItemCount())]


def test_shortcuts_open_the_dialog(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    shortcuts = [s.toString() for s in window.search_action.shortcuts()]
    assert shortcuts == ["Ctrl+K", "Ctrl+F"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.tabs, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_dialog is not None
                    and window.search_dialog.isVisible())
    assert "拼音首字母" in window.search_dialog.message.text()  # the empty state explains


def test_chinese_search_groups_and_jumps_to_an_item(make_window, demo_db: Path,
                                                    qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    groups = _search(qtbot, window, "地方志")
    assert groups[0].startswith("年度工作要点（")
    dialog = window.search_dialog
    hit = dialog.current_hit()
    assert hit.kind is Kind.ITEM and "地方志" in hit.title
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_tab_key() == "workpoints"
    assert window.workpoints.current_id == hit.ref
    assert window.workpoints.year() == hit.year


def test_down_key_and_nothing_found(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    _search(qtbot, window, "年鉴")
    dialog = window.search_dialog
    first = dialog.current_hit()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    assert dialog.current_hit() != first
    _search(qtbot, window, "没有这种内容")
    assert dialog.stack.currentWidget() is dialog.message
    assert "没有找到“没有这种内容”" in dialog.message.text()


def test_pinyin_initials_jump_to_the_person(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    person_id, name = window.conn.execute(
        "SELECT id, name FROM people ORDER BY id LIMIT 1").fetchone()
    from fangzhi_desktop.domain.pinyin_initials import initials

    groups = _search(qtbot, window, initials(name).split()[0])
    assert any(g.startswith("人员（") for g in groups)
    dialog = window.search_dialog
    people = next(dialog.results.topLevelItem(i) for i in range(len(groups))
                  if groups[i].startswith("人员"))
    row = next(people.child(j) for j in range(people.childCount())
               if people.child(j).text(0) == name)
    dialog.results.setCurrentItem(row)
    dialog.results.itemActivated.emit(row, 0)
    assert window.current_tab_key() == "learning"
    assert window.learning.people.current_id == person_id


def test_full_id_number_shows_the_person_masked(make_window, demo_db: Path,
                                                qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    name, id_number = window.conn.execute(
        "SELECT name, id_number FROM people WHERE id_number IS NOT NULL LIMIT 1").fetchone()
    assert _search(qtbot, window, id_number) == ["人员（1）"]
    row = window.search_dialog.results.topLevelItem(0).child(0)
    shown = " ".join(row.text(c) for c in range(4))
    assert name in shown and id_number not in shown and id_number[-4:] in shown


def test_jumps_to_task_node_and_activity(make_window, demo_db: Path, qtbot: QtBot) -> None:
    from fangzhi_desktop.storage.search import search
    from fangzhi_desktop.ui.search_dialog import open_hit

    window = make_window(demo_db, show=True)
    conn = window.conn
    task_text = conn.execute("SELECT text FROM campaign_tasks LIMIT 1").fetchone()[0]
    task = next(h for h in search(conn, task_text[:8]) if h.kind is Kind.TASK)
    open_hit(window, task)
    assert window.current_tab_key() == "campaigns"
    assert window.campaigns.current_task().id == task.ref

    node_title = conn.execute("SELECT title FROM yearbook_nodes WHERE parent_id IS NOT NULL "
                              "ORDER BY id DESC LIMIT 1").fetchone()[0]
    node = next(h for h in search(conn, node_title) if h.kind is Kind.NODE)
    open_hit(window, node)
    assert window.current_tab_key() == "yearbook"
    assert window.yearbook.selected_id() == node.ref

    activity_title = conn.execute("SELECT title FROM learning_activities "
                                  "ORDER BY start_date LIMIT 1").fetchone()[0]
    activity = next(h for h in search(conn, activity_title) if h.kind is Kind.ACTIVITY)
    open_hit(window, activity)
    assert window.current_tab_key() == "learning"
    assert window.learning.activities.current_id == activity.ref
    assert window.learning.year() == activity.year
