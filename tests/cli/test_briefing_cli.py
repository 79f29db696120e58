"""``import-briefing`` and ``export briefing``: the --json contract, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.briefings import list_issues
from tests.conftest import SAMPLES
from tests.exporters.docx_checks import all_text, run_shared_checker

SEED_001 = SAMPLES / "001_8f8c403cddf73fcf.txt"
SEED_002 = SAMPLES / "002_df6267391c5c8d51.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "--db", str(db), "import-briefing", str(SEED_002), "--dry-run",
                         "--json")
    assert code == 0 and "识别出1篇文章（未保存）" in err
    data = json.loads(out)
    assert (data["issue"], data["total_issue"], data["date"]) == (2, 2, "2020-05-22")
    assert (data["name"], data["publisher"]) == ("四川省地方志办政工简讯", "四川省地方志工作办公室")
    [article] = data["articles"]
    assert article["title"] == "省地方志办召开党组中心组（扩大）学习会 传达学习中央、省委文件和会议精神"
    assert (article["column"], article["attribution"]) == (None, None)
    assert len(article["paragraphs"]) == 8
    assert data["tail"] == {"bao": "省直机关工委，省纪委监委驻省政府办公厅纪检监察组", "song": None,
                            "fa": "机关各处，四川年鉴社", "printer": "四川省地方志工作办公室综合处",
                            "print_date": "2020-05-22", "copies": 12, "disclosure": "主动公开"}
    assert not db.exists()  # a dry run writes nothing


def test_an_issue_without_numbers_is_refused_until_they_are_given(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "--db", str(db), "import-briefing", str(SEED_001))
    assert code == 1
    assert "001_8f8c403cddf73fcf.txt：没有找到期号，未导入。" in err and "--issue" in err
    assert not db.exists()
    code, _, err = run(capsys, "--db", str(db), "import-briefing", str(SEED_001), "--issue", "1",
                       "--total", "1", "--name", "四川省地方志办政工简讯")
    assert code == 0
    assert "已导入《四川省地方志办政工简讯》2021年第1期（总第1期），2篇文章" in err
    assert "2021年下一期为第2期（总第2期）" in err


def test_import_continue_refuse_replace(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "import-briefing", str(SEED_002))
    assert code == 0 and "2020年下一期为第3期（总第3期）" in err
    code, _, err = run(capsys, "--db", db, "import-briefing", str(SEED_002))
    assert code == 1 and "2020年第2期已经存在" in err
    code, _, err = run(capsys, "--db", db, "import-briefing", str(SEED_002), "--replace")
    assert code == 0 and "已先备份数据" in err
    backup = Path(err.split("已先备份数据：", 1)[1].splitlines()[0])
    assert len(list_issues(open_database(backup))) == 1
    assert [s.label for s in list_issues(open_database(db))] == ["第2期（总第2期）"]


def test_a_file_without_a_name_takes_the_series_already_there(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "import-briefing", str(SEED_002))
    code, _, err = run(capsys, "--db", db, "import-briefing", str(SEED_001), "--issue", "3",
                       "--total", "3", "--date", "2020-06-30")
    assert code == 0 and "按《四川省地方志办政工简讯》导入" in err
    assert "2020年下一期为第4期（总第4期）" in err


@pytest.mark.parametrize(("args", "message"), [
    (["import-briefing", "missing.txt"], "文件不存在"),
    (["import-briefing", str(SEED_002), "--issue", "0"], "不是正整数"),
    (["import-briefing", str(SEED_002), "--date", "2020-13-01"], "格式不对"),
])
def test_bad_input_exits_2_with_one_chinese_line(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, args: list[str],
                                                 message: str) -> None:
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "--db", str(db), *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert not db.exists()


def test_export_briefing_by_id_and_latest(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "export", "briefing", "--out", str(tmp_path / "a.docx"))
    assert code == 2 and "还没有简报" in err
    run(capsys, "--db", db, "import-briefing", str(SEED_002))
    run(capsys, "--db", db, "import-briefing", str(SEED_001), "--issue", "1", "--total", "1")
    code, out, _ = run(capsys, "--db", db, "export", "--list")
    assert "briefing\t简报" in out
    code, _, err = run(capsys, "--db", db, "export", "briefing", "--id", "1", "--out",
                       str(tmp_path / "b2.docx"))
    assert code == 0 and "已导出" in err
    assert "第2期（总第2期）" in all_text(tmp_path / "b2.docx")
    run_shared_checker(tmp_path / "b2.docx", "--kind", "jianbao", "--require-banji")
    code, _, _ = run(capsys, "--db", db, "export", "briefing", "--out", str(tmp_path / "l.docx"))
    assert code == 0 and "第1期（总第1期）" in all_text(tmp_path / "l.docx")  # dated 2021
    code, _, err = run(capsys, "--db", db, "export", "briefing", "--id", "7", "--out",
                       str(tmp_path / "c.docx"))
    assert code == 2 and "没有编号为7的简报。已有：2（2021年第1期（总第1期））" in err
    assert not (tmp_path / "c.docx").exists()
