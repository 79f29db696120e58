"""The yearbook commands: import-outline, import-manuscripts, yearbook new-volume/status and the
yearbook exports — exit codes, one-line Chinese messages, the --json contract, nothing written
on failure, and every file of the bad-input corpus answered with its name."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage.yearbook_tree import list_nodes
from tests.conftest import DEMO_TODAY

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
OUTLINE = """青山县年鉴（2026）篇目
一、特载
1.县政府工作报告（县政府办，3000字）
二、社会
（一）教育（县教育局）
1.基础教育（1200字，图片2幅）
2.职业教育（800字）
（二）卫生健康（县卫生健康局）
1.医疗服务（1000字）
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "内部错误" not in err, err
    return code, out, err


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "篇目.txt"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


@pytest.fixture
def db_with_outline(tmp_path: Path, outline_file: Path,
                    capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "--db", str(db), "import-outline", str(outline_file),
                       "--year", "2026")
    assert code == 0, err
    return db


def content(db: Path) -> list[object]:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = [sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables]
    conn.close()
    return out


def test_import_outline_dry_run_json(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     outline_file: Path) -> None:
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "--db", str(db), "import-outline", str(outline_file),
                         "--year", "2026", "--dry-run", "--json")
    assert code == 0 and "类目2个、分目2个、条目4个，供稿单位3个（按编号识别层级）（未保存）" in err
    data = json.loads(out)
    assert data["title"] == "青山县年鉴（2026）篇目"
    assert data["how"] == "编号" and data["counts"] == {
        "categories": 2, "sections": 2, "entries": 4, "units": 3}
    assert data["tree"][1]["children"][0] == {
        "title": "教育", "unit": "县教育局", "words": None, "photos": None, "line": 5,
        "children": data["tree"][1]["children"][0]["children"]}
    assert data["tree"][1]["children"][0]["children"][0]["words"] == 1200
    assert data["problems"][0]["severity"] == "warning" and data["problems"][0]["line"] == 1
    assert not db.exists()


def test_import_outline_then_again_refused_then_replaced(
        capsys: pytest.CaptureFixture[str], db_with_outline: Path, outline_file: Path) -> None:
    db = str(db_with_outline)
    conn = open_database(db)
    volume = store.get_volume(conn, 2026)
    assert len(list_nodes(conn, volume.id)) == 8
    conn.close()
    code, _, err = run(capsys, "--db", db, "import-outline", str(outline_file), "--year", "2026")
    assert code == 1 and "已有8个篇目，未做改动" in err
    code, _, err = run(capsys, "--db", db, "import-outline", str(outline_file), "--year", "2026",
                       "--replace")
    assert code == 0 and "已先备份数据" in err and "已导入2026年卷篇目" in err


def test_import_outline_with_errors_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    path = tmp_path / "坏篇目.txt"
    path.write_text("经济\n\t农业\n\t\t粮食\n\t\t\t小麦\n", encoding="utf-8")
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "--db", str(db), "import-outline", str(path), "--year", "2026")
    assert code == 1 and "错误：坏篇目.txt，第4行" in err and "未导入" in err
    assert not db.exists()
    code, _, err = run(capsys, "--db", str(db), "import-outline", str(path))
    assert code == 2 and "用法错误" in err and "--year" in err


@pytest.mark.parametrize("path", sorted(BAD.iterdir()), ids=lambda p: p.name)
def test_every_bad_file_gets_a_clear_message(capsys: pytest.CaptureFixture[str],
                                             db_with_outline: Path, path: Path) -> None:
    before = content(db_with_outline)
    for command in (["import-outline", str(path), "--year", "2026"],
                    ["import-manuscripts", "--year", "2026", str(path)]):
        code, _, err = run(capsys, "--db", str(db_with_outline), *command)
        assert code in (1, 2), err
        assert path.name in err.strip().splitlines()[0], err
    assert content(db_with_outline) == before


def test_new_volume_and_status(capsys: pytest.CaptureFixture[str],
                               db_with_outline: Path) -> None:
    db = str(db_with_outline)
    code, _, err = run(capsys, "--db", db, "yearbook", "new-volume", "--year", "2027")
    assert code == 0 and "已新建《青山县年鉴（2027）》：沿用2026年卷的篇目8个、供稿单位3个" in err
    code, _, err = run(capsys, "--db", db, "yearbook", "new-volume", "--year", "2027")
    assert code == 2 and "2027年卷的年鉴已经存在" in err
    code, out, _ = run(capsys, "--db", db, "yearbook", "status", "--year", "2026", "--date",
                       "2026-03-01", "--json")
    data = json.loads(out)
    assert data["stage"] == "印发组稿通知" and data["stage_state"] == "按计划应已开始"
    assert data["late_stages"] == ["印发组稿通知", "篇目设计/审定"]
    assert data["holds"] is False and data["slack"] < 0 and data["slack_unit"] == "天"
    assert data["totals"]["entries"] == 4
    code, out, _ = run(capsys, "--db", db, "yearbook", "status", "--date", "2027-01-02")
    assert code == 0 and "《青山县年鉴（2027）》（记述2026年）" in out
    assert "当前阶段：印发组稿通知（待开始）" in out
    code, _, err = run(capsys, "--db", db, "yearbook")
    assert code == 2 and "new-volume 或 status" in err


def test_import_manuscripts_dry_run_then_saved(capsys: pytest.CaptureFixture[str],
                                               db_with_outline: Path, tmp_path: Path) -> None:
    folder = tmp_path / "来稿" / "县教育局"
    folder.mkdir(parents=True)
    (folder / "基础教育.txt").write_text("基础教育\n全县中小学38所。", encoding="utf-8")
    (folder / "会议通知.txt").write_text("会议通知\n无关。", encoding="utf-8")
    db = str(db_with_outline)
    code, out, err = run(capsys, "--db", db, "import-manuscripts", "--year", "2026",
                         str(tmp_path / "来稿"), "--dry-run", "--json")
    assert code == 0 and "1份稿件匹配到条目（1份新收或更新），1份未匹配（未保存）" in err
    data = json.loads(out)
    assert data["matched"][0]["entry"] == "基础教育" and data["matched"][0]["words"] == 12
    assert data["matched"][0]["outcome"] == "new" and data["unmatched"][0]["file"] == "会议通知.txt"
    code, out, err = run(capsys, "--db", db, "import-manuscripts", "--year", "2026",
                         str(tmp_path / "来稿"), "--date", "2026-03-05")
    assert code == 0 and "已保存：1份稿件匹配到条目" in err
    assert "基础教育.txt → 社会→教育→基础教育（县教育局，名称相似度1.00）：12字" in out
    code, _, err = run(capsys, "--db", db, "import-manuscripts", "--year", "2026",
                       str(folder / "基础教育.txt"))
    assert code == 0 and "没有需要保存的内容" in err
    code, _, err = run(capsys, "--db", db, "import-manuscripts", "--year", "2030", str(folder))
    assert code == 2 and "没有2030年卷的年鉴" in err


def test_the_yearbook_exports(capsys: pytest.CaptureFixture[str], demo_db: Path,
                              tmp_path: Path) -> None:
    db = str(demo_db)
    for kind, name in (("yearbook-notice", "通知.docx"), ("yearbook-bulletin", "通报.docx"),
                       ("yearbook-xlsx", "进度.xlsx")):
        code, _, err = run(capsys, "--db", db, "export", kind, "--out", str(tmp_path / name),
                           "--date", DEMO_TODAY.isoformat())
        assert code == 0 and (tmp_path / name).stat().st_size > 5000, err
    assert "发文字号：吉志委发〔2026〕2号" in err or "已导出" in err
    code, _, err = run(capsys, "--db", db, "export", "yearbook-package", "--out",
                       str(tmp_path / "任务表"), "--year", str(DEMO_TODAY.year))
    assert code == 0 and "县水利局：3个条目 → 青山县年鉴（2026）-县水利局-组稿任务表.xlsx" in err
    assert len(list((tmp_path / "任务表").glob("*.xlsx"))) == 62
    code, _, err = run(capsys, "--db", db, "export", "yearbook-xlsx", "--out",
                       str(tmp_path / "x.xlsx"), "--year", "2019")
    assert code == 2 and "没有2019年卷的年鉴" in err
    empty = str(tmp_path / "empty.db")
    code, _, err = run(capsys, "--db", empty, "export", "yearbook-bulletin", "--out",
                       str(tmp_path / "y.docx"))
    assert code == 2 and "还没有年鉴年卷" in err
