"""总览's chart area: one chart at a time, picked from a list; each chart is built the first
time it is shown (and again after the data changed). Imported only when the dashboard's
chart area is first shown, with QtCharts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCharts import QChart
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.operations.dashboard_data import ChartData
from fangzhi_desktop.ui import dashboard_charts_build as build
from fangzhi_desktop.ui.dashboard_chart_frame import ChartFrame, chart_image
from fangzhi_desktop.ui.widgets import empty_label


@dataclass(frozen=True)
class ChartSpec:
    key: str
    name: str  # in the list, and the suggested file name
    empty: str  # shown when there is nothing to draw


SPECS = (
    ChartSpec("status", "工作要点：按状态和预警", "还没有可统计的工作要点。"),
    ChartSpec("section", "工作要点：各部分完成情况", "还没有可统计的工作要点。"),
    ChartSpec("unit", "工作要点：各牵头单位完成情况", "还没有可统计的工作要点。"),
    ChartSpec("month", "工作要点：每月预警情况", "还没有可统计的工作要点。"),
    ChartSpec("burn", "专项活动：任务燃尽图", "还没有已开始且有完成时限的专项活动任务。"),
    ChartSpec("receipts", "年鉴编纂：来稿进度", "年鉴还没有收到来稿。"),
    ChartSpec("learning", "干部学习：各科室人均学时", "还没有导入花名册。"),
)


def chart_builder(key: str, data: ChartData, burn_index: int = 0) -> Callable[[], QChart] | None:
    """A function making the chart ``key`` from ``data``; None when there is nothing to draw."""
    year = data.plan_year
    if key in ("status", "section", "unit", "month") and year is None:
        return None
    if key == "status":
        total = sum(data.status_counts.values())
        return lambda: build.status_chart(data.status_counts,
                                          f"{year}年工作要点：按状态和预警统计（共{total}项）")
    if key == "section":
        return lambda: build.completion_chart(data.by_section, f"{year}年工作要点：各部分完成情况")
    if key == "unit":
        return lambda: build.completion_chart(data.by_unit,
                                              f"{year}年工作要点：各牵头单位完成情况（项）")
    if key == "month":
        return None if not data.by_month else lambda: build.grades_chart(
            data.by_month, f"{year}年工作要点：每月末预警情况（项）")
    if key == "burn":
        if not data.burns:
            return None
        burn = data.burns[min(burn_index, len(data.burns) - 1)]
        return lambda: build.burndown_chart(burn.points, f"{_short(burn.campaign.title)}：任务燃尽图")
    if key == "receipts":
        return None if not data.receipts else lambda: build.receipts_chart(
            data.receipts, data.entries, f"{data.volume_title}来稿进度")
    if key == "learning":
        return None if not data.departments else lambda: build.learning_chart(
            data.departments, f"{data.learning_year}年各科室人均学时与应修学时")
    raise KeyError(key)


def _short(title: str, limit: int = 30) -> str:
    return title if len(title) <= limit else title[:limit - 1] + "…"


class ChartPage(QWidget):
    """One chart (or why there is none); the burn-down has a campaign list above it."""

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.frame: ChartFrame | None = None
        self.stale = True
        self.data: ChartData | None = None
        self.campaign_combo: QComboBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if spec.key == "burn":
            self.campaign_combo = QComboBox()
            self.campaign_combo.setToolTip("选择要看燃尽图的专项活动")
            self.campaign_combo.activated.connect(lambda _i: self.build(force=True))
            layout.addWidget(self.campaign_combo)
        self.stack = QStackedWidget()
        self.empty = empty_label(spec.empty)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.stale = True
        if self.campaign_combo is not None:
            current = self.campaign_combo.currentText()
            self.campaign_combo.clear()
            self.campaign_combo.addItems([b.campaign.title for b in data.burns])
            self.campaign_combo.setVisible(len(data.burns) > 1)
            if current:
                self.campaign_combo.setCurrentIndex(max(0, self.campaign_combo.findText(current)))

    def builder(self) -> Callable[[], QChart] | None:
        if self.data is None:
            return None
        index = self.campaign_combo.currentIndex() if self.campaign_combo is not None else 0
        return chart_builder(self.spec.key, self.data, max(0, index))

    def build(self, force: bool = False) -> None:
        """Draw the chart now if the data changed since it was last drawn."""
        if not (self.stale or force):
            return
        self.stale = False
        if self.frame is not None:
            self.stack.removeWidget(self.frame)
            self.frame.deleteLater()
            self.frame = None
        make = self.builder()
        if make is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.frame = ChartFrame(self.spec.name, make)
        self.stack.addWidget(self.frame)
        self.stack.setCurrentWidget(self.frame)


class ChartPanel(QWidget):
    """The chart list and the chart chosen in it."""

    chart_chosen = Signal(str)  # the key of the chart the user picked in the list

    def __init__(self, data: ChartData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selector = QComboBox()
        self.selector.setToolTip("选择要查看的图表；图表可复制或保存为 PNG 图片，放进报告")
        self.pages = QStackedWidget()
        for spec in SPECS:
            self.selector.addItem(spec.name, spec.key)
            self.pages.addWidget(ChartPage(spec))
        self.selector.currentIndexChanged.connect(self.show_chart)
        self.selector.activated.connect(lambda index: self.chart_chosen.emit(SPECS[index].key))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.selector)
        layout.addWidget(self.pages, 1)
        self.set_data(data)

    def chart_keys(self) -> list[str]:
        return [spec.key for spec in SPECS]

    def page(self, key: str) -> ChartPage:
        index = next(n for n, spec in enumerate(SPECS) if spec.key == key)
        return self.pages.widget(index)  # type: ignore[return-value]

    def current_page(self) -> ChartPage:
        return self.pages.currentWidget()  # type: ignore[return-value]

    def set_data(self, data: ChartData) -> None:
        self.data = data
        for index in range(self.pages.count()):
            self.pages.widget(index).set_data(data)  # type: ignore[attr-defined]
        self.current_page().build()

    def show_chart(self, key_or_index: str | int) -> ChartPage:
        index = key_or_index if isinstance(key_or_index, int) else \
            next(n for n, spec in enumerate(SPECS) if spec.key == key_or_index)
        if self.selector.currentIndex() != index:
            self.selector.setCurrentIndex(index)  # comes back here through the signal
        self.pages.setCurrentIndex(index)
        page = self.current_page()
        page.build()
        return page

    def images(self) -> dict[str, QImage]:
        """Every chart that has something to show, drawn for a report (name → image)."""
        images = {}
        for index in range(self.pages.count()):
            page: ChartPage = self.pages.widget(index)  # type: ignore[assignment]
            make = page.builder()
            if make is not None:
                images[page.spec.name] = chart_image(make())
        return images
