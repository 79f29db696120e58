"""The documents engine on its own: a 公文 with every element, a 简报, a large 台账."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.exporters.official_docx.model import (
    Attachment,
    Banji,
    Block,
    Briefing,
    BriefingArticle,
    BriefingTail,
    Gongwen,
    LedgerDocument,
    TableBlock,
)
from fangzhi_desktop.exporters.official_docx.render_gongwen import render_gongwen
from fangzhi_desktop.exporters.official_docx.render_jianbao import render_jianbao
from fangzhi_desktop.exporters.official_docx.render_ledger import render_ledger
from tests.exporters.docx_checks import (
    W,
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    assert_page_numbers,
    run_shared_checker,
    schema_errors,
    xml,
)

GONGWEN = Gongwen(
    title="关于做好2024年度地方志工作的通知",
    recipient="各乡镇人民政府，县直各单位：",
    blocks=[Block("为做好全年工作，现将有关事项通知如下。"), Block("一、总体要求"),
            Block("（一）坚持依法治志。全面贯彻《地方志工作条例》。"),
            Block("1.抓好年鉴编纂。按时完成组稿。"), Block("（1）落实供稿责任。各单位确定专人。"),
            TableBlock([("单位", 40), ("联系人", 30)], [["县志办", "张三"], ["年鉴科", "李四"]])],
    issuer_mark="某县地方志办公室文件", doc_no="某志办发〔2024〕3号",
    signature="某县地方志办公室", date=date(2024, 3, 5), note="联系人：张三，电话：1234567",
    attachments=[Attachment("供稿单位名单", [Block("一、县直单位")]),
                 Attachment("供稿要求", [Block("1.字数要求。")])],
    banji=Banji("某县地方志办公室", date(2024, 3, 5), cc=["市地方志办公室", "县委办公室"]),
)


def test_a_gongwen_with_every_element(tmp_path: Path) -> None:
    path = render_gongwen(GONGWEN, tmp_path / "gw.docx")
    assert schema_errors(path) == []
    assert_gbt9704_page(path)
    assert_fonts_and_pitch(path)
    assert_page_numbers(path)
    text = all_text(path)
    for expected in ("某县地方志办公室文件", "某志办发〔2024〕3号", "各乡镇人民政府，县直各单位：",
                     "附件：1.供稿单位名单", "2.供稿要求", "2024年3月5日", "（联系人：张三，电话：1234567）",
                     "附件1", "附件2", "抄送：市地方志办公室，县委办公室。", "2024年3月5日印发",
                     "县志办", "李四"):
        assert expected in text, expected
    document = xml(path, "word/document.xml")
    assert document.count("<w:pageBreakBefore/>") == 2  # each attachment on its own page
    assert 'w:color="FF0000"' in document  # the red 版头 and its rule
    assert 'w:sz="8"' in document and 'w:sz="6"' in document  # 版记 rules 0.35 / 0.25 mm
    run_shared_checker(path, "--require-fawenzihao", "--require-date", "--require-banji",
                       "--require-head")


def test_the_date_sits_two_characters_right_of_the_signature(tmp_path: Path) -> None:
    import docx

    path = render_gongwen(GONGWEN, tmp_path / "gw.docx")
    paragraphs = docx.Document(str(path)).paragraphs
    signature = next(p for p in paragraphs if p.text == "某县地方志办公室")
    when = next(p for p in paragraphs if p.text == "2024年3月5日")

    def left_chars(p: object) -> int:
        return int(p._p.pPr.find(f"{W}ind").get(f"{W}leftChars"))  # type: ignore[attr-defined]

    assert left_chars(when) - left_chars(signature) == 200  # 2 字
    assert left_chars(signature) + 800 <= 2600  # 署名 右空二字 at least


BRIEFING = Briefing(
    name="某县史志研究室工作简讯", issue=3, total_issue=41, publisher="某县史志研究室",
    date=date(2024, 6, 28),
    articles=[BriefingArticle("县史志研究室召开中心组学习会", ["6月27日，研究室召开中心组学习会。",
                                                     "一是提高认识。二是狠抓落实。"],
                              column="工作动态", attribution="办公室"),
              BriefingArticle("某镇开展村志编纂", ["某镇挂图作战。"], column="经验快递")],
    tail=BriefingTail("某县史志研究室办公室", date(2024, 6, 28), bao="市地方志办公室",
                      song="县委办公室", fa="各科室", copies=15, disclosure="主动公开"),
)


def test_a_briefing_reads_back_and_passes_the_checker(tmp_path: Path) -> None:
    path = render_jianbao(BRIEFING, tmp_path / "jb.docx")
    assert schema_errors(path) == []
    assert_gbt9704_page(path)
    assert_fonts_and_pitch(path)
    text = all_text(path)
    for expected in ("某县史志研究室工作简讯", "第3期（总第41期）", "2024年6月28日", "【工作动态】",
                     "【经验快递】", "县史志研究室召开中心组学习会", "（办公室）",
                     "信息公开选项：主动公开", "报：市地方志办公室。", "送：县委办公室。", "发：各科室。",
                     "2024年6月28日印发", "（共印15份）"):
        assert expected in text, expected
    run_shared_checker(path, "--kind", "jianbao", "--require-banji")


def test_a_large_ledger_is_landscape_with_a_repeated_header(tmp_path: Path) -> None:
    import docx

    rows = [[str(n), f"任务{n}\n第二行", "研究室", "=SUM(A1)"] for n in range(1, 2001)]
    start = time.perf_counter()
    path = render_ledger(LedgerDocument("台账", [("序号", 10), ("任务", 80), ("单位", 30),
                                                ("备注", 30)], rows, subtitle="统计日期"),
                         tmp_path / "ledger.docx")
    elapsed = time.perf_counter() - start
    assert elapsed < 5  # benchmark target 0.55 s; here only a gross-regression guard
    assert schema_errors(path) == []
    assert_gbt9704_page(path, landscape=True)
    table = docx.Document(str(path)).tables[0]
    assert len(table.rows) == 2001
    assert table.rows[2000].cells[1].text == "任务2000\n第二行"
    assert table.rows[1].cells[3].text == "=SUM(A1)"  # text, never a field or formula
    assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"


def test_control_characters_never_reach_the_file(tmp_path: Path) -> None:
    model = Gongwen(title="标题\x07", blocks=[Block("正文\x00含有控制字符\x1b。")])
    path = render_gongwen(model, tmp_path / "ctrl.docx")
    assert "正文含有控制字符。" in all_text(path)


@pytest.mark.parametrize("serial", [1, 12])
def test_doc_numbers_follow_gbt9704(serial: int) -> None:
    from fangzhi_desktop.domain.office import OfficeProfile

    assert OfficeProfile(short_name="某志办").doc_no(2024, serial) == f"某志办发〔2024〕{serial}号"
