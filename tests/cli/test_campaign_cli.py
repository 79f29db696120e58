"""The campaign commands: import-campaign, import-campaign-returns and the campaign exports —
exit codes, one-line Chinese messages, the --json contract, nothing written on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage import open_database
from tests.conftest import SAMPLES

SEED_PLAN = SAMPLES / "000_d1fb1299b6599f8a.txt"
LEDGER_ID = 2  # in the demo database


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_dry_run_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "--db", str(db), "import-campaign", str(SEED_PLAN), "--dry-run",
                         "--json")
    assert code == 0 and "4个阶段，10项任务（未保存）" in err
    data = json.loads(out)
    assert data["title"] == "在全市地方志系统开展“学习吴志宏、建功新时代”主题宣教活动实施方案"
    assert [(p["name"], p["start"], p["end"]) for p in data["phases"]] == [
        ("宣传发动阶段", "2021-01-01", "2021-03-31"), ("学习研讨阶段", "2021-04-01", "2021-10-31"),
        ("组织提升阶段", "2021-11-01", "2021-12-31"), ("常态化学习阶段", "2022-01-01", None)]
    assert data["phases"][0]["tasks"][1] == {
        "no": 2, "text": data["phases"][0]["tasks"][1]["text"]}
    assert not db.exists()


def test_import_then_again_refused_then_replace(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "import-campaign", str(SEED_PLAN))
    assert code == 0 and "已导入专项活动" in err and "（编号1）" in err
    code, _, err = run(capsys, "--db", db, "import-campaign", str(SEED_PLAN))
    assert code == 1 and "已经导入过" in err
    code, _, err = run(capsys, "--db", db, "import-campaign", str(SEED_PLAN), "--replace")
    assert code == 0 and "已先备份数据" in err
    conn = open_database(db)
    (campaign,) = store.list_campaigns(conn)
    assert len(store.list_phases(conn, campaign.id)) == 4 and campaign.task_count == 10


@pytest.mark.parametrize("args", [
    ["import-campaign", "/no/such/plan.txt"],
    ["import-campaign"],
    ["import-campaign-returns"],
    ["import-campaign-returns", "/no/such/returns.xlsx"],
    ["export", "campaign-plan", "--out", "x.xlsx"],
])
def test_unusable_input_or_bad_usage_exits_2(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, args: list[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), *args)
    assert code == 2 and err.strip()


def test_a_text_that_is_not_a_plan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "随笔.txt"
    text.write_text("一段普通文字。\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "import-campaign", str(text))
    assert code == 2 and "随笔.txt：没有找到实施方案的标题" in err


def test_exports_of_the_demo(capsys: pytest.CaptureFixture[str], demo_db: Path,
                             tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", "--list")
    assert code == 0 and all(f"campaign-{k}" in out for k in ("plan", "ledger", "xlsx",
                                                              "templates"))
    assert "campaign-chart\t" in out  # drawn with Qt: listed here, run by the launcher
    for kind, name in (("campaign-plan", "plan.docx"), ("campaign-ledger", "ledger.docx"),
                       ("campaign-xlsx", "ledger.xlsx")):
        code, _, err = run(capsys, "--db", str(demo_db), "export", kind, "--id", str(LEDGER_ID),
                           "--out", str(tmp_path / name), "--date", "2026-11-23")
        assert code == 0 and (tmp_path / name).stat().st_size > 0, err
    code, _, err = run(capsys, "--db", str(demo_db), "export", "campaign-plan", "--out",
                       str(tmp_path / "x.docx"))
    assert code == 2 and "请用 --id 指定专项活动" in err and "1：在全市地方志系统" in err
    code, _, err = run(capsys, "--db", str(demo_db), "export", "campaign-plan", "--id", "99",
                       "--out", str(tmp_path / "x.docx"))
    assert code == 2 and "没有编号为99的专项活动" in err


def test_exports_of_an_empty_database(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "export", "campaign-xlsx",
                       "--out", str(tmp_path / "x.xlsx"))
    assert code == 2 and "还没有专项活动" in err


def _fill(path: Path, row: int, column: int, value: object) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["任务反馈"].cell(row=row, column=column, value=value)
    wb.save(path)


def test_templates_out_and_returns_in(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                      tmp_path: Path) -> None:
    folder = tmp_path / "反馈表"
    code, _, err = run(capsys, "--db", str(demo_db), "export", "campaign-templates", "--id",
                       str(LEDGER_ID), "--out", str(folder), "--date", "2026-11-23")
    assert code == 0 and "编研科：5项任务" in err
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == 9
    archive = next(f for f in files if "县档案馆" in f.name)
    _fill(archive, 5, 5, "缺漏资料清单已开列，正在查阅。")
    conn = open_database(demo_db)
    before = store.list_tasks(conn, LEDGER_ID)
    conn.close()
    code, out, err = run(capsys, "--db", str(demo_db), "import-campaign-returns", *map(str, files),
                         "--id", str(LEDGER_ID), "--dry-run", "--date", "2026-11-23")
    assert code == 0 and "9份反馈表：1项任务有更新（未保存）" in err
    assert "县档案馆（" in out and "第6项“组织查阅馆藏档案" in out and "未启动→推进中" in out
    conn = open_database(demo_db)
    assert store.list_tasks(conn, LEDGER_ID) == before  # the dry run wrote nothing
    conn.close()
    code, out, _ = run(capsys, "--db", str(demo_db), "import-campaign-returns", str(archive),
                       "--json", "--date", "2026-11-23")
    assert code == 0
    data = json.loads(out)
    assert [c["no"] for c in data["changes"]] == [6]
    assert data["changes"][0]["status_after"] == "推进中" and data["rejected"] == []
    conn = open_database(demo_db)
    task = next(t for t in store.list_tasks(conn, LEDGER_ID) if t.no == 6)
    assert task.last_progress == "缺漏资料清单已开列，正在查阅。" and task.status.value == "推进中"
    conn.close()


def test_returns_with_errors_exit_1_and_foreign_files_exit_2(capsys: pytest.CaptureFixture[str],
                                                             demo_db: Path,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert run(capsys, "--db", str(demo_db), "export", "campaign-templates", "--id",
               str(LEDGER_ID), "--out", str(folder))[0] == 0
    office = next(f for f in folder.glob("*.xlsx") if "-办公室-" in f.name)
    _fill(office, 5, 6, "月底")
    code, _, err = run(capsys, "--db", str(demo_db), "import-campaign-returns", str(office))
    assert code == 1 and "第5行，F列：完成日期“月底”无法识别" in err and "整批未保存" in err
    other_db = tmp_path / "other.db"
    assert run(capsys, "--db", str(other_db), "demo")[0] == 0
    _fill(office, 5, 6, None)
    code, _, err = run(capsys, "--db", str(other_db), "import-campaign-returns", str(office))
    assert code == 2 and "不是本数据文件中的专项活动导出的" in err
    code, _, err = run(capsys, "--db", str(demo_db), "import-campaign-returns", str(office),
                       "--id", "1")
    assert code == 2 and "不是“在全市地方志系统" in err
