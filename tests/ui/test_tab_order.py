"""Keyboard: the main forms open in their first field and Tab walks them in reading order."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeView, QWidget
from pytestqt.qtbot import QtBot

from fangzhi_desktop.ui.activity_form import ActivityForm
from fangzhi_desktop.ui.dialogs.campaign_dialogs import TaskEditDialog
from fangzhi_desktop.ui.dialogs.item_dialogs import ItemEditDialog
from fangzhi_desktop.ui.dialogs.office_profile_dialog import OfficeProfileDialog

ROW_SLACK = 4  # pixels


def focus_chain(top: QWidget) -> list[QWidget]:
    """The widgets inside ``top`` that Tab reaches, in order, from the start of its window."""
    tab = Qt.FocusPolicy.TabFocus
    found: list[QWidget] = []
    start = top.window()
    widget = start.nextInFocusChain()
    while widget is not start and widget not in found:
        if widget.focusPolicy() & tab == tab and top.isAncestorOf(widget) \
                and widget.isVisibleTo(top) and widget.isEnabled() \
                and widget.focusProxy() is None:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def in_reading_order(top: QWidget, widgets: list[QWidget]) -> bool:
    """Each widget is below the one before it, or on the same row and to its right (widgets
    of different heights side by side are centred on the row: a few pixels apart)."""
    rows = [w.mapTo(top, QPoint(0, w.height() // 2)) for w in widgets]  # centres of the rows
    return all(b.y() > a.y() + ROW_SLACK or (abs(b.y() - a.y()) <= ROW_SLACK and b.x() > a.x())
               for a, b in pairwise(rows))


def fields_then_buttons(dialog: ItemEditDialog | TaskEditDialog | OfficeProfileDialog
                        ) -> list[QWidget]:
    """The dialog's Tab cycle from its first field: the form, then 确定 and 取消."""
    chain = focus_chain(dialog)
    buttons = [w for w in chain if dialog.buttons.isAncestorOf(w)]
    fields = [w for w in chain if w not in buttons]
    assert fields and buttons, "a form has fields and buttons"
    assert in_reading_order(dialog, fields)
    return fields + buttons


def test_tab_walks_the_work_item_form(make_window, demo_db: Path, qtbot: QtBot) -> None:
    window = make_window(demo_db, show=True)
    window.workpoints.select_first_item()
    dialog = ItemEditDialog(window, window.workpoints.current_item())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.text  # not 确定

    visited = [QApplication.focusWidget()]
    for _ in range(12):  # Tab first steps through the date's year, month and day
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not visited[-1]:
            visited.append(QApplication.focusWidget())
        if len(visited) == 8:
            break
    ok, cancel = (dialog.buttons.button(b) for b in (dialog.buttons.StandardButton.Ok,
                                                       dialog.buttons.StandardButton.Cancel))
    assert visited == [dialog.text, dialog.lead, dialog.support, dialog.phrase,
                       dialog.deadline, *sorted((ok, cancel), key=lambda b: b.x()), dialog.text]
    assert dialog.text.toPlainText() == window.workpoints.current_item().text  # Tab typed none


def test_task_and_profile_forms_follow_reading_order(make_window, demo_db: Path,
                                                     qtbot: QtBot) -> None:
    window = make_window(demo_db)
    tab = window.campaigns
    task = TaskEditDialog(tab, tab._resolver(), tab._phases)
    profile = OfficeProfileDialog(window, window.conn, 2026)
    for dialog in (task, profile):
        qtbot.addWidget(dialog)
        dialog.show()
        order = fields_then_buttons(dialog)
        assert dialog.focusWidget() is order[0]
    assert fields_then_buttons(task)[:6] == [task.text, task.unit, task.person, task.group,
                                             task.phase, task.deadline]


def test_activity_form_follows_reading_order(qtbot: QtBot) -> None:
    form = ActivityForm()
    qtbot.addWidget(form)
    form.resize(900, 700)
    form.show()
    qtbot.waitExposed(form)
    chain = focus_chain(form)
    attendees = next(w for w in chain if isinstance(w, QTreeView))  # the right-hand column
    column = attendees.mapTo(form, QPoint(0, 0)).x()
    left = [w for w in chain if w.mapTo(form, QPoint(0, 0)).x() < column]
    assert len(left) >= 8
    assert in_reading_order(form, left), [(type(w).__name__, w.mapTo(form, QPoint(0, 0)))
                                          for w in left]
    assert chain.index(attendees) > chain.index(left[-1])  # the details first, then who came
