"""设置 → 工作日历: the known years, adding a year from JSON (a bad file changes nothing) and
checking a date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.ui.dialogs.calendar_dialog import CalendarDialog
from fangzhi_desktop.ui.widgets import to_qdate

YEAR_2027 = {
    "year": 2027, "notice": "国办发明电〔2026〕1号",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
                 {"name": "春节", "start": "2027-02-06", "end": "2027-02-13"}],
    "workdays": [{"date": "2027-02-20", "for": "春节"}],
}


@pytest.fixture
def dialog(tmp_path: Path, qtbot):
    conn = open_database(tmp_path / "office.db")
    window = CalendarDialog(None, conn, date(2026, 11, 23))
    qtbot.addWidget(window)
    yield window
    conn.close()


def test_lists_the_shipped_years_and_checks_a_day(dialog: CalendarDialog) -> None:
    assert dialog.years()[:3] == [2026, 2025, 2024]
    assert dialog.table.item(0, 1).text() == "内置"
    assert dialog.day_result.text() == "2026年11月23日（星期一）：工作日"
    dialog.day.setDate(to_qdate(date(2026, 10, 1)))
    assert dialog.day_result.text().endswith("国庆节假期")
    dialog.day.setDate(to_qdate(date(2027, 2, 8)))
    assert "2027年的节假日安排尚未录入" in dialog.day_result.text()


def test_adds_a_year(dialog: CalendarDialog, tmp_path: Path, said) -> None:
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    dialog.day.setDate(to_qdate(date(2027, 2, 8)))
    said.answers["open_file"] = path
    dialog.add_button.click()
    assert dialog.years()[0] == 2027
    assert dialog.table.item(0, 1).text() == "自行添加"
    assert said.texts("inform") == ["已添加2027年的节假日安排：假期2个，调休上班1天。"]
    assert dialog.changed
    assert dialog.day_result.text().endswith("春节假期")  # the checked day is known now
    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    said.answers["confirm"] = True
    dialog.remove_button.click()
    assert 2027 not in dialog.years()


def test_refuses_a_bad_year(dialog: CalendarDialog, tmp_path: Path, said) -> None:
    bad = dict(YEAR_2027, holidays=[{"name": "春节", "start": "2027-02-13",
                                     "end": "2027-02-06"}])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    before = dialog.years()
    assert not dialog.add_year_file(path)
    errors = said.texts("error")
    assert errors and "春节的结束日期早于开始日期" in errors[0]
    assert dialog.years() == before
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert not dialog.add_year_file(broken)
    assert "不是有效的 JSON" in said.texts("error")[1]
    assert dialog.years() == before
