"""总览: what needs attention today — overdue items, items due this week, the year at a glance."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import CampaignTask
from fangzhi_desktop.domain.workpoints import Grade, week_bounds
from fangzhi_desktop.operations.dashboard_data import load_chart_data
from fangzhi_desktop.storage import campaigns as campaign_store
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.ui.dashboard_campaigns import CampaignSummary
from fangzhi_desktop.ui.dashboard_learning import LearningSummary
from fangzhi_desktop.ui.dashboard_model import DueItemsModel
from fangzhi_desktop.ui.dashboard_yearbook import YearbookSummary
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.font_scale import relative_font
from fangzhi_desktop.ui.formatting import GRADE_BACKGROUND, GRADE_FOREGROUND, cn_day
from fangzhi_desktop.ui.settings import Settings, dashboard_chart
from fangzhi_desktop.ui.view_state import remember
from fangzhi_desktop.ui.widgets import empty_label

if TYPE_CHECKING:
    from fangzhi_desktop.ui.dashboard_charts import ChartPanel
    from fangzhi_desktop.ui.jobs import Job

# What each column of the two lists must show in full (type, year, no., –, unit, deadline, days).
COLUMN_SAMPLES = ("专项活动", "2026", "序号", "", "县融媒体中心", "2026-10-30", "逾期天数")
NO_PLAN_TEXT = "还没有导入工作要点。请到“年度工作要点”页点击“导入…”，选择印发工作要点的通知文件。"


def _card(colour: str, background: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumHeight(64)
    _colour_card(label, colour, background)
    return label


def _colour_card(label: QLabel, colour: str, background: str) -> None:
    label.setStyleSheet(f"QLabel {{ background: {background}; color: {colour};"
                        " border-radius: 6px; padding: 6px 14px; }")


def _grade_card(label: QLabel, count: int, grade: Grade) -> None:
    """Red or yellow while something is late or due; green (all clear) at zero."""
    shown = grade if count else Grade.GREEN
    _colour_card(label, GRADE_FOREGROUND[shown], GRADE_BACKGROUND[shown])


def _card_text(number: int, caption: str) -> str:
    return (f"<span style='font-size:xx-large; font-weight:bold'>{number}</span>"
            f"<br><span style='font-size:medium'>{caption}</span>")


class DashboardTab(QWidget):
    """Overdue and due-this-week items (double-click opens one), and a chart of the year."""

    open_item = Signal(int, int)  # year, item id
    open_campaign = Signal(int, int)  # campaign id, task id (0: the campaign)
    open_person = Signal(int, int)  # year, person id (干部学习)
    open_learning = Signal()
    open_yearbook = Signal()

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], date],
                 parent: QWidget | None = None, db_path: Path | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings.in_memory()
        self.conn = conn
        self.clock = clock
        self.db_path = db_path
        self.report_job: Job | None = None
        self.chart: ChartPanel | None = None  # built when the chart area is first painted
        self._chart_pending = False
        self._build()
        self.refresh()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.date_label = QLabel()
        relative_font(self.date_label, 1.45, bold=True).setStyleSheet("color: #2F4F6F;")
        self.summary_label = QLabel()
        relative_font(self.summary_label, 1.2)
        self.overdue_card = _card(GRADE_FOREGROUND[Grade.RED], GRADE_BACKGROUND[Grade.RED])
        self.due_card = _card(GRADE_FOREGROUND[Grade.YELLOW], GRADE_BACKGROUND[Grade.YELLOW])
        self.year_card = _card("#1F3F5F", "#E3ECF7")
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.date_label)
        titles.addWidget(self.summary_label)
        reports = QHBoxLayout()
        self.month_report_button = QPushButton("生成月度报告…")
        self.month_report_button.setToolTip("把本月工作要点、专项活动、年鉴编纂、干部学习情况和图表"
                                            "汇总成一份工作情况报告（Word 公文）")
        self.month_report_button.clicked.connect(lambda: self.start_report(quarterly=False))
        self.quarter_report_button = QPushButton("生成季度报告…")
        self.quarter_report_button.setToolTip("同上，汇总本季度的工作情况")
        self.quarter_report_button.clicked.connect(lambda: self.start_report(quarterly=True))
        for button in (self.month_report_button, self.quarter_report_button):
            button.setEnabled(self.db_path is not None)
            reports.addWidget(button)
        reports.addStretch(1)
        titles.addLayout(reports)
        head.addLayout(titles, 1)
        for card in (self.overdue_card, self.due_card, self.year_card):
            card.setMinimumWidth(150)
            head.addWidget(card)

        self.overdue_model = DueItemsModel(overdue=True, parent=self)
        self.due_model = DueItemsModel(overdue=False, parent=self)
        self.overdue_view, self.overdue_box, self.overdue_empty = self._list_box(
            "逾期事项", self.overdue_model, "目前没有逾期事项。")
        self.due_view, self.due_box, self.due_empty = self._list_box(
            "本周到期", self.due_model, "本周没有到期的事项。")
        self.lists_splitter = _splitter(Qt.Orientation.Vertical, self.overdue_box, self.due_box,
                                        (3, 2))

        self.chart_box = QGroupBox("各项工作图表（可复制或保存为图片）")
        chart_layout = QVBoxLayout(self.chart_box)
        self.chart_stack = QStackedWidget()
        self.chart_placeholder = empty_label("正在生成图表……")
        self.chart_placeholder.installEventFilter(self)
        self.chart_stack.addWidget(self.chart_placeholder)
        chart_layout.addWidget(self.chart_stack)

        self.middle_splitter = _splitter(Qt.Orientation.Horizontal, self.lists_splitter,
                                         self.chart_box, (3, 2))

        later = QHBoxLayout()
        self.campaigns = CampaignSummary()
        self.campaigns.open_campaign.connect(self.open_campaign)
        later.addWidget(self.campaigns)
        self.yearbook = YearbookSummary()
        self.yearbook.open_tab.connect(self.open_yearbook)
        later.addWidget(self.yearbook)
        self.learning = LearningSummary()
        self.learning.open_person.connect(self.open_person)
        self.learning.open_tab.connect(self.open_learning)
        later.addWidget(self.learning)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.middle_splitter, 1)
        self.no_plan = empty_label(NO_PLAN_TEXT)
        self.body = QStackedWidget()
        self.body.addWidget(self.no_plan)
        self.body.addWidget(self.content)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)
        layout.addLayout(later)
        remember(self.settings, "dashboard", lists=self.lists_splitter,
                 middle=self.middle_splitter, overdue=self.overdue_view, due=self.due_view)

    def _list_box(self, title: str, model: DueItemsModel,
                  empty_text: str) -> tuple[QTableView, QGroupBox, QLabel]:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        metrics = header.fontMetrics()  # widths follow the font (大字体, 150 % scaling)
        for column, sample in enumerate(COLUMN_SAMPLES):
            if sample:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, metrics.horizontalAdvance(sample) + metrics.height())
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        view.doubleClicked.connect(lambda index, m=model: self._open(m, index))
        view.setToolTip("双击打开该条目")
        empty = empty_label(empty_text)
        box = QGroupBox(title)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(view)
        box_layout.addWidget(empty)
        return view, box, empty

    def _open(self, model: DueItemsModel, index: QModelIndex) -> None:
        item = model.item(index)
        if isinstance(item, CampaignTask):
            self.open_campaign.emit(item.campaign_id, item.id)
        elif item is not None:
            self.open_item.emit(item.year, item.id)

    # --- Data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        today = self.clock()
        monday, sunday = week_bounds(today)
        overdue = store.overdue_items(self.conn, today)
        due = store.due_between(self.conn, today, sunday)
        late_tasks = campaign_store.overdue_tasks(self.conn, today)
        due_tasks = campaign_store.due_between(self.conn, today, sunday)
        self.campaigns.refresh(self.conn, today, late_tasks, due_tasks)
        titles = {c.id: c for c, _ in self.campaigns.everything}
        self.overdue_model.set_items(overdue, today, late_tasks, titles)
        self.due_model.set_items(due, today, due_tasks, titles)
        overdue, due = [*overdue, *late_tasks], [*due, *due_tasks]
        for view, empty, items in ((self.overdue_view, self.overdue_empty, overdue),
                                   (self.due_view, self.due_empty, due)):
            view.setVisible(bool(items))
            empty.setVisible(not items)
        week = f"{monday.month}月{monday.day}日—{sunday.month}月{sunday.day}日"
        self.due_box.setTitle(f"本周到期（{week}）")
        self.date_label.setText(f"今天是{cn_day(today)}")
        self.summary_label.setText(f"逾期 {len(overdue)} 项，本周到期 {len(due)} 项")
        self.overdue_card.setText(_card_text(len(overdue), "逾期事项"))
        self.due_card.setText(_card_text(len(due), "本周到期"))
        _grade_card(self.overdue_card, len(overdue), Grade.RED)
        _grade_card(self.due_card, len(due), Grade.YELLOW)
        self.learning.refresh(self.conn, today)
        self.yearbook.refresh(self.conn, today)
        years = store.plan_years(self.conn)
        self.body.setCurrentIndex(1 if years else 0)
        if self.chart is not None:
            self.chart.set_data(load_chart_data(self.conn, today))
        if not years:
            self.year_card.setText(_card_text(0, "工作要点"))
            return
        latest = years[-1]
        items = store.list_items(self.conn, latest)
        done = sum(item.status.finished for item in items)
        self.year_card.setText(_card_text(len(items), f"{latest}年工作要点（已完成{done}项）"))

    # --- The monthly / quarterly report ----------------------------------------------------

    def start_report(self, quarterly: bool = False) -> Job | None:
        """生成月度报告 / 生成季度报告 (in the background); None when cancelled."""
        from fangzhi_desktop.ui.dashboard_report import start_report

        if self.db_path is None:
            return None
        with reporting(self):
            self.report_job = start_report(self, self.conn, self.db_path, self.clock(),
                                           quarterly)
            return self.report_job
        return None

    # --- The charts, built after the tab is first shown ------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The chart area's placeholder has been painted: the window is on screen, so build
        the charts now, after that first frame (QtCharts stays off the start-up path)."""
        if watched is self.chart_placeholder and event.type() == QEvent.Type.Paint \
                and self.chart is None and not self._chart_pending:
            self._chart_pending = True
            QTimer.singleShot(0, self, self._build_when_shown)  # dropped if the tab is gone
        return False

    def _build_when_shown(self) -> None:
        self._chart_pending = False
        if self.isVisible() and _is_open(self.conn):  # not after the window has closed
            self.ensure_chart()

    def ensure_chart(self) -> ChartPanel:
        """Build the chart area now (QtCharts is imported here)."""
        if self.chart is None:
            from fangzhi_desktop.ui.dashboard_charts import ChartPanel

            self.chart = ChartPanel(load_chart_data(self.conn, self.clock()))
            chosen = self.settings.get(dashboard_chart())
            if chosen in self.chart.chart_keys():
                self.chart.show_chart(chosen)  # the chart chosen last time
            self.chart.chart_chosen.connect(
                lambda key: self.settings.set(dashboard_chart(), key))
            self.chart_stack.addWidget(self.chart)
            self.chart_stack.setCurrentWidget(self.chart)
        return self.chart


def _splitter(orientation: Qt.Orientation, first: QWidget, second: QWidget,
              stretch: tuple[int, int]) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setChildrenCollapsible(False)
    for index, widget in enumerate((first, second)):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, stretch[index])
    return splitter


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018  # raises once the connection is closed
    except sqlite3.ProgrammingError:
        return False
    return True
