"""``fangzhi export package`` and ``fangzhi import package``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from tests.storage.exchange_helpers import count, snapshot


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city.db"
    open_database(path).close()
    return path


def test_export_and_import_round_trip(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                      city: Path, tmp_path: Path) -> None:
    out = tmp_path / "县.fzpkg"
    assert main(["--db", str(demo_db), "export", "package", "--out", str(out),
                 "--years", "2025", "2026", "--areas", "干部学习", "workpoints"]) == 0
    err = capsys.readouterr().err
    assert "年度：2025、2026" in err and "身份证号和电话：未包含" in err and "已导出" in err
    assert main(["--db", str(city), "import", "package", str(out), "--dry-run"]) == 0
    assert "试导入" in capsys.readouterr().err
    assert count(city, "work_items") == 0
    assert main(["--db", str(city), "import", "package", str(out)]) == 0
    err = capsys.readouterr().err
    assert "新增" in err and "导入前的数据已备份到" in err
    assert count(city, "work_items") == 6
    assert main(["--db", str(city), "import", "package", str(out)]) == 0
    assert "新增0条记录，更新0条记录" in capsys.readouterr().err


def test_encrypted_package_with_password_file_and_env(
        capsys: pytest.CaptureFixture[str], demo_db: Path, city: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fangzhi_desktop.crypto.DEFAULT_LOG_N", 10)
    secret = tmp_path / "pw.txt"
    secret.write_text("市志办\n", encoding="utf-8")
    out = tmp_path / "e.fzpkg"
    assert main(["--db", str(demo_db), "export", "package", "--out", str(out), "--areas",
                 "年鉴", "--password-file", str(secret), "--full-ids"]) == 0
    assert "已用密码加密" in capsys.readouterr().err
    before = snapshot(city)
    assert main(["--db", str(city), "import", "package", str(out)]) == 2  # not a terminal
    assert "--password-file" in capsys.readouterr().err
    monkeypatch.setenv("FZ_PW", "不对")
    assert main(["--db", str(city), "import", "package", str(out), "--password-env",
                 "FZ_PW"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == ["密码不正确，无法打开 e.fzpkg。"]
    assert snapshot(city) == before
    monkeypatch.setenv("FZ_PW", "市志办")
    assert main(["--db", str(city), "import", "package", str(out), "--password-env",
                 "FZ_PW"]) == 0
    assert count(city, "yearbook_manuscripts") == count(demo_db, "yearbook_manuscripts")


def test_usage_errors(capsys: pytest.CaptureFixture[str], demo_db: Path,
                      tmp_path: Path) -> None:
    assert main(["--db", str(demo_db), "export", "package", "--out",
                 str(tmp_path / "x.zip")]) == 2
    assert "*.fzpkg" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "export", "package", "--out",
                 str(tmp_path / "x.fzpkg"), "--areas", "财务"]) == 2
    assert "没有“财务”这个方面" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "export", "package", "--out",
                 str(tmp_path / "x.fzpkg"), "--years", "1999"]) == 2
    assert "没有任何记录" in capsys.readouterr().err
    assert not (tmp_path / "x.fzpkg").exists()
    assert main(["--db", str(demo_db), "import", "package", str(tmp_path / "none.fzpkg")]) == 2
    assert "找不到交换包" in capsys.readouterr().err
    assert main(["export", "--list"]) == 0
    assert "package\t交换包" in capsys.readouterr().out


def test_packages_lists_the_imports(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                    city: Path, tmp_path: Path) -> None:
    assert main(["--db", str(city), "packages"]) == 0
    assert capsys.readouterr().err.strip() == "还没有导入过交换包。"
    out = tmp_path / "县.fzpkg"
    assert main(["--db", str(demo_db), "export", "package", "--out", str(out),
                 "--years", "2025", "2026", "--areas", "干部学习", "workpoints"]) == 0
    assert main(["--db", str(city), "import", "package", str(out), "--dry-run"]) == 0
    assert main(["--db", str(city), "import", "package", str(out)]) == 0
    capsys.readouterr()

    assert main(["--db", str(city), "packages"]) == 0
    header, *rows = capsys.readouterr().out.strip().splitlines()
    assert header.split("\t") == ["导入时间", "来源单位", "年度", "范围", "文件"]
    assert len(rows) == 1  # the dry run left no record
    at, office, years, areas, name = rows[0].split("\t")
    assert (years, name) == ("2025、2026", "县.fzpkg")
    assert set(areas.split("、")) == {"工作要点", "干部学习"}
    assert office and at[:2] == "20"
    assert main(["--db", str(city), "packages", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["years"] == [2025, 2026] and entry["office"] == office
