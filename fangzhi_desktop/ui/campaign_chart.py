"""作战图: a campaign's Gantt-style wall chart.

The drawing is separate from the widget: ``render_chart(painter, rect, campaign, phases,
tasks, today, scale)`` lays the chart out to fill ``rect`` and draws it on any QPainter — the
tab's canvas, a QImage at print resolution (``campaign_chart_export``) or a benchmark. Only
the rows inside the painter's clip are drawn, so a scrolled 1,000-task chart costs what its
visible part costs.

What it shows: a time axis in weeks or months, the phases as bands across the top (the phase
today highlighted), one row per task under its plan or phase, a bar from the task's start to
its current deadline coloured by status and grade (green / yellow / red; grey once closed
off), the issued deadline as a baseline with the extension hatched, the implementation steps
as diamonds (filled when done), how late an overdue task is, today's line and a legend.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, Phase, TaskStep
from fangzhi_desktop.domain.workpoints import Grade, Status
from fangzhi_desktop.ui.campaign_format import (
    group_tasks,
    md,
    phase_state,
    short_date,
    task_tooltip,
)
from fangzhi_desktop.ui.formatting import cn_date

FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun"]

# Bars: fill and outline by what the task needs.
BAR_FILL = {Grade.GREEN: QColor("#5BAE5B"), Grade.YELLOW: QColor("#F0B429"),
            Grade.RED: QColor("#D64541")}
BAR_EDGE = {Grade.GREEN: QColor("#2E7D32"), Grade.YELLOW: QColor("#A67300"),
            Grade.RED: QColor("#9C1C1C")}
CLOSED_FILL = QColor("#A9A9A9")
CLOSED_EDGE = QColor("#6E6E6E")
TODAY_COLOUR = QColor("#1565C0")
BASELINE_COLOUR = QColor("#263238")
STEP_COLOUR = QColor("#263238")
TEXT_COLOUR = QColor("#1F1F1F")
MUTED_COLOUR = QColor("#666666")
GRID_COLOUR = QColor("#E3E3E3")
MONTH_LINE_COLOUR = QColor("#BDBDBD")
GROUP_FILL = QColor("#E8EEF6")
HEADER_FILL = QColor("#F4F6F9")
PHASE_FILL = (QColor("#DCE6F2"), QColor("#E6EEDC"))
PHASE_PAST_FILL = QColor("#ECECEC")
PHASE_TODAY_FILL = QColor("#2F5F8F")
PHASE_TODAY_TINT = QColor(47, 95, 143, 22)
OVERRUN_COLOUR = QColor("#D64541")

MIN_TEXT_PX = 7.0  # rows lower than this get no labels
BASE_FONT_PX = 13.0
FIT_FONT_PX = 11.0  # the smallest font 适合窗口 shrinks to, to fit all rows


class TimeScale(StrEnum):
    WEEK = "week"
    MONTH = "month"


SCALE_LABELS = {TimeScale.WEEK: "按周", TimeScale.MONTH: "按月"}


def chart_font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


# --- Time span and task spans ----------------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def task_span(task: CampaignTask, phase: Phase | None,
              steps: Sequence[TaskStep] = ()) -> tuple[date | None, date | None]:
    """Where a task's bar starts and ends (end None: no time limit, the bar runs on).

    It starts in the week of its first step's node, else when its phase starts, else one
    week before its deadline; never after its deadline.
    """
    end = task.deadline
    firsts = [s.deadline for s in steps if s.deadline is not None]
    if firsts:
        start: date | None = _monday(min(firsts))
    elif phase is not None and phase.start is not None:
        start = phase.start
    elif end is not None:
        start = _monday(end)
    else:
        start = None
    if start is not None and end is not None:
        start = min(start, _monday(end), end)
        if task.deadline_issued is not None:
            start = min(start, _monday(task.deadline_issued))
    return start, end


def default_scale(first: date, last: date) -> TimeScale:
    """Weeks for up to about ten months, months beyond."""
    return TimeScale.WEEK if (last - first).days <= 300 else TimeScale.MONTH


def time_range(phases: Sequence[Phase], tasks: Sequence[CampaignTask], today: date,
               steps: Mapping[int, Sequence[TaskStep]], scale: TimeScale) -> tuple[date, date]:
    """First and last day shown (inclusive), on week or month boundaries."""
    days = [today]
    for p in phases:
        days += [d for d in (p.start, p.end) if d is not None]
    by_phase = {p.id: p for p in phases}
    for t in tasks:
        days += [d for d in (t.deadline, t.deadline_issued) if d is not None]
        start, _ = task_span(t, by_phase.get(t.phase_id) if t.phase_id else None,
                             steps.get(t.id, ()))
        if start is not None:
            days.append(start)
        days += [s.deadline for s in steps.get(t.id, ()) if s.deadline is not None]
    first, last = min(days), max(days)
    if any(p.start is not None and p.end is None for p in phases) or any(
            t.deadline is None for t in tasks):
        last = max(last, today + timedelta(days=28))  # room for what runs on (长期)
    if scale is TimeScale.WEEK:
        return _monday(first), _monday(last) + timedelta(days=13)
    return _month_start(first), _next_month(_next_month(last)) - timedelta(days=1)


# --- Layout ----------------------------------------------------------------------------------


@dataclass
class ChartRow:
    y: float
    h: float
    label: str
    task: CampaignTask | None = None  # None: a group's heading
    count: int = 0


@dataclass
class Metrics:
    """Heights of the fixed parts, in pixels, for a base font of ``f`` pixels."""

    f: float
    title: bool = True
    legend: bool = True

    @property
    def margin(self) -> float:
        return round(self.f * 0.8)

    @property
    def title_h(self) -> float:
        return self.f * 2.6 if self.title else 0.0

    @property
    def axis_h(self) -> float:
        return self.f * 3.2

    @property
    def phase_h(self) -> float:
        return self.f * 2.0

    @property
    def tag_h(self) -> float:
        return self.f * 1.9

    @property
    def legend_h(self) -> float:
        return self.f * 2.2 if self.legend else 0.0

    def fixed(self) -> float:
        return (2 * self.margin + self.title_h + self.axis_h + self.phase_h + self.tag_h
                + self.legend_h)


MAX_ROW = 2.3  # × f
READABLE_ROW = 1.55  # × f: the lowest row that still takes the full font


def needed_height(rows: int, f: float, *, title: bool = True, legend: bool = True,
                  row: float = READABLE_ROW) -> float:
    """The height at which ``rows`` rows get ``row`` × f each."""
    return Metrics(f, title, legend).fixed() + rows * row * f


def row_count(tasks: Sequence[CampaignTask], phases: Sequence[Phase]) -> int:
    groups = group_tasks(tasks, phases)
    return len(tasks) + (len(groups) if len(groups) > 1 or (groups and groups[0][0]) else 0)


@dataclass
class ChartLayout:
    """Where everything goes; kept by the widget for tooltips and by tests for pixels."""

    rect: QRectF
    f: float
    scale: TimeScale
    first: date
    last: date
    title_rect: QRectF
    axis_rect: QRectF
    phase_rect: QRectF
    label_rect: QRectF  # the task labels, left of the plot, over all rows
    plot: QRectF  # the bars' area (rows × time)
    tag_rect: QRectF
    legend_rect: QRectF
    row_h: float
    rows: list[ChartRow] = field(default_factory=list)
    spans: dict[int, tuple[date | None, date | None]] = field(default_factory=dict)

    @property
    def px_per_day(self) -> float:
        return self.plot.width() / max(1, (self.last - self.first).days + 1)

    def x_of(self, day: date) -> float:
        return self.plot.left() + (day - self.first).days * self.px_per_day

    def x_end_of(self, day: date) -> float:
        """The right edge of ``day``."""
        return self.x_of(day) + self.px_per_day

    def row_at(self, y: float) -> ChartRow | None:
        if not self.rows or y < self.rows[0].y:
            return None
        n = int((y - self.rows[0].y) // self.row_h)
        return self.rows[n] if 0 <= n < len(self.rows) else None

    def row_of(self, task_id: int) -> ChartRow | None:
        return next((r for r in self.rows if r.task is not None and r.task.id == task_id), None)

    def bar_rect(self, task_id: int) -> QRectF | None:
        """The bar of a task (to its current deadline), or None when it has none."""
        row = self.row_of(task_id)
        if row is None or row.task is None:
            return None
        start, end = self.spans.get(task_id, (None, None))
        if start is None:
            return None
        right = self.x_end_of(end) if end is not None else self.plot.right()
        pad = row.h * 0.22
        return QRectF(QPointF(self.x_of(start), row.y + pad),
                      QPointF(max(right, self.x_of(start) + 2), row.y + row.h - pad * 1.35))

    def today_x(self, today: date) -> float:
        return self.x_of(today) + self.px_per_day / 2


def layout_chart(rect: QRectF, phases: Sequence[Phase], tasks: Sequence[CampaignTask],
                 today: date, scale: TimeScale | None = None, *,
                 steps: Mapping[int, Sequence[TaskStep]] | None = None,
                 font_px: float | None = None, title: bool = True, legend: bool = True,
                 span: tuple[date, date] | None = None) -> ChartLayout:
    steps = steps or {}
    groups = group_tasks(tasks, phases)
    headed = len(groups) > 1 or bool(groups and groups[0][0])
    n_rows = len(tasks) + (len(groups) if headed else 0)
    f = font_px or max(10.0, min(rect.height() / 55, rect.width() / 110))
    m = Metrics(f, title, legend)
    by_phase = {p.id: p for p in phases}
    spans = {t.id: task_span(t, by_phase.get(t.phase_id) if t.phase_id else None,
                             steps.get(t.id, ())) for t in tasks}
    first_guess = [s for s, _ in spans.values() if s is not None]
    if scale is None:
        lo = min(first_guess + [p.start for p in phases if p.start] + [today])
        hi = max([t.deadline for t in tasks if t.deadline] + [p.end for p in phases if p.end]
                 + [today])
        scale = default_scale(lo, hi)
    first, last = span or time_range(phases, tasks, today, steps, scale)

    left = rect.left() + m.margin
    right = rect.right() - m.margin
    top = rect.top() + m.margin
    title_rect = QRectF(left, top, right - left, m.title_h)
    label_w = min(max(f * 20, (right - left) * 0.30), f * 34, (right - left) * 0.45)
    axis_rect = QRectF(left + label_w, title_rect.bottom(), right - left - label_w, m.axis_h)
    phase_rect = QRectF(axis_rect.left(), axis_rect.bottom(), axis_rect.width(), m.phase_h)
    rows_top = phase_rect.bottom()
    bottom = rect.bottom() - m.margin - m.legend_h - m.tag_h
    available = max(0.0, bottom - rows_top)
    row_h = min(MAX_ROW * f, available / n_rows) if n_rows else 0.0
    plot = QRectF(axis_rect.left(), rows_top, axis_rect.width(), row_h * n_rows)
    label_rect = QRectF(left, rows_top, label_w, plot.height())
    tag_rect = QRectF(plot.left(), plot.bottom(), plot.width(), m.tag_h)
    legend_rect = QRectF(left, tag_rect.bottom(), right - left, m.legend_h)

    layout = ChartLayout(rect, f, scale, first, last, title_rect, axis_rect, phase_rect,
                         label_rect, plot, tag_rect, legend_rect, row_h, spans=spans)
    y = rows_top
    for label, members in groups:
        if headed:
            layout.rows.append(ChartRow(y, row_h, label, None, len(members)))
            y += row_h
        for task in members:
            layout.rows.append(ChartRow(y, row_h, task.text, task))
            y += row_h
    return layout


# --- Drawing ---------------------------------------------------------------------------------


def render_chart(painter: QPainter, rect: QRectF, campaign: CampaignInfo,
                 phases: Sequence[Phase], tasks: Sequence[CampaignTask], today: date,
                 scale: TimeScale | None = None, *,
                 steps: Mapping[int, Sequence[TaskStep]] | None = None,
                 font_px: float | None = None, title: bool = True, legend: bool = True,
                 span: tuple[date, date] | None = None) -> ChartLayout:
    """Draw the 作战图 filling ``rect`` (any size); returns where everything went.

    ``scale`` None picks weeks or months by the campaign's length; ``font_px`` None picks a
    base font from the size of ``rect`` (print: about 1/110 of the width); ``span`` fixes the
    first and last day shown (pages of one chart share their time axis).
    """
    steps = steps or {}
    layout = layout_chart(QRectF(rect), phases, tasks, today, scale, steps=steps,
                          font_px=font_px, title=title, legend=legend, span=span)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        clip = painter.clipBoundingRect() if painter.hasClipping() else QRectF(rect)
        painter.fillRect(layout.rect.intersected(clip), Qt.GlobalColor.white)
        if title:
            _draw_title(painter, layout, campaign, tasks, today)
        first_row, last_row = _visible_rows(layout, clip)
        _draw_grid(painter, layout, phases, today, first_row, last_row)
        _draw_rows(painter, layout, today, steps, first_row, last_row)
        _draw_axis(painter, layout)
        _draw_phases(painter, layout, phases, today)
        _draw_today(painter, layout, today)
        if legend:
            _draw_legend(painter, layout)
    finally:
        painter.restore()
    return layout


def draw_pinned_header(painter: QPainter, layout: ChartLayout, phases: Sequence[Phase],
                       today: date, top: float) -> None:
    """Draw the time axis and the phase bands again at ``top`` (the visible top of a
    scrolled canvas), so they stay in view over the rows."""
    dy = top - layout.axis_rect.top()
    if dy <= 0:
        return
    painter.save()
    try:
        painter.translate(0, dy)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        header = QRectF(layout.rect.left(), layout.axis_rect.top(), layout.rect.width(),
                        layout.phase_rect.bottom() - layout.axis_rect.top())
        painter.fillRect(header, Qt.GlobalColor.white)
        _draw_axis(painter, layout)
        _draw_phases(painter, layout, phases, today)
        painter.setPen(QPen(MONTH_LINE_COLOUR, max(1.0, layout.f / 13)))
        painter.drawLine(QPointF(header.left(), header.bottom()),
                         QPointF(header.right(), header.bottom()))
        if layout.first <= today <= layout.last:
            x = layout.today_x(today)
            painter.setPen(QPen(TODAY_COLOUR, max(2.0, layout.f / 6)))
            painter.drawLine(QPointF(x, layout.phase_rect.top()),
                             QPointF(x, layout.phase_rect.bottom()))
    finally:
        painter.restore()


def _visible_rows(layout: ChartLayout, clip: QRectF) -> tuple[int, int]:
    if not layout.rows or layout.row_h <= 0:
        return 0, 0
    top = layout.rows[0].y
    first = max(0, int((clip.top() - top) // layout.row_h))
    last = min(len(layout.rows), math.ceil((clip.bottom() - top) / layout.row_h) + 1)
    return first, max(first, last)


def fitted(metrics: QFontMetricsF, text: str, width: float, least: int = 2) -> str:
    """``text`` elided to ``width``; "" when not even ``least`` characters would show."""
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if elided != text and len(elided) - 1 < min(least, len(text)):
        return ""
    return elided


def _text(painter: QPainter, rect: QRectF, text: str, flags: Qt.AlignmentFlag,
          font: QFont, colour: QColor = TEXT_COLOUR, elide: bool = True) -> None:
    if rect.width() <= 2 or not text:
        return
    if elide:
        text = fitted(QFontMetricsF(font), text, rect.width())
        if not text:
            return
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignVCenter), text)


def _draw_title(painter: QPainter, layout: ChartLayout, campaign: CampaignInfo,
                tasks: Sequence[CampaignTask], today: date) -> None:
    r = layout.title_rect
    f = layout.f
    counts = summary_counts(tasks, today)
    summary = (f"截至{cn_date(today)}　共{len(tasks)}项：已销号{counts['closed']}，"
               f"已完成{counts['done']}，逾期{counts['red']}，临期{counts['yellow']}")
    small = chart_font(f)
    summary_w = min(r.width() * 0.45, QFontMetricsF(small).horizontalAdvance(summary) + f)
    _text(painter, QRectF(r.left(), r.top(), r.width() - summary_w, r.height() * 0.8),
          f"{campaign.title} · 作战图", Qt.AlignmentFlag.AlignLeft, chart_font(f * 1.45, True))
    _text(painter, QRectF(r.right() - summary_w, r.top(), summary_w, r.height() * 0.8),
          summary, Qt.AlignmentFlag.AlignRight, small, MUTED_COLOUR)


def summary_counts(tasks: Sequence[CampaignTask], today: date) -> dict[str, int]:
    counts = {"closed": 0, "done": 0, "red": 0, "yellow": 0}
    for task in tasks:
        if task.status is Status.CLOSED:
            counts["closed"] += 1
        elif task.status is Status.DONE:
            counts["done"] += 1
        else:
            grade = task.grade(today)
            if grade is Grade.RED:
                counts["red"] += 1
            elif grade is Grade.YELLOW:
                counts["yellow"] += 1
    return counts


def _ticks(layout: ChartLayout) -> list[tuple[date, date]]:
    """The columns of the axis: (first day, first day of the next one)."""
    out = []
    day = layout.first
    while day <= layout.last:
        nxt = day + timedelta(days=7) if layout.scale is TimeScale.WEEK else _next_month(day)
        out.append((day, nxt))
        day = nxt
    return out


def _months(layout: ChartLayout) -> list[tuple[date, date]]:
    out = []
    day = _month_start(layout.first)
    while day <= layout.last:
        nxt = _next_month(day)
        out.append((max(day, layout.first), nxt))
        day = nxt
    return out


def _years(layout: ChartLayout) -> list[tuple[date, date]]:
    out = []
    year = layout.first.year
    while year <= layout.last.year:
        out.append((max(date(year, 1, 1), layout.first),
                    min(date(year + 1, 1, 1), layout.last + timedelta(days=1))))
        year += 1
    return out


def _draw_grid(painter: QPainter, layout: ChartLayout, phases: Sequence[Phase], today: date,
               first_row: int, last_row: int) -> None:
    plot = layout.plot
    if plot.height() <= 0:
        return
    # The phase today, tinted down the rows.
    for phase in phases:
        if phase.start is not None and phase_state(phase, today) == "today":
            x0 = max(plot.left(), layout.x_of(phase.start))
            x1 = min(plot.right(), layout.x_end_of(phase.end) if phase.end else plot.right())
            painter.fillRect(QRectF(x0, plot.top(), max(0.0, x1 - x0), plot.height()),
                             PHASE_TODAY_TINT)
    # Group headings and alternate rows.
    for row in layout.rows[first_row:last_row]:
        band = QRectF(layout.label_rect.left(), row.y, plot.right() - layout.label_rect.left(),
                      row.h)
        if row.task is None:
            painter.fillRect(band, GROUP_FILL)
    thin = QPen(GRID_COLOUR, max(1.0, layout.f / 13))
    strong = QPen(MONTH_LINE_COLOUR, max(1.0, layout.f / 13))
    top, bottom = layout.axis_rect.top() + layout.axis_rect.height() / 2, plot.bottom()
    if layout.scale is TimeScale.WEEK and layout.px_per_day * 7 >= 4:
        painter.setPen(thin)
        for start, _ in _ticks(layout):
            x = layout.x_of(start)
            painter.drawLine(QPointF(x, layout.axis_rect.bottom()), QPointF(x, bottom))
    painter.setPen(strong)
    for start, _ in (_months(layout) if layout.scale is TimeScale.WEEK else _ticks(layout)):
        if start.day == 1:
            x = layout.x_of(start)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    painter.setPen(QPen(MONTH_LINE_COLOUR, max(1.0, layout.f / 13)))
    painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
    painter.drawLine(QPointF(layout.label_rect.left(), plot.bottom()),
                     QPointF(plot.right(), plot.bottom()))


def _draw_axis(painter: QPainter, layout: ChartLayout) -> None:
    r = layout.axis_rect
    f = layout.f
    painter.fillRect(QRectF(layout.label_rect.left(), r.top(),
                            r.right() - layout.label_rect.left(), r.height()), HEADER_FILL)
    upper = QRectF(r.left(), r.top(), r.width(), r.height() / 2)
    lower = QRectF(r.left(), upper.bottom(), r.width(), r.height() / 2)
    font = chart_font(f * 0.92)
    bold = chart_font(f * 0.95, True)
    metrics = QFontMetricsF(font)
    # Upper line: months over weeks, years over months.
    spans = _months(layout) if layout.scale is TimeScale.WEEK else _years(layout)
    for start, end in spans:
        x0, x1 = layout.x_of(start), layout.x_of(min(end, layout.last + timedelta(days=1)))
        label = (f"{start.year}年{start.month}月" if layout.scale is TimeScale.WEEK
                 else f"{start.year}年")
        if metrics.horizontalAdvance(label) > x1 - x0 - 4 and layout.scale is TimeScale.WEEK:
            label = f"{start.month}月"
        _text(painter, QRectF(x0 + 3, upper.top(), x1 - x0 - 6, upper.height()), label,
              Qt.AlignmentFlag.AlignLeft, bold)
    # Lower line: week numbers or months, every k-th when narrow.
    ticks = _ticks(layout)
    if layout.scale is TimeScale.WEEK:
        labels = [f"{s.isocalendar().week}周" for s, _ in ticks]
    else:
        labels = [f"{s.month}月" for s, _ in ticks]
    width = max((metrics.horizontalAdvance(t) for t in labels), default=0) + f * 0.5
    column = layout.px_per_day * (7 if layout.scale is TimeScale.WEEK else 30.4)
    every = max(1, math.ceil(width / max(column, 0.1)))
    painter.setFont(font)
    painter.setPen(MUTED_COLOUR)
    for n, ((start, end), label) in enumerate(zip(ticks, labels, strict=True)):
        if n % every:
            continue
        x0 = layout.x_of(start)
        x1 = layout.x_of(min(end, layout.last + timedelta(days=1)))
        cell = QRectF(x0, lower.top(), max(x1 - x0, width), lower.height())
        if cell.right() > r.right() + 1:
            continue
        painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), label)
    # Column heads over the labels.
    head = QRectF(layout.label_rect.left(), r.top(), layout.label_rect.width(), r.height())
    cols = _label_columns(layout)
    for (x0, x1), text in zip(cols, ("序号", "任务", "责任单位"), strict=True):
        _text(painter, QRectF(x0, head.top(), x1 - x0, head.height()), text,
              Qt.AlignmentFlag.AlignLeft, bold)
    painter.setPen(QPen(MONTH_LINE_COLOUR, max(1.0, f / 13)))
    painter.drawLine(QPointF(upper.left(), upper.bottom()), QPointF(upper.right(), upper.bottom()))


def _label_columns(layout: ChartLayout) -> list[tuple[float, float]]:
    r = layout.label_rect
    f = layout.f
    no_w = f * 2.6
    unit_w = min(f * 6.5, r.width() * 0.3)
    return [(r.left() + 2, r.left() + no_w), (r.left() + no_w, r.right() - unit_w - f * 0.4),
            (r.right() - unit_w, r.right() - f * 0.3)]


def _draw_phases(painter: QPainter, layout: ChartLayout, phases: Sequence[Phase],
                 today: date) -> None:
    r = layout.phase_rect
    f = layout.f
    band = QRectF(r.left(), r.top() + f * 0.2, r.width(), r.height() - f * 0.4)
    _text(painter, QRectF(layout.label_rect.left(), r.top(), layout.label_rect.width(),
                          r.height()), "阶段", Qt.AlignmentFlag.AlignLeft,
          chart_font(f * 0.95, True))
    n = 0
    for phase in phases:
        if phase.start is None:
            continue
        x0 = max(band.left(), layout.x_of(phase.start))
        x1 = min(band.right(), layout.x_end_of(phase.end) if phase.end else band.right())
        if x1 <= x0:
            continue
        state = phase_state(phase, today)
        box = QRectF(x0 + 1, band.top(), x1 - x0 - 2, band.height())
        fill = (PHASE_TODAY_FILL if state == "today" else PHASE_PAST_FILL if state == "past"
                else PHASE_FILL[n % 2])
        painter.setPen(QPen(fill.darker(125), max(1.0, f / 13)))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, f * 0.25, f * 0.25)
        n += 1
        colour = QColor("white") if state == "today" else TEXT_COLOUR
        span = (f"{md(phase.start)}—{md(phase.end)}" if phase.end
                else f"{short_date(phase.start, today.year)}起，长期")
        font = chart_font(f * 0.9, state == "today")
        metrics = QFontMetricsF(font)
        full = f"{phase.name}（{span}）"
        text = full if metrics.horizontalAdvance(full) <= box.width() - f else phase.name
        if phase.end is None:
            text = full if text == full else phase.name + " →"
        _text(painter, box.adjusted(f * 0.4, 0, -f * 0.4, 0), text,
              Qt.AlignmentFlag.AlignHCenter, font, colour)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_rows(painter: QPainter, layout: ChartLayout, today: date,
               steps: Mapping[int, Sequence[TaskStep]], first: int, last: int) -> None:
    if last <= first:
        return
    f = layout.f
    text_px = min(f, layout.row_h * 0.68)
    show_text = text_px >= MIN_TEXT_PX
    font = chart_font(text_px)
    bold = chart_font(text_px, True)
    small = chart_font(text_px * 0.9)
    metrics = QFontMetricsF(font)
    cols = _label_columns(layout)
    line = max(1.0, f / 13)
    for row in layout.rows[first:last]:
        if row.task is None:
            if show_text:
                _text(painter, QRectF(cols[0][0], row.y, layout.plot.right() - cols[0][0],
                                      row.h), f"{row.label}（{row.count}项）",
                      Qt.AlignmentFlag.AlignLeft, bold, QColor("#1F3F5F"))
            continue
        task = row.task
        if show_text:
            painter.setFont(font)
            painter.setPen(MUTED_COLOUR)
            painter.drawText(QRectF(cols[0][0], row.y, cols[0][1] - cols[0][0], row.h),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             str(task.no))
            width = cols[1][1] - cols[1][0]
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(cols[1][0], row.y, width, row.h),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             metrics.elidedText(task.text, Qt.TextElideMode.ElideRight, width))
            _text(painter, QRectF(cols[2][0], row.y, cols[2][1] - cols[2][0], row.h),
                  task.unit, Qt.AlignmentFlag.AlignLeft, small, MUTED_COLOUR)
        _draw_bar(painter, layout, row, task, today, steps.get(task.id, ()), line)


def bar_colours(task: CampaignTask, today: date) -> tuple[QColor, QColor]:
    """Fill and outline of a task's bar."""
    if task.status is Status.CLOSED:
        return CLOSED_FILL, CLOSED_EDGE
    grade = task.grade(today)
    return BAR_FILL[grade], BAR_EDGE[grade]


def _draw_bar(painter: QPainter, layout: ChartLayout, row: ChartRow, task: CampaignTask,
              today: date, steps: Sequence[TaskStep], line: float) -> None:
    bar = layout.bar_rect(task.id)
    if bar is None:
        return
    fill, edge = bar_colours(task, today)
    radius = min(bar.height() / 3, layout.f * 0.25)
    painter.setPen(QPen(edge, line) if bar.height() >= 4 else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(bar, radius, radius)
    issued = task.deadline_issued
    if task.extensions and issued is not None and task.deadline is not None:
        # The part granted by extensions, hatched; the baseline under the bar to the issued
        # deadline, ending in a tick.
        x_issued = layout.x_end_of(issued)
        extra = QRectF(QPointF(min(x_issued, bar.right()), bar.top()), bar.bottomRight())
        if extra.width() > 0:
            hatch(painter, extra, max(4.0, layout.f * 0.45), max(1.0, layout.f / 10))
        y = bar.bottom() + max(2.0, row.h * 0.12)
        painter.setPen(QPen(BASELINE_COLOUR, max(1.5, layout.f / 7)))
        painter.drawLine(QPointF(bar.left(), y), QPointF(x_issued, y))
        painter.drawLine(QPointF(x_issued, bar.top() + bar.height() / 2), QPointF(x_issued, y))
    if task.deadline is None:
        # No time limit: an arrow at the end.
        tip = QPolygonF([QPointF(bar.right() - bar.height() * 0.6, bar.top()),
                         QPointF(bar.right(), bar.center().y()),
                         QPointF(bar.right() - bar.height() * 0.6, bar.bottom())])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(edge)
        painter.drawPolygon(tip)
    elif task.overdue(today):
        # How late: a dashed line from the deadline to today.
        y = bar.center().y()
        painter.setPen(QPen(OVERRUN_COLOUR, max(1.5, layout.f / 8), Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(bar.right(), y), QPointF(layout.today_x(today), y))
    if steps and row.h >= 6:
        size = min(row.h * 0.36, layout.f * 0.55)
        y = bar.center().y()
        for step in steps:
            if step.deadline is None:
                continue
            x = layout.x_end_of(step.deadline) - layout.px_per_day / 2
            diamond = QPolygonF([QPointF(x, y - size), QPointF(x + size, y),
                                 QPointF(x, y + size), QPointF(x - size, y)])
            painter.setPen(QPen(STEP_COLOUR, line))
            painter.setBrush(STEP_COLOUR if step.done else QColor("white"))
            painter.drawPolygon(diamond)
    painter.setBrush(Qt.BrushStyle.NoBrush)


HATCH_COLOUR = QColor(255, 255, 255, 170)


def hatch(painter: QPainter, rect: QRectF, spacing: float, width: float) -> None:
    """Diagonal white lines over ``rect`` (spaced in pixels, so they print at any size)."""
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    painter.setPen(QPen(HATCH_COLOUR, width))
    x = rect.left() - rect.height()
    while x < rect.right():
        painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()))
        x += spacing
    painter.restore()


def _draw_today(painter: QPainter, layout: ChartLayout, today: date) -> None:
    if not layout.first <= today <= layout.last:
        return
    x = layout.today_x(today)
    f = layout.f
    painter.setPen(QPen(TODAY_COLOUR, max(2.0, f / 6)))
    painter.drawLine(QPointF(x, layout.axis_rect.bottom()), QPointF(x, layout.plot.bottom()))
    font = chart_font(f * 0.9, True)
    text = f"今天 {md(today)}"
    w = QFontMetricsF(font).horizontalAdvance(text) + f
    tag = QRectF(x - w / 2, layout.tag_rect.top() + f * 0.25, w, f * 1.4)
    tag.moveLeft(min(max(tag.left(), layout.plot.left()), layout.plot.right() - w))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(TODAY_COLOUR)
    painter.drawRoundedRect(tag, f * 0.3, f * 0.3)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _text(painter, tag, text, Qt.AlignmentFlag.AlignHCenter, font, QColor("white"),
          elide=False)


LEGEND = ("正常（含已完成）", "临期（14天内到期）", "逾期", "已销号", "原定时限", "延期部分",
          "实施步骤（实心为已完成）", "今天")


def _draw_legend(painter: QPainter, layout: ChartLayout) -> None:
    r = layout.legend_rect
    f = layout.f
    font = chart_font(f * 0.9)
    metrics = QFontMetricsF(font)
    x = r.left()
    y = r.center().y()
    sw = f * 1.6
    sh = f * 0.8
    line = max(1.0, f / 13)
    for n, label in enumerate(LEGEND):
        swatch = QRectF(x, y - sh / 2, sw, sh)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if n < 4:
            fill, edge = [(BAR_FILL[Grade.GREEN], BAR_EDGE[Grade.GREEN]),
                          (BAR_FILL[Grade.YELLOW], BAR_EDGE[Grade.YELLOW]),
                          (BAR_FILL[Grade.RED], BAR_EDGE[Grade.RED]),
                          (CLOSED_FILL, CLOSED_EDGE)][n]
            painter.setPen(QPen(edge, line))
            painter.setBrush(fill)
            painter.drawRoundedRect(swatch, sh / 3, sh / 3)
        elif n == 4:
            painter.setPen(QPen(BASELINE_COLOUR, max(1.5, f / 7)))
            painter.drawLine(QPointF(swatch.left(), y), QPointF(swatch.right(), y))
            painter.drawLine(QPointF(swatch.right(), y - sh / 2), QPointF(swatch.right(), y))
        elif n == 5:
            painter.setPen(QPen(BAR_EDGE[Grade.GREEN], line))
            painter.setBrush(BAR_FILL[Grade.GREEN])
            painter.drawRect(swatch)
            hatch(painter, swatch, max(4.0, f * 0.45), max(1.0, f / 10))
        elif n == 6:
            size = sh * 0.55
            for k, done in enumerate((True, False)):
                cx = swatch.left() + size + k * (size * 2.6)
                painter.setPen(QPen(STEP_COLOUR, line))
                painter.setBrush(STEP_COLOUR if done else QColor("white"))
                painter.drawPolygon(QPolygonF([QPointF(cx, y - size), QPointF(cx + size, y),
                                               QPointF(cx, y + size), QPointF(cx - size, y)]))
        else:
            painter.setPen(QPen(TODAY_COLOUR, max(2.0, f / 6)))
            painter.drawLine(QPointF(swatch.center().x(), y - sh), QPointF(swatch.center().x(),
                                                                             y + sh))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        text_w = metrics.horizontalAdvance(label)
        _text(painter, QRectF(swatch.right() + f * 0.4, r.top(), text_w + 2, r.height()), label,
              Qt.AlignmentFlag.AlignLeft, font, TEXT_COLOUR, elide=False)
        x = swatch.right() + f * 0.4 + text_w + f * 1.4
        if x > r.right():
            break


# --- The widget ------------------------------------------------------------------------------

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.5, 4.0


@dataclass
class ChartData:
    campaign: CampaignInfo
    phases: list[Phase]
    tasks: list[CampaignTask]
    steps: dict[int, list[TaskStep]]
    today: date


class ChartCanvas(QWidget):
    """The drawn chart (inside a scroll area); tooltips on the bars, double-click opens."""

    task_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.scale: TimeScale | None = None
        self.font_px = BASE_FONT_PX
        self.layout_: ChartLayout | None = None
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def chart_layout(self) -> ChartLayout | None:
        """The layout of the whole canvas (computed without painting)."""
        if self.data is None:
            return None
        d = self.data
        return layout_chart(QRectF(self.rect()), d.phases, d.tasks, d.today, self.scale,
                            steps=d.steps, font_px=self.font_px, title=False)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setClipRect(event.rect())
        if self.data is None:
            painter.fillRect(event.rect(), Qt.GlobalColor.white)
            return
        d = self.data
        self.layout_ = render_chart(painter, QRectF(self.rect()), d.campaign, d.phases, d.tasks,
                                    d.today, self.scale, steps=d.steps, font_px=self.font_px,
                                    title=False)
        top = self.visibleRegion().boundingRect().top()
        if top > 0:
            painter.setClipping(False)
            draw_pinned_header(painter, self.layout_, d.phases, d.today, top)
        painter.end()

    def task_at(self, pos: QPointF) -> CampaignTask | None:
        layout = self.layout_ or self.chart_layout()
        if layout is None or not (layout.label_rect.left() <= pos.x() <= layout.plot.right()):
            return None
        top = self.visibleRegion().boundingRect().top()
        pinned = layout.phase_rect.bottom() - layout.axis_rect.top()
        if top > 0 and pos.y() < top + pinned:
            return None  # over the pinned axis
        row = layout.row_at(pos.y())
        return row.task if row is not None else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            task = self.task_at(QPointF(event.pos()))
            if task is None or self.data is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(task.id), self)
            return True
        return super().event(event)

    def tooltip(self, task_id: int) -> str:
        if self.data is None:
            return ""
        task = next((t for t in self.data.tasks if t.id == task_id), None)
        if task is None:
            return ""
        return task_tooltip(task, self.data.today, self.data.steps.get(task.id, ()))

    def mouseDoubleClickEvent(self, event: object) -> None:
        task = self.task_at(QPointF(event.position()))  # type: ignore[attr-defined]
        if task is not None:
            self.task_activated.emit(task.id)


class CampaignChartView(QWidget):
    """The 作战图 sub-view: 按周/按月, 适合窗口 / 放大 / 缩小 and Ctrl+wheel, the chart."""

    task_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zoom = 1.0
        self.canvas = ChartCanvas()
        self.canvas.task_activated.connect(self.task_activated)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll.viewport().installEventFilter(self)
        # The pinned header moves with the scroll: repaint the whole visible part.
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.canvas.update())
        self.scroll.setStyleSheet("QScrollArea { background: white; border: none; }")

        self.scale_buttons = QButtonGroup(self)
        self.scale_buttons.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 8, 0)
        bar.addWidget(QLabel("时间轴"))
        self.week_button = self._tool(SCALE_LABELS[TimeScale.WEEK], "以周为单位显示时间轴", True)
        self.month_button = self._tool(SCALE_LABELS[TimeScale.MONTH], "以月为单位显示时间轴", True)
        for button, scale in ((self.week_button, TimeScale.WEEK),
                              (self.month_button, TimeScale.MONTH)):
            self.scale_buttons.addButton(button)
            button.clicked.connect(lambda _=False, s=scale: self.set_scale(s))
            bar.addWidget(button)
        bar.addSpacing(16)
        self.fit_button = self._tool("适合窗口", "缩放到窗口宽度")
        self.zoom_in_button = self._tool("放大", "放大（Ctrl+滚轮）")
        self.zoom_out_button = self._tool("缩小", "缩小（Ctrl+滚轮）")
        self.fit_button.clicked.connect(self.fit)
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        for button in (self.fit_button, self.zoom_in_button, self.zoom_out_button):
            bar.addWidget(button)
        self.zoom_label = QLabel()
        self.zoom_label.setStyleSheet("color: #555;")
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        hint = QLabel("鼠标停在横条上查看详情，双击横条在台账中打开该任务")
        hint.setStyleSheet("color: #666;")
        bar.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._update_zoom_label()

    @staticmethod
    def _tool(text: str, tip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # --- Data ------------------------------------------------------------------------------

    def set_data(self, data: ChartData | None) -> None:
        previous = self.canvas.data
        same = (previous is not None and data is not None
                and previous.campaign.id == data.campaign.id)
        self.canvas.data = data
        self.canvas.layout_ = None
        if not same:
            self.canvas.scale = None
            self.zoom = 1.0
        self._sync_scale_buttons()
        self._resize_canvas()
        self.canvas.update()

    def scale(self) -> TimeScale:
        layout = self.canvas.chart_layout()
        return layout.scale if layout is not None else TimeScale.WEEK

    def set_scale(self, scale: TimeScale) -> None:
        self.canvas.scale = scale
        self._sync_scale_buttons()
        self._resize_canvas()
        self.canvas.update()

    def _sync_scale_buttons(self) -> None:
        scale = self.scale()
        self.week_button.setChecked(scale is TimeScale.WEEK)
        self.month_button.setChecked(scale is TimeScale.MONTH)

    # --- Zoom ------------------------------------------------------------------------------

    def fit(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._resize_canvas()
        self.canvas.update()
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText("适合窗口" if abs(self.zoom - 1) < 1e-6
                                else f"{round(self.zoom * 100)}%")
        self.zoom_in_button.setEnabled(self.zoom < MAX_ZOOM - 1e-6)
        self.zoom_out_button.setEnabled(self.zoom > MIN_ZOOM + 1e-6)

    def canvas_size(self) -> QSize:
        """Zoom 1 (适合窗口): the window's width, and its height when the rows fit in it at
        a readable size (the font shrinks a little to make them fit); else taller, to scroll.
        Zooming in stretches time and enlarges the text; zooming out narrows the chart."""
        viewport = self.scroll.viewport().size()
        vw, vh = max(200, viewport.width()), max(150, viewport.height())
        data = self.canvas.data
        rows = row_count(data.tasks, data.phases) if data is not None else 0
        f = BASE_FONT_PX
        if self.zoom <= 1.0 and needed_height(rows, FIT_FONT_PX, title=False) <= vh:
            while needed_height(rows, f, title=False) > vh:
                f -= 0.5  # a little smaller to fit; else keep the font and scroll
        f *= min(max(self.zoom, 0.85), 1.8)
        self.canvas.font_px = f
        width = round(vw * self.zoom)
        height = max(vh if self.zoom >= 1 else round(vh * max(self.zoom, 0.8)),
                     round(needed_height(rows, f, title=False)))
        if self.zoom > 1:
            height = max(height, min(round(vh * self.zoom),
                                     round(needed_height(rows, f, title=False, row=MAX_ROW))))
        return QSize(width, height)

    def _resize_canvas(self) -> None:
        self.canvas.resize(self.canvas_size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_canvas()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if (watched is self.scroll.viewport() and event.type() == QEvent.Type.Wheel
                and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            delta = event.angleDelta().y()
            if delta:
                self.set_zoom(self.zoom * (ZOOM_STEP if delta > 0 else 1 / ZOOM_STEP))
            return True
        return super().eventFilter(watched, event)
