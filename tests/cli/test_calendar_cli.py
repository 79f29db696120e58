"""``fangzhi calendar list | add-year | check``: exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main

YEAR_2027 = {"year": 2027, "notice": "国办发明电〔2026〕示例号",
             "holidays": [{"name": "春节", "start": "2027-02-06", "end": "2027-02-13"}],
             "workdays": [{"date": "2027-02-14", "for": "春节"}]}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _json(tmp_path: Path, data: object, name: str = "2027.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("day", "text"), [
    ("2024-02-04", "2024-02-04 星期日 调休上班（春节）"),
    ("2024-02-12", "2024-02-12 星期一 春节假期"),
    ("2026-11-22", "2026-11-22 星期日 周末"),
    ("2026-11-23", "2026-11-23 星期一 工作日"),
])
def test_check_a_day(capsys: pytest.CaptureFixture[str], tmp_path: Path, day: str,
                     text: str) -> None:
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.db"), "calendar", "check", day)
    assert code == 0 and out.strip() == text


def test_add_a_year_then_list_and_check(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "calendar", "check", "2027-02-14")
    assert code == 2 and "2027年的节假日安排尚未录入" in err
    code, _, err = run(capsys, "calendar", "add-year", _json(tmp_path, YEAR_2027), "--db", db)
    assert code == 0 and "已添加2027年的节假日安排：假期1个，调休上班1天" in err
    code, out, _ = run(capsys, "--db", db, "calendar", "check", "2027-02-14")
    assert code == 0 and out.strip() == "2027-02-14 星期日 调休上班（春节）"
    code, out, _ = run(capsys, "--db", db, "calendar", "list")
    assert code == 0
    assert out.splitlines()[0].startswith("2020年\t内置")
    assert out.splitlines()[-1] == "2027年\t自行添加\t假期1个，调休上班1天\t国办发明电〔2026〕示例号"
    code, _, err = run(capsys, "--db", db, "calendar", "add-year", _json(tmp_path, YEAR_2027))
    assert code == 0 and "已替换2027年" in err


@pytest.mark.parametrize(("data", "message"), [
    ({"year": 2027, "holidays": [{"name": "春节", "start": "2027-02-13", "end": "2027-02-06"}]},
     "2027.json：2027年的节假日数据有误：春节的结束日期早于开始日期"),
    ({"year": 2027, "holidays": [], "workdays": ["2027-02-10"]}, "本来就是工作日"),
    ({"holidays": []}, "没有写明年份"),
    ({"year": 2027, "holidays": []}, "没有任何假期"),
])
def test_bad_year_files_exit_2_and_change_nothing(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path, data: object,
                                                  message: str) -> None:
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "calendar", "add-year", _json(tmp_path, data))
    assert code == 2 and message in err
    code, out, _ = run(capsys, "--db", db, "calendar", "list")
    assert "2027年" not in out


@pytest.mark.parametrize("args", [["calendar"], ["calendar", "check", "2027/02/14"],
                                  ["calendar", "add-year", "/no/such.json"],
                                  ["calendar", "remove"]])
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                           args: list[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), *args)
    assert code == 2 and err.strip()
