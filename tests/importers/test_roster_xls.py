"""Legacy .xls (BIFF8) rosters, written with xlwt: the same messes as .xlsx."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fangzhi_desktop.importers.roster import parse_roster
from tests.importers.roster_builders import (
    COL,
    HEADER,
    TITLE,
    Sheet,
    make_id,
    person_row,
    standard_roster,
    write_xls,
)

BORN = date(1985, 3, 12)


def test_a_messy_xls_roster(tmp_path: Path) -> None:
    people = [
        person_row(1, "张　三", BORN, birth=datetime(1985, 3, 12), department="年鉴编辑部"),
        person_row(2, "李四", date(1990, 10, 1), male=False, birth=1990.1, department=""),
        person_row(3, "王五", date(1974, 8, 20), id_number=5.11323198806046e17, department=""),
        [None] * 15,
        person_row(4, "赵𠀀䶮", date(1988, 6, 4), serial=2, birth="1988年6月",
                   department="资料科", id_number=make_id(date(1988, 6, 4), 2).lower()),
    ]
    roster_sheet = standard_roster(people)
    roster_sheet.merges.append("K4:K6")
    roster_sheet.hidden_columns.append("N")
    hidden = Sheet("模板", [[TITLE], HEADER], hidden=True)
    path = write_xls(tmp_path / "花名册.xls", hidden, roster_sheet)

    roster = parse_roster(path)
    assert roster.sheet == "花名册" and roster.sheets == ["花名册"]
    assert roster.header_rows == [3] and roster.first_data_row == 4
    assert roster.columns == COL
    assert [(r.row, r.person.name, r.person.birth, r.person.department, r.valid)
            for r in roster.rows] == [
        (4, "张三", "1985-03", "年鉴编辑部", True),
        (5, "李四", "1990-10", "年鉴编辑部", True),
        (6, "王五", "1974-08", "年鉴编辑部", False),
        (8, "赵𠀀䶮", "1988-06", "资料科", True),
    ]
    assert roster.rows[0].person.phone == "13800000000"  # a hidden column still counts
    assert roster.rows[3].person.id_number == make_id(date(1988, 6, 4), 2)
    assert [(p.row, p.column, p.field) for p in roster.errors] == [(6, "F", "id_number")]
