"""Edits of an item are undoable commands on the window's shared undo stack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.storage.workpoints import ItemFields, StatusFields
from fangzhi_desktop.ui.dialogs.item_dialogs import (
    ExtensionDialog,
    ExtensionValue,
    ItemEditDialog,
    LogEntryDialog,
    LogValue,
    StatusDialog,
)
from fangzhi_desktop.ui.main_window import MainWindow
from fangzhi_desktop.ui.workpoints_model import Column
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import select_work_item


def _window_on_item(make_window, demo_db: Path, no: int, year: int = 2023) -> MainWindow:
    window = make_window(demo_db)
    select_work_item(window, year, no)
    return window


def _cell(window: MainWindow, column: Column) -> str:
    tab = window.workpoints
    return tab.model.data(tab.model.index_of(tab.current_id).siblingAtColumn(column))


def _log_texts(window: MainWindow) -> list[str]:
    log = window.workpoints.detail.log_model
    return [log.data(log.index(row, 2)) for row in range(log.rowCount())]


def test_add_progress_undo_redo(make_window, demo_db: Path, monkeypatch) -> None:
    window = _window_on_item(make_window, demo_db, 19)  # 未启动, no progress yet
    assert _cell(window, Column.PROGRESS) == ""
    assert _cell(window, Column.STATUS) == "未启动"
    monkeypatch.setattr(LogEntryDialog, "ask", classmethod(
        lambda cls, parent, item, today, kind=EntryKind.PROGRESS:
        LogValue(date(2026, 11, 20), "已完成影印底本的遴选。", "王丽", EntryKind.PROGRESS)))
    window.workpoints.detail.buttons["progress"].click()
    assert _log_texts(window)[0] == "已完成影印底本的遴选。"
    assert _cell(window, Column.PROGRESS) == "2026-11-20 已完成影印底本的遴选。"
    assert _cell(window, Column.STATUS) == "推进中"
    assert window.undo_action.text() == "撤销 添加进展"

    window.undo_action.trigger()
    assert "已完成影印底本的遴选。" not in _log_texts(window)
    assert _cell(window, Column.PROGRESS) == ""
    assert _cell(window, Column.STATUS) == "未启动"
    assert window.redo_action.text() == "重做 添加进展"

    window.redo_action.trigger()
    assert _log_texts(window)[0] == "已完成影印底本的遴选。"
    assert _cell(window, Column.PROGRESS) == "2026-11-20 已完成影印底本的遴选。"
    assert window.dashboard.summary_label.text() == "逾期 7 项，本周到期 3 项"


def test_urge_is_logged_as_a_follow_up(make_window, demo_db: Path, monkeypatch) -> None:
    window = _window_on_item(make_window, demo_db, 2)
    monkeypatch.setattr(LogEntryDialog, "ask", classmethod(
        lambda cls, parent, item, today, kind=EntryKind.PROGRESS:
        LogValue(today, "请本周内报送进展。", "办公室", kind)))
    before = _cell(window, Column.PROGRESS)
    window.workpoints.detail.buttons["urge"].click()
    log = window.workpoints.detail.log_model
    assert log.data(log.index(0, 1)) == "催办"
    assert log.data(log.index(0, 0)) == DEMO_TODAY.isoformat()
    assert _cell(window, Column.PROGRESS) == before  # a follow-up is not progress
    assert window.undo_action.text() == "撤销 记录催办"


def test_set_status_undo_redo(make_window, demo_db: Path, monkeypatch) -> None:
    window = _window_on_item(make_window, demo_db, 2)
    assert _cell(window, Column.GRADE) == "逾期"
    monkeypatch.setattr(StatusDialog, "ask", classmethod(
        lambda cls, parent, item, today: StatusFields(Status.DONE, today, "已报送总结")))
    window.workpoints.detail.buttons["status"].click()
    assert _cell(window, Column.STATUS) == "已完成"
    assert _cell(window, Column.GRADE) == "正常"
    assert "已报送总结" in window.workpoints.detail.status.text()
    assert window.undo_action.text() == "撤销 修改状态"
    window.undo_action.trigger()
    assert _cell(window, Column.STATUS) == "推进中"
    assert _cell(window, Column.GRADE) == "逾期"
    window.redo_action.trigger()
    assert _cell(window, Column.STATUS) == "已完成"


def test_extend_deadline_undo_redo(make_window, demo_db: Path, monkeypatch) -> None:
    window = _window_on_item(make_window, demo_db, 1, year=2026)  # overdue since 10-31
    assert _cell(window, Column.GRADE) == "逾期"
    monkeypatch.setattr(ExtensionDialog, "ask", classmethod(
        lambda cls, parent, item, today:
        ExtensionValue(date(2027, 3, 31), "需等待省人大调研安排", today)))
    window.workpoints.detail.buttons["extend"].click()
    assert _cell(window, Column.DEADLINE) == "2027-03-31（已延期1次）"
    assert _cell(window, Column.GRADE) == "正常"
    assert "需等待省人大调研安排" in window.workpoints.detail.extensions.text()
    assert window.dashboard.summary_label.text() == "逾期 6 项，本周到期 3 项"
    window.undo_action.trigger()
    assert _cell(window, Column.DEADLINE) == "2026-10-31"
    assert window.workpoints.detail.extensions.text() == "无"
    assert window.dashboard.summary_label.text() == "逾期 7 项，本周到期 3 项"
    window.redo_action.trigger()
    assert _cell(window, Column.DEADLINE) == "2027-03-31（已延期1次）"


def test_edit_item_undo(make_window, demo_db: Path, monkeypatch) -> None:
    window = _window_on_item(make_window, demo_db, 3)
    old_text = _cell(window, Column.TEXT)
    monkeypatch.setattr(ItemEditDialog, "ask", classmethod(
        lambda cls, parent, item: ItemFields("修改后的条目内容。", ("办公室",), ("研究室",),
                                             "6月底前", date(2023, 6, 30))))
    window.workpoints.detail.buttons["edit"].click()
    assert _cell(window, Column.TEXT) == "修改后的条目内容。"
    assert _cell(window, Column.LEAD) == "办公室"
    assert _cell(window, Column.SUPPORT) == "研究室"
    assert _cell(window, Column.DEADLINE) == "2023-06-30"
    window.undo_action.trigger()
    assert _cell(window, Column.TEXT) == old_text
    assert _cell(window, Column.DEADLINE) == "2023-12-31"


def test_a_refused_edit_is_explained_and_not_stacked(make_window, demo_db: Path, monkeypatch,
                                                     said) -> None:
    window = _window_on_item(make_window, demo_db, 2)
    deadline = window.workpoints.current_item().deadline
    monkeypatch.setattr(ExtensionDialog, "ask", classmethod(
        lambda cls, parent, item, today: ExtensionValue(deadline, "同一天", today)))
    window.workpoints.detail.buttons["extend"].click()
    assert said.texts("error") == ["新的期限与现在的期限相同。"]
    assert window.undo_stack.count() == 0


def test_the_edited_item_stays_selected(make_window, demo_db: Path, monkeypatch) -> None:
    window = _window_on_item(make_window, demo_db, 9)
    item_id = window.workpoints.current_id
    monkeypatch.setattr(StatusDialog, "ask", classmethod(
        lambda cls, parent, item, today: StatusFields(Status.CLOSED, today, "")))
    window.workpoints.detail.buttons["status"].click()
    current = window.workpoints.tree.currentIndex()
    assert window.workpoints.model.item(current).id == item_id
    assert window.workpoints.detail.title.text() == "2023年 第9条"


@pytest.mark.parametrize("kind", list(EntryKind))
def test_log_dialog_value(qtbot, demo_db: Path, make_window, kind: EntryKind) -> None:
    window = _window_on_item(make_window, demo_db, 2)
    dialog = LogEntryDialog(window, window.workpoints.current_item(), DEMO_TODAY, kind)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.problem.text() == "请填写内容。"  # empty text is refused in the dialog
    dialog.text.setPlainText("已完成。")
    dialog.reporter.setText("张晓梅")
    value = dialog.value()
    assert value == LogValue(DEMO_TODAY, "已完成。", "张晓梅", kind)


def test_edit_dialog_resolves_a_typed_phrase(qtbot, demo_db: Path, make_window) -> None:
    window = _window_on_item(make_window, demo_db, 2)
    dialog = ItemEditDialog(window, window.workpoints.current_item())
    qtbot.addWidget(dialog)
    dialog.phrase.clear()
    dialog.phrase.insert("第三季度")
    dialog.phrase.textEdited.emit(dialog.phrase.text())
    assert dialog.value().deadline == date(2023, 9, 30)
    dialog.lead.setText("研究室，办公室")
    assert dialog.value().lead == ("研究室", "办公室")
