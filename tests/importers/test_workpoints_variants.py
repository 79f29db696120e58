"""The work-point parser on hand-made variants of everything real notices do."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.errors import UnusableInput, YearUnknown
from fangzhi_desktop.importers.workpoints_notice import parse_text, read_notice

WRAPPED = """关于印发《某县史志研究室2024年工作要点》的通知
某史志发〔2024〕3号
各科室：
　　现将《某县史志研究室2024年工作要点》印发给你们，请认真贯彻落实。

某县史志研究室
2024年 2月 6日

附件
某县史志研究室
2024年工作要点
　　2024年，全室工作的总体要求是：坚持依法治志。
一、依法治志
工作
1.推动各区（县级市）出台地方志工作管理办法，6月底前完成。（研究室牵头，办公室、年鉴科配合）
2.开展条例执法检查。（牵头单位：办公室；配合单位：研究室）
—2—
3.组织编写《某县志（1990—2020）》，推动
志书编纂，上半年完成初稿（年鉴科、研究室）
二、年鉴编纂
（一）组稿工作
4.印发2024卷组稿通知，第三季度完成组稿。
责任单位：年鉴科
5.开展年鉴质量评审。〔责任单位:年鉴科、编研科〕
（二）人才培养
6.实施
11.121人才梯队项目，适时举办培训班。(编研科牵头, 各科室配合)
7.全年开展业务学习。（办公室）
"""


def test_the_notice_wrapper_is_skipped_and_described() -> None:
    plan = parse_text(WRAPPED)
    assert plan.year == 2024
    assert plan.title == "某县史志研究室2024年工作要点"  # broken over two lines
    assert plan.doc_no == "某史志发〔2024〕3号"
    assert plan.issued_on == date(2024, 2, 6)  # stray space inside the date
    assert plan.issuer == "某县史志研究室"
    assert plan.preamble.startswith("2024年，全室工作")


def test_sections_titles_broken_over_lines_and_subheadings_are_not_items() -> None:
    plan = parse_text(WRAPPED)
    assert [s.title for s in plan.sections] == ["依法治志工作", "年鉴编纂"]
    assert [i.no for i in plan.items] == [1, 2, 3, 4, 5, 6, 7]
    items = {i.no: i for i in plan.items}
    assert items[4].subsection == "组稿工作"
    assert items[6].subsection == "人才培养"
    assert plan.errors == []


def test_every_annotation_form() -> None:
    items = {i.no: i for i in parse_text(WRAPPED).items}
    assert (items[1].lead, items[1].support) == (["研究室"], ["办公室", "年鉴科"])
    assert (items[2].lead, items[2].support) == (["办公室"], ["研究室"])
    assert (items[3].lead, items[3].support) == (["年鉴科", "研究室"], [])
    assert (items[4].lead, items[4].support) == (["年鉴科"], [])
    assert (items[5].lead, items[5].support) == (["年鉴科", "编研科"], [])
    assert (items[6].lead, items[6].support) == (["编研科"], ["各科室"])
    assert (items[7].lead, items[7].support) == (["办公室"], [])


def test_bodies_spanning_lines_page_numbers_and_inner_parentheses() -> None:
    items = {i.no: i for i in parse_text(WRAPPED).items}
    assert items[1].text.startswith("推动各区（县级市）出台")
    assert items[3].text == "组织编写《某县志（1990—2020）》，推动志书编纂，上半年完成初稿"
    assert "—2—" not in items[2].text and "—2—" not in items[3].text
    # "11.121人才梯队项目" continues item 6: it is not item 11 nor item 11.121.
    assert items[6].text == "实施11.121人才梯队项目，适时举办培训班。"


def test_deadline_phrases_resolve_with_their_rule() -> None:
    items = {i.no: i for i in parse_text(WRAPPED).items}
    got = {n: (i.deadline.phrase, i.deadline.date) for n, i in items.items() if i.deadline}
    assert got[1] == ("6月底前", date(2024, 6, 30))
    assert got[2] == ("", date(2024, 12, 31))
    assert got[3] == ("上半年", date(2024, 6, 30))
    assert got[4] == ("第三季度", date(2024, 9, 30))
    assert got[6] == ("适时", date(2024, 12, 31))
    assert got[7] == ("全年", date(2024, 12, 31))


def test_a_deadline_inside_the_annotation_is_not_a_unit() -> None:
    plan = parse_text("2025年工作要点\n一、综合\n1.完成年报。（办公室牵头，研究室配合，9月底前完成）\n")
    item = plan.items[0]
    assert (item.lead, item.support) == (["办公室"], ["研究室"])
    assert item.deadline is not None and item.deadline.date == date(2025, 9, 30)


def test_item_numbered_with_the_item_on_the_line_as_annotation_in_brackets() -> None:
    text = "2025年工作要点\n一、综合\n1、做好档案工作。\n（责任单位：办公室）\n2．全宽句点编号。（资料科）\n"
    items = parse_text(text).items
    assert [i.no for i in items] == [1, 2]
    assert items[0].lead == ["办公室"]
    assert items[1].lead == ["资料科"]


def test_a_gap_in_numbering_is_an_error_with_its_line() -> None:
    plan = parse_text("2025年工作要点\n一、综合\n1.甲。（办公室）\n3.丙。（办公室）\n")
    assert [i.no for i in plan.items] == [1, 3]
    assert len(plan.errors) == 1
    assert plan.errors[0].line == 4
    assert "缺少第2条" in plan.errors[0].message


def test_an_item_without_units_is_a_warning_not_an_error() -> None:
    plan = parse_text("2025年工作要点\n一、综合\n1.做好某项工作。\n")
    assert plan.errors == []
    assert [p.item for p in plan.problems] == [1]


def test_numbering_restarting_in_each_section_is_accepted() -> None:
    plan = parse_text("2025年工作要点\n一、甲\n1.a。（办公室）\n2.b。（办公室）\n二、乙\n1.c。（办公室）\n")
    assert [(s.title, [i.no for i in s.items]) for s in plan.sections] == [
        ("甲", [1, 2]), ("乙", [1])]
    assert plan.errors == []


def test_no_year_in_the_title_needs_year_argument() -> None:
    with pytest.raises(YearUnknown, match="无法从标题判断工作要点的年度"):
        parse_text("工作要点\n一、综合\n1.甲。（办公室）\n")
    assert parse_text("工作要点\n一、综合\n1.甲。（办公室）\n", year=2025).year == 2025


def test_text_that_holds_no_work_points_is_unusable() -> None:
    with pytest.raises(UnusableInput, match="没有找到工作要点条目"):
        parse_text("2025年工作要点\n这是一段普通的文字。\n")


@pytest.mark.parametrize(("encoding", "newline"), [
    ("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("gb18030", "\r\n"), ("gb18030", "\n"),
    ("utf-16", "\r\n"),
])
def test_text_files_in_every_common_encoding(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / f"notice-{encoding}.txt"
    path.write_bytes(WRAPPED.replace("\n", newline).encode(encoding))
    plan = read_notice(path)
    assert len(plan.items) == 7
    assert plan.items[0].lead == ["研究室"]
    assert plan.title == "某县史志研究室2024年工作要点"


def test_docx_with_typed_numbers(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in WRAPPED.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "notice.docx"
    document.save(str(path))
    plan = read_notice(path)
    assert [i.no for i in plan.items] == [1, 2, 3, 4, 5, 6, 7]
    assert plan.items[0].support == ["办公室", "年鉴科"]


def test_docx_with_words_automatic_list_numbers(tmp_path: Path) -> None:
    """Word's numbering (List Number style) is not in the text; it must be rebuilt."""
    import docx

    document = docx.Document()
    document.add_paragraph("某县史志研究室2025年工作要点")
    document.add_paragraph("一、综合工作")
    document.add_paragraph("做好档案整理工作。（办公室）", style="List Number")
    document.add_paragraph("完成年鉴编纂。（年鉴科牵头，办公室配合）", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    plan = read_notice(path)
    assert [(i.no, i.lead) for i in plan.items] == [(1, ["办公室"]), (2, ["年鉴科"])]


def test_docx_table_cells_are_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2025年工作要点")
    document.add_paragraph("一、综合")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "1.表格里的条目。（办公室）"
    path = tmp_path / "table.docx"
    document.save(str(path))
    assert [i.text for i in read_notice(path).items] == ["表格里的条目。"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.txt", None, "文件不存在"),
    ("old.doc", b"\xd0\xcf\x11\xe0 binary", "另存为 .docx"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "损坏"),
    ("binary.txt", b"\x00\x01\x02\x00" * 100, "不是文本文件"),
    ("sheet.xlsx", b"PK", "不支持此类文件"),
])
def test_unreadable_files_give_one_clear_message(tmp_path: Path, name: str,
                                                 content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnusableInput, match=message) as info:
        read_notice(path)
    assert name in info.value.message


def test_the_seed_also_parses_from_gb18030_crlf(tmp_path: Path) -> None:
    from tests.conftest import SEED_WORKPOINTS

    path = tmp_path / "seed-gbk.txt"
    path.write_bytes(SEED_WORKPOINTS.read_text(encoding="utf-8").replace("\n", "\r\n")
                     .encode("gb18030"))
    plan = read_notice(path)
    assert (len(plan.sections), len(plan.items)) == (9, 40)
