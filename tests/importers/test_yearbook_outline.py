"""Outlines (篇目) as offices write them: numbered text, indented text, Word headings, lists and
tables, spreadsheets with 类目 | 分目 | 条目 | 供稿单位 | 字数 | 图片 columns — and bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fangzhi_desktop.domain.yearbook_outline import OutlineNode, ParsedOutline
from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.yearbook_outline import (
    OutlineLine,
    annotate,
    clean_title,
    numbering,
    parse_lines,
    parse_photos,
    parse_words,
    read_outline,
)

NUMBERED = """某县年鉴（2026）篇目

一、特　载
1.县政府工作报告（县政府办，3000字）
二、大事记（县委办，8000字，图片10幅）
三、经济
（一）农业（县农业农村局）
1.粮食生产	县农业农村局	1200字	2
2.畜牧业（800字）
（二）工业
1.规模以上工业（供稿单位：县工信局，1500字，图片2幅）
2.园区建设｜县经开区管委会｜1,000｜1
3.第七次全国人口普查（2020）
— 2 —
"""


def tree(outline: ParsedOutline) -> list[tuple[int, str, str, int | None, int | None]]:
    """(depth, title, unit, words, photos) in tree order."""
    out = []

    def visit(node: OutlineNode, depth: int) -> None:
        out.append((depth, node.title, node.unit, node.word_budget, node.photo_budget))
        for child in node.children:
            visit(child, depth + 1)

    for root in outline.roots:
        visit(root, 1)
    return out


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_numbered_outline_with_units_and_budgets(tmp_path: Path) -> None:
    outline = read_outline(write(tmp_path, "篇目.txt", NUMBERED))
    assert outline.how == "编号" and not outline.errors
    assert tree(outline) == [
        (1, "特载", "", None, None),
        (2, "县政府工作报告", "县政府办", 3000, None),  # a 条目 directly under its 类目
        (1, "大事记", "县委办", 8000, 10),
        (1, "经济", "", None, None),
        (2, "农业", "县农业农村局", None, None),
        (3, "粮食生产", "县农业农村局", 1200, 2),
        (3, "畜牧业", "", 800, None),
        (2, "工业", "", None, None),
        (3, "规模以上工业", "县工信局", 1500, 2),
        (3, "园区建设", "县经开区管委会", 1000, 1),
        (3, "第七次全国人口普查（2020）", "", None, None),  # a year in brackets is the title's
    ]
    assert outline.counts() == (3, 2, 7)
    assert [(p.line, p.severity) for p in outline.problems] == [(1, "warning")]
    assert "在第一个篇目之前，作为标题跳过" in outline.problems[0].message


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_any_common_encoding(tmp_path: Path, encoding: str) -> None:
    outline = read_outline(write(tmp_path, "篇目.txt", NUMBERED, encoding))
    assert tree(outline)[2] == (1, "大事记", "县委办", 8000, 10)


def test_absolute_levels_and_unnumbered_entries(tmp_path: Path) -> None:
    text = ("第一类目 概况\n第一分目 自然地理\n第一条目 位置面积\n第二条目 地形地貌\n类目：社会\n"
            "分目：教育（县教育局）\n基础教育\n学前教育\n职业教育\n")
    outline = read_outline(write(tmp_path, "篇目.txt", text))
    assert [(d, t) for d, t, *_ in tree(outline)] == [
        (1, "概况"), (2, "自然地理"), (3, "位置面积"), (3, "地形地貌"), (1, "社会"),
        (2, "教育"), (3, "基础教育"), (3, "学前教育"), (3, "职业教育")]
    assert outline.errors == []


def test_an_unnumbered_line_under_a_third_level_is_an_error(tmp_path: Path) -> None:
    text = "一、经济\n（一）农业\n1.粮食\n\t说明：包括小麦玉米\n"
    outline = read_outline(write(tmp_path, "篇目.txt", text))
    (error,) = outline.errors
    assert error.line == 4 and "最多三级" in error.message
    assert error.text().startswith("篇目.txt，第4行：")


def test_an_indented_outline(tmp_path: Path) -> None:
    text = ("特载\n\t政府工作报告\n经济\n\t农业（县农业农村局）\n\t\t粮食生产\n\t\t畜牧业\n"
            "\u3000\u3000工业\n\u3000\u3000\u3000\u3000规模以上工业\n")
    outline = read_outline(write(tmp_path, "篇目.txt", text))
    assert outline.how == "缩进"
    assert [(d, t, u) for d, t, u, *_ in tree(outline)] == [
        (1, "特载", ""), (2, "政府工作报告", ""), (1, "经济", ""), (2, "农业", "县农业农村局"),
        (3, "粮食生产", ""), (3, "畜牧业", ""), (2, "工业", ""), (3, "规模以上工业", "")]


def test_four_levels_of_indentation_are_refused_with_the_line(tmp_path: Path) -> None:
    text = "经济\n\t农业\n\t\t粮食\n\t\t\t小麦\n"
    outline = read_outline(write(tmp_path, "篇目.txt", text))
    (error,) = outline.errors
    assert error.line == 4 and "“小麦”在“粮食”之下，成了第4级" in error.message


def test_duplicates_are_merged_with_a_warning() -> None:
    lines = [OutlineLine(1, "一、经济"), OutlineLine(2, "（一）农业（县农业农村局）"),
             OutlineLine(3, "（二）农业（1000字）")]
    outline = parse_lines(lines, "x.txt")
    assert tree(outline) == [(1, "经济", "", None, None), (2, "农业", "县农业农村局", 1000, None)]
    assert [p.severity for p in outline.problems] == ["warning"]


@pytest.mark.parametrize(("text", "words"), [
    ("1500字", 1500), ("约1,500字", 1500), ("1000～1500字", 1500), ("0.3万字", 3000),
    ("１２００字", 1200), ("图片2幅", None), ("", None)])
def test_word_budgets(text: str, words: int | None) -> None:
    assert parse_words(text) == words


@pytest.mark.parametrize(("text", "photos"), [
    ("图片2幅", 2), ("2幅", 2), ("照片3张", 3), ("图2", 2), ("1500字", None)])
def test_photo_budgets(text: str, photos: int | None) -> None:
    assert parse_photos(text) == photos


def test_annotations_and_titles() -> None:
    note = annotate("基础教育（县教育局、县体育局，1500字）")
    assert (note.title, note.unit, note.words) == ("基础教育", "县教育局", 1500)
    assert "2个单位" in note.problems[0]
    assert annotate("乡村振兴（专题）").title == "乡村振兴（专题）"  # not a unit's name
    assert annotate("政府工作报告（县政府办）").unit == "县政府办"
    assert annotate("统计资料（统计部门，3000字）").unit == "统计部门"  # budget beside it
    assert clean_title("特　载：") == "特载" and clean_title("5G 基站 建设") == "5G 基站建设"
    assert numbering("（一）农业") == ("（X）", None, "农业")
    assert numbering("1. 5G网络") == ("1.", None, "5G网络")  # "1.5G" would be a decimal
    assert numbering("1.5亿元投资") == (None, None, "1.5亿元投资")


# --- Word ----------------------------------------------------------------------------------


def test_word_headings(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县年鉴篇目", style="Title")
    document.add_heading("特载", level=1)
    document.add_paragraph("县政府工作报告（县政府办，3000字）")
    document.add_heading("经济", level=1)
    document.add_heading("农业", level=2)
    document.add_paragraph("粮食生产（县农业农村局，1200字，图片2幅）")
    path = tmp_path / "篇目.docx"
    document.save(str(path))
    outline = read_outline(path)
    assert outline.how == "缩进" and [p.line for p in outline.problems] == [1]  # the title
    assert tree(outline)[1:] == [
        (2, "县政府工作报告", "县政府办", 3000, None), (1, "经济", "", None, None),
        (2, "农业", "", None, None), (3, "粮食生产", "县农业农村局", 1200, 2)]


def test_word_list_numbering_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、经济")
    for text in ("农业", "工业"):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "篇目.docx"
    document.save(str(path))
    outline = read_outline(path)
    assert [(d, t) for d, t, *_ in tree(outline)] == [(1, "经济"), (2, "农业"), (2, "工业")]


def test_a_word_table_with_columns(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县年鉴篇目及供稿单位")
    table = document.add_table(rows=4, cols=5)
    rows = [("类目", "分目", "条目", "供稿单位", "字数"),
            ("经济", "农业", "粮食生产", "县农业农村局", "1200"),
            ("", "", "畜牧业", "县农业农村局", "800"),
            ("", "工业", "", "县工信局", "3000")]
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "篇目.docx"
    document.save(str(path))
    outline = read_outline(path)
    assert outline.how == "表格列"
    assert tree(outline) == [(1, "经济", "", None, None), (2, "农业", "", None, None),
                             (3, "粮食生产", "县农业农村局", 1200, None),
                             (3, "畜牧业", "县农业农村局", 800, None),
                             (2, "工业", "县工信局", 3000, None)]


# --- Spreadsheets --------------------------------------------------------------------------


def sheet(tmp_path: Path, rows: list[tuple[object, ...]], merges: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(("某县年鉴（2026）篇目及供稿单位",))
    for row in rows:
        ws.append(row)
    for merge in merges:
        ws.merge_cells(merge)
    path = tmp_path / "篇目.xlsx"
    wb.save(path)
    return path


HEADER = ("类目", "分目", "条目", "供稿单位", "字数（字）", "图片（幅）")


def test_a_spreadsheet_with_blank_cells_meaning_the_same(tmp_path: Path) -> None:
    path = sheet(tmp_path, [
        HEADER,
        ("一、特载", None, "县政府工作报告", "县政府办", 3000, None),
        ("大事记", None, None, "县委办", "8000字", "10幅"),
        ("经济", "农业", None, "县农业农村局", None, None),
        (None, None, "粮食生产", None, 1200, 2),
        (None, None, "畜牧业", None, 800.0, None),
        (None, "工业", "规模以上工业", "县工信局", "1,500", 2),
        ("经济", None, "招商引资", "县商务局", 1000, 1),
    ])
    outline = read_outline(path)
    assert outline.how == "表格列" and outline.problems == []
    assert tree(outline) == [
        (1, "特载", "", None, None), (2, "县政府工作报告", "县政府办", 3000, None),
        (1, "大事记", "县委办", 8000, 10),
        (1, "经济", "", None, None), (2, "农业", "县农业农村局", None, None),
        (3, "粮食生产", "", 1200, 2), (3, "畜牧业", "", 800, None),
        (2, "工业", "", None, None), (3, "规模以上工业", "县工信局", 1500, 2),
        (2, "招商引资", "县商务局", 1000, 1)]


def test_merged_cells_repeat_down(tmp_path: Path) -> None:
    path = sheet(tmp_path, [HEADER, ("社会", "教育", "基础教育", "县教育局", 1200, 2),
                            (None, None, "职业教育", "县教育局", 800, 1),
                            (None, "卫生", "医疗服务", "县卫健局", 1000, 1)],
                 merges=("A3:A5", "B3:B4"))
    outline = read_outline(path)
    assert [(d, t) for d, t, *_ in tree(outline)] == [
        (1, "社会"), (2, "教育"), (3, "基础教育"), (3, "职业教育"), (2, "卫生"), (3, "医疗服务")]


def test_bad_cells_are_reported_with_row_and_column(tmp_path: Path) -> None:
    path = sheet(tmp_path, [HEADER, (None, "农业", "粮食", "县农业农村局", 1200, None),
                            ("经济", "农业", "粮食", None, "一千二", "两幅"),
                            (None, None, None, "县统计局", 500, None)])
    outline = read_outline(path)
    texts = [p.text() for p in outline.errors]
    assert texts == ["篇目.xlsx，第3行：“农业”缺少上一级篇目（上面没有可沿用的类目）。",
                     "篇目.xlsx，第4行，E列：字数“一千二”不是数字。",
                     "篇目.xlsx，第4行，F列：图片数“两幅”不是数字。",
                     "篇目.xlsx，第5行：这一行填了单位或字数，却没有篇目名称。"]


def test_a_spreadsheet_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = sheet(tmp_path, [("序号", "姓名", "单位"), (1, "张三", "县教育局")])
    with pytest.raises(UnusableInput, match=r"篇目\.xlsx：找不到篇目表的表头"):
        read_outline(path)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("篇目.txt", b"", "没有内容"),
    ("篇目.txt", b"\n \n\t\n", "没有内容"),
    ("篇目.doc", b"\xd0\xcf\x11\xe0", "不支持旧版 Word"),
    ("篇目.docx", b"PK\x03\x04 broken", "不是有效的 Word"),
    ("篇目.xlsx", b"not a workbook", "不是Excel表格"),
])
def test_unusable_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        outline = read_outline(path)
    except UnusableInput as exc:
        assert message in exc.message and name in exc.message
    else:
        assert [p.message for p in outline.errors] == ["文件中没有内容。"]
        assert message == "没有内容"


LINES = st.lists(st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    st.sampled_from(["一、经济", "（一）农业（县农业农村局）", "1.粮食（1200字，图片2幅）", "\t畜牧",
                     "\t\t\t太深", "第一类目 概况", "分目：教育", "条目：", "— 3 —", "（2020）",
                     "基础教育｜县教育局｜1500｜2", "\u3000\u3000工业", "1.5亿元"])),
    max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_the_outline_parser_never_crashes(lines: list[str]) -> None:
    from fangzhi_desktop.importers.yearbook_outline import indentation

    outline = parse_lines([OutlineLine(n, *reversed(indentation(text)))
                           for n, text in enumerate(lines, start=1)], "x.txt")
    for root in outline.roots:
        for node in root.walk():
            assert node.title
    assert all(p.line is not None or p.message for p in outline.problems)
    assert outline.counts()[0] == len(outline.roots)
