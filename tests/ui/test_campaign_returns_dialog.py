"""The round trip with the units through the window: 导出 ▾ → 各单位反馈表… into a folder, a
unit fills its sheet (openpyxl stands in for Excel), 导入反馈表… shows the changes per task and
the rows that match nothing, 确认导入 saves them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.ui.campaign_exports import CampaignExport
from tests.ui.conftest import wait_for_jobs


def _fill(path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["任务反馈"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    ws.cell(row=rows[15], column=5).value = "已征集图片126幅，正在筛选。"
    ws.cell(row=rows[26], column=5).value = "专栏已推出稿件20篇。"
    ws.cell(row=rows[26], column=6).value = "2026-11-20"
    last = ws.max_row + 1
    ws.cell(row=last, column=1).value = 99
    ws.cell(row=last, column=2).value = "拍摄县情宣传片"
    ws.cell(row=last, column=5).value = "已完成脚本。"
    wb.save(path)


def test_returns_round_trip(make_window, demo_db: Path, tmp_path: Path, said, qtbot) -> None:
    window = make_window(demo_db)
    tab = window.campaigns
    folder = tmp_path / "反馈表"
    folder.mkdir()
    said.answers["choose_folder"] = folder
    tab.exports.start(CampaignExport.TEMPLATES)
    wait_for_jobs(qtbot)
    assert said.texts("offer_open") and "县融媒体中心" in said.texts("offer_open")[0]
    sheet = next(folder.glob("*县融媒体中心*.xlsx"))
    _fill(sheet)

    said.answers["open_files"] = [sheet]
    dialog = tab.exports.start_returns()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.changes.topLevelItemCount() == 2
    first = dialog.changes.topLevelItem(0)
    assert first.text(0).startswith("第15项：征集年鉴随文图片")
    assert "新增进展“已征集图片126幅，正在筛选。”" in first.child(0).text(0)
    second = dialog.changes.topLevelItem(1)
    assert "推进中→已完成" in second.child(0).text(0)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(p.startswith("未匹配：") and "拍摄县情宣传片" in p for p in problems)
    assert "1行未能对应到任务" in dialog.problems_title.text()
    assert dialog.import_button.isEnabled()

    dialog.import_button.click()
    wait_for_jobs(qtbot)
    assert "已导入反馈表：2项任务已更新。" in said.texts("inform")
    tasks = {t.no: t for t in store.list_tasks(tab.conn, 2)}
    assert tasks[26].status is Status.DONE and tasks[26].status_date == date(2026, 11, 20)
    assert followup.task_log(tab.conn, tasks[15].id)[0].text == "已征集图片126幅，正在筛选。"
    assert tab.model.task_count() == 30
    current = {t.no: t for t in tab.model.tasks()}
    assert current[26].status is Status.DONE  # the ledger shows it at once


def test_a_sheet_of_another_campaign_is_refused(make_window, demo_db: Path, tmp_path: Path,
                                                said, qtbot) -> None:
    window = make_window(demo_db)
    tab = window.campaigns
    folder = tmp_path / "out"
    folder.mkdir()
    said.answers["choose_folder"] = folder
    tab.exports.start(CampaignExport.TEMPLATES)
    wait_for_jobs(qtbot)
    sheet = next(folder.glob("*.xlsx"))
    tab.campaign_combo.setCurrentIndex(1)  # the other campaign
    said.answers["open_files"] = [sheet]
    dialog = tab.exports.start_returns()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert not dialog.import_button.isEnabled()
    assert "不能导入" in dialog.problems.item(0).text()
    assert dialog.blocked.isVisible() or dialog.blocked.text()
    dialog.reject()
