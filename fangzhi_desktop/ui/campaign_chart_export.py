"""The 作战图 as a file: a PNG at print resolution (A3 landscape, 300 dpi) or a landscape Word
document (title, the chart full width, a legend; a long ledger continues over pages).

``export_chart(db_path, campaign_id, out, when)`` is what ``fangzhi export campaign-chart``
runs (through the launcher: the command line never imports Qt); ``write_chart`` is the same
on an open connection, for the window's export job. The drawing is ``render_chart``;
python-docx is imported inside ``write_chart_docx`` only.
"""

from __future__ import annotations

import io
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fangzhi_desktop.errors import FangzhiError, UnusableInput
from fangzhi_desktop.progress import Progress, no_progress

DPI = 300
A3_PX = (4961, 3508)  # A3 landscape at 300 dpi
PRINT_FONT_PX = 42.0  # 10 pt at 300 dpi
MIN_PRINT_FONT_PX = 28.0  # 6.7 pt: below that a sheet gets taller (PNG) or a page more (Word)
DOCX_IMAGE_MM = (252.0, 126.0)  # the text block of an A4 landscape page, less title and legend
DOCX_ROWS_PER_PAGE = 34
SUFFIXES = (".png", ".docx")
LEGEND_TEXT = (("■", "5BAE5B", "正常（含已完成）"), ("■", "F0B429", "临期"), ("■", "D64541", "逾期"),
               ("■", "A9A9A9", "已销号"), ("━", "263238", "原定时限"), ("▨", "5BAE5B", "延期部分"),
               ("◆◇", "263238", "实施步骤（实心为已完成）"), ("│", "1565C0", "今天"))


def _ensure_gui() -> None:
    """A QGuiApplication for fonts (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(sys.argv[:1])
    _ensure_gui.app = app  # type: ignore[attr-defined]  # kept alive for the process


def export_chart(db_path: str | Path, campaign_id: int, out: str | Path,
                 when: date | None = None) -> Path:
    """``fangzhi export campaign-chart``: write the chart of a campaign to ``out``."""
    from fangzhi_desktop.storage import open_database

    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise UnusableInput("用法错误：campaign-chart 导出 .png 图片或 .docx 文档，"
                            "请把输出文件名改为 *.png 或 *.docx。")
    _ensure_gui()
    conn = open_database(db_path)
    try:
        return write_chart(conn, campaign_id, out, when or date.today())
    finally:
        conn.close()


def chart_data(conn: sqlite3.Connection, campaign_id: int, when: date) -> Any:
    from fangzhi_desktop.storage import campaigns as store
    from fangzhi_desktop.ui.campaign_chart import ChartData

    campaign = store.get_campaign(conn, campaign_id)
    return ChartData(campaign, store.list_phases(conn, campaign_id),
                     store.list_tasks(conn, campaign_id),
                     store.steps_of_campaign(conn, campaign_id), when)


def write_chart(conn: sqlite3.Connection, campaign_id: int, out: Path, when: date,
                progress: Progress = no_progress) -> Path:
    progress(0.05, "正在读取专项活动……")
    data = chart_data(conn, campaign_id, when)
    if out.suffix.lower() == ".docx":
        return write_chart_docx(data, out, progress)
    progress(0.2, "正在绘制作战图……")
    image = chart_image(data)
    progress(0.7, "正在保存图片……")
    return save_png(image, out)


def chart_image(data: Any, size: tuple[int, int] = A3_PX, font_px: float = PRINT_FONT_PX,
                title: bool = True, legend: bool = True) -> Any:
    """The whole chart on a white image at 300 dpi; taller than ``size`` when the ledger is
    too long to be read on it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from fangzhi_desktop.ui.campaign_chart import needed_height, render_chart, row_count

    width, height = size
    rows = row_count(data.tasks, data.phases)
    f = font_px
    while f > MIN_PRINT_FONT_PX and needed_height(rows, f, title=title, legend=legend) > height:
        f -= 1
    height = max(height, round(needed_height(rows, f, title=title, legend=legend)))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    try:
        render_chart(painter, QRectF(0, 0, width, height), data.campaign, data.phases,
                     data.tasks, data.today, None, steps=data.steps, font_px=f, title=title,
                     legend=legend)
    finally:
        painter.end()
    return image


def save_png(image: Any, out: Path) -> Path:
    from fangzhi_desktop.exporters.files import atomic_output

    with atomic_output(out) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise FangzhiError(f"无法写入图片文件 {out}。")
    return out


def _pages(data: Any, rows_per_page: int) -> list[list[Any]]:
    """The tasks split into pages of at most ``rows_per_page`` rows (headings included)."""
    from fangzhi_desktop.ui.campaign_format import group_tasks

    pages: list[list[Any]] = [[]]
    used = 0
    for _label, members in group_tasks(data.tasks, data.phases):
        for n, task in enumerate(members):
            need = 2 if n == 0 or used == 0 else 1  # a group starts (or restarts) with a heading
            if used + need > rows_per_page and pages[-1]:
                pages.append([])
                used = 0
                need = 2
            pages[-1].append(task)
            used += need
    return pages


def write_chart_docx(data: Any, out: Path, progress: Progress = no_progress) -> Path:
    """A4 landscape: the title, then the chart at full width and its legend, page by page."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from fangzhi_desktop.exporters.files import atomic_output
    from fangzhi_desktop.exporters.official_docx.document import OfficialDocument
    from fangzhi_desktop.ui.campaign_chart import layout_chart, time_range

    doc = OfficialDocument(landscape=True)
    pages = _pages(data, DOCX_ROWS_PER_PAGE) if data.tasks else [[]]
    width_px = round(DOCX_IMAGE_MM[0] / 25.4 * DPI)
    height_px = round(DOCX_IMAGE_MM[1] / 25.4 * DPI)
    # One time axis for every page.
    probe = layout_chart(_rect(width_px, height_px), data.phases, data.tasks, data.today, None,
                         steps=data.steps, font_px=30)
    scale = probe.scale
    span = time_range(data.phases, data.tasks, data.today, data.steps, scale)
    heading = doc.paragraph(f"{data.campaign.title}作战图", "GW Title")
    heading.paragraph_format.space_after = Pt(0)
    for n, tasks in enumerate(pages, start=1):
        progress(0.1 + 0.8 * (n - 1) / len(pages), f"正在绘制第{n}页……")
        caption = (f"截至{data.today.year}年{data.today.month}月{data.today.day}日"
                   f"　共{len(data.tasks)}项任务")
        if len(pages) > 1:
            caption += f"　（第{n}页，共{len(pages)}页）"
        caption_paragraph = doc.paragraph(caption, "GW Small")
        caption_paragraph.alignment = 1
        if n > 1:
            doc.page_break_before(caption_paragraph)
        image = _page_image(data, tasks, width_px, height_px, scale, span)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        blob = bytes(QByteArray(buffer.data()).data())
        picture = doc.doc.add_paragraph(style="GW Flush")
        picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        picture.paragraph_format.first_line_indent = Pt(0)
        picture.alignment = 1
        picture.add_run().add_picture(io.BytesIO(blob), width=Mm(DOCX_IMAGE_MM[0]))
        legend = doc.paragraph("", "GW Small")
        legend.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        legend.paragraph_format.first_line_indent = Pt(0)
        runs = [(legend.add_run("图例："), None)]
        for mark, colour, text in LEGEND_TEXT:
            runs.append((legend.add_run(mark), colour))
            runs.append((legend.add_run(text + "　"), None))
        for run, colour in runs:
            run.font.size = Pt(10.5)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
    progress(0.95, "正在保存文档……")
    with atomic_output(out) as tmp:
        doc.save(tmp, title=f"{data.campaign.title}作战图")
    return out


def _rect(width: int, height: int) -> Any:
    from PySide6.QtCore import QRectF

    return QRectF(0, 0, width, height)


def _page_image(data: Any, tasks: Sequence[Any], width: int, height: int, scale: Any,
                span: tuple[date, date]) -> Any:
    from PySide6.QtGui import QImage, QPainter

    from fangzhi_desktop.ui.campaign_chart import MAX_ROW, needed_height, render_chart, row_count

    rows = row_count(tasks, data.phases)
    f = 36.0
    while f > 24 and needed_height(rows, f, title=False, legend=False) > height:
        f -= 1
    height = min(height, round(needed_height(rows, f, title=False, legend=False, row=MAX_ROW)))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    try:
        render_chart(painter, _rect(width, height), data.campaign, data.phases, list(tasks),
                     data.today, scale, steps=data.steps, font_px=f, title=False, legend=False,
                     span=span)
    finally:
        painter.end()
    return image
