"""Landscape 台账 and tables: fixed grids, a repeated 黑体 header, rows cloned (never
``table.cell()`` in a loop, which is quadratic in python-docx)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.official_docx import metrics as m
from fangzhi_desktop.exporters.official_docx import oxml
from fangzhi_desktop.exporters.official_docx.document import FontPlan, OfficialDocument
from fangzhi_desktop.exporters.official_docx.model import LedgerDocument
from fangzhi_desktop.exporters.text_safety import xml_safe
from fangzhi_desktop.progress import Progress, no_progress

HEADER_FILL = "D9D9D9"


def render_ledger(model: LedgerDocument, path: str | Path, fonts: FontPlan | None = None,
                  progress: Progress = no_progress) -> Path:
    """A4 landscape: title, subtitle, the table; page numbers at the foot."""
    doc = OfficialDocument(landscape=True, fonts=fonts)
    title = doc.paragraph(model.title, "GW Title")
    oxml.set_spacing(oxml.ppr(title._p), line_twips=round(m.SIZE_ERHAO * 1.5 * 20))
    if model.subtitle:
        sub = doc.paragraph(model.subtitle, "GW Small")
        oxml.set_jc(oxml.ppr(sub._p), "right")
    width = m.mm_to_twips(m.LEDGER_TEXT_WIDTH_MM)
    fill_table(doc, model.columns, model.rows, width_twips=width, progress=progress)
    if model.note:
        doc.paragraph(model.note, "GW Small")
    with atomic_output(path) as tmp:
        doc.save(tmp, title=model.title)
    return Path(path)


def column_widths(columns: Sequence[tuple[str, float]], width_twips: int) -> list[int]:
    """Column widths in twips, scaled so they fill ``width_twips`` exactly."""
    total = sum(w for _, w in columns) or 1.0
    widths = [int(width_twips * w / total) for _, w in columns]
    widths[-1] += width_twips - sum(widths)
    return widths


def narrow_columns(widths: list[int]) -> set[int]:
    """Columns too narrow for prose (序号, 状态…): their text is centred."""
    return {n for n, width in enumerate(widths) if width < 1200}


def fill_table(doc: OfficialDocument, columns: Sequence[tuple[str, float]],
               rows: Sequence[Sequence[str]], *, width_twips: int,
               progress: Progress = no_progress) -> Any:
    """Add a bordered table: header row repeated on every page, one body row built once and
    deep-copied for every data row with its texts set directly in the XML."""
    widths = column_widths(columns, width_twips)
    table = doc.doc.add_table(rows=2, cols=len(columns))
    oxml.fixed_grid(table, widths)
    oxml.table_borders(table, top=6, bottom=6, left=6, right=6, inside_h=4, inside_v=4)
    oxml.cell_margins(table, left=57, right=57, top=0, bottom=0)
    oxml.table_center(table)
    header, template = table.rows
    oxml.repeat_header(header)
    oxml.cant_split(template)
    for cell, (name, _) in zip(header.cells, columns, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.doc.styles["GW Table"]
        doc.run_font(paragraph.add_run(xml_safe(name)), east_asia=doc.fonts.hei)
        oxml.cell_shading(cell, HEADER_FILL)
        oxml.cell_valign(cell)
    narrow = narrow_columns(widths)
    for n, cell in enumerate(template.cells):
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.doc.styles["GW Table"]
        oxml.set_jc(oxml.ppr(paragraph._p), "center" if n in narrow else "left")
        paragraph.add_run("")
        oxml.cell_valign(cell)
    tr_template = template._tr
    tbl = table._tbl
    tbl.remove(tr_template)
    total = max(1, len(rows))
    t_tag = qn("w:t")
    for n, values in enumerate(rows, start=1):
        tr = copy.deepcopy(tr_template)
        for tc, value in zip(tr.iterchildren(qn("w:tc")), values, strict=False):
            _set_cell_text(tc, xml_safe(str(value)), t_tag)
        tbl.append(tr)
        if n % 200 == 0:
            progress(n / total, f"正在写第{n}行")
    progress(1.0, "表格已写完")
    return table


def _set_cell_text(tc: Any, text: str, t_tag: str) -> None:
    """Put ``text`` into the cell's single run; line breaks become ``w:br``."""
    run = tc.find(f"{qn('w:p')}/{qn('w:r')}")
    for child in list(run):
        if child.tag != qn("w:rPr"):
            run.remove(child)
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(run.makeelement(qn("w:br"), {}))
        t = run.makeelement(t_tag, {})
        t.text = line
        if line != line.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
