"""The dashboard chart (QtCharts is imported only here, when the chart is first built)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from fangzhi_desktop.domain.workpoints import Grade, Status

BAR_COLOURS = {Grade.GREEN: "#5BAE5B", Grade.YELLOW: "#F2B600", Grade.RED: "#D9434B"}


def build_chart(counts: Counter[tuple[Status, Grade]],
                parent: QWidget | None = None) -> QWidget:
    """A stacked bar chart: items per status, split by grade (正常/临期/逾期)."""
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QStackedBarSeries,
        QValueAxis,
    )

    series = QStackedBarSeries()
    for grade in Grade:
        bar = QBarSet(grade.value)
        bar.setColor(QColor(BAR_COLOURS[grade]))
        bar.setBorderColor(QColor(BAR_COLOURS[grade]))
        for status in Status:
            bar.append(counts.get((status, grade), 0))
        series.append(bar)
    series.setBarWidth(0.55)
    chart = QChart()
    chart.addSeries(series)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    axis_x = QBarCategoryAxis()
    axis_x.append([s.value for s in Status])
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    highest = max([sum(counts.get((s, g), 0) for g in Grade) for s in Status] + [1])
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    axis_y.setRange(0, highest)
    axis_y.setTickCount(highest + 1 if highest <= 6 else 6)
    if highest > 6:
        axis_y.applyNiceNumbers()
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view
