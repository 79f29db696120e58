"""``fangzhi backup`` and ``fangzhi restore``."""

from __future__ import annotations

from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.workpoints import delete_plan, plan_years


def test_backup_list_and_restore(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                 tmp_path: Path) -> None:
    out = tmp_path / "b.db"
    assert main(["--db", str(demo_db), "backup", "--out", str(out)]) == 0
    assert "已备份并校验" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "backup"]) == 0
    capsys.readouterr()
    assert main(["backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "手动" in listing and "工作要点46条" in listing
    conn = open_database(demo_db)
    delete_plan(conn, 2023)
    conn.close()
    # Not interactive: restoring needs --yes, and nothing changes without it.
    assert main(["--db", str(demo_db), "restore", str(out)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert plan_years(open_database(demo_db)) == [2026]
    assert main(["--db", str(demo_db), "restore", str(out), "--yes"]) == 0
    assert "恢复前的数据已备份到" in capsys.readouterr().err
    assert plan_years(open_database(demo_db)) == [2023, 2026]


def test_restoring_garbage_exits_2(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                   tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert main(["--db", str(demo_db), "restore", str(junk), "--yes"]) == 2
    assert "不是有效的数据文件" in capsys.readouterr().err
