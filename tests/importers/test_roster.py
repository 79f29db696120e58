"""``parse_roster`` on every kind of messy 花名册, built with openpyxl in tmp_path."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from fangzhi_desktop.errors import Cancelled, UnusableInput
from fangzhi_desktop.importers.roster import ParsedRoster, parse_roster
from tests.importers.roster_builders import (
    COL,
    HEADER,
    TITLE,
    UNIT_LINE,
    Sheet,
    make_id,
    person_row,
    standard_roster,
    synthetic_rows,
    with_bad_checksum,
    write_big_xlsx,
    write_xlsx,
)

BORN = date(1985, 3, 12)


def _problems(roster: ParsedRoster, severity: str = "error") -> list[tuple[Any, ...]]:
    return [(p.row, p.column, p.field) for p in roster.problems if p.severity == severity]


def _x_id(born: date) -> str:
    """A valid ID whose check character is X."""
    return next(i for s in range(500) if (i := make_id(born, s)).endswith("X"))


def test_a_plain_roster_with_title_unit_line_and_footers(tmp_path: Path) -> None:
    people = [person_row(1, "张三", BORN, department="办公室"),
              person_row(2, "李四", date(1990, 10, 1), male=False, department="编研科")]
    path = write_xlsx(tmp_path / "r.xlsx", standard_roster(people))
    roster = parse_roster(path)
    assert roster.sheet == "花名册"
    assert roster.header_rows == [3] and roster.first_data_row == 4
    assert roster.columns == COL
    assert roster.headers["F"] == "公民身份号码"
    assert [(r.row, r.seq, r.person.name) for r in roster.rows] == [(4, "1", "张三"),
                                                                    (5, "2", "李四")]
    first = roster.rows[0].person
    assert (first.sex, first.birth, first.id_number, first.work_start, first.phone) == \
        ("男", "1985-03", make_id(BORN), "2008-07", "13800000000")
    assert roster.problems == []


def test_a_two_row_header_with_merged_group_cells(tmp_path: Path) -> None:
    top = [*HEADER[:10], "现任职务情况", "", "", *HEADER[13:]]
    sub = [""] * 10 + ["处室", "职务", "职级", "", ""]
    people = [person_row(1, "张三", BORN), person_row(2, "李四", date(1990, 10, 1), male=False)]
    merges = ["A1:O1", "A2:O2", "K3:M3"] + [f"{c}3:{c}4" for c in "ABCDEFGHIJNO"]
    path = write_xlsx(tmp_path / "r.xlsx",
                      Sheet("花名册", [[TITLE], [UNIT_LINE], top, sub, *people], merges))
    roster = parse_roster(path)
    assert roster.header_rows == [3, 4] and roster.first_data_row == 5
    assert roster.columns == COL
    assert roster.headers["K"] == "现任职务情况/处室" and roster.headers["A"] == "序号"
    assert [(r.row, r.person.name, r.person.department, r.person.rank) for r in roster.rows] == \
        [(5, "张三", "办公室", "一级科员"), (6, "李四", "办公室", "一级科员")]


def test_noisy_header_cells_and_a_hidden_id_column(tmp_path: Path) -> None:
    header = ["序 号", "* 姓  名", "性别", "民族", "出生年月\n（年.月）", "身份证号码（18位）",
              "政治面貌", "文化程度", "学位", "工作时间", "所在科室", "职务", "级别", "手机号码",
              "备注"]
    sheet = Sheet("Sheet1", [header, person_row(1, "张三", BORN)], hidden_columns=["F"])
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", sheet))
    assert roster.columns == COL
    assert roster.rows[0].person.id_number == make_id(BORN)


def test_a_department_merged_over_its_people_is_filled_down(tmp_path: Path) -> None:
    people = [person_row(1, "张三", BORN, department="年鉴编辑部"),
              person_row(2, "李四", date(1990, 10, 1), male=False, department=""),
              person_row(3, "王五", date(1974, 8, 20), department=""),
              person_row(4, "赵六", date(1988, 6, 4), department="资料科")]
    sheet = standard_roster(people, footer=False)
    sheet.merges.append("K4:K6")
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", sheet))
    assert [r.person.department for r in roster.rows] == ["年鉴编辑部"] * 3 + ["资料科"]


def test_a_roster_that_does_not_start_at_a1(tmp_path: Path) -> None:
    """Rows and letters as Excel shows them when the table starts at C3."""
    pad = ["", ""]
    rows: list[list[Any]] = [[], [], [*pad, TITLE], pad + HEADER,
                             pad + person_row(1, "张三", BORN, department="编研科"),
                             pad + person_row(2, "李四", date(1990, 10, 1), male=False,
                                              department="", id_number=12345.0)]
    sheet = Sheet("花名册", rows, merges=["C3:Q3", "M5:M6"])
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", sheet))
    assert roster.header_rows == [4] and roster.columns["name"] == "D"
    assert [(r.row, r.person.name, r.person.department) for r in roster.rows] == \
        [(5, "张三", "编研科"), (6, "李四", "编研科")]
    assert _problems(roster) == [(6, "H", "id_number")]


def test_rows_that_are_not_people_are_skipped(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        [TITLE], [UNIT_LINE], HEADER,
        list(range(1, 16)),  # 4: column numbers under the header
        ["一、机关在编人员"],  # 5: a group line merged across
        person_row(1, "张三", BORN),  # 6
        [],  # 7: spacer
        [None] * 15,  # 8: spacer
        HEADER,  # 9: the header repeated on a printed page
        person_row(2, "李四", date(1990, 10, 1), male=False),  # 10
        [3, "—", None, None, None, None, None, None, None, None, "编研科", "科员"],  # 11: vacancy
        ["小计：2人"],  # 12
        person_row(3, "王五", date(1974, 8, 20)),  # 13
        [None, "合计", "3人"],  # 14
        ["制表人：王某某", None, None, None, "审核人：李某某", None, "填报日期：2024年3月1日"],  # 15
        ["说明：1.本表按科室排列；"],  # 16
        ["2.身份证号码请设为文本。", "赵六"],  # 17: a note line, after the table
    ]
    sheet = Sheet("花名册", rows, merges=["A1:O1", "A2:O2", "A5:O5", "A12:O12", "A16:O16"])
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", sheet))
    assert [(r.row, r.person.name) for r in roster.rows] == [(6, "张三"), (10, "李四"),
                                                            (13, "王五")]
    assert roster.errors == []
    assert _problems(roster, "warning") == [(11, "B", "name")]


def test_id_number_problems_each_with_row_column_and_field(tmp_path: Path) -> None:
    young = date(1990, 10, 1)
    x_id = _x_id(date(1979, 1, 2))
    people = [
        person_row(1, "甲", BORN, id_number=5.11323198806046e17),  # 4: number, digits lost
        person_row(2, "乙", date(1979, 1, 2), id_number=x_id.lower()),  # 5: lower-case x: fine
        person_row(3, "丙", young, male=False, serial=2,  # 6: full-width digits: fine
                   id_number=make_id(young, 2, male=False).translate(
                       str.maketrans("0123456789", "０１２３４５６７８９"))),
        person_row(4, "丁", BORN, serial=3, id_number=with_bad_checksum(make_id(BORN, 3))),  # 7
        person_row(5, "戊", BORN, id_number="22010219850312"),  # 8: too short
        person_row(6, "己", BORN, id_number="2201021985031200AB"),  # 9: letters
        person_row(7, "庚", BORN, serial=4, birth="1985.04"),  # 10: birth disagrees with the ID
        person_row(8, "辛", BORN, serial=5, sex="女"),  # 11: sex disagrees with the ID
        person_row(9, "壬", BORN, serial=6, male=False, id_number=make_id(BORN, 6, male=False)),
        person_row(10, "癸", BORN, serial=6, male=False),  # 13: same ID as row 12
        person_row(11, "子", BORN, id_number=""),  # 14: no ID: imported with a warning
    ]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert _problems(roster) == [
        (4, "F", "id_number"), (7, "F", "id_number"), (8, "F", "id_number"),
        (9, "F", "id_number"), (10, "E", "birth"), (11, "C", "sex"), (13, "F", "id_number")]
    messages = {p.row: p.message for p in roster.errors}
    assert "5.11323198806046E+17" in messages[4] and "丢失" in messages[4]
    assert "校验位" in messages[7] and "18位" in messages[8] and "非法字符" in messages[9]
    assert "1985-04" in messages[10] and "1985-03" in messages[10]
    assert "第12行" in messages[13]
    assert _problems(roster, "warning") == [(14, "F", "id_number")]
    by_row = {r.row: r for r in roster.rows}
    assert by_row[5].person.id_number == x_id and by_row[5].valid
    assert by_row[6].person.id_number == make_id(young, 2, male=False) and by_row[6].valid
    assert by_row[4].person.id_number == "" and not by_row[4].valid
    assert by_row[12].valid and not by_row[13].valid
    assert by_row[14].valid and by_row[14].person.id_number == ""
    assert [r.row for r in roster.invalid_rows] == [4, 7, 8, 9, 10, 11, 13]
    assert len(roster.people()) == 4 and len(roster.people(valid_only=False)) == 11
    assert all(p.file == str(tmp_path / "r.xlsx") for p in roster.problems)
    assert roster.errors[0].text().startswith("r.xlsx，第4行，F列：")


def test_every_date_spelling(tmp_path: Path) -> None:
    spellings: list[tuple[Any, str]] = [
        (datetime(1985, 3, 12), "1985-03"), ("1985.03", "1985-03"), ("1985.3", "1985-03"),
        ("1985年3月", "1985-03"), ("19850312", "1985-03"), (19850312, "1985-03"),
        ("1985-03", "1985-03"), ("1985/3", "1985-03"), (1985.03, "1985-03"),
        ("１９８５．０３", "1985-03"), ("", "1985-03"),  # blank: taken from the ID
    ]
    people = [person_row(i + 1, f"人{i}", BORN, serial=i, birth=b, work_start=b or "2008.07")
              for i, (b, _) in enumerate(spellings)]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert roster.problems == []
    assert [r.person.birth for r in roster.rows] == [e for _, e in spellings]
    assert [r.person.work_start for r in roster.rows][:-1] == [e for _, e in spellings][:-1]


def test_an_ambiguous_number_uses_the_id_for_birth_and_january_with_a_warning_otherwise(
        tmp_path: Path) -> None:
    october = date(1990, 10, 1)
    january = date(1991, 1, 5)
    people = [person_row(1, "甲", october, birth=1990.1, work_start=2012.1),
              person_row(2, "乙", january, birth=1991.1, work_start=2013.1)]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert [(r.person.birth, r.person.work_start) for r in roster.rows] == \
        [("1990-10", "2012-01"), ("1991-01", "2013-01")]
    assert roster.errors == []
    assert _problems(roster, "warning") == [(4, "J", "work_start"), (5, "J", "work_start")]
    assert "1月还是10月" in roster.warnings[0].message


def test_unrecognised_dates_are_errors(tmp_path: Path) -> None:
    people = [person_row(1, "甲", BORN, birth="八五年三月"),
              person_row(2, "乙", BORN, serial=2, work_start="2008年13月")]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert _problems(roster) == [(4, "E", "birth"), (5, "J", "work_start")]
    assert roster.errors[0].message.startswith("出生年月：")


def test_names_lose_spaces_and_rare_characters_survive(tmp_path: Path) -> None:
    people = [person_row(1, " 张\u3000三 ", BORN), person_row(2, "王𠀀", BORN, serial=2),
              person_row(3, "李䶮", BORN, serial=3), person_row(4, "欧阳 娜娜", BORN, serial=4)]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert [r.person.name for r in roster.rows] == ["张三", "王𠀀", "李䶮", "欧阳娜娜"]


def test_same_name_and_birth_without_ids_is_a_warning(tmp_path: Path) -> None:
    people = [person_row(1, "张三", BORN, id_number=""), person_row(2, "张三", BORN, id_number="")]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert roster.errors == []
    assert (5, "B", "name") in _problems(roster, "warning")


def test_a_user_mapping_and_first_row_replace_the_detected_ones(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["甲列", "乙列", "丙列"], ["张三", make_id(BORN), "办公室"],
                             ["李四", make_id(BORN, 2), "编研科"]]
    path = write_xlsx(tmp_path / "r.xlsx", Sheet("Sheet1", rows))
    with pytest.raises(UnusableInput, match="表头"):
        parse_roster(path)
    roster = parse_roster(path, mapping={"name": "A", "id_number": "B", "department": "C"},
                          first_data_row=2)
    assert roster.header_rows == [] and roster.first_data_row == 2
    assert roster.columns == {"name": "A", "id_number": "B", "department": "C"}
    assert [(r.row, r.person.name, r.person.department) for r in roster.rows] == \
        [(2, "张三", "办公室"), (3, "李四", "编研科")]
    with pytest.raises(UnusableInput, match="姓名"):
        parse_roster(path, mapping={"id_number": "B"}, first_data_row=2)
    with pytest.raises(UnusableInput, match="列号"):
        parse_roster(path, mapping={"name": "1"}, first_data_row=2)


def test_remapping_a_detected_roster(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", standard_roster([person_row(1, "张三", BORN)]))
    detected = parse_roster(path)
    mapping = dict(detected.columns, remarks="N")
    del mapping["phone"]
    roster = parse_roster(path, sheet=detected.sheet, mapping=mapping)
    assert roster.first_data_row == 4
    assert (roster.rows[0].person.phone, roster.rows[0].person.remarks) == ("", "13800000000")


def test_progress_is_reported_and_cancel_stops(tmp_path: Path) -> None:
    path = write_big_xlsx(tmp_path / "r.xlsx", synthetic_rows(1200))
    seen: list[float] = []
    parse_roster(path, progress=lambda f, _t: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 3

    def cancel(fraction: float, _text: str) -> None:
        if fraction > 0.3:
            raise Cancelled

    with pytest.raises(Cancelled):
        parse_roster(path, progress=cancel)


def test_a_roster_of_5000_people(tmp_path: Path) -> None:
    rows = synthetic_rows(5000)
    rows[4321][5] = with_bad_checksum(str(rows[4321][5]))
    path = write_big_xlsx(tmp_path / "big.xlsx", rows)
    roster = parse_roster(path)
    assert roster.header_rows == [2] and len(roster.rows) == 5000
    assert _problems(roster) == [(4321 + 3, "F", "id_number")]
    assert len(roster.people()) == 4999
    assert len({p.id_number for p in roster.people()}) == 4999


@pytest.mark.parametrize("footer", ["注：以上人员均为在编干部。", "说明：按科室排列", "备注：无",
                                    "制表人：王某某", "审核人：李某某", "填表人：张某 电话：123",
                                    "填报日期：2024年3月1日"])
def test_a_footer_line_ends_the_table(tmp_path: Path, footer: str) -> None:
    rows: list[list[Any]] = [HEADER, person_row(1, "张三", BORN), [footer],
                             person_row(None, "李四", BORN, serial=2)]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", Sheet("Sheet1", rows)))
    assert [r.person.name for r in roster.rows] == ["张三"] and roster.problems == []


def test_a_blank_or_whitespace_id_is_a_warning(tmp_path: Path) -> None:
    people = [person_row(1, "张三", BORN, id_number=" \u3000 "), person_row(2, "李四", BORN,
                                                                          id_number="")]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert roster.errors == []
    assert _problems(roster, "warning") == [(4, "F", "id_number"), (5, "F", "id_number")]
    assert [r.person.birth for r in roster.rows] == ["1985-03", "1985-03"]


def test_an_id_without_a_name_is_an_error(tmp_path: Path) -> None:
    people = [person_row(1, "", BORN)]
    roster = parse_roster(write_xlsx(tmp_path / "r.xlsx", standard_roster(people)))
    assert _problems(roster) == [(4, "B", "name")]


def test_a_mapped_name_column_outside_the_sheet_is_an_error(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", standard_roster([person_row(1, "张三", BORN)]))
    roster = parse_roster(path, mapping={"name": "Z"}, first_data_row=4)
    assert roster.rows == [] and _problems(roster) == [(None, "Z", "name")]
