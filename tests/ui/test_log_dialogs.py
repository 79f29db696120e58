"""添加进展 / 催办 dialogs of work items and campaign tasks share one form."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from fangzhi_desktop.domain.workpoints import EntryKind
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.campaigns import list_campaigns, list_tasks
from fangzhi_desktop.storage.workpoints import list_items
from fangzhi_desktop.ui.dialogs.campaign_dialogs import TaskLogDialog
from fangzhi_desktop.ui.dialogs.item_dialogs import LogEntryDialog


def test_both_dialogs_fill_and_validate(qtbot: QtBot, demo_db: Path) -> None:
    conn = open_database(demo_db)
    item = list_items(conn, 2023)[0]
    campaign = list_campaigns(conn)[0]
    task = list_tasks(conn, campaign.id)[0]
    today = date(2026, 11, 23)
    item_dialog = LogEntryDialog(None, item, today, EntryKind.URGE)
    task_dialog = TaskLogDialog(None, task, today, EntryKind.PROGRESS)
    for dialog in (item_dialog, task_dialog):
        qtbot.addWidget(dialog)
        assert dialog.validate() == "请填写内容。"
        dialog.text.setPlainText("已完成初稿。")
        assert dialog.validate() is None
    assert item_dialog.value().kind is EntryKind.URGE
    assert item_dialog.windowTitle() == "催办"
    value = task_dialog.value()
    assert (value.entry_date, value.text, value.reporter) == (today, "已完成初稿。", task.person)


def test_both_extension_dialogs_share_one_form(qtbot: QtBot, demo_db: Path) -> None:
    from fangzhi_desktop.ui.dialogs.campaign_dialogs import TaskExtensionDialog
    from fangzhi_desktop.ui.dialogs.item_dialogs import ExtensionDialog

    conn = open_database(demo_db)
    item = list_items(conn, 2023)[0]
    task = list_tasks(conn, list_campaigns(conn)[0].id)[0]
    today = date(2026, 11, 23)
    item_dialog = ExtensionDialog(None, item, today)
    task_dialog = TaskExtensionDialog(None, task, today)
    for dialog in (item_dialog, task_dialog):
        qtbot.addWidget(dialog)
        assert dialog.validate() == "请填写延期原因。"
        dialog.reason.setPlainText("资料未齐")
        assert dialog.validate() is None
    assert item_dialog.value().new_deadline == today + timedelta(days=30)
    new_deadline, reason, decided_on = task_dialog.value()
    assert (new_deadline, reason, decided_on) == (
        max(task.deadline or today, today) + timedelta(days=14), "资料未齐", today)
