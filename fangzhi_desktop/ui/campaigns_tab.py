"""专项活动: choose a campaign, see where it stands today (its phases), follow its task ledger
(台账) up to 销号, and see it all on the 作战图."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, Phase, phase_today
from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage import campaign_followup as followup
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage.campaign_paging import overdue_count
from fangzhi_desktop.storage.campaigns import PhaseFields, TaskFilter
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.campaign_chart import CampaignChartView, ChartData
from fangzhi_desktop.ui.campaign_exports import CampaignExports
from fangzhi_desktop.ui.campaign_format import phase_span, phase_state, phase_today_text
from fangzhi_desktop.ui.campaign_ledger_view import (
    FLAT_ABOVE,
    MODE_SETTING,
    LedgerTable,
    ModeToggle,
)
from fangzhi_desktop.ui.campaigns_commands import (
    AddTask,
    AddTaskEntry,
    CloseOff,
    EditTask,
    ExtendTask,
    MarkStep,
    SetTaskStatus,
    push,
)
from fangzhi_desktop.ui.campaigns_detail import TaskDetailPane
from fangzhi_desktop.ui.campaigns_model import CampaignTasksModel, TaskColumn
from fangzhi_desktop.ui.dialogs.campaign_dialogs import (
    CloseOffDialog,
    NewCampaignDialog,
    PhasesDialog,
    TaskEditDialog,
    TaskExtensionDialog,
    TaskLogDialog,
    TaskStatusDialog,
)
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.font_scale import relative_font
from fangzhi_desktop.ui.jobs import Job, in_database, start_job
from fangzhi_desktop.ui.keyboard import enter_opens
from fangzhi_desktop.ui.settings import Settings
from fangzhi_desktop.ui.view_state import remember
from fangzhi_desktop.ui.widgets import empty_label

SEARCH_DELAY_MS = 200
EMPTY_TEXT = ("还没有专项活动 — 点击上方“导入实施方案…”选择实施方案文件（.txt 或 .docx），"
              "或点击“新建…”手工建立。")
PLAN_FILTER = "实施方案 (*.txt *.docx);;所有文件 (*)"
COLUMN_WIDTHS = {TaskColumn.NO: 52, TaskColumn.TEXT: 230, TaskColumn.UNIT: 92,
                 TaskColumn.PERSON: 60, TaskColumn.STEPS: 70, TaskColumn.DEADLINE: 150,
                 TaskColumn.STATUS: 56, TaskColumn.GRADE: 44}
CHIP_STYLE = {
    "today": "background: #2F5F8F; color: white; font-weight: bold;",
    "past": "background: #ECECEC; color: #666;",
    "future": "background: #E3ECF7; color: #1F3F5F;",
    "undated": "background: #F4F4F4; color: #666;",
}
VIEWS = ("ledger", "chart")


class PhaseStrip(QFrame):
    """Where the campaign stands today, and each phase with its range (today's highlighted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phaseStrip")
        self.setStyleSheet("#phaseStrip { background: #F6F8FB; border: 1px solid #D8DEE6;"
                           " border-radius: 4px; }")
        self.today_label = QLabel()
        relative_font(self.today_label, 1.2, bold=True).setStyleSheet("color: #1F3F5F;")
        self.today_label.setWordWrap(True)
        self.chips_row = QHBoxLayout()
        self.chips_row.setSpacing(6)
        self.chips: list[QLabel] = []
        self.edit_button = QPushButton("编辑阶段…")
        self.edit_button.setToolTip("修改实施方案的时间安排：各阶段的名称和起止日期")
        head = QHBoxLayout()
        head.addWidget(self.today_label, 1)
        head.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(self.chips_row)

    def show_phases(self, phases: list[Phase], today: date) -> None:
        for chip in self.chips:
            self.chips_row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        while self.chips_row.count():
            self.chips_row.takeAt(0)
        self.today_label.setText(phase_today_text(phase_today(phases, today), today))
        for n, phase in enumerate(phases, start=1):
            state = phase_state(phase, today)
            chip = QLabel(f"{n}. {phase.name}　{phase_span(phase, today)}")
            chip.setStyleSheet(f"QLabel {{ {CHIP_STYLE[state]} border-radius: 3px;"
                               " padding: 3px 8px; }")
            chip.setToolTip({"today": "今天所处的阶段", "past": "已过去的阶段",
                             "future": "尚未开始的阶段", "undated": "未写明时间"}[state])
            chip.setProperty("state", state)
            self.chips.append(chip)
            self.chips_row.addWidget(chip)
        self.chips_row.addStretch(1)

    def highlighted(self) -> list[str]:
        return [c.text() for c in self.chips if c.property("state") == "today"]


class CampaignsTab(QWidget):
    """The campaigns. Reads through the GUI thread's connection; long work goes to jobs."""

    data_changed = Signal()  # after any write

    def __init__(self, conn: sqlite3.Connection, db_path: Path, undo_stack: QUndoStack,
                 clock: Callable[[], date], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.db_path = db_path
        self.undo_stack = undo_stack
        self.clock = clock
        self.settings = settings
        self.current_id: int | None = None
        self.import_dialog: QWidget | None = None
        self.delete_job: Job | None = None
        self._campaign: CampaignInfo | None = None
        self._phases: list[Phase] = []
        self._chart_dirty = True
        self._reloading = False
        self._overdue: int | None = None  # the flat view's figure, counted once per change
        self._build()
        remember(settings, "campaigns", tasks=self.tree, ledger=self.table,
                 splitter=self.splitter)
        enter_opens(self.tree, self.detail.buttons["edit"].click)
        enter_opens(self.table, self.detail.buttons["edit"].click)
        self.reload_campaigns()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.campaign_combo = QComboBox()
        self.campaign_combo.setMinimumContentsLength(30)
        self.campaign_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.campaign_combo.setSizePolicy(QSizePolicy.Policy.Expanding,
                                          QSizePolicy.Policy.Fixed)
        self.new_button = QPushButton("新建…")
        self.new_button.setToolTip("手工新建一项专项活动")
        self.import_button = QPushButton("导入实施方案…")
        self.import_button.setToolTip("从实施方案文件（.txt 或 .docx）导入阶段和任务")
        self.delete_button = QPushButton("删除…")
        self.delete_button.setToolTip("删除所选专项活动及其全部任务和记录（删除前自动备份）")
        top = QHBoxLayout()
        top.addWidget(QLabel("专项活动"))
        top.addWidget(self.campaign_combo, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.delete_button)

        self.strip = PhaseStrip()

        # 台账
        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumContentsLength(8)
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_combo = QComboBox()
        self.status_combo.addItem("全部", None)
        for status in Status:
            self.status_combo.addItem(status.value, status.value)
        self.overdue_check = QCheckBox("只看逾期")
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索任务、单位、责任人、进展…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(170)
        self.add_task_button = QPushButton("添加任务…")
        self.add_task_button.setToolTip("在台账末尾添加一项任务（可撤销）")
        self.exports = CampaignExports(self, self.conn, self.db_path, self.clock, self.settings,
                                       self.campaign)
        self.export_button = self.exports.button
        hint = self.add_task_button.sizeHint()
        self.export_button.setMinimumSize(max(hint.width(), self.export_button.sizeHint().width()),
                                          hint.height())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self.mode_toggle = ModeToggle()
        bar = QHBoxLayout()
        bar.addWidget(self.mode_toggle)
        bar.addSpacing(8)
        bar.addWidget(QLabel("责任单位"))
        bar.addWidget(self.unit_combo)
        bar.addWidget(QLabel("状态"))
        bar.addWidget(self.status_combo)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.search_edit, 1)
        bar.addSpacing(12)
        bar.addWidget(self.add_task_button)
        bar.addWidget(self.export_button)

        self.model = CampaignTasksModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.table = LedgerTable()
        self.task_views = QStackedWidget()
        self.task_views.addWidget(self.tree)
        self.task_views.addWidget(self.table)
        left_layout.addWidget(self.task_views, 1)
        left_layout.addWidget(self.count_label)
        self.detail = TaskDetailPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([820, 460])
        ledger = QWidget()
        ledger_layout = QVBoxLayout(ledger)
        ledger_layout.setContentsMargins(0, 4, 0, 0)
        ledger_layout.addLayout(bar)
        ledger_layout.addWidget(self.splitter, 1)

        # 作战图
        self.chart = CampaignChartView()
        self.views = QTabWidget()
        self.views.addTab(ledger, "台账")
        self.views.addTab(self.chart, "作战图")

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.strip)
        page_layout.addWidget(self.views, 1)
        self.empty_label = empty_label(EMPTY_TEXT)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(page)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self.campaign_combo.currentIndexChanged.connect(self._campaign_changed)
        self.new_button.clicked.connect(self.new_campaign)
        self.strip.edit_button.clicked.connect(self.edit_phases)
        self.import_button.clicked.connect(self.start_import)
        self.delete_button.clicked.connect(self.delete_campaign)
        self.unit_combo.currentIndexChanged.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.overdue_check.toggled.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.reload)
        self.add_task_button.clicked.connect(self.add_task)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.table.selectionModel().currentChanged.connect(self._row_changed)
        self.table.ledger.sorted.connect(self._reselect)
        self.mode_toggle.flat_button.toggled.connect(self._mode_chosen)
        self.detail.action_requested.connect(self._action)
        self.detail.step_toggled.connect(self._step_toggled)
        self.views.currentChanged.connect(self._view_changed)
        self.chart.task_activated.connect(self._chart_task_activated)
        self.exports.returns_imported.connect(self._returns_imported)

    def shutdown(self) -> None:
        self._search_timer.stop()

    # --- Campaigns -------------------------------------------------------------------------

    def campaign(self) -> CampaignInfo | None:
        return self._campaign

    def campaign_ids(self) -> list[int]:
        return [int(self.campaign_combo.itemData(i)) for i in range(self.campaign_combo.count())]

    def reload_campaigns(self, select: int | None = None) -> None:
        """Re-read the campaigns (newest first) and show ``select`` (default: the current)."""
        wanted = select if select is not None else (self._campaign.id if self._campaign
                                                    else None)
        campaigns = store.list_campaigns(self.conn)
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for campaign in campaigns:
            label = campaign.title if str(campaign.year) in campaign.title \
                else f"{campaign.title}（{campaign.year}年）"
            self.campaign_combo.addItem(label, campaign.id)
            self.campaign_combo.setItemData(self.campaign_combo.count() - 1, campaign.title,
                                            Qt.ItemDataRole.ToolTipRole)
        ids = [c.id for c in campaigns]
        self.campaign_combo.setCurrentIndex(ids.index(wanted) if wanted in ids else
                                            (0 if ids else -1))
        self.campaign_combo.blockSignals(False)
        has = bool(ids)
        self.stack.setCurrentIndex(1 if has else 0)
        self.campaign_combo.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.strip.edit_button.setEnabled(has)
        self.exports.set_available(has)
        self._campaign_changed()

    def select_campaign(self, campaign_id: int) -> None:
        ids = self.campaign_ids()
        if campaign_id not in ids:
            raise FangzhiError(f"没有编号为{campaign_id}的专项活动（可能已被删除）。")
        self.campaign_combo.setCurrentIndex(ids.index(campaign_id))

    def _campaign_changed(self) -> None:
        data = self.campaign_combo.currentData()
        self._campaign = store.get_campaign(self.conn, int(data)) if data is not None else None
        self.current_id = None
        campaign_id = self._campaign.id if self._campaign else None
        self._phases = store.list_phases(self.conn, campaign_id) if campaign_id else []
        previous = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem("全部", None)
        if campaign_id is not None:
            for unit_id, name in store.campaign_units(self.conn, campaign_id):
                self.unit_combo.addItem(name, unit_id)
        found = self.unit_combo.findData(previous) if previous is not None else 0
        self.unit_combo.setCurrentIndex(max(found, 0))
        self.unit_combo.blockSignals(False)
        self.strip.show_phases(self._phases, self.clock())
        self._chart_dirty = True
        self._overdue = None
        self.reload()

    # --- Filters and showing ---------------------------------------------------------------

    def task_filter(self) -> TaskFilter:
        status = self.status_combo.currentData()
        return TaskFilter(
            unit_id=self.unit_combo.currentData(),
            status=Status(status) if status else None,
            overdue_on=self.clock() if self.overdue_check.isChecked() else None,
            search=self.search_edit.text().strip(),
        )

    def clear_filters(self) -> None:
        widgets = (self.unit_combo, self.status_combo, self.overdue_check, self.search_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.unit_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.search_edit.clear()
        self._search_timer.stop()
        for widget in widgets:
            widget.blockSignals(False)
        self.reload()

    def is_flat(self) -> bool:
        """The flat 台账 is shown: chosen, or forced by a campaign of many tasks."""
        campaign = self._campaign
        big = campaign is not None and campaign.task_count > FLAT_ABOVE
        return big or self.settings.get(MODE_SETTING) == "flat"

    def _mode_chosen(self, flat: bool) -> None:
        self.settings.set(MODE_SETTING, "flat" if flat else "tree")
        self.reload()

    def reload(self) -> None:
        """Query the tasks (filtered in SQL) and show them, keeping the current task."""
        self._search_timer.stop()
        campaign = self._campaign
        today = self.clock()
        flat = self.is_flat()
        self.mode_toggle.show_state(
            flat, campaign is not None and campaign.task_count > FLAT_ABOVE)
        self.task_views.setCurrentWidget(self.table if flat else self.tree)
        self.search_edit.setPlaceholderText("搜索任务、单位、责任人…" if flat
                                            else "搜索任务、单位、责任人、进展…")
        self._reloading = True
        try:
            shown, overdue = self._show_flat(today) if flat else self._show_tree(today)
        finally:
            self._reloading = False
        total = campaign.task_count if campaign else 0
        text = f"共 {total} 项" if shown == total else f"显示 {shown} 项（共 {total} 项）"
        if flat and overdue and shown != total:
            text += f"，全部任务中逾期 {overdue} 项"
        elif overdue:
            text += f"，其中逾期 {overdue} 项"
        self.count_label.setText(text)
        self.add_task_button.setEnabled(campaign is not None)
        for widget in (self.unit_combo, self.status_combo, self.overdue_check, self.search_edit):
            widget.setEnabled(campaign is not None)
        self._refresh_detail()
        self._chart_dirty = True
        if self.views.currentWidget() is self.chart:
            self.refresh_chart()

    def _show_tree(self, today: date) -> tuple[int, int]:
        """Every task (filtered) in memory, under its group; (shown, overdue)."""
        campaign = self._campaign
        self.table.clear()
        tasks = store.list_tasks(self.conn, campaign.id, self.task_filter()) if campaign else []
        self.model.set_tasks(tasks, self._phases, today,
                             campaign.year if campaign else today.year)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        index = self.model.index_of(self.current_id) if self.current_id else QModelIndex()
        if index.isValid():
            self._select_index(index)
        return self.model.task_count(), sum(t.overdue(today) for t in tasks)

    def _show_flat(self, today: date) -> tuple[int, int]:
        """The paged table (filters, search and sort in SQL); (shown, overdue of the campaign)."""
        campaign = self._campaign
        if self.model.rowCount():
            self.model.clear()
        if campaign is None:
            self.table.clear()
            return 0, 0
        status = self.status_combo.currentData()
        self.table.show_campaign(self.conn, campaign.id, campaign.year, today,
                                 unit_id=self.unit_combo.currentData(),
                                 status=str(status) if status else None,
                                 overdue=self.overdue_check.isChecked(),
                                 search=self.search_edit.text())
        self._reselect()
        if self._overdue is None:
            self._overdue = overdue_count(self.conn, campaign.id, today)
        return self.table.ledger.rowCount(), self._overdue

    def _reselect(self) -> None:
        """Select the current task again in the flat table (after a reload or a sort)."""
        row = self.table.ledger.row_of(self.current_id) if self.current_id else -1
        if row >= 0:
            reloading, self._reloading = self._reloading, True
            try:
                self.table.select_row(row)
            finally:
                self._reloading = reloading

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return
        task_id = self.table.ledger.id_at(current.row()) if current.isValid() else None
        self.current_id = task_id
        self._refresh_detail()

    def refresh_chart(self) -> None:
        """Give the 作战图 the whole campaign (not the ledger's filters)."""
        campaign = self._campaign
        if campaign is None:
            self.chart.set_data(None)
            return
        self.chart.set_data(ChartData(campaign, self._phases,
                                      store.list_tasks(self.conn, campaign.id),
                                      store.steps_of_campaign(self.conn, campaign.id),
                                      self.clock()))
        self._chart_dirty = False

    def _view_changed(self, _index: int) -> None:
        if self.views.currentWidget() is self.chart and self._chart_dirty:
            self.refresh_chart()

    def show_view(self, name: str) -> None:
        """``ledger`` (台账) or ``chart`` (作战图)."""
        self.views.setCurrentIndex(VIEWS.index(name))

    def _select_index(self, index: QModelIndex) -> None:
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return
        task = self.model.task(current)
        self.current_id = task.id if task else None
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        if self.current_id is None or self._campaign is None:
            self.detail.clear()
            return
        try:
            task = store.get_task(self.conn, self.current_id)
        except FangzhiError:
            self.current_id = None
            self.detail.clear()
            return
        self.detail.show_task(task, self._campaign.year, store.task_steps(self.conn, task.id),
                              followup.task_log(self.conn, task.id),
                              followup.task_extensions(self.conn, task.id), self.clock())

    def current_task(self) -> CampaignTask | None:
        return self.detail.task

    def select_task(self, task_id: int) -> bool:
        """Select a task if it is shown; True when it is."""
        if self.is_flat():
            row = self.table.ledger.row_of(task_id)
            if row < 0:
                return False
            self.current_id = task_id
            self._reselect()
            self._refresh_detail()
            return True
        index = self.model.index_of(task_id)
        if not index.isValid():
            return False
        self.current_id = task_id
        self._select_index(index)
        self._refresh_detail()
        return True

    def show_task(self, campaign_id: int, task_id: int | None = None) -> None:
        """Jump to a campaign (and a task of it): no filters, the ledger, selected."""
        self.select_campaign(campaign_id)
        self.clear_filters()
        self.show_view("ledger")
        if task_id is not None:
            self.select_task(task_id)
            self.task_views.currentWidget().setFocus()

    def _chart_task_activated(self, task_id: int) -> None:
        if self._campaign is not None:
            self.show_task(self._campaign.id, task_id)

    def prepare_screenshot(self) -> None:
        """The ledger campaign (the one with the most tasks) with an overdue task selected."""
        campaigns = store.list_campaigns(self.conn)
        if not campaigns:
            return
        busiest = max(campaigns, key=lambda c: c.task_count)
        self.show_task(busiest.id)
        today = self.clock()
        late = next((t for t in self.model.tasks() if t.overdue(today) and t.extensions == 0
                     and t.last_progress), None)
        target = late or next(iter(self.model.tasks()), None)
        if target is not None:
            self.select_task(target.id)

    # --- Editing (undoable) ----------------------------------------------------------------

    def _after_edit(self, task_id: int) -> None:
        self._overdue = None
        if task_id:
            self.current_id = task_id
        if self._campaign is not None:
            try:
                self._campaign = store.get_campaign(self.conn, self._campaign.id)
            except FangzhiError:
                self.reload_campaigns()
                self.data_changed.emit()
                return
        self.reload()
        self.data_changed.emit()

    def _resolver(self) -> Callable[[str], object]:
        campaign = self._campaign
        assert campaign is not None
        return lambda phrase: store.resolve_deadline(self.conn, campaign.id, phrase)

    def _action(self, name: str) -> None:
        task = self.current_task()
        if task is None:
            return
        if name == "history":
            from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog

            AuditDialog.show_record(self, self.conn, "campaign_tasks", task.id,
                                    f"第{task.no}项任务")
            return
        with reporting(self):
            command = self._command(name, task)
            if command is not None:
                push(self.undo_stack, command, self)

    def _command(self, name: str, task: CampaignTask) -> object | None:
        today = self.clock()
        if name in ("progress", "urge"):
            kind = EntryKind.PROGRESS if name == "progress" else EntryKind.URGE
            entry = TaskLogDialog.ask(self, task, today, kind)
            if entry is None:
                return None
            return AddTaskEntry(self.conn, task.id, self._after_edit,
                                entry_date=entry.entry_date, text=entry.text,
                                reporter=entry.reporter, kind=entry.kind)
        if name == "status":
            value = TaskStatusDialog.ask(self, task, today)
            return None if value is None else SetTaskStatus(self.conn, task.id,
                                                            self._after_edit, value)
        if name == "close":
            closing = CloseOffDialog.ask(self, task, today)
            if closing is None:
                return None
            on, by, remark = closing
            return CloseOff(self.conn, task.id, self._after_edit, on=on, confirmed_by=by,
                            remark=remark)
        if name == "extend":
            extension = TaskExtensionDialog.ask(self, task, today)
            if extension is None:
                return None
            new_deadline, reason, decided_on = extension
            return ExtendTask(self.conn, task.id, self._after_edit, new_deadline=new_deadline,
                              reason=reason, decided_on=decided_on)
        if name == "edit":
            answer = TaskEditDialog.ask(self, self._resolver(), self._phases, task,
                                        store.task_steps(self.conn, task.id), self._unit_names())
            if answer is None:
                return None
            fields, steps_changed = answer
            return EditTask(self.conn, task.id, self._after_edit, fields, steps=steps_changed)
        return None

    def _unit_names(self) -> list[str]:
        from fangzhi_desktop.storage.units import list_units

        return [unit.name for unit in list_units(self.conn)]

    def _step_toggled(self, position: int, done: bool) -> None:
        task = self.current_task()
        if task is None:
            return
        push(self.undo_stack, MarkStep(self.conn, task.id, self._after_edit, position=position,
                                       done=done, done_on=self.clock()), self)

    def add_task(self) -> None:
        campaign = self._campaign
        if campaign is None:
            return
        with reporting(self):
            answer = TaskEditDialog.ask(self, self._resolver(), self._phases,
                                        units=self._unit_names())
            if answer is None:
                return
            fields, _ = answer
            push(self.undo_stack, AddTask(self.conn, campaign.id, self._after_edit, fields),
                 self)

    # --- New, import, delete ---------------------------------------------------------------

    def new_campaign(self) -> None:
        fields = NewCampaignDialog.ask(self, self.clock().year)
        if fields is None:
            return
        with reporting(self):
            campaign_id = store.create_campaign(self.conn, fields)
            self.reload_campaigns(select=campaign_id)
            self.data_changed.emit()

    def edit_phases(self) -> None:
        """编辑阶段 (not on the undo stack: the tasks keep their deadlines either way)."""
        campaign = self._campaign
        if campaign is None:
            return
        rows = PhasesDialog.ask(self, self._phases)
        if rows is None:
            return
        with reporting(self), audit.action(self.conn, "编辑阶段"):
            before = {p.id: p for p in self._phases}
            kept = {row.id for row in rows if row.id is not None}
            for phase_id in before.keys() - kept:
                store.delete_phase(self.conn, phase_id)
            for row in rows:
                old = before.get(row.id) if row.id is not None else None
                if old is None:
                    store.add_phase(self.conn, campaign.id,
                                    PhaseFields(row.name, row.start, row.end))
                elif (old.name, old.start, old.end) != (row.name, row.start, row.end):
                    same_dates = (old.start, old.end) == (row.start, row.end)
                    store.update_phase(self.conn, old.id, PhaseFields(
                        row.name, row.start, row.end, old.phrase if same_dates else ""))
        current = self.current_id
        self._campaign_changed()
        if current is not None:
            self.select_task(current)
        self.data_changed.emit()

    def start_import(self, path: Path | None = None) -> None:
        from fangzhi_desktop.ui.dialogs.campaign_import_dialog import CampaignImportDialog

        path = path or prompts.open_file(self, "选择专项活动实施方案文件", PLAN_FILTER,
                                         self.settings.get(keys.IMPORT_DIR))
        if path is None:
            return
        self.settings.set(keys.IMPORT_DIR, str(path.parent))
        titles = [c.title for c in store.list_campaigns(self.conn)]
        dialog = CampaignImportDialog(self, self.db_path, titles, self.clock().year)
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()
        dialog.load(path)

    def _imported(self, campaign_id: int) -> None:
        self.undo_stack.clear()  # a replaced campaign leaves earlier edits nothing to act on
        self.current_id = None
        self.clear_filters()
        self.reload_campaigns(select=campaign_id)
        self.data_changed.emit()

    def delete_campaign(self) -> None:
        campaign = self._campaign
        if campaign is None or (self.delete_job is not None and not self.delete_job.done):
            return
        if not prompts.confirm(
                self, "删除专项活动",
                f"删除专项活动“{campaign.title}”？\n\n它的{campaign.task_count}项任务连同进展、催办、"
                "延期和销号记录都将被删除，且无法撤销（删除前会自动备份整个数据文件）。",
                ok_text="删除", warning=True):
            return
        campaign_id = campaign.id

        def work(conn: sqlite3.Connection, progress: object) -> None:
            from fangzhi_desktop.storage.backup import backup_before

            backup_before(conn, "删除专项活动前")
            with audit.action(conn, "删除专项活动"):
                store.delete_campaign(conn, campaign_id)

        self.delete_job = start_job(self, "删除专项活动", in_database(self.db_path, work),
                                    on_success=lambda _r: self._deleted())

    def _deleted(self) -> None:
        self.undo_stack.clear()
        self._campaign = None
        self.reload_campaigns()
        self.data_changed.emit()

    def _returns_imported(self) -> None:
        self._after_edit(self.current_id or 0)
