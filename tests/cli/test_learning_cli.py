"""``import-activity`` and the two learning exports on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.learning import list_activities
from fangzhi_desktop.storage.office import next_doc_serial
from fangzhi_desktop.storage.people import list_people, save_people
from tests.conftest import SAMPLES

SEED_001 = SAMPLES / "001_8f8c403cddf73fcf.txt"
SEED_002 = SAMPLES / "002_df6267391c5c8d51.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database whose roster holds two of the people seed 001 names."""
    path = tmp_path / "office.db"
    conn = open_database(path)
    save_people(conn, [Person("赵行", rank="副处", department="办领导"),
                       Person("邓瑜", rank="正处", department="办领导"),
                       Person("王丽", rank="一级科员", department="办公室")])
    conn.close()
    return path


def test_dry_run_json_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "none.db"
    code, out, err = run(capsys, "--db", str(target), "import-activity", str(SEED_001),
                         "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["start"] == "2021-01-12" and data["type"] == "理论学习中心组学习"
    assert data["host"] == "陈建春" and data["hours"] == 3
    assert "《四川省选拔任用党政领导干部分析研判和动议工作办法》" in data["documents"]
    assert [a["name"] for a in data["attendees"]] == ["陈建春", "赵行", "邓瑜", "陶利辉"]
    assert data["unmatched"] == ["陈建春", "赵行", "邓瑜", "陶利辉"]
    assert "（未保存）" in err
    assert not target.exists()  # a dry run never creates the database


def test_import_matches_the_roster_and_refuses_a_second_import(
        capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, "--db", str(db), "import-activity", str(SEED_001))
    assert code == 0 and out == ""
    assert "花名册中没有：陈建春、陶利辉" in err
    assert "记录参加2人" in err and "请在“干部学习”中补选其余参加人员" in err
    conn = open_database(db)
    [activity] = list_activities(conn, 2021)
    names = {p.id: p.name for p in list_people(conn)}
    assert [names[a.person_id] for a in activity.attendees] == ["赵行", "邓瑜"]
    assert activity.source == SEED_001.name and activity.hours == 3
    conn.close()
    code, _, err = run(capsys, "--db", str(db), "import-activity", str(SEED_001))
    assert code == 1 and "已经导入过，未做改动" in err


def test_year_and_type_can_be_given(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db), "import-activity", str(SEED_002), "--year",
                       "2026", "--type", "业务培训", "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["start"], data["type"], data["hours"]) == ("2026-05-21", "业务培训", 4)


def test_errors_exit_1_and_save_nothing(capsys: pytest.CaptureFixture[str], db: Path,
                                        tmp_path: Path) -> None:
    news = tmp_path / "党日.txt"
    news.write_text("县地方志办开展主题党日活动\n7月1日，县地方志办党支部组织全体党员开展主题党日活动。",
                    encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "import-activity", str(news))
    assert code == 1
    assert "错误：党日.txt，第2行：活动日期“7月1日”没有年份" in err and "未导入" in err
    conn = open_database(db)
    assert list_activities(conn) == []
    conn.close()
    code, _, err = run(capsys, "--db", str(db), "import-activity",
                       str(SAMPLES / "003_4e59df0e3bf8976e.txt"))
    assert code == 2 and "没有找到学习活动的报道" in err


def test_exports_need_activities_and_a_roster(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    code, _, err = run(capsys, "--db", str(db), "export", "learning-report", "--out",
                       str(tmp_path / "r.docx"))
    assert code == 2 and "还没有学习活动" in err
    code, out, _ = run(capsys, "export", "--list")
    assert "learning-hours-xlsx\t" in out and "learning-report\t" in out


def test_both_exports_and_the_document_number(capsys: pytest.CaptureFixture[str],
                                              db: Path, tmp_path: Path) -> None:
    assert run(capsys, "--db", str(db), "import-activity", str(SEED_001))[0] == 0
    code, _, err = run(capsys, "--db", str(db), "export", "learning-hours-xlsx", "--out",
                       str(tmp_path / "学时.xlsx"), "--year", "2021", "--date", "2021-12-31")
    assert code == 0 and (tmp_path / "学时.xlsx").exists()
    code, _, err = run(capsys, "--db", str(db), "export", "learning-report", "--out",
                       str(tmp_path / "通报.docx"), "--date", "2021-12-31")
    assert code == 0 and "发文字号：某志办发〔2021〕1号" in err
    conn = open_database(db)
    assert next_doc_serial(conn, 2021) == 2
    conn.close()
    code, _, err = run(capsys, "--db", str(db), "export", "learning-report", "--out",
                       str(tmp_path / "r.docx"), "--year", "2019")
    assert code == 2 and "没有2019年的学习活动。已有年度：2021。" in err
