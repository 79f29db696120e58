"""``fangzhi import-roster``: the --json contract, exit codes, upsert, --skip-invalid."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from tests.importers.roster_builders import (
    COL,
    Sheet,
    make_id,
    person_row,
    standard_roster,
    write_encrypted_like,
    write_xlsx,
)

BORN = date(1985, 3, 12)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _people(department: str = "办公室") -> list[list[Any]]:
    return [person_row(1, "张三", BORN, department=department),
            person_row(2, "王𠀀䶮", date(1990, 10, 1), male=False, birth=1990.1,
                       department=department),
            person_row(3, "李四", date(1974, 8, 20), id_number="", department=department)]


def _roster(path: Path, people: list[list[Any]]) -> Path:
    return write_xlsx(path, standard_roster(people))


def _table(db: Path) -> list[tuple[object, ...]]:
    conn = open_database(db)
    try:
        return conn.execute("SELECT * FROM people ORDER BY id").fetchall()
    finally:
        conn.close()


def _with_errors() -> list[list[Any]]:
    return [*_people("资料科"),
            person_row(4, "赵六", BORN, serial=4, id_number=5.11323198806046e17),  # row 7
            person_row(5, "钱七", BORN, serial=5, birth="1985.04"),  # row 8
            person_row(6, "孙八", BORN)]  # row 9: same ID as row 4


def test_dry_run_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    path = _roster(tmp_path / "花名册.xlsx", _with_errors())
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "--db", str(db), "import-roster", str(path), "--dry-run",
                         "--json", "--full-ids")
    assert code == 1 and not db.exists()
    assert "王𠀀䶮" in out  # ensure_ascii=False
    data = json.loads(out)
    assert data["sheet"] == "花名册"
    assert data["header_rows"] == [3] and data["first_data_row"] == 4
    assert data["columns"] == COL
    assert [p["row"] for p in data["people"]] == [4, 5, 6, 7, 8, 9]
    first = data["people"][0]
    assert {k: first[k] for k in ("row", "name", "id_number", "birth", "department")} == {
        "row": 4, "name": "张三", "id_number": make_id(BORN), "birth": "1985-03",
        "department": "资料科"}
    assert data["people"][1]["birth"] == "1990-10"
    assert [p["valid"] for p in data["people"]] == [True, True, True, False, False, False]
    assert data["errors"] == [
        {"row": 7, "column": "F", "field": "id_number", "message": data["errors"][0]["message"]},
        {"row": 8, "column": "E", "field": "birth", "message": data["errors"][1]["message"]},
        {"row": 9, "column": "F", "field": "id_number", "message": data["errors"][2]["message"]},
    ]
    assert "5.11323198806046E+17" in data["errors"][0]["message"]
    assert "错误：花名册.xlsx，第7行，F列：身份证号码被存成了数字" in err
    assert "有3处错误，未导入" in err


def test_import_then_reimport_updates_instead_of_duplicating(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    code, _, err = run(capsys, "--db", str(db), "import-roster",
                       str(_roster(tmp_path / "v1.xlsx", _people())))
    assert code == 0 and "已导入3人（新增3人，更新0人）" in err
    assert "提示：v1.xlsx，第6行，F列：缺少身份证号码" in err
    code, _, err = run(capsys, "--db", str(db), "import-roster",
                       str(_roster(tmp_path / "v2.xlsx", _people("编研科"))))
    assert code == 0 and "已导入3人（新增0人，更新3人）" in err
    rows = _table(db)
    assert len(rows) == 3
    conn = sqlite3.connect(db)
    names = conn.execute("SELECT name, department FROM people ORDER BY roster_order").fetchall()
    conn.close()
    assert names == [("张三", "编研科"), ("王𠀀䶮", "编研科"), ("李四", "编研科")]


def test_a_failing_import_changes_nothing(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run(capsys, "--db", str(db), "import-roster",
               str(_roster(tmp_path / "v1.xlsx", _people())))[0] == 0
    before = _table(db)
    code, _, err = run(capsys, "--db", str(db), "import-roster",
                       str(_roster(tmp_path / "v2.xlsx", _with_errors())))
    assert code == 1 and "未导入" in err
    assert _table(db) == before


def test_skip_invalid_imports_the_valid_rows_and_names_the_others(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    path = str(_roster(tmp_path / "r.xlsx", _with_errors()))
    code, _, err = run(capsys, "--db", str(db), "import-roster", path, "--skip-invalid",
                       "--dry-run")
    assert code == 0 and "可导入3人（未保存）" in err and not db.exists()
    code, _, err = run(capsys, "--db", str(db), "import-roster", path, "--skip-invalid")
    assert code == 0
    assert "跳过有错误的3人：第7、8、9行。" in err
    assert "已导入3人（新增3人，更新0人）" in err
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM people ORDER BY roster_order")]
    conn.close()
    assert names == ["张三", "王𠀀䶮", "李四"]


def test_sheet_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", standard_roster(_people(), name="在职"),
                      standard_roster(_people()[:1], name="退休"))
    code, out, _ = run(capsys, "import-roster", str(path), "--sheet", "退休", "--dry-run",
                       "--json")
    assert code == 0 and json.loads(out)["sheet"] == "退休"
    code, _, err = run(capsys, "import-roster", str(path), "--sheet", "离职", "--dry-run")
    assert code == 2 and err.strip() == "r.xlsx：没有名为“离职”的工作表（有“在职”、“退休”）。"


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("通知")
    document.save(str(path))


@pytest.mark.parametrize(("name", "make", "words"), [
    ("无表头.xlsx", lambda p: write_xlsx(p, Sheet("Sheet1", [["张三", "男"], ["李四", "女"]])),
     "没有找到花名册的表头"),
    ("空.xlsx", lambda p: p.write_bytes(b""), "空的"),
    ("文档.xls", _docx, "Word文档"),
    ("半截.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 200), "损坏或不完整"),
    ("加密.xlsx", write_encrypted_like, "密码"),
    ("乱码.xls", lambda p: p.write_bytes(bytes(range(256)) * 8), "不是Excel表格"),
])
def test_unusable_files_exit_2_with_one_chinese_line(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path, name: str, make: Any,
                                                     words: str) -> None:
    path = tmp_path / name
    make(path)
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "import-roster", str(path))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and words in lines[0]
    assert not (tmp_path / "x.db").exists()


def test_the_real_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "坏.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    done = subprocess.run([sys.executable, "-m", "fangzhi_desktop", "--db",
                           str(tmp_path / "x.db"), "import-roster", str(path)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == "坏.xls：Excel文件已损坏，无法读取。"


def test_dry_run_json_masks_numbers_unless_full_ids(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    path = _roster(tmp_path / "花名册.xlsx", _people())
    code, out, _ = run(capsys, "import-roster", str(path), "--dry-run", "--json")
    assert code == 0
    first = json.loads(out)["people"][0]
    full = make_id(BORN)
    assert first["id_number"] == f"{full[:4]}**********{full[-4:]}" and full not in out
    assert "****" in first["phone"]
