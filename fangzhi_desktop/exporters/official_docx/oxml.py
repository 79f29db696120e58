"""Every raw-XML touch the engine needs and python-docx has no API for.

Kept in one place (as python-docx keeps its own in ``oxml/``): east-Asian fonts without theme
attributes, character spacing, indents in character units, borders, the PAGE field, fixed table
grids, repeated header rows and the font table's fallbacks. Elements are inserted in the order
the OOXML schema demands, so Word never reports "unreadable content".
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Child order of w:rPr, w:pPr, w:tblPr, w:trPr and w:tcPr in the schema (ECMA-376 §17).
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
             "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
             "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
             "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
             "lang", "eastAsianLayout", "specVanish", "oMath")
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
             "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
             "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
             "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
              "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def set_child(parent: Any, tag: str, order: tuple[str, ...], **attrs: str | int) -> Any:
    """Get or create ``w:tag`` under ``parent`` at its schema position and set attributes."""
    child = parent.find(qn(f"w:{tag}"))
    if child is None:
        child = OxmlElement(f"w:{tag}")
        later = order[order.index(tag) + 1:]
        successor = next((c for c in parent if _local(c) in later), None)
        if successor is not None:
            successor.addprevious(child)
        else:
            parent.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), str(value))
    return child


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# --- Runs ------------------------------------------------------------------------------------


def set_fonts(rpr: Any, east_asia: str, western: str | None = None, *,
              hint: bool = False) -> None:
    """Name the font of every slot explicitly and drop theme attributes (WPS shows them as
    missing fonts, and a theme attribute wins over a name in the same ``w:rFonts``)."""
    fonts = set_child(rpr, "rFonts", RPR_ORDER)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    western = western or east_asia
    fonts.set(qn("w:ascii"), western)
    fonts.set(qn("w:hAnsi"), western)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), western)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr: Any, points: float) -> None:
    half_points = round(points * 2)
    set_child(rpr, "sz", RPR_ORDER, val=half_points)
    set_child(rpr, "szCs", RPR_ORDER, val=half_points)


def set_color(rpr: Any, color: str) -> None:
    set_child(rpr, "color", RPR_ORDER, val=color)


def set_bold(rpr: Any, bold: bool = True) -> None:
    set_child(rpr, "b", RPR_ORDER, val="1" if bold else "0")
    set_child(rpr, "bCs", RPR_ORDER, val="1" if bold else "0")


def set_char_spacing(rpr: Any, twips: int) -> None:
    set_child(rpr, "spacing", RPR_ORDER, val=twips)


def set_lang(rpr: Any) -> None:
    set_child(rpr, "lang", RPR_ORDER, val="en-US", eastAsia="zh-CN")


# --- Paragraphs ------------------------------------------------------------------------------


def ppr(paragraph_element: Any) -> Any:
    return paragraph_element.get_or_add_pPr()


def set_spacing(p_pr: Any, *, line_twips: int | None = None, rule: str = "exact",
                before_twips: int = 0, after_twips: int = 0) -> None:
    attrs: dict[str, str | int] = {"before": before_twips, "after": after_twips}
    if line_twips is not None:
        attrs.update(line=line_twips, lineRule=rule)
    set_child(p_pr, "spacing", PPR_ORDER, **attrs)


def set_indent_chars(p_pr: Any, *, first_line: int = 0, left: int = 0, right: int = 0,
                     hanging: int = 0, char_twips: int = 320) -> None:
    """Indents in characters (w:*Chars, hundredths) with absolute twips as a fallback."""
    ind = set_child(p_pr, "ind", PPR_ORDER)
    for key in list(ind.attrib):
        del ind.attrib[key]
    if left:
        ind.set(qn("w:leftChars"), str(left * 100))
        ind.set(qn("w:left"), str(left * char_twips))
    else:
        ind.set(qn("w:left"), "0")
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))
        ind.set(qn("w:right"), str(right * char_twips))
    if hanging:
        ind.set(qn("w:hangingChars"), str(hanging * 100))
        ind.set(qn("w:hanging"), str(hanging * char_twips))
    elif first_line:
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
        ind.set(qn("w:firstLine"), str(first_line * char_twips))
    else:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")


def set_jc(p_pr: Any, value: str) -> None:
    set_child(p_pr, "jc", PPR_ORDER, val=value)


def set_widow_control(p_pr: Any, on: bool) -> None:
    set_child(p_pr, "widowControl", PPR_ORDER, val="1" if on else "0")


def set_keep_next(p_pr: Any) -> None:
    set_child(p_pr, "keepNext", PPR_ORDER)


def set_page_break_before(p_pr: Any) -> None:
    set_child(p_pr, "pageBreakBefore", PPR_ORDER)


def set_bottom_border(p_pr: Any, *, color: str, size: int, space: int = 6) -> None:
    borders = set_child(p_pr, "pBdr", PPR_ORDER)
    bottom = borders.find(qn("w:bottom"))
    if bottom is None:
        bottom = OxmlElement("w:bottom")
        borders.append(bottom)
    for key, value in (("val", "single"), ("sz", size), ("space", space), ("color", color)):
        bottom.set(qn(f"w:{key}"), str(value))


def no_autospace(p_pr: Any) -> None:
    """No extra space between Chinese and digits (keeps a date's width predictable)."""
    set_child(p_pr, "autoSpaceDE", PPR_ORDER, val="0")
    set_child(p_pr, "autoSpaceDN", PPR_ORDER, val="0")


def add_tab_stop(p_pr: Any, position_twips: int, align: str = "right") -> None:
    tabs = set_child(p_pr, "tabs", PPR_ORDER)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), align)
    tab.set(qn("w:pos"), str(position_twips))
    tabs.append(tab)


def set_outline_level(p_pr: Any, level: int) -> None:
    set_child(p_pr, "outlineLvl", PPR_ORDER, val=level)


# --- Fields ----------------------------------------------------------------------------------


def add_page_field(paragraph: Any, style_run: Any) -> None:
    """Append a PAGE field to ``paragraph``; ``style_run(run)`` formats each run."""
    def run(text: str | None = None) -> Any:
        r = paragraph.add_run(text or "")
        style_run(r)
        return r

    begin = run()
    begin._r.append(_fld_char("begin"))
    instr = run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instr._r.append(text)
    separate = run()
    separate._r.append(_fld_char("separate"))
    run("1")
    end = run()
    end._r.append(_fld_char("end"))


def _fld_char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


# --- Tables ----------------------------------------------------------------------------------


def fixed_grid(table: Any, widths_twips: list[int], *, indent_twips: int = 0) -> None:
    """Fixed layout with the column widths written into the grid and every first-row cell
    (WPS ignores autofit and reads the grid)."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    set_child(tbl_pr, "tblW", TBLPR_ORDER, w=sum(widths_twips), type="dxa")
    set_child(tbl_pr, "tblLayout", TBLPR_ORDER, type="fixed")
    if indent_twips:
        set_child(tbl_pr, "tblInd", TBLPR_ORDER, w=indent_twips, type="dxa")
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in widths_twips:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    for row in tbl.tr_lst:
        for tc, width in zip(row.tc_lst, widths_twips, strict=False):
            set_child(tc.get_or_add_tcPr(), "tcW", TCPR_ORDER, w=width, type="dxa")


def table_borders(table: Any, *, top: int = 0, bottom: int = 0, inside_h: int = 0,
                  left: int = 0, right: int = 0, inside_v: int = 0,
                  color: str = "000000") -> None:
    """Table borders in eighths of a point (0 = none)."""
    borders = set_child(table._tbl.tblPr, "tblBorders", TBLPR_ORDER)
    for child in list(borders):
        borders.remove(child)
    for name, size in (("top", top), ("left", left), ("bottom", bottom), ("right", right),
                       ("insideH", inside_h), ("insideV", inside_v)):
        edge = OxmlElement(f"w:{name}")
        if size:
            for key, value in (("val", "single"), ("sz", size), ("space", 0),
                               ("color", color)):
                edge.set(qn(f"w:{key}"), str(value))
        else:
            edge.set(qn("w:val"), "nil")
        borders.append(edge)


def cell_margins(table: Any, *, left: int = 0, right: int = 0, top: int = 0,
                 bottom: int = 0) -> None:
    mar = set_child(table._tbl.tblPr, "tblCellMar", TBLPR_ORDER)
    for child in list(mar):
        mar.remove(child)
    for name, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        edge = OxmlElement(f"w:{name}")
        edge.set(qn("w:w"), str(value))
        edge.set(qn("w:type"), "dxa")
        mar.append(edge)


def table_center(table: Any) -> None:
    set_child(table._tbl.tblPr, "jc", TBLPR_ORDER, val="center")


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    set_child(tr_pr, "cantSplit", TRPR_ORDER)
    set_child(tr_pr, "tblHeader", TRPR_ORDER)


def cant_split(row: Any) -> None:
    set_child(row._tr.get_or_add_trPr(), "cantSplit", TRPR_ORDER)


def keep_table_together(table: Any) -> None:
    """No row split across pages and every row kept with the next (a 版记 stays whole)."""
    rows = list(table.rows)
    for n, row in enumerate(rows):
        cant_split(row)
        if n < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    set_keep_next(ppr(paragraph._p))


def cell_shading(cell: Any, fill: str) -> None:
    set_child(cell._tc.get_or_add_tcPr(), "shd", TCPR_ORDER, val="clear", color="auto",
              fill=fill)


def cell_valign(cell: Any, value: str = "center") -> None:
    set_child(cell._tc.get_or_add_tcPr(), "vAlign", TCPR_ORDER, val=value)


# --- Document-wide ---------------------------------------------------------------------------


def chinese_defaults(document: Any, body_font: str, body_size: float) -> None:
    """docDefaults with explicit Chinese fonts (the python-docx template says Japanese theme
    fonts), and ``themeFontLang`` zh-CN so any theme font left resolves to a Hans face."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_fonts(rpr, body_font)
    set_size(rpr, body_size)
    set_lang(rpr)
    for fonts in styles.iter(qn("w:rFonts")):  # the template's built-in styles (Heading 1 …)
        major = any("major" in (fonts.get(qn(f"w:{a}")) or "") for a in THEME_ATTRS)
        if any(fonts.get(qn(f"w:{a}")) for a in THEME_ATTRS):
            for attr in THEME_ATTRS:
                fonts.attrib.pop(qn(f"w:{attr}"), None)
            name = "黑体" if major else body_font
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{slot}"), fonts.get(qn(f"w:{slot}")) or name)
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        successor = next((c for c in settings if _local(c) in _SETTINGS_AFTER_THEMEFONTLANG),
                         None)
        if successor is not None:
            successor.addprevious(lang)
        else:
            settings.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


_SETTINGS_AFTER_THEMEFONTLANG = (
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def font_table_fallbacks(document: Any, fallbacks: dict[str, str]) -> None:
    """Declare each official font in fontTable.xml with ``w:altName`` (the face to use where
    the machine lacks it: 仿宋_GB2312 → 仿宋) and the GB2312 charset."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in fallbacks.items():
        if name in existing:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_name = etree.SubElement(font, qn("w:altName"))
        alt_name.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern")
        pitch = etree.SubElement(font, qn("w:pitch"))
        pitch.set(qn("w:val"), "fixed")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_styles_with_effects(document: Any) -> None:
    """Remove the optional Word 2010 ``stylesWithEffects`` part of python-docx's template: it
    would no longer match ``styles.xml``, which Word may report as unreadable content."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(r_id)
            if r_id in part.rels:  # drop_rel keeps a relationship still referenced
                del part.rels[r_id]


def remove_doc_grid_type(section: Any) -> None:
    """No document grid: exact line pitch alone gives 22 lines everywhere (LibreOffice too)."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.attrib.pop(qn("w:type"), None)
        grid.attrib.pop(qn("w:charSpace"), None)
