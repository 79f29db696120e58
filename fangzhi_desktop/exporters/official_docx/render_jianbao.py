"""Render a ``Briefing`` (简报 / 工作简讯 / 政工简讯) as .docx.

报头: the name in red 小标宋, ``第N期（总第M期）`` centred, 编发单位 left and date right, a red
rule. Articles: 2号小标宋 titles, 3号仿宋 bodies, optional column headers (【工作动态】). 报尾:
信息公开选项, then between rules 报：/送：/发：, the 印发 line and （共印N份）.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.official_docx import metrics as m
from fangzhi_desktop.exporters.official_docx import oxml
from fangzhi_desktop.exporters.official_docx.document import FontPlan, OfficialDocument
from fangzhi_desktop.exporters.official_docx.model import Briefing, BriefingTail
from fangzhi_desktop.exporters.official_docx.render_gongwen import text_width
from fangzhi_desktop.exporters.text_safety import xml_safe


def issue_text(issue: int, total: int | None) -> str:
    return f"第{issue}期" + (f"（总第{total}期）" if total else "")


def render_jianbao(model: Briefing, path: str | Path, fonts: FontPlan | None = None) -> Path:
    doc = OfficialDocument(fonts=fonts)
    _masthead(doc, model)
    column = ""
    for article in model.articles:
        if article.column and article.column != column:
            column = article.column
            label = column if column.startswith("【") else f"【{column}】"
            # A column banner: centred, in the title face and red, so it reads as part of the
            # layout and never as body text.
            banner = doc.paragraph("", "GW Title")
            doc.run_font(banner.add_run(xml_safe(label)), color=m.RED)
        doc.paragraph(article.title, "GW Title")
        for text in article.paragraphs:
            doc.body(text)
        if article.attribution:
            attribution = article.attribution
            if not attribution.startswith(("（", "(")):
                attribution = f"（{attribution}）"
            paragraph = doc.paragraph(attribution, "GW Body")  # 左空二字 kept, set right
            oxml.set_jc(oxml.ppr(paragraph._p), "right")
    if model.tail:
        _tail(doc, model.tail)
    with atomic_output(path) as tmp:
        doc.save(tmp, title=f"{model.name}{issue_text(model.issue, model.total_issue)}",
                 author=model.publisher)
    return Path(path)


def _masthead(doc: OfficialDocument, model: Briefing) -> None:
    if model.confidential:
        doc.run_font(doc.paragraph("", "GW Flush").add_run(xml_safe(model.confidential)),
                     east_asia=doc.fonts.hei)
    name = doc.paragraph("", "GW Flush")
    size = min(42.0, math.floor(430 / max(1, text_width(model.name))))
    ppr = oxml.ppr(name._p)
    oxml.set_jc(ppr, "center")
    oxml.set_spacing(ppr, line_twips=round(size * 1.3 * 20), before_twips=m.mm_to_twips(10))
    doc.run_font(name.add_run(xml_safe(model.name)), east_asia=doc.fonts.xbs, size=size,
                 color=m.RED, spacing=0)
    doc.blank()
    issue = doc.paragraph(issue_text(model.issue, model.total_issue), "GW Flush")
    oxml.set_jc(oxml.ppr(issue._p), "center")
    doc.blank()
    line = doc.paragraph("", "GW Flush")
    ppr = oxml.ppr(line._p)
    oxml.add_tab_stop(ppr, m.TEXT_WIDTH_TWIPS, "right")
    oxml.set_bottom_border(ppr, color=m.RED, size=m.RED_RULE, space=6)
    line.add_run(xml_safe(model.publisher))
    line.add_run("\t")
    line.add_run(cn_date(model.date))
    doc.blank()


def _tail(doc: OfficialDocument, tail: BriefingTail) -> None:
    doc.blank()
    if tail.disclosure:
        text = tail.disclosure if "：" in tail.disclosure else f"信息公开选项：{tail.disclosure}"
        oxml.set_keep_next(oxml.ppr(doc.paragraph(text, "GW Flush")._p))
    entries = [(label, value) for label, value in (("报", tail.bao), ("送", tail.song),
                                                    ("发", tail.fa)) if value]
    table = doc.doc.add_table(rows=len(entries) + 1, cols=1)
    oxml.fixed_grid(table, [m.TEXT_WIDTH_TWIPS])
    oxml.table_borders(table, top=m.BANJI_THICK, bottom=m.BANJI_THICK, inside_h=m.BANJI_THIN)
    oxml.cell_margins(table)
    char = round(m.SIZE_SIHAO * 20)
    for row, (label, value) in zip(table.rows, entries, strict=False):
        paragraph = _small(doc, row.cells[0].paragraphs[0], char)
        value = value.rstrip("。") + "。"
        paragraph.add_run(xml_safe(f"{label}：{value}"))
        ind = oxml.set_child(oxml.ppr(paragraph._p), "ind", oxml.PPR_ORDER)
        ind.set(oxml.qn("w:left"), str(3 * char))
        ind.set(oxml.qn("w:hanging"), str(2 * char))
    last = table.rows[-1].cells[0]
    paragraph = _small(doc, last.paragraphs[0], char)
    oxml.add_tab_stop(oxml.ppr(paragraph._p), m.TEXT_WIDTH_TWIPS - char, "right")
    paragraph.add_run(xml_safe(tail.printer))
    paragraph.add_run("\t")
    paragraph.add_run(f"{cn_date(tail.print_date)}印发")
    if tail.copies:
        oxml.set_keep_next(oxml.ppr(paragraph._p))
        copies = _small(doc, last.add_paragraph(), char)
        oxml.set_jc(oxml.ppr(copies._p), "right")
        copies.add_run(f"（共印{tail.copies}份）")
    oxml.keep_table_together(table)


def _small(doc: OfficialDocument, paragraph: Any, char: int) -> Any:
    paragraph.style = doc.doc.styles["GW Small"]
    ppr = oxml.ppr(paragraph._p)
    ind = oxml.set_child(ppr, "ind", oxml.PPR_ORDER)
    ind.set(oxml.qn("w:left"), str(char))
    ind.set(oxml.qn("w:right"), str(char))
    return paragraph
