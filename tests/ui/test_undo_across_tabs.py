"""One undo stack for the whole window: edits in two tabs undone and redone in order, with
the edit's name in the 编辑 menu; Enter on a row edits it."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fangzhi_desktop.domain.workpoints import EntryKind
from fangzhi_desktop.storage import yearbook_tree as tree_store
from fangzhi_desktop.storage.search import search
from fangzhi_desktop.ui.dialogs.item_dialogs import LogEntryDialog, LogValue
from fangzhi_desktop.ui.dialogs.yearbook_dialogs import NodeDialog
from tests.ui.conftest import select_work_item


def _edit_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[1].menu()
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _progress_entries(window) -> int:
    return window.conn.execute(
        "SELECT count(*) FROM work_item_log WHERE text = '完成底本遴选。'").fetchone()[0]


def test_undo_and_redo_across_two_tabs(make_window, demo_db: Path, qtbot: QtBot,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(demo_db, show=True)
    # 1. 年度工作要点: add progress to an item.
    tab = select_work_item(window)
    monkeypatch.setattr(LogEntryDialog, "ask", classmethod(
        lambda cls, parent, item, today, kind=EntryKind.PROGRESS:
        LogValue(date(2026, 11, 20), "完成底本遴选。", "王丽", EntryKind.PROGRESS)))
    tab.detail.buttons["progress"].click()
    assert window.undo_action.text() == "撤销 添加进展" and _progress_entries(window) == 1

    # 2. 年鉴编纂: rename a node with Enter on the tree (the rename dialog answers).
    window.select_tab("yearbook")
    yearbook = window.yearbook
    node = next(n for n in yearbook.tree_model._items.values() if n.children)
    assert yearbook.select_node(node.id)
    old_title = node.title
    monkeypatch.setattr(NodeDialog, "ask", classmethod(
        lambda cls, parent, title, fields, units, show, what="":
        dataclasses.replace(fields, title="新改的类目名称")))
    yearbook.tree.setFocus()
    qtbot.keyClick(yearbook.tree, Qt.Key.Key_Return)
    assert tree_store.node_fields(window.conn, node.id).title == "新改的类目名称"
    assert window.undo_action.text() == f"撤销 重命名“{old_title}”"
    assert f"撤销 重命名“{old_title}”" in _edit_menu_texts(window)
    assert [h.ref for h in search(window.conn, "新改的类目名称")] == [node.id]

    # 3. Undo from the other tab: the latest edit (the rename) goes first.
    window.select_tab("workpoints")
    window.undo_action.trigger()
    assert tree_store.node_fields(window.conn, node.id).title == old_title
    assert search(window.conn, "新改的类目名称") == []
    assert window.undo_action.text() == "撤销 添加进展"
    assert window.redo_action.text() == f"重做 重命名“{old_title}”"
    window.undo_action.trigger()
    assert _progress_entries(window) == 0
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "撤销"

    # 4. Redo both, in order.
    window.redo_action.trigger()
    assert window.undo_action.text() == "撤销 添加进展" and _progress_entries(window) == 1
    window.redo_action.trigger()
    assert tree_store.node_fields(window.conn, node.id).title == "新改的类目名称"
    assert window.redo_action.text() == "重做" and not window.redo_action.isEnabled()


def test_shortcuts_are_shown_in_the_menus(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().isEmpty() is False
    rename = window.yearbook.node_actions["rename"]
    assert rename.shortcut().toString() == "F2"
    assert rename in window.yearbook.node_menu().actions()


def test_enter_opens_the_item_editor(make_window, demo_db: Path, qtbot: QtBot,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from fangzhi_desktop.ui.dialogs.item_dialogs import ItemEditDialog

    window = make_window(demo_db, show=True)
    tab = window.workpoints
    item = tab.model.items()[0]
    assert tab.select_item(item.id)
    asked: list[int] = []
    monkeypatch.setattr(ItemEditDialog, "ask", classmethod(
        lambda cls, parent, *args, **kwargs: asked.append(1)))
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    assert asked == [1]
