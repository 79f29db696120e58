"""Item models of the campaign ledger (台账): tasks under their plan or phase, and a task's
implementation steps (ticked in place)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont

from fangzhi_desktop.domain.campaigns import CampaignTask, Phase, TaskStep
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.ui.campaign_format import (
    deadline_text,
    deadline_tooltip,
    grade_text,
    group_tasks,
    progress_text,
    status_text,
    steps_text,
)
from fangzhi_desktop.ui.formatting import (
    GRADE_ORDER,
    grade_background,
    grade_foreground,
    iso,
    rich_tooltip,
)
from fangzhi_desktop.ui.section_tree_model import ROOT, SECTION_ID, SectionTreeModel

SORT_ROLE = Qt.ItemDataRole.UserRole
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ORDER = {status: n for n, status in enumerate(Status)}
SECTION_BACKGROUND = "#E8EEF6"
CLOSED_FOREGROUND = "#777777"


class TaskColumn(IntEnum):
    NO = 0
    TEXT = 1
    UNIT = 2
    PERSON = 3
    STEPS = 4
    DEADLINE = 5
    STATUS = 6
    GRADE = 7
    PROGRESS = 8


TASK_HEADERS = ("序号", "任务", "责任单位", "责任人", "实施步骤", "完成时限", "状态", "预警",
                "最近进展")
_CENTRED = {TaskColumn.NO, TaskColumn.STEPS, TaskColumn.STATUS, TaskColumn.GRADE}


@dataclass
class _Group:
    label: str
    tasks: list[CampaignTask]

    @property
    def text(self) -> str:
        return f"{self.label}（{len(self.tasks)}项）"


class CampaignTasksModel(SectionTreeModel):
    """Groups (所属方案, or else 阶段) as top-level rows, their tasks below; read-only."""

    headers = TASK_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._today = date.today()
        self._year = self._today.year

    def set_tasks(self, tasks: list[CampaignTask], phases: list[Phase], today: date,
                  year: int) -> None:
        self.beginResetModel()
        self._today = today
        self._year = year
        self._groups = [_Group(label, members) for label, members in group_tasks(tasks, phases)]
        self.endResetModel()

    def clear(self) -> None:
        self.set_tasks([], [], self._today, self._year)

    # --- Queries ---------------------------------------------------------------------------

    def group_count(self) -> int:
        return len(self._groups)

    def task_count(self) -> int:
        return sum(len(g.tasks) for g in self._groups)

    def tasks(self) -> list[CampaignTask]:
        return [task for g in self._groups for task in g.tasks]

    def task(self, index: QModelIndex) -> CampaignTask | None:
        return self.record(index)


    def first_task_index(self) -> QModelIndex:
        return self.first_record_index()

    # --- QAbstractItemModel ----------------------------------------------------------------

    def section_rows(self) -> int:
        return len(self._groups)

    def section_children(self, section_row: int) -> Sequence[Any]:
        return self._groups[section_row].tasks

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == SECTION_ID:
            return self._group_data(self._groups[index.row()], index.column(), role)
        task = self._groups[index.internalId() - 1].tasks[index.row()]
        return self._task_data(task, TaskColumn(index.column()), role)

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return group.text if column == 0 else None
        if role == SORT_ROLE:
            return group.label
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(SECTION_BACKGROUND)
        return None

    def _task_data(self, task: CampaignTask, column: TaskColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, column)
        if role == SORT_ROLE:
            return self._sort_key(task, column)
        if role == TASK_ID_ROLE:
            return task.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(task, column)
        if column == TaskColumn.GRADE and task.status is not Status.CLOSED:
            grade = task.grade(self._today)
            if role == Qt.ItemDataRole.BackgroundRole:
                return grade_background(grade)
            if role == Qt.ItemDataRole.ForegroundRole:
                return grade_foreground(grade)
        if role == Qt.ItemDataRole.ForegroundRole and task.status is Status.CLOSED:
            return QColor(CLOSED_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, task: CampaignTask, column: TaskColumn) -> str:
        match column:
            case TaskColumn.NO:
                return str(task.no)
            case TaskColumn.TEXT:
                return task.text
            case TaskColumn.UNIT:
                return task.unit
            case TaskColumn.PERSON:
                return task.person
            case TaskColumn.STEPS:
                return steps_text(task)
            case TaskColumn.DEADLINE:
                return deadline_text(task, self._year)
            case TaskColumn.STATUS:
                return task.status.value
            case TaskColumn.GRADE:
                return "—" if task.status is Status.CLOSED else task.grade(self._today).value
            case TaskColumn.PROGRESS:
                return progress_text(task)

    def _sort_key(self, task: CampaignTask, column: TaskColumn) -> Any:
        match column:
            case TaskColumn.NO:
                return task.position
            case TaskColumn.DEADLINE:
                return iso(task.deadline) or "9999"
            case TaskColumn.STATUS:
                return STATUS_ORDER[task.status]
            case TaskColumn.GRADE:
                return GRADE_ORDER[task.grade(self._today)]
            case TaskColumn.PROGRESS:
                return iso(task.last_progress_date)
            case _:
                return self._display(task, column)

    def _tooltip(self, task: CampaignTask, column: TaskColumn) -> str:
        match column:
            case TaskColumn.TEXT:
                return rich_tooltip(f"第{task.no}项（{task.group or task.phase_name}）",
                                    task.text)
            case TaskColumn.DEADLINE:
                return deadline_tooltip(task)
            case TaskColumn.GRADE:
                return grade_text(task, self._today)
            case TaskColumn.STATUS:
                remark = f"\n{task.status_remark}" if task.status_remark else ""
                return status_text(task) + remark
            case TaskColumn.STEPS:
                return f"实施步骤{task.steps_total}步，已完成{task.steps_done}步" \
                    if task.steps_total else "未列实施步骤"
            case TaskColumn.PROGRESS:
                return rich_tooltip(progress_text(task))
            case _:
                return self._display(task, column)


STEP_HEADERS = ("完成", "实施步骤", "节点", "期限")


class StepsModel(QAbstractTableModel):
    """A task's steps; ticking the first column asks for the change (``toggle_requested``)
    instead of writing — the tab makes it an undoable command."""

    toggle_requested = Signal(int, bool)  # step position (1-based), done

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[TaskStep] = []
        self._today = date.today()

    def set_steps(self, steps: list[TaskStep], today: date) -> None:
        self.beginResetModel()
        self._steps = list(steps)
        self._today = today
        self.endResetModel()

    def steps(self) -> list[TaskStep]:
        return list(self._steps)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(STEP_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(STEP_HEADERS):
            return STEP_HEADERS[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self._steps[index.row()]
        column = index.column()
        if column == 0 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return iso(step.done_on) if step.done else ""
            if column == 1:
                return f"{step.position}. {step.text}"
            if column == 2:
                return step.node_phrase
            return iso(step.deadline)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return (f"{iso(step.done_on)}完成" if step.done and step.done_on
                        else "已完成" if step.done else "勾选表示该步骤已完成")
            if column == 1:
                return rich_tooltip(step.text)
            if column in (2, 3) and step.node_rule:
                return step.node_rule
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and not step.done \
                and step.deadline is not None and step.deadline < self._today:
            return QColor("#9C0006")
        return None

    def setData(self, index: QModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 \
                or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        step = self._steps[index.row()]
        if checked != step.done:
            self.toggle_requested.emit(step.position, checked)
        return False  # the tab reloads the steps once the change is made
