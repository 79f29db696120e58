"""A new python-docx document with GB/T 9704 page set-up, styles and page numbers.

Every GB/T 9704 value sits in a style (Normal = 仿宋 3号, exact 28.95 pt, −0.25 pt spacing;
``GW Body`` adds 左空二字; ``GW H1``/``GW H2`` switch to 黑体/楷体; ``GW Title`` is 小标宋 2号),
so the paragraphs themselves carry little direct formatting and stay editable in Word and WPS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, Twips

from fangzhi_desktop.exporters.official_docx import metrics as m
from fangzhi_desktop.exporters.official_docx import oxml
from fangzhi_desktop.exporters.text_safety import xml_safe

HEADING_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),
    (3, re.compile(r"^\d{1,3}[.．](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,3}[）)]")),
)


@dataclass(frozen=True)
class FontPlan:
    """The faces written into the document (the office may lack the _GB2312 ones)."""

    fangsong: str = m.FONT_FANGSONG
    kai: str = m.FONT_KAI
    hei: str = m.FONT_HEI
    xbs: str = m.FONT_XBS
    song: str = m.FONT_SONG


def heading_level(text: str) -> int:
    """1 for 一、, 2 for （一）, 3 for 1., 4 for （1）, 0 for plain text."""
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return 0


def heading_split(text: str) -> tuple[str, str]:
    """The heading part (up to and including the first 。 or ：) and the rest."""
    for i, ch in enumerate(text):
        if ch in "。：:":
            return text[: i + 1], text[i + 1:]
    return text, ""


class OfficialDocument:
    """Builds one document: ``paragraph()``, ``page_break()``, ``save()``."""

    def __init__(self, *, landscape: bool = False, fonts: FontPlan | None = None,
                 page_numbers: bool = True) -> None:
        self.fonts = fonts or FontPlan()
        self.doc: Any = Document()
        oxml.drop_styles_with_effects(self.doc)
        self.landscape = landscape
        self._setup_page()
        self._setup_styles()
        if page_numbers:
            self._setup_page_numbers()

    # --- set-up ------------------------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        if self.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(m.A4_HEIGHT_MM), Mm(m.A4_WIDTH_MM)
            section.top_margin = Mm(m.LEDGER_MARGIN_TOP_MM)
            section.bottom_margin = Mm(m.LEDGER_MARGIN_BOTTOM_MM)
            section.left_margin = Mm(m.LEDGER_MARGIN_LEFT_MM)
            section.right_margin = Mm(m.LEDGER_MARGIN_RIGHT_MM)
            section.footer_distance = Mm(10)
        else:
            section.page_width, section.page_height = Mm(m.A4_WIDTH_MM), Mm(m.A4_HEIGHT_MM)
            section.top_margin = Twips(m.mm_to_twips(m.MARGIN_TOP_MM))
            section.bottom_margin = Twips(m.mm_to_twips(m.MARGIN_BOTTOM_MM))
            section.left_margin = Twips(m.mm_to_twips(m.MARGIN_LEFT_MM))
            section.right_margin = Twips(m.mm_to_twips(m.MARGIN_RIGHT_MM))
            section.footer_distance = Mm(m.FOOTER_DISTANCE_MM)
        section.header_distance = Mm(15)
        section.gutter = 0
        oxml.remove_doc_grid_type(section)

    def _setup_styles(self) -> None:
        f = self.fonts
        oxml.chinese_defaults(self.doc, f.fangsong, m.SIZE_SANHAO)
        oxml.font_table_fallbacks(self.doc, {
            f.fangsong: m.FONT_FALLBACKS.get(f.fangsong, "仿宋"),
            f.kai: m.FONT_FALLBACKS.get(f.kai, "楷体"),
            f.xbs: m.FONT_FALLBACKS.get(f.xbs, "宋体"),
            f.hei: "SimHei",
            f.song: "SimSun",
        })
        normal = self.doc.styles["Normal"]
        rpr = normal.element.get_or_add_rPr()
        oxml.set_fonts(rpr, f.fangsong)
        oxml.set_size(rpr, m.SIZE_SANHAO)
        oxml.set_color(rpr, "000000")
        oxml.set_char_spacing(rpr, m.CHAR_SPACING_TWIPS)
        ppr = normal.element.get_or_add_pPr()
        oxml.set_widow_control(ppr, False)
        oxml.set_spacing(ppr, line_twips=m.LINE_PITCH_TWIPS)
        oxml.set_jc(ppr, "both")
        self._style("GW Body", first_line=2)
        self._style("GW H1", first_line=2, east_asia=f.hei)
        self._style("GW H2", first_line=2, east_asia=f.kai)
        self._style("GW H3", first_line=2)
        self._style("GW H4", first_line=2)
        self._style("GW Flush")
        self._style("GW Title", east_asia=f.xbs, size=m.SIZE_ERHAO, jc="center")
        self._style("GW Label", east_asia=f.hei)
        self._style("GW Small", size=m.SIZE_SIHAO)
        self._style("GW Table", size=m.SIZE_XIAOSI, line_twips=None, jc="center")

    def _style(self, name: str, *, first_line: int = 0, east_asia: str | None = None,
               size: float | None = None, jc: str | None = None,
               line_twips: int | None = m.LINE_PITCH_TWIPS) -> Any:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        ppr = style.element.get_or_add_pPr()
        oxml.set_indent_chars(ppr, first_line=first_line)
        if line_twips is None:
            oxml.set_spacing(ppr, line_twips=round(m.SIZE_XIAOSI * 1.3 * 20), rule="atLeast")
        if jc:
            oxml.set_jc(ppr, jc)
        rpr = style.element.get_or_add_rPr()
        if east_asia:
            oxml.set_fonts(rpr, east_asia)
        if size:
            oxml.set_size(rpr, size)
        return style

    def _setup_page_numbers(self) -> None:
        """``— N —`` in 4号 宋体: odd pages right, even pages left, 一字 from the edge."""
        self.doc.settings.odd_and_even_pages_header_footer = True
        section = self.doc.sections[0]
        for footer, jc, side in ((section.footer, "right", "right"),
                                 (section.even_page_footer, "left", "left")):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            ppr = oxml.ppr(paragraph._p)
            oxml.set_jc(ppr, jc)
            indent = {"left": 0, "right": 0, side: 280}
            ind = oxml.set_child(ppr, "ind", oxml.PPR_ORDER)
            ind.set(oxml.qn("w:left"), str(indent["left"]))
            ind.set(oxml.qn("w:right"), str(indent["right"]))

            def style_run(run: Any) -> None:
                rpr = run._r.get_or_add_rPr()
                oxml.set_fonts(rpr, self.fonts.song, self.fonts.song, hint=True)
                oxml.set_size(rpr, m.SIZE_SIHAO)
                oxml.set_char_spacing(rpr, 0)

            style_run(paragraph.add_run("— "))
            oxml.add_page_field(paragraph, style_run)
            style_run(paragraph.add_run(" —"))

    # --- content -----------------------------------------------------------------------------

    def paragraph(self, text: str = "", style: str = "GW Body") -> Any:
        return self.doc.add_paragraph(xml_safe(text), style=style)

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.doc.add_paragraph("", style="GW Flush")

    def body(self, text: str) -> Any:
        """A body paragraph; a heading prefix (一、（一）1.（1）) gets its level's font."""
        text = xml_safe(text)
        level = heading_level(text)
        if level == 0:
            return self.doc.add_paragraph(text, style="GW Body")
        head, rest = heading_split(text)
        style = f"GW H{level}"
        paragraph = self.doc.add_paragraph(style=style)
        paragraph.add_run(head)
        if rest:
            run = paragraph.add_run(rest)
            rpr = run._r.get_or_add_rPr()
            if level in (1, 2):
                oxml.set_fonts(rpr, self.fonts.fangsong)
        if level == 1:
            oxml.set_outline_level(oxml.ppr(paragraph._p), 0)
            oxml.set_keep_next(oxml.ppr(paragraph._p))
        return paragraph

    def run_font(self, run: Any, *, east_asia: str | None = None, size: float | None = None,
                 color: str | None = None, bold: bool | None = None,
                 spacing: int | None = None) -> Any:
        rpr = run._r.get_or_add_rPr()
        if east_asia:
            oxml.set_fonts(rpr, east_asia)
        if size:
            oxml.set_size(rpr, size)
        if color:
            oxml.set_color(rpr, color)
        if bold is not None:
            oxml.set_bold(rpr, bold)
        if spacing is not None:
            oxml.set_char_spacing(rpr, spacing)
        return run

    def page_break_before(self, paragraph: Any) -> None:
        oxml.set_page_break_before(oxml.ppr(paragraph._p))

    def save(self, path: Any, *, title: str = "", author: str = "") -> None:
        props = self.doc.core_properties
        props.title = xml_safe(title)
        props.author = xml_safe(author) or "方志办公桌面"
        props.last_modified_by = props.author
        props.comments = ""
        self.doc.save(str(path))
