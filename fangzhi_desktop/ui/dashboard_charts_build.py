"""总览's charts as QtCharts ``QChart`` objects, one function per chart (QtCharts is imported
only when the dashboard's chart area is first shown). The figures come from
``domain.dashboard_stats``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPen

from fangzhi_desktop.domain.dashboard_stats import (
    BurnPoint,
    Completion,
    CountPoint,
    DepartmentHours,
    MonthGrades,
)
from fangzhi_desktop.domain.workpoints import Grade, Status

GRADE_COLOURS = {Grade.GREEN: "#5BAE5B", Grade.YELLOW: "#F2B600", Grade.RED: "#D9434B"}
DONE_COLOUR = "#5BAE5B"
OPEN_COLOUR = "#B0BEC5"
PLANNED_COLOUR = "#78909C"
ACTUAL_COLOUR = "#1565C0"
TARGET_COLOUR = "#D9434B"
REQUIRED_COLOUR = "#F2B600"
LABEL_LIMIT = 14  # characters of a category label before it is shortened
UNITS_SHOWN = 12


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _attach(chart: QChart, series: QAbstractSeries, axis: QAbstractAxis,
            where: Qt.AlignmentFlag) -> None:
    if axis not in chart.axes():
        chart.addAxis(axis, where)
    series.attachAxis(axis)


def _count_axis(highest: float) -> QValueAxis:
    """A 0..highest axis of whole numbers."""
    top = max(1, int(highest + 0.999))
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, top)
    if top <= 6:
        axis.setTickCount(top + 1)
    else:
        axis.setTickCount(6)
        axis.applyNiceNumbers()
    return axis


def _short(label: str, limit: int = LABEL_LIMIT) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _bar_set(name: str, colour: str, values: Sequence[float]) -> QBarSet:
    bar = QBarSet(name)
    bar.setColor(QColor(colour))
    bar.setBorderColor(QColor(colour))
    bar.append(list(values))
    return bar


def _msecs(day: date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0)).toMSecsSinceEpoch())


def _date_axis(first: date, last: date) -> QDateTimeAxis:
    """Short labels (a narrow chart elides long ones): 10月5日, or 2026.10 across years."""
    axis = QDateTimeAxis()
    axis.setFormat("M月d日" if first.year == last.year else "yyyy.M")
    axis.setRange(QDateTime(QDate(first.year, first.month, first.day), QTime(0, 0)),
                  QDateTime(QDate(last.year, last.month, last.day), QTime(0, 0)))
    axis.setTickCount(6)
    return axis


def _line(name: str, colour: str, points: Sequence[tuple[date, float]],
          dashed: bool = False) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidthF(2.5)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    series.setPen(pen)
    for day, value in points:
        series.append(_msecs(day), value)
    return series


# --- The charts ----------------------------------------------------------------------------


def status_chart(counts: Counter[tuple[Status, Grade]], title: str = "") -> QChart:
    """Work items per status, split by grade (正常/临期/逾期)."""
    series = QStackedBarSeries()
    for grade in Grade:
        series.append(_bar_set(grade.value, GRADE_COLOURS[grade],
                               [counts.get((status, grade), 0) for status in Status]))
    series.setBarWidth(0.55)
    chart = _chart(title)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([s.value for s in Status])
    _attach(chart, series, axis_x, Qt.AlignmentFlag.AlignBottom)
    highest = max([sum(counts.get((s, g), 0) for g in Grade) for s in Status] + [1])
    _attach(chart, series, _count_axis(highest), Qt.AlignmentFlag.AlignLeft)
    return chart


def completion_chart(bars: Sequence[Completion], title: str) -> QChart:
    """Done and open work items per category, as horizontal stacked bars (first on top)."""
    shown = list(bars[:UNITS_SHOWN])[::-1]
    series = QHorizontalStackedBarSeries()
    series.append(_bar_set("已完成", DONE_COLOUR, [b.done for b in shown]))
    series.append(_bar_set("未完成", OPEN_COLOUR, [b.open for b in shown]))
    series.setBarWidth(0.6)
    chart = _chart(title)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append([_short(b.label) for b in shown])
    _attach(chart, series, axis_y, Qt.AlignmentFlag.AlignLeft)
    _attach(chart, series, _count_axis(max([b.total for b in shown] + [1])),
            Qt.AlignmentFlag.AlignBottom)
    return chart


def grades_chart(months: Sequence[MonthGrades], title: str) -> QChart:
    """正常/临期/逾期 at each month end, stacked."""
    series = QStackedBarSeries()
    for grade in Grade:
        series.append(_bar_set(grade.value, GRADE_COLOURS[grade],
                               [m.count(grade) for m in months]))
    series.setBarWidth(0.6)
    chart = _chart(title)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([str(m.month) for m in months])  # "10月" is elided on a narrow chart
    axis_x.setTitleText("月份")
    _attach(chart, series, axis_x, Qt.AlignmentFlag.AlignBottom)
    highest = max([m.green + m.yellow + m.red for m in months] + [1])
    _attach(chart, series, _count_axis(highest), Qt.AlignmentFlag.AlignLeft)
    return chart


def burndown_chart(points: Sequence[BurnPoint], title: str) -> QChart:
    """Open tasks over time: planned (by deadline) against actual (not yet done)."""
    chart = _chart(title)
    planned = _line("计划未完成任务数（按完成时限）", PLANNED_COLOUR,
                    [(p.on, p.planned) for p in points], dashed=True)
    actual = _line("实际未完成任务数", ACTUAL_COLOUR,
                   [(p.on, p.actual) for p in points if p.actual is not None])
    axis_x = _date_axis(points[0].on, points[-1].on)
    axis_y = _count_axis(max([p.planned for p in points] + [p.actual or 0 for p in points]))
    for series in (planned, actual):
        chart.addSeries(series)
        _attach(chart, series, axis_x, Qt.AlignmentFlag.AlignBottom)
        _attach(chart, series, axis_y, Qt.AlignmentFlag.AlignLeft)
    return chart


def receipts_chart(points: Sequence[CountPoint], entries: int, title: str) -> QChart:
    """Manuscripts received so far, against the number of 条目 to receive."""
    chart = _chart(title)
    received = _line("累计收稿（篇）", ACTUAL_COLOUR, [(p.on, p.count) for p in points])
    target = _line(f"应收稿件（{entries}篇）", TARGET_COLOUR,
                   [(points[0].on, entries), (points[-1].on, entries)], dashed=True)
    axis_x = _date_axis(points[0].on, points[-1].on)
    axis_y = _count_axis(max(entries, points[-1].count) * 1.05)
    for series in (received, target):
        chart.addSeries(series)
        _attach(chart, series, axis_x, Qt.AlignmentFlag.AlignBottom)
        _attach(chart, series, axis_y, Qt.AlignmentFlag.AlignLeft)
    return chart


def learning_chart(rows: Sequence[DepartmentHours], title: str) -> QChart:
    """Average hours per person of each 科室 beside the average requirement, as horizontal
    bars (科室 names stay whole on the left), the first 科室 on top."""
    shown = list(rows)[::-1]
    series = QHorizontalBarSeries()
    series.append(_bar_set("人均学时", ACTUAL_COLOUR, [r.average for r in shown]))
    series.append(_bar_set("人均应修学时", REQUIRED_COLOUR, [r.required for r in shown]))
    series.setBarWidth(0.75)
    chart = _chart(title)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append([_short(r.department) for r in shown])
    _attach(chart, series, axis_y, Qt.AlignmentFlag.AlignLeft)
    highest = max([max(r.average, r.required) for r in rows] + [1])
    axis_x = _count_axis(highest * 1.1)
    axis_x.setTitleText("学时")
    _attach(chart, series, axis_x, Qt.AlignmentFlag.AlignBottom)
    return chart
