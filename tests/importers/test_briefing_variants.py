"""The briefing parser on hand-made variants of what real issues look like."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.briefing import parse_text, read_briefing

ARTICLE = """县志办召开党组理论学习中心组学习会
6月10日，县志办召开党组理论学习中心组学习会，传达学习有关会议精神。主任张三主持会议。
"""

WEB_PAGE = """首页 > 工作动态 > 政工简讯
某县地方志办公室
政工简讯（2024年第5期）
发布时间：2024-06-12 09:30  来源：县志办  浏览次数：128
更新时间：2024-06-20 10:00
【字体：大 中 小】【打印】【关闭】

某县地方志办公室政工简讯
2024年第 5 期（总第 37 期）
某县地方志办公室编        2024年6月11日

【工作动态】
县志办召开党组理论学习中心组学习会
6月10日，县志办召开党组理论学习中心组学习会，传达学习有关会议精神。主任张三主持会议。
会议要求，全办干部要把学习成果转化为工作实效。
（办公室）
县志办开展《某县年鉴（2024）》初审
6月上旬，年鉴科组织对2024卷来稿开展初审，共审读条目420条。
供稿：年鉴科
【经验快递】
某镇挂图作战推进村志编纂
某镇把村志编纂列入年度重点工作，实行挂图作战、台账管理。
（某镇人民政府 李四）

报：市地方志办公室，县委办公室。
送：县政府办公室。
发：各科室。
某县地方志办公室          2024年6月11日印发
（共印20份）
上一篇：政工简讯（2024年第4期）
下一篇：政工简讯（2024年第6期）
打印本页  关闭窗口
版权所有：某县地方志办公室  ICP备12345678号
"""


@pytest.mark.parametrize(("masthead", "year", "issue", "total"), [
    ("某县史志简报\n2020年第2期（总第15期）\n", 2020, 2, 15),
    ("某县史志简报\n第 2 期（总第 2 期）\n", None, 2, 2),
    ("某县史志简报\n第２期(总第１５期)\n", None, 2, 15),
    ("某县史志简报\n第二期（总第十五期）\n", None, 2, 15),
    ("某县史志简报 2020 年 第 2 期\n", 2020, 2, None),
    ("某县史志简报\n第 2 期 总第 15 期\n", None, 2, 15),
])
def test_issue_numbers_in_every_form(masthead: str, year: int | None, issue: int,
                                     total: int | None) -> None:
    parsed = parse_text(masthead + "某县史志办公室\n2020年6月1日\n" + ARTICLE)
    assert parsed.name == "某县史志简报"
    assert (parsed.year, parsed.issue, parsed.total_issue) == (year, issue, total)
    assert parsed.date == date(2020, 6, 1)
    assert parsed.publisher == "某县史志办公室"
    assert [a.title for a in parsed.articles] == ["县志办召开党组理论学习中心组学习会"]


def test_publisher_and_date_on_one_line_and_dates_in_chinese_numerals() -> None:
    parsed = parse_text("内部资料 注意保存\n史志工作动态\n第3期\n编印：县史志研究室    二〇二四年六月十一日\n"
                        + ARTICLE)
    assert parsed.confidential == "内部资料注意保存"
    assert parsed.name == "史志工作动态"
    assert parsed.publisher == "县史志研究室"
    assert parsed.date == date(2024, 6, 11)


def test_an_impossible_date_is_an_error_with_its_line() -> None:
    parsed = parse_text("某县史志简报\n第3期\n某县史志办公室 2024年2月30日\n" + ARTICLE, source="x.txt")
    assert [(p.line, p.message, p.severity) for p in parsed.errors] == [
        (3, "日期“2024年2月30日”不是有效的日期。", "error")]


def test_a_saved_web_page_reads_the_masthead_not_the_furniture() -> None:
    parsed = parse_text(WEB_PAGE)
    assert parsed.name == "某县地方志办公室政工简讯"
    assert (parsed.year, parsed.issue, parsed.total_issue) == (2024, 5, 37)
    assert parsed.date == date(2024, 6, 11)  # the masthead's own date
    assert parsed.publisher == "某县地方志办公室"
    assert parsed.errors == []
    text = "\n".join(a.title + "".join(a.paragraphs) for a in parsed.articles)
    for furniture in ("浏览次数", "更新时间", "打印", "上一篇", "版权所有", "首页"):
        assert furniture not in text


def test_a_web_page_without_masthead_date_takes_the_publication_timestamp() -> None:
    page = """您现在的位置：首页 » 政务公开 » 工作简报
更新时间：2023-04-02 16:20:11
工作简报 第 3 期
打印时间：2024-01-05
发布日期：2023年3月28日    浏览次数：56
点击数：12  更新日期：2023-04-01
县史志办完成2022年度档案移交
3月27日，县史志办完成2022年度文书档案整理移交工作，共移交档案86卷。
"""
    parsed = parse_text(page)
    assert (parsed.name, parsed.issue, parsed.date) == ("工作简报", 3, date(2023, 3, 28))
    assert [a.title for a in parsed.articles] == ["县史志办完成2022年度档案移交"]


def test_publication_time_beats_a_bare_date_label() -> None:
    page = "工作简报\n第3期\n日期：2023-03-30\n发布时间：2023/3/28 10:00\n" + ARTICLE
    assert parse_text(page).date == date(2023, 3, 28)


def test_columns_are_not_articles_and_attributions_close_articles() -> None:
    parsed = parse_text(WEB_PAGE)
    assert [(a.column, a.title, a.attribution) for a in parsed.articles] == [
        ("工作动态", "县志办召开党组理论学习中心组学习会", "办公室"),
        ("工作动态", "县志办开展《某县年鉴（2024）》初审", "供稿：年鉴科"),
        ("经验快递", "某镇挂图作战推进村志编纂", "某镇人民政府 李四"),
    ]
    assert parsed.articles[0].paragraphs == [
        "6月10日，县志办召开党组理论学习中心组学习会，传达学习有关会议精神。主任张三主持会议。",
        "会议要求，全办干部要把学习成果转化为工作实效。"]


def test_a_column_header_may_share_its_line_with_the_title() -> None:
    parsed = parse_text("【经验交流】某镇推进村志编纂\n某镇实行挂图作战。\n〖工作动态〗\n县志办开展初审\n共审读条目420条。\n")
    assert [(a.column, a.title) for a in parsed.articles] == [
        ("经验交流", "某镇推进村志编纂"), ("工作动态", "县志办开展初审")]


def test_the_tail_with_a_wrapped_list_a_printer_line_and_an_editor() -> None:
    parsed = parse_text(ARTICLE + """（责任编辑：王五）
信息公开选项：依申请公开
报：市地方志办公室，市委办公室，
市政府办公室。
发：各科室，各乡镇。
某县地方志办公室
2024年6月11日印发
（共印 8 份）
""")
    tail = parsed.tail
    assert tail is not None
    assert (tail.disclosure, tail.bao, tail.fa) == (
        "依申请公开", "市地方志办公室，市委办公室，市政府办公室", "各科室，各乡镇")
    assert (tail.printer, tail.print_date, tail.copies) == ("某县地方志办公室", date(2024, 6, 11), 8)
    assert parsed.articles[0].attribution == ""
    assert len(parsed.articles[0].paragraphs) == 1


def test_a_title_over_two_lines_keeps_the_space_between_two_phrases() -> None:
    parsed = parse_text("县志办召开年鉴编纂工作会\n部署2025卷组稿工作\n1月6日，县志办召开年鉴编纂工作会。\n"
                        "县志办\n获评档案工作先进单位\n近日，县志办获评先进单位。\n")
    assert [a.title for a in parsed.articles] == [
        "县志办召开年鉴编纂工作会 部署2025卷组稿工作", "县志办获评档案工作先进单位"]


def test_text_without_a_title_is_an_error_at_its_line() -> None:
    parsed = parse_text("某县史志简报\n第3期\n2024年6月1日\n6月1日，县志办召开会议，部署工作。\n", source="t.txt")
    assert [(p.line, p.severity) for p in parsed.errors] == [(4, "error")]
    assert "没有找到文章标题" in parsed.errors[0].text()


def test_nothing_but_a_masthead_is_unusable(tmp_path: Path) -> None:
    empty = tmp_path / "空.txt"
    empty.write_text("某县史志简报\n第3期\n", encoding="utf-8")
    with pytest.raises(UnusableInput, match=r"空\.txt：没有找到简报文章"):
        read_briefing(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"")
    with pytest.raises(UnusableInput, match=r"blank\.txt：文件是空的"):
        read_briefing(blank)


def test_a_gb18030_text_file(tmp_path: Path) -> None:
    path = tmp_path / "简讯.txt"
    path.write_bytes(("某县史志简报\r\n第4期（总第9期）\r\n某县史志办公室\r\n2024年3月1日\r\n"
                      + ARTICLE.replace("\n", "\r\n")).encode("gb18030"))
    parsed = read_briefing(path)
    assert (parsed.name, parsed.issue, parsed.total_issue) == ("某县史志简报", 4, 9)
    assert parsed.source == str(path)


def _write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ("某县史志简报", "", "第 6 期（总第 21 期）", "某县史志办公室\t2024年9月2日",
                 "【工作动态】", "县志办召开党组中心组学习会", "9月1日，县志办召开党组中心组学习会。",
                 "会议要求抓好落实", "（办公室）", "信息公开选项：主动公开"):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=1)
    table.rows[0].cells[0].text = "报：市地方志办公室。"
    table.rows[1].cells[0].text = "发：各科室。"
    table.rows[2].cells[0].text = "某县史志办公室\t2024年9月2日印发"
    table.rows[2].cells[0].add_paragraph("（共印10份）")
    document.save(str(path))


def test_a_docx_issue(tmp_path: Path) -> None:
    path = tmp_path / "简报.docx"
    _write_docx(path)
    parsed = read_briefing(path)
    assert (parsed.name, parsed.issue, parsed.total_issue) == ("某县史志简报", 6, 21)
    assert (parsed.publisher, parsed.date) == ("某县史志办公室", date(2024, 9, 2))
    article = parsed.articles[0]
    assert (article.column, article.title, article.attribution) == (
        "工作动态", "县志办召开党组中心组学习会", "办公室")
    # In a .docx a paragraph is a paragraph, even one without a full stop.
    assert article.paragraphs == ["9月1日，县志办召开党组中心组学习会。", "会议要求抓好落实"]
    tail = parsed.tail
    assert tail is not None
    assert (tail.bao, tail.fa, tail.printer, tail.copies) == (
        "市地方志办公室", "各科室", "某县史志办公室", 10)


def test_sentences_that_use_web_words_are_kept() -> None:
    body = ("县档案馆提供技术支持。\n各平台阅读量达4万余次，上一篇报道反响良好。\n"
            "时间：3月5日上午，地点：三楼会议室。\n")
    parsed = parse_text("某县史志简报\n第3期\n2024年3月6日\n县志办开展村志编纂培训\n" + body)
    assert parsed.articles[0].paragraphs == [
        "县档案馆提供技术支持。", "各平台阅读量达4万余次，上一篇报道反响良好。", "时间：3月5日上午，地点：三楼会议室。"]


def test_a_sentence_ending_in_yinfa_is_not_the_tail() -> None:
    parsed = parse_text("县志办印发年鉴编纂规范\n《某县年鉴编纂规范》经主任办公会审定，于2024年3月1日印发\n"
                        "各科室遵照执行。\n发：各科室。\n某县地方志办公室 二〇二四年三月五日印发\n")
    assert [a.title for a in parsed.articles] == ["县志办印发年鉴编纂规范"]
    assert parsed.articles[0].paragraphs == [
        "《某县年鉴编纂规范》经主任办公会审定，于2024年3月1日印发", "各科室遵照执行。"]
    assert parsed.tail is not None
    assert (parsed.tail.fa, parsed.tail.print_date) == ("各科室", date(2024, 3, 5))


def test_an_unlabelled_timestamp_counts_unless_its_line_is_an_update_or_print_line() -> None:
    page = ("工作简报\n第3期\n【打印本页】 2023-04-02\n2023-03-28 10:23  来源：县史志办  作者：办公室\n"
            + ARTICLE)
    parsed = parse_text(page)
    assert parsed.date == date(2023, 3, 28)
    assert [a.title for a in parsed.articles] == ["县志办召开党组理论学习中心组学习会"]


def test_a_masthead_date_written_the_web_way() -> None:
    parsed = parse_text("某县史志简报\n第3期（总第9期）\n某县史志办公室 2024-06-11 09:30\n" + ARTICLE)
    assert (parsed.publisher, parsed.date) == ("某县史志办公室", date(2024, 6, 11))
    assert [a.title for a in parsed.articles] == ["县志办召开党组理论学习中心组学习会"]
