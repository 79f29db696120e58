"""The round trip with units that do not use the app: export one template per unit, let the
unit fill it in with Excel (here openpyxl), import it back."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.errors import InputErrors, UnusableInput
from fangzhi_desktop.importers.campaign_returns import parse_done_date, read_return_file
from fangzhi_desktop.operations.campaign_documents import write_templates
from fangzhi_desktop.operations.campaign_returns import preview_returns, save_returns
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.campaigns import CampaignFields, StepFields, TaskFields

TODAY = date(2026, 11, 23)
TASKS = (
    ("完成“政治”“经济”两编初稿的编纂。", "编研科", "第44周"),
    ("完成“社会”“文化”两编初稿的编纂。", "编研科", "第48周"),
    ("组织志稿内部初审，逐编形成初审意见。", "编研科", "12月第2周"),
    ("督促承编单位报送资料长编。", "编研科", "第40周"),  # closed off below: not in the template
    ("征集年鉴随文图片和卷首彩页照片。", "县融媒体中心", "第46周"),
    ("开设“读志知县情”专栏。", "县融媒体中心", "第50周"),
)


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    conn = open_database(tmp_path / "office.db")
    campaign_id = store.create_campaign(conn, CampaignFields("2026年“三大攻坚”专项行动", 2026))
    for text, unit, phrase in TASKS:
        store.add_task(conn, campaign_id, TaskFields(text, unit, "某人", phrase,
                                                     steps=(StepFields("第一步"),)))
    closed = store.list_tasks(conn, campaign_id)[3]
    followup.close_off(conn, closed.id, date(2026, 10, 9), "王建华")
    yield conn
    conn.close()


def _campaign(conn: sqlite3.Connection) -> int:
    return store.list_campaigns(conn)[0].id


def _templates(conn: sqlite3.Connection, folder: Path) -> dict[str, Path]:
    written = write_templates(conn, _campaign(conn), folder, TODAY)
    return {t.unit: t.path for t in written}


def _snapshot(conn: sqlite3.Connection) -> list[object]:
    return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("campaign_tasks", "campaign_task_log")]


def _edit(path: Path, change: Any) -> None:
    """Open the template as Excel would, let ``change`` edit the data sheet, save."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    change(wb["任务反馈"], wb)
    wb.save(path)


def _row_of(ws: Any, no: int) -> int:
    return next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == no)


def test_the_template_lists_the_units_open_tasks(db: sqlite3.Connection, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    paths = _templates(db, tmp_path / "out")
    assert set(paths) == {"编研科", "县融媒体中心"}
    assert paths["编研科"].name == "2026年“三大攻坚”专项行动-编研科-任务反馈表.xlsx"
    wb = load_workbook(paths["编研科"])
    ws = wb["任务反馈"]
    assert [c.value for c in ws[4]] == ["序号", "任务", "完成时限", "状态", "进展情况", "完成日期",
                                        "备注", "校验码（请勿改动）"]
    assert [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)] == [1, 2, 3]
    assert ws.cell(row=5, column=3).value == "2026年10月30日（第44周）"
    assert ws.column_dimensions["H"].hidden and ws.freeze_panes == "A5"
    assert ws.cell(row=5, column=8).value.startswith("C1-T1-")
    assert ws.cell(row=5, column=5).fill.fgColor.rgb.endswith("FFF2CC")  # filled in by the unit
    assert wb["识别信息"].sheet_state == "hidden"
    assert wb["识别信息"]["B5"].value == "编研科"


def test_round_trip_with_reordered_rows_and_a_deleted_key(db: sqlite3.Connection,
                                                          tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")

    def fill(ws: Any, wb: Any) -> None:
        ws.cell(row=_row_of(ws, 1), column=5, value="两编初稿已完成，正在交叉审读。")
        ws.cell(row=_row_of(ws, 1), column=6, value=datetime(2026, 11, 20))
        ws.cell(row=_row_of(ws, 2), column=5, value="已完成资料梳理。")
        ws.cell(row=_row_of(ws, 3), column=7, value="待市史志办派员指导")
        # The unit sorts the rows its own way and loses the key of task 2.
        ws.move_range("A5:H7", rows=10)
        order = (16, 15, 17)
        for target, source in enumerate(order, start=5):
            for col in range(1, 9):
                ws.cell(row=target, column=col, value=ws.cell(row=source, column=col).value)
        ws.delete_rows(15, 3)
        ws.cell(row=_row_of(ws, 2), column=8).value = None

    _edit(paths["编研科"], fill)
    _edit(paths["县融媒体中心"], lambda ws, wb: ws.cell(
        row=_row_of(ws, 5), column=6, value="2026年11月18日"))
    preview = preview_returns(db, list(paths.values()), TODAY, _campaign(db))
    assert preview.rejected == [] and preview.errors == [] and preview.unmatched == []
    changes = {u.task_no: u for u in preview.updates}
    assert set(changes) == {1, 2, 3, 5}
    assert changes[1].describe() == ("第1项“完成“政治”“经济”两编初稿的编纂。”：新增进展“两编初稿已完成，"
                                     "正在交叉审读。”；状态：未启动→已完成；完成日期：2026年11月20日")
    assert changes[2].matched_by == "序号和内容" and changes[1].matched_by == "校验码"
    assert (changes[2].row, changes[1].row, changes[3].row) == (5, 6, 7)  # reordered
    assert changes[3].progress == "备注：待市史志办派员指导"
    assert changes[5].completed_on == date(2026, 11, 18) and changes[5].progress == ""
    assert any("校验码缺失，已按序号和任务内容匹配到第2项" in p.message for p in preview.warnings)
    assert save_returns(db, preview, TODAY) == 4
    tasks = {t.no: t for t in store.list_tasks(db, _campaign(db))}
    assert (tasks[1].status, tasks[1].status_date) == (Status.DONE, date(2026, 11, 20))
    assert tasks[1].last_progress == "两编初稿已完成，正在交叉审读。"
    assert followup.task_log(db, tasks[1].id)[0].reporter == "编研科"
    assert followup.task_log(db, tasks[1].id)[0].entry_date == TODAY
    assert (tasks[2].status, tasks[2].last_progress) == (Status.IN_PROGRESS, "已完成资料梳理。")
    assert tasks[5].status is Status.DONE and tasks[5].last_progress == ""
    assert tasks[6].status is Status.NOT_STARTED  # left empty by the unit
    # The same files imported again change nothing.
    again = preview_returns(db, list(paths.values()), TODAY, _campaign(db))
    assert again.updates == [] and again.errors == []


def test_an_edited_key_rejects_the_whole_file(db: sqlite3.Connection, tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")

    def tamper(ws: Any, wb: Any) -> None:
        ws.cell(row=5, column=5, value="已完成。")
        ws.cell(row=6, column=8, value=ws.cell(row=6, column=8).value.replace("-T2-", "-T5-"))

    _edit(paths["编研科"], tamper)
    _edit(paths["县融媒体中心"], lambda ws, wb: ws.cell(row=5, column=5, value="图片已征集。"))
    before = _snapshot(db)
    preview = preview_returns(db, list(paths.values()), TODAY)
    assert len(preview.rejected) == 1
    message = preview.rejected[0].message
    assert "编研科-任务反馈表.xlsx：反馈表第6行H列的校验码与任务不符" in message
    assert "整个文件未导入" in message
    assert preview.rejected[0].problems[0].row == 6
    with pytest.raises(UnusableInput, match="整批未保存"):
        save_returns(db, preview, TODAY)
    assert _snapshot(db) == before  # the good file of the batch is not saved either


def test_a_file_of_another_campaign_is_rejected(db: sqlite3.Connection, tmp_path: Path) -> None:
    other = store.create_campaign(db, CampaignFields("方志进校园活动", 2026))
    store.add_task(db, other, TaskFields("赠书。", "编研科"))
    written = write_templates(db, other, tmp_path / "other", TODAY)
    _edit(written[0].path, lambda ws, wb: ws.cell(row=5, column=5, value="已赠书。"))
    preview = preview_returns(db, [written[0].path], TODAY, _campaign(db))
    assert [e.message for e in preview.rejected] == [
        f"{written[0].path.name}：这是专项活动“方志进校园活动”的反馈表，"
        "不是“2026年“三大攻坚”专项行动”的，未导入。"]


def test_a_file_from_another_database_is_rejected(db: sqlite3.Connection, tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")
    foreign = open_database(tmp_path / "other-office.db")  # same ids, another token
    campaign_id = store.create_campaign(foreign, CampaignFields("另一个县的专项行动", 2026))
    for text, unit, phrase in TASKS:
        store.add_task(foreign, campaign_id, TaskFields(text, unit, "", phrase))
    _edit(paths["编研科"], lambda ws, wb: ws.cell(row=5, column=5, value="已完成。"))
    before = _snapshot(foreign)
    preview = preview_returns(foreign, [paths["编研科"]], TODAY)
    assert "不是本数据文件中的专项活动导出的" in preview.rejected[0].message
    assert _snapshot(foreign) == before


@pytest.mark.parametrize("cell", ["B5", "B3"])  # the unit, the campaign id
def test_an_edited_identity_sheet_is_rejected(db: sqlite3.Connection, tmp_path: Path,
                                              cell: str) -> None:
    paths = _templates(db, tmp_path / "out")
    _edit(paths["编研科"], lambda ws, wb: wb["识别信息"].__setitem__(cell, "9"))
    preview = preview_returns(db, [paths["编研科"]], TODAY)
    assert len(preview.rejected) == 1 and "未导入" in preview.rejected[0].message


def test_a_workbook_that_is_not_a_template(tmp_path: Path) -> None:
    from openpyxl import Workbook

    plain = tmp_path / "进展.xlsx"
    wb = Workbook()
    wb.active.append(["序号", "任务", "进展情况"])
    wb.save(plain)
    with pytest.raises(UnusableInput, match=r"进展\.xlsx：不是本程序导出的任务反馈表"):
        read_return_file(plain, TODAY)
    text = tmp_path / "反馈.xlsx"  # a text file renamed
    shutil.copy(Path(__file__).parent.parent.parent / "resources" / "samples" / "README.md",
                text)
    with pytest.raises(UnusableInput, match=r"反馈\.xlsx：不是Excel表格"):
        read_return_file(text, TODAY)


def test_bad_dates_name_row_and_column_and_nothing_is_saved(db: sqlite3.Connection,
                                                            tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")

    def fill(ws: Any, wb: Any) -> None:
        ws.cell(row=5, column=5, value="已完成。")
        ws.cell(row=5, column=6, value="下周")
        ws.cell(row=6, column=6, value="2026-12-30")

    _edit(paths["编研科"], fill)
    before = _snapshot(db)
    preview = preview_returns(db, [paths["编研科"]], TODAY)
    assert [p.text() for p in preview.errors] == [
        f"{paths['编研科'].name}，第5行，F列：完成日期“下周”无法识别，请写成2026-11-20或2026年11月20日。",
        f"{paths['编研科'].name}，第6行，F列：完成日期2026-12-30晚于今天，请核对。"]
    with pytest.raises(InputErrors, match="2处错误，整批未保存"):
        save_returns(db, preview, TODAY)
    assert _snapshot(db) == before


def test_unmatched_rows_are_reported_and_the_rest_saved(db: sqlite3.Connection,
                                                        tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")

    def fill(ws: Any, wb: Any) -> None:
        ws.cell(row=5, column=5, value="已完成初稿。")
        ws.append([9, "本单位自行增加的一项工作：编写大事记。", "", "", "已启动。", None, "", ""])

    _edit(paths["编研科"], fill)
    preview = preview_returns(db, [paths["编研科"]], TODAY)
    assert [p.row for p in preview.unmatched] == [8]
    assert "没有找到对应的任务（序号9，“本单位自行增加的一项工作：编写大事记。”）" in preview.unmatched[0].message
    assert save_returns(db, preview, TODAY) == 1


def test_a_task_filled_in_twice_is_an_error(db: sqlite3.Connection, tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")
    _edit(paths["编研科"], lambda ws, wb: ws.cell(row=5, column=5, value="第一次填报。"))
    copy = tmp_path / "编研科-再次发回.xlsx"
    shutil.copy(paths["编研科"], copy)
    _edit(copy, lambda ws, wb: ws.cell(row=5, column=5, value="第二次填报。"))
    preview = preview_returns(db, [paths["编研科"], copy], TODAY)
    assert len(preview.errors) == 1 and "第1项任务在" in preview.errors[0].message
    assert preview.errors[0].row == 5


def test_a_task_deleted_in_the_app_is_reported(db: sqlite3.Connection, tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")
    _edit(paths["编研科"], lambda ws, wb: ws.cell(row=5, column=5, value="已完成。"))
    store.delete_task(db, store.list_tasks(db, _campaign(db))[0].id)
    preview = preview_returns(db, [paths["编研科"]], TODAY)
    assert preview.updates == [] and "已在本程序中删除" in preview.unmatched[0].message


def test_a_completion_date_on_a_closed_task_is_not_applied(db: sqlite3.Connection,
                                                           tmp_path: Path) -> None:
    paths = _templates(db, tmp_path / "out")
    first = store.list_tasks(db, _campaign(db))[0]
    _edit(paths["编研科"], lambda ws, wb: ws.cell(row=5, column=6, value="2026-11-01"))
    followup.close_off(db, first.id, date(2026, 11, 2), "王建华")
    preview = preview_returns(db, [paths["编研科"]], TODAY)
    assert preview.updates == [] and "已销号，完成日期未改动" in preview.warnings[0].message


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2026, 11, 20, 0, 0), date(2026, 11, 20)),
    (date(2026, 11, 20), date(2026, 11, 20)),
    (46346.0, date(2026, 11, 20)),  # an Excel serial number
    (20261120, date(2026, 11, 20)),
    ("2026-11-20", date(2026, 11, 20)),
    ("2026/11/20", date(2026, 11, 20)),
    ("2026.11.20", date(2026, 11, 20)),
    ("2026年11月20日", date(2026, 11, 20)),
    ("２０２６年１１月２０日", date(2026, 11, 20)),
    ("11月20日", date(2026, 11, 20)),
    ("12月28日", date(2025, 12, 28)),  # would be in the future: last year's
])
def test_completion_dates_as_units_write_them(value: object, expected: date) -> None:
    assert parse_done_date(value, TODAY) == expected


@pytest.mark.parametrize("value", ["已完成", "2026-13-01", "11月", True])
def test_completion_dates_that_are_not_dates(value: object) -> None:
    with pytest.raises(ValueError, match="无法识别"):
        parse_done_date(value, TODAY)
