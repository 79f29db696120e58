"""Render a ``Gongwen`` model as a GB/T 9704-2012 .docx."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from docx.shared import Pt, Twips

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.official_docx import metrics as m
from fangzhi_desktop.exporters.official_docx import oxml
from fangzhi_desktop.exporters.official_docx.document import FontPlan, OfficialDocument
from fangzhi_desktop.exporters.official_docx.model import Banji, Gongwen, ImageBlock, TableBlock
from fangzhi_desktop.exporters.text_safety import xml_safe


def text_width(text: str) -> float:
    """Width in 字: CJK characters 1, ASCII 0.55 (a little wider than the 0.5 of a monospaced
    digit, so a fallback font's proportional digits still fit on the line)."""
    return sum(0.55 if ch.isascii() else 1.0 for ch in text)


def render_gongwen(model: Gongwen, path: str | Path, fonts: FontPlan | None = None) -> Path:
    """Write ``model`` to ``path`` (atomically)."""
    doc = OfficialDocument(fonts=fonts)
    if model.issuer_mark:
        _red_head(doc, model)
    elif model.doc_no:
        doc.paragraph(model.doc_no, "GW Flush").alignment = 1
        doc.blank()
    _title(doc, model.title)
    doc.blank()  # 标题下空一行
    if model.recipient:
        doc.paragraph(model.recipient, "GW Flush")
    for block in model.blocks:
        if isinstance(block, TableBlock):
            _table(doc, block)
        elif isinstance(block, ImageBlock):
            _image(doc, block)
        elif block.center:
            doc.paragraph(block.text, "GW Flush").alignment = 1
        elif block.no_indent:
            doc.paragraph(block.text, "GW Flush")
        else:
            doc.body(block.text)
    if model.attachments:
        _attachment_note(doc, [a.title for a in model.attachments])
    if model.signature or model.date:
        _signature(doc, model.signature, model.date)
    if model.note:
        doc.paragraph(f"（{model.note}）")
    for n, attachment in enumerate(model.attachments, start=1):
        label = "附件" if len(model.attachments) == 1 else f"附件{n}"
        first = doc.paragraph(label, "GW Label")
        doc.page_break_before(first)
        doc.blank()
        _title(doc, attachment.title)
        doc.blank()
        for block in attachment.blocks:
            if isinstance(block, TableBlock):
                _table(doc, block)
            elif isinstance(block, ImageBlock):
                _image(doc, block)
            else:
                doc.body(block.text)
    if model.banji:
        _banji(doc, model.banji)
    with atomic_output(path) as tmp:
        doc.save(tmp, title=model.title, author=model.signature)
    return Path(path)


def _red_head(doc: OfficialDocument, model: Gongwen) -> None:
    """发文机关标志 (red 小标宋, 35 mm below the top of the 版心), 空二行, 发文字号, red rule."""
    mark = doc.paragraph("", "GW Flush")
    size = min(m.SIZE_XIAOCHU, math.floor(430 / max(1, text_width(model.issuer_mark))))
    ppr = oxml.ppr(mark._p)
    oxml.set_jc(ppr, "center")
    oxml.set_spacing(ppr, line_twips=max(900, round(size * 1.25 * 20)),
                     before_twips=m.mm_to_twips(32))
    doc.run_font(mark.add_run(xml_safe(model.issuer_mark)), east_asia=doc.fonts.xbs, size=size,
                 color=m.RED, spacing=0)
    doc.blank(2)
    number = doc.paragraph(model.doc_no, "GW Flush")
    ppr = oxml.ppr(number._p)
    oxml.set_jc(ppr, "center")
    oxml.set_bottom_border(ppr, color=m.RED, size=m.RED_RULE, space=6)
    doc.blank(2)  # 标题 below the red rule, 空二行 (one blank line + the rule's own line)


def _title(doc: OfficialDocument, title: str) -> None:
    paragraph = doc.paragraph(title, "GW Title")
    oxml.set_keep_next(oxml.ppr(paragraph._p))


def _attachment_note(doc: OfficialDocument, titles: list[str]) -> None:
    """附件说明: 正文下空一行, 左空二字; several are numbered and wrap under the name. It stays
    on the page of the last body paragraph (never alone with the 署名 on a new page)."""
    if doc.doc.paragraphs:
        oxml.set_keep_next(oxml.ppr(doc.doc.paragraphs[-1]._p))
    doc.blank()
    oxml.set_keep_next(oxml.ppr(doc.doc.paragraphs[-1]._p))
    if len(titles) == 1:
        doc.paragraph(f"附件：{titles[0].rstrip('。.')}")
        return
    for n, title in enumerate(titles, start=1):
        if n == 1:
            doc.paragraph(f"附件：{n}.{title.rstrip('。.')}")
        else:  # aligned under "1.": 左空二字 + the width of "附件："
            _left_chars(doc.paragraph(f"{n}.{title.rstrip('。.')}", "GW Flush"), 5)


def _signature(doc: OfficialDocument, signature: str, when: date | None) -> None:
    """Unsealed: 署名 右空二字 one line below the text; the date two 字 to the right of the
    署名's first character, or 右空二字 when it is longer. Indents are computed on the
    28-character grid so they do not depend on how a renderer sets the digits."""
    last = doc.doc.paragraphs[-1] if doc.doc.paragraphs else None
    if last is not None:  # never a 署名 alone at the top of a page
        oxml.set_keep_next(oxml.ppr(last._p))
    doc.blank()
    oxml.set_keep_next(oxml.ppr(doc.doc.paragraphs[-1]._p))
    date_text = cn_date(when) if when else ""
    sig_width = text_width(signature)
    date_width = text_width(date_text)
    sig_start = m.CHARS_PER_LINE - 2 - sig_width
    date_start = sig_start + 2
    if date_start + date_width > m.CHARS_PER_LINE - 2:
        date_start = m.CHARS_PER_LINE - 2 - date_width
        sig_start = min(sig_start, date_start - 2) if signature else sig_start
    if signature:
        paragraph = doc.paragraph(signature, "GW Flush")
        _left_chars(paragraph, sig_start)
        oxml.set_keep_next(oxml.ppr(paragraph._p))
    if date_text:
        paragraph = doc.paragraph(date_text, "GW Flush")
        _left_chars(paragraph, date_start)
        oxml.no_autospace(oxml.ppr(paragraph._p))


def _left_chars(paragraph: Any, chars: float) -> None:
    ind = oxml.set_child(oxml.ppr(paragraph._p), "ind", oxml.PPR_ORDER)
    for key in list(ind.attrib):
        del ind.attrib[key]
    ind.set(oxml.qn("w:leftChars"), str(round(chars * 100)))
    ind.set(oxml.qn("w:left"), str(round(chars * 16 * 20)))
    ind.set(oxml.qn("w:firstLineChars"), "0")
    ind.set(oxml.qn("w:firstLine"), "0")


def _table(doc: OfficialDocument, block: TableBlock) -> None:
    from fangzhi_desktop.exporters.official_docx.render_ledger import fill_table

    fill_table(doc, block.columns, block.rows, width_twips=m.TEXT_WIDTH_TWIPS)


def _image(doc: OfficialDocument, block: ImageBlock) -> None:
    """The picture centred on a line of its own height (single spacing, not the 28 pt grid
    that would clip it), the caption below as body text (a centred line would read as a
    title)."""
    import io

    from docx.shared import Mm

    paragraph = doc.paragraph("", "GW Flush")
    paragraph.alignment = 1
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.keep_with_next = True
    width = min(block.width_mm, m.TEXT_WIDTH_MM)
    paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(width))
    if block.caption:
        doc.body(block.caption)


def _banji(doc: OfficialDocument, banji: Banji) -> None:
    """版记: a one-column table as wide as the 版心, thick first and last rules, thin between;
    4号仿宋, 左右各空一字; 印发机关 left and 印发日期 + 印发 right."""
    doc.blank()
    rows = (1 if banji.cc else 0) + 1
    table = doc.doc.add_table(rows=rows, cols=1)
    oxml.fixed_grid(table, [m.TEXT_WIDTH_TWIPS])
    oxml.table_borders(table, top=m.BANJI_THICK, bottom=m.BANJI_THICK, inside_h=m.BANJI_THIN)
    oxml.cell_margins(table)
    char = round(m.SIZE_SIHAO * 20)  # 一字 at 4号 = 280 twips
    cells = [row.cells[0] for row in table.rows]
    if banji.cc:
        names = "，".join(banji.cc).rstrip("。") + "。"
        paragraph = cells[0].paragraphs[0]
        paragraph.style = doc.doc.styles["GW Small"]
        paragraph.add_run(xml_safe(f"抄送：{names}"))
        ppr = oxml.ppr(paragraph._p)
        ind = oxml.set_child(ppr, "ind", oxml.PPR_ORDER)
        ind.set(oxml.qn("w:left"), str(char + 3 * char))  # wrapped lines align after 抄送：
        ind.set(oxml.qn("w:right"), str(char))
        ind.set(oxml.qn("w:hanging"), str(3 * char))
    paragraph = cells[-1].paragraphs[0]
    paragraph.style = doc.doc.styles["GW Small"]
    ppr = oxml.ppr(paragraph._p)
    ind = oxml.set_child(ppr, "ind", oxml.PPR_ORDER)
    ind.set(oxml.qn("w:left"), str(char))
    ind.set(oxml.qn("w:right"), str(char))
    ind.set(oxml.qn("w:firstLine"), "0")
    oxml.add_tab_stop(ppr, m.TEXT_WIDTH_TWIPS - char, "right")
    paragraph.add_run(xml_safe(banji.printer))
    paragraph.add_run("\t")
    paragraph.add_run(f"{cn_date(banji.print_date)}印发")
    oxml.keep_table_together(table)
    for cell in cells:
        for p in cell.paragraphs:
            p.paragraph_format.line_spacing = Pt(m.LINE_PITCH_TWIPS / 20)
            p.paragraph_format.space_before = Twips(0)
