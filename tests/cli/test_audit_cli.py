"""``fangzhi audit``: the trail of one record, the latest entries, filters and refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.storage import audit, open_database
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.audit_triggers import who
from fangzhi_desktop.storage.workpoints import StatusFields


@pytest.fixture
def edited(demo_db: Path) -> tuple[Path, int]:
    conn = open_database(demo_db)
    item = next(i for i in store.list_items(conn, 2023) if i.no == 19)  # 未启动
    with audit.action(conn, "修改状态"):
        store.set_status(conn, item.id, StatusFields(Status.CLOSED, date(2026, 11, 20), "验收"))
    conn.close()
    return demo_db, item.id


def test_the_trail_of_one_record(capsys: pytest.CaptureFixture[str],
                                 edited: tuple[Path, int]) -> None:
    db, item_id = edited
    assert main(["--db", str(db), "audit", "--table", "work_items", "--id", str(item_id)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["时间", "用户", "操作", "对象", "字段", "原值", "新值"]
    rows = [line.split("\t") for line in lines[1:]]
    assert [r[2:] for r in rows if r[4] == "状态"] == [
        ["修改状态", "工作要点条目 2023年第19条", "状态", "未启动", "已销号"]]
    assert all(r[1].startswith(who()[0]) for r in rows)


def test_latest_with_filters_and_json(capsys: pytest.CaptureFixture[str],
                                      edited: tuple[Path, int]) -> None:
    db, _ = edited
    assert main(["--db", str(db), "audit", "--limit", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["action"] for d in data} == {"修改状态"} and len(data) == 3  # 状态, 日期, 说明
    assert main(["--db", str(db), "audit", "--user", "没有这个人"]) == 0
    assert "没有符合条件的修改记录" in capsys.readouterr().err
    assert main(["--db", str(db), "audit", "--until", "2000-01-01"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "3"], "须与 --table 同用"),
    (["--table", "nothing"], "没有“nothing”这类记录"),
    (["--since", "2026-13-01"], "格式不对"),
])
def test_bad_arguments_are_one_chinese_line(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                            args: list[str], message: str) -> None:
    assert main(["--db", str(demo_db), "audit", *args]) != 0
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
