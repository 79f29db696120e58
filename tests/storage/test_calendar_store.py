"""The office adds next year's holiday schedule: stored, validated, and replacing shipped years."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.calendar import ScheduleUnknown
from fangzhi_desktop.errors import FangzhiError, UnusableInput
from fangzhi_desktop.importers.calendar_year import read_year_file
from fangzhi_desktop.storage.calendar import (
    add_year,
    list_years,
    remove_year,
    working_calendar,
    year_data,
)

YEAR_2027 = {
    "year": 2027, "notice": "国办发明电〔2026〕示例号",
    "holidays": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "春节", "start": "2027-02-06", "end": "2027-02-13"},
        {"name": "国庆节", "start": "2027-10-01", "end": "2027-10-07"},
    ],
    "workdays": [{"date": "2027-02-14", "for": "春节"}, {"date": "2027-10-09", "for": "国庆节"}],
}


def test_shipped_years_without_anything_added(conn: sqlite3.Connection) -> None:
    years = list_years(conn)
    assert [y.year for y in years] == list(range(2020, 2027))
    assert {y.source_label for y in years} == {"内置"}
    with pytest.raises(ScheduleUnknown, match="2027年的节假日安排尚未录入"):
        working_calendar(conn).is_workday(date(2027, 3, 1))


def test_an_added_year_is_used_and_listed(conn: sqlite3.Connection) -> None:
    add_year(conn, 2027, YEAR_2027, "2027.json")
    cal = working_calendar(conn)
    assert not cal.is_workday(date(2027, 2, 8))  # Monday in the 春节
    assert cal.is_workday(date(2027, 2, 14))  # Sunday, 调休
    assert cal.describe(date(2027, 2, 14)) == "调休上班（春节）"
    assert cal.last_workday_of_week(date(2027, 10, 6)) == date(2027, 10, 9)  # 调休 Saturday
    listed = {y.year: y for y in list_years(conn)}
    assert listed[2027].source_label == "自行添加"
    assert (listed[2027].holidays, listed[2027].workdays) == (3, 2)
    assert year_data(conn, 2027)["notice"] == "国办发明电〔2026〕示例号"
    assert "year" not in year_data(conn, 2027)  # stored in the shape of cn-holidays.json


def test_a_user_year_replaces_the_shipped_one_until_removed(conn: sqlite3.Connection) -> None:
    assert working_calendar(conn).is_workday(date(2026, 10, 9))  # shipped: a working Friday
    corrected = {"holidays": [{"name": "国庆节", "start": "2026-10-01", "end": "2026-10-09"}]}
    add_year(conn, 2026, corrected)
    assert not working_calendar(conn).is_workday(date(2026, 10, 9))
    # The whole year is replaced: an entry without the 春节 makes 2-17 a working day again.
    assert working_calendar(conn).is_workday(date(2026, 2, 17))
    assert {y.year: y for y in list_years(conn)}[2026].source_label == "自行添加（替换内置）"
    assert remove_year(conn, 2026) is True
    assert working_calendar(conn).is_workday(date(2026, 10, 9))
    assert remove_year(conn, 2026) is False


def test_adding_a_year_again_replaces_the_earlier_entry(conn: sqlite3.Connection) -> None:
    add_year(conn, 2027, YEAR_2027)
    add_year(conn, 2027, {**YEAR_2027, "workdays": []})
    assert not working_calendar(conn).is_workday(date(2027, 2, 14))
    assert [y.year for y in list_years(conn)].count(2027) == 1


@pytest.mark.parametrize(("entry", "message"), [
    ({"holidays": [{"name": "春节", "start": "2027-02-13", "end": "2027-02-06"}]}, "结束日期早于"),
    ({"holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-01"}],
      "workdays": ["2027-01-06"]}, "本来就是工作日"),
    ({"holidays": [{"name": "国庆节", "start": "2026-10-01", "end": "2026-10-07"}]}, "不在2027年"),
    ({"holidays": [{"name": "春节", "start": "2027-02-30", "end": "2027-03-02"}]}, "格式不对"),
    ({"holidays": [{"start": "2027-02-06", "end": "2027-02-13"}]}, "格式不对"),
    ({"holidays": []}, "没有任何假期"),
])
def test_bad_years_are_refused_and_nothing_is_stored(conn: sqlite3.Connection,
                                                     entry: dict[str, object],
                                                     message: str) -> None:
    with pytest.raises(FangzhiError, match=message):
        add_year(conn, 2027, entry)
    assert year_data(conn, 2027) is None
    assert 2027 not in [y.year for y in list_years(conn)]


def _write(tmp_path: Path, content: object, name: str = "2027.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content,
                                                                        ensure_ascii=False),
                    encoding="utf-8")
    return path


def test_reading_a_year_file(tmp_path: Path) -> None:
    assert read_year_file(_write(tmp_path, YEAR_2027)) == [(2027, YEAR_2027)]
    whole = {"years": {"2027": {k: v for k, v in YEAR_2027.items() if k != "year"}}}
    assert [year for year, _ in read_year_file(_write(tmp_path, whole, "all.json"))] == [2027]


@pytest.mark.parametrize(("content", "message"), [
    ("{\"year\": 2027,\n \"holidays\": [}", r"2027\.json：不是有效的 JSON（第2行第15列"),
    ([1, 2], "内容应为一个 JSON 对象"),
    ({"holidays": []}, "没有写明年份"),
    ({"year": "明年", "holidays": []}, "年份“明年”不是数字"),
    ({"year": 2027, "holidays": [{"name": "春节", "start": "2027-02-13", "end": "2027-02-06"}]},
     "2027.json：2027年的节假日数据有误：春节的结束日期早于开始日期"),
])
def test_bad_year_files_name_the_file(tmp_path: Path, content: object, message: str) -> None:
    with pytest.raises(UnusableInput, match=message):
        read_year_file(_write(tmp_path, content))


def test_a_missing_or_binary_file(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="文件不存在"):
        read_year_file(tmp_path / "none.json")
    binary = tmp_path / "x.json"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(UnusableInput, match="UTF-8"):
        read_year_file(binary)
