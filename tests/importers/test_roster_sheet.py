"""Workbook reading: columns, merged cells, header rows, sheet choice, unreadable files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.excel_sheet import (
    column_index,
    column_letter,
    find_header,
    header_key,
    open_workbook,
)
from fangzhi_desktop.importers.roster import match_header, parse_roster
from tests.importers.roster_builders import (
    HEADER,
    Sheet,
    standard_roster,
    synthetic_rows,
    write_encrypted_like,
    write_xls,
    write_xlsx,
)


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (14, "O"), (25, "Z"), (26, "AA"),
                                               (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters_round_trip(index: int, letter: str) -> None:
    assert column_letter(index) == letter
    assert column_index(letter) == index
    assert column_index(letter.lower()) == index


@pytest.mark.parametrize("bad", ["", "1", "A1", "列", "ABCD"])
def test_bad_column_letters_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        column_index(bad)


@pytest.mark.parametrize(("text", "field"), [
    ("姓  名", "name"), ("*姓名", "name"), ("＊ 姓名", "name"), ("姓\n名", "name"),
    ("出生年月（年.月）", "birth"), ("出生年月\n(年.月)", "birth"), ("出生日期", "birth"),
    ("公民身份号码", "id_number"), ("身份证号码（18位）", "id_number"), ("身份证号", "id_number"),
    ("所在科室", "department"), ("处（科）室", "department"), ("部门", "department"),
    ("参加工作时间", "work_start"), ("工作时间", "work_start"), ("文化程度", "education"),
    ("级别", "rank"), ("手机号码", "phone"), ("联系方式", "phone"), ("编号", "seq"),
    ("政治面貌：", "political_status"), ("现任职务情况", None), ("某某县干部花名册", None),
])
def test_header_cells_map_to_fields(text: str, field: str | None) -> None:
    assert match_header(text) == field


def test_header_key_strips_noise() -> None:
    assert header_key(" *出生年月\n（年.月） ") == "出生年月"


def test_a_two_row_header_with_group_cells_is_found() -> None:
    rows = [
        ["干部花名册", "干部花名册", "干部花名册", "干部花名册", "干部花名册", "干部花名册"],
        ["序号", "姓名", "身份证号码", "现任职务情况", "现任职务情况", "现任职务情况"],
        ["序号", "姓名", "身份证号码", "处室", "职务", "职级"],
        [1, "张三", "x", "办公室", "主任", "一级主任科员"],
    ]
    header = find_header(rows, match_header, required="name")
    assert header is not None
    assert header.rows == (1, 2) and header.first_data_index == 3
    assert header.columns == {"seq": 0, "name": 1, "id_number": 2, "department": 3,
                              "position": 4, "rank": 5}
    assert header.labels[3] == "现任职务情况/处室"


def test_a_two_row_header_without_merges_is_found_from_its_upper_row() -> None:
    rows = [["序号", "姓名", "性别", "现任职务情况", "", ""],
            ["", "", "", "处室", "职务", "职级"],
            [1, "张三", "男", "办公室", "主任", "一级主任科员"]]
    header = find_header(rows, match_header, required="name")
    assert header is not None and header.rows == (0, 1)
    assert header.columns["rank"] == 5 and header.columns["sex"] == 2


def test_no_header_without_a_name_column() -> None:
    rows = [["序号", "性别", "民族", "出生年月"], [1, "男", "汉族", "1985.03"]]
    assert find_header(rows, match_header, required="name") is None


def test_a_duplicated_field_keeps_the_first_column() -> None:
    rows = [["姓名", "学历", "学位", "学历", "学位"], ["张三", "大学", "学士", "研究生", "硕士"]]
    header = find_header(rows, match_header, required="name")
    assert header is not None
    assert header.columns["education"] == 1 and ("education", 1, 3) in header.ignored


def test_calamine_coordinates_are_absolute_from_a1(tmp_path: Path) -> None:
    """Pins the coordinate convention: data padded from A1, merged ranges absolute."""
    rows: list[list[object]] = [[], ["", "", "标题"], ["", "", "姓名", "科室"],
                                ["", "", "张三", "办公室"], ["", "", "李四", ""]]
    path = write_xlsx(tmp_path / "offset.xlsx",
                      Sheet("表", rows, merges=["C2:D2", "D4:D5"]))
    with open_workbook(path) as book:
        grid = book.grid("表")
    assert sorted(grid.merged) == [((1, 2), (1, 3)), ((3, 3), (4, 3))]
    assert grid.rows[1][2] == "标题" and grid.rows[1][3] == "标题"  # filled across
    assert grid.rows[4][3] == "办公室"  # filled down
    assert grid.spanning_rows(2) == {1}


def test_the_peek_and_the_full_read_share_one_parse(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", standard_roster(synthetic_rows(40)))
    with open_workbook(path) as book:
        peek = book.grid("花名册", nrows=5)
        full = book.grid("花名册")
    assert len(peek.rows) == 5 and len(full.rows) == 3 + 40 + 3
    assert full.rows[:5] == peek.rows


def test_the_roster_is_found_behind_a_hidden_sheet_and_a_prose_sheet(tmp_path: Path) -> None:
    hidden = Sheet("旧表", [["花名册"], HEADER, *synthetic_rows(3)], hidden=True)
    prose = Sheet("填表说明", [["填表说明"], ["1. 姓名：按身份证填写。"],
                              ["2. 出生年月：写作1985.03。"], ["3. 公民身份号码：设为文本格式。"]])
    path = write_xlsx(tmp_path / "r.xlsx", hidden, prose, standard_roster(synthetic_rows(2)),
                      active=1)
    roster = parse_roster(path)
    assert roster.sheet == "花名册"
    assert roster.sheets == ["填表说明", "花名册"]
    assert [r.person.name for r in roster.rows] == ["王伟伟", "李伟伟"]


def test_a_named_sheet_is_used_even_when_hidden(tmp_path: Path) -> None:
    hidden = Sheet("旧表", [HEADER, *synthetic_rows(3)], hidden=True)
    path = write_xlsx(tmp_path / "r.xlsx", hidden, standard_roster(synthetic_rows(1)))
    assert len(parse_roster(path, sheet="旧表").rows) == 3
    with pytest.raises(UnusableInput, match="没有名为“新表”的工作表"):
        parse_roster(path, sheet="新表")


def test_no_header_is_unusable_input_naming_the_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "无表头.xlsx",
                      Sheet("Sheet1", [["张三", "男", "1985.03"], ["李四", "女", "1990.10"]]))
    with pytest.raises(UnusableInput) as caught:
        parse_roster(path)
    assert "无表头.xlsx" in caught.value.message and "表头" in caught.value.message
    assert "\n" not in caught.value.message


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("这不是表格")
    document.save(str(path))
    return path


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: p.write_bytes(b""), "空的"),
    (lambda p: p.write_text("序号,姓名\n1,张三\n", encoding="utf-8"), "不是Excel表格"),
    (lambda p: write_encrypted_like(p), "密码"),
])
@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_unreadable_files_are_one_chinese_line(tmp_path: Path, make: object, words: str,
                                               suffix: str) -> None:
    path = tmp_path / f"坏文件{suffix}"
    make(path)  # type: ignore[operator]
    with pytest.raises(UnusableInput) as caught:
        parse_roster(path)
    message = caught.value.message
    assert "坏文件" in message and words in message and "\n" not in message


def test_a_word_document_renamed_is_named_as_such(tmp_path: Path) -> None:
    for suffix in (".xls", ".xlsx"):
        path = _docx(tmp_path / f"通知{suffix}")
        with pytest.raises(UnusableInput, match=rf"通知\{suffix}：这是Word文档"):
            parse_roster(path)


def test_a_truncated_file_is_reported_as_incomplete(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", standard_roster(synthetic_rows(30)))
    cut = tmp_path / "半截.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(UnusableInput, match=r"半截\.xlsx：文件已损坏或不完整"):
        parse_roster(cut)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="找不到文件"):
        parse_roster(tmp_path / "没有.xlsx")
    with pytest.raises(UnusableInput, match="是文件夹"):
        parse_roster(tmp_path)


def test_a_spreadsheet_with_the_wrong_extension_is_still_read(tmp_path: Path) -> None:
    """WPS and some systems save .xlsx content under .xls (and back)."""
    xlsx = write_xlsx(tmp_path / "a.xlsx", standard_roster(synthetic_rows(2)))
    xls = write_xls(tmp_path / "b.xls", standard_roster(synthetic_rows(2)))
    shutil.copy(xlsx, tmp_path / "a_as.xls")
    shutil.copy(xls, tmp_path / "b_as.xlsx")
    assert len(parse_roster(tmp_path / "a_as.xls").rows) == 2
    assert len(parse_roster(tmp_path / "b_as.xlsx").rows) == 2
