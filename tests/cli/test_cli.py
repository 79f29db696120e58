"""The command line: exit codes, one-line Chinese messages, the --json contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.workpoints import list_items, plan_years
from tests.conftest import SEED_WORKPOINTS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    code, out, _ = run(capsys, "--db", str(db), "import-workpoints", str(SEED_WORKPOINTS),
                       "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["year"] == 2023
    assert len(data["sections"]) == 9
    first = data["sections"][0]
    assert first["title"] == "依法治志工作"
    item = first["items"][0]
    assert item["no"] == 1
    assert item["lead"] == ["研究室"] and item["support"] == ["其他处室", "单位"]
    assert item["deadline"] == {"phrase": "", "date": "2023-12-31",
                                "rule": item["deadline"]["rule"]}
    assert item["text"].startswith("做好《吉林省地方志事业发展规划")
    assert sum(len(s["items"]) for s in data["sections"]) == 40
    assert not db.exists()  # a dry run writes nothing


def test_import_then_again_refused_then_replace(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "import-workpoints", str(SEED_WORKPOINTS))
    assert code == 0 and "9个部分，40条" in err
    code, _, err = run(capsys, "import-workpoints", str(SEED_WORKPOINTS), "--db", db)
    assert code == 1 and "已经导入过" in err
    code, _, err = run(capsys, "import-workpoints", str(SEED_WORKPOINTS), "--db", db, "--replace")
    assert code == 0 and "已先备份数据" in err
    backup = Path(err.split("已先备份数据：", 1)[1].splitlines()[0])
    assert len(list_items(open_database(backup), 2023)) == 40
    conn = open_database(db)
    assert plan_years(conn) == [2023] and len(list_items(conn, 2023)) == 40


def test_the_environment_variable_chooses_the_database(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("FANGZHI_DB", str(db))
    assert run(capsys, "import-workpoints", str(SEED_WORKPOINTS))[0] == 0
    assert db.exists()


def test_input_with_errors_exits_1_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    notice = tmp_path / "gap.txt"
    notice.write_text("2025年工作要点\n一、综合\n1.甲。（办公室）\n3.丙。（办公室）\n", encoding="utf-8")
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "--db", str(db), "import-workpoints", str(notice))
    assert code == 1
    assert "gap.txt，第4行，第3条：条目编号从1跳到3，缺少第2条。" in err
    assert not db.exists()


@pytest.mark.parametrize("args", [
    ["import-workpoints", "/no/such/file.txt"],
    ["import-workpoints"],
    ["no-such-command"],
    ["export", "no-such-kind", "--out", "x.xlsx"],
    ["export", "workpoints-xlsx", "--out", "x.docx"],
])
def test_unusable_input_or_bad_usage_exits_2(capsys: pytest.CaptureFixture[str],
                                             args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.strip()
    assert "Traceback" not in err


def test_a_notice_without_a_year_asks_for_year(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    notice = tmp_path / "no-year.txt"
    notice.write_text("工作要点\n一、综合\n1.甲。（办公室）\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "import-workpoints", str(notice))
    assert code == 2 and "（用 --year 指定）" in err
    assert run(capsys, "--db", str(tmp_path / "x.db"), "import-workpoints", str(notice),
               "--year", "2025")[0] == 0


def test_a_newer_database_is_refused_by_the_cli(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    conn = open_database(db)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    code, _, err = run(capsys, "--db", str(db), "import-workpoints", str(SEED_WORKPOINTS))
    assert code == 2 and "更新版本" in err


def test_export_list_and_export(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", "--list")
    assert code == 0 and "workpoints-xlsx" in out
    out_file = tmp_path / "ledger.xlsx"
    code, _, err = run(capsys, "--db", str(demo_db), "export", "workpoints-xlsx", "--out",
                       str(out_file), "--year", "2023")
    assert code == 0 and out_file.exists(), err
    code, _, err = run(capsys, "--db", str(demo_db), "export", "workpoints-xlsx", "--out",
                       str(out_file), "--year", "1999")
    assert code == 2 and "1999" in err


def test_demo_refuses_to_overwrite_without_force(capsys: pytest.CaptureFixture[str],
                                                 demo_db: Path) -> None:
    code, _, err = run(capsys, "--db", str(demo_db), "demo")
    assert code == 2 and "--force" in err


def test_module_entry_point_runs_in_a_subprocess(tmp_path: Path) -> None:
    """``python -m fangzhi_desktop``: real exit codes and no traceback on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "fangzhi_desktop", "--db", str(tmp_path / "d.db"), "demo"],
        capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "演示数据库已建好" in result.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "fangzhi_desktop", "import-workpoints", str(tmp_path / "none.txt")],
        capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "文件不存在" in bad.stderr


def test_a_locked_target_uses_up_no_doc_number(capsys: pytest.CaptureFixture[str],
                                               demo_db: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from fangzhi_desktop.storage.office import next_doc_serial

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    out = tmp_path / "通报.docx"
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", locked)
        code, _, err = run(capsys, "--db", str(demo_db), "export", "workpoints-report", "--out",
                           str(out), "--year", "2023", "--date", "2024-01-10")
    assert code == 2 and "正被其他程序占用" in err
    assert not out.exists()
    assert next_doc_serial(open_database(demo_db), 2024) == 1
    code, _, err = run(capsys, "--db", str(demo_db), "export", "workpoints-report", "--out",
                       str(out), "--year", "2023", "--date", "2024-01-10")
    assert code == 0 and "发文字号：吉志委发〔2024〕1号" in err
    assert next_doc_serial(open_database(demo_db), 2024) == 2
