"""``fangzhi person list`` (masked unless --full-ids) and ``fangzhi person delete``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.people import list_people

FULL_ID = re.compile(r"\d{17}[\dX]")


def test_list_masks_numbers_unless_asked(capsys: pytest.CaptureFixture[str],
                                         demo_db: Path) -> None:
    assert main(["--db", str(demo_db), "person", "list"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 25
    assert not FULL_ID.search(out) and "**********" in out
    assert not re.search(r"1[3-9]\d{9}", out)
    assert main(["--db", str(demo_db), "person", "list", "--full-ids"]) == 0
    assert len(FULL_ID.findall(capsys.readouterr().out)) == 25


def test_delete_needs_yes_then_anonymises(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                          tmp_path: Path) -> None:
    conn = open_database(demo_db)
    person = list_people(conn)[0]
    conn.close()
    assert main(["--db", str(demo_db), "person", "delete", person.id_number]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "person", "delete", person.id_number, "--yes"]) == 0
    err = capsys.readouterr().err
    assert f"已删除人员 #{person.id}" in err and "已备份到" in err and person.name not in err
    conn = open_database(demo_db)
    assert person.id_number not in {p.id_number for p in list_people(conn)}
    conn.close()
    assert main(["--db", str(demo_db), "person", "delete", "9999", "--yes"]) == 2
    assert "没有“9999”" in capsys.readouterr().err
