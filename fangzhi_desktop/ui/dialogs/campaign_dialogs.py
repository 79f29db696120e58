"""Small dialogs of the campaign ledger: progress and 催办, status, 销号, extension, editing a
task (its deadline typed as a date or a week phrase, shown resolved), a new campaign.

Each has ``value()`` and a classmethod ``ask(...)`` that runs it modally and returns the value
or None; tests replace ``ask``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import CampaignTask, Phase, TaskStep
from fangzhi_desktop.domain.deadlines import Deadline
from fangzhi_desktop.domain.workpoints import EntryKind, Status
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.campaign_followup import TaskStatusFields
from fangzhi_desktop.storage.campaigns import CampaignFields, StepFields, TaskFields
from fangzhi_desktop.ui.dialogs.item_dialogs import ExtensionForm, LogForm, LogValue
from fangzhi_desktop.ui.formatting import cn_date
from fangzhi_desktop.ui.widgets import FormDialog, date_edit, from_qdate

Resolver = Callable[[str], Deadline]  # raises FangzhiError when the phrase names no date
HINT_STYLE = "color: #555;"
ERROR_STYLE = "color: #B00020;"


def _text_box(text: str = "", height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def _task_label(task: CampaignTask) -> QLabel:
    label = QLabel(f"第{task.no}项：{task.text}")
    label.setWordWrap(True)
    label.setStyleSheet("color: #444;")
    return label


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class TaskLogDialog(LogForm):
    """添加进展 / 催办 on a task (the reporter defaults to the task's responsible person)."""

    def __init__(self, parent: QWidget | None, task: CampaignTask, today: date,
                 kind: EntryKind = EntryKind.PROGRESS) -> None:
        super().__init__(parent, _task_label(task), today, kind,
                         reporter=task.person if kind is EntryKind.PROGRESS else "",
                         urge_hint="如：请于本周内报送进展情况和预计完成时间。")

    @classmethod
    def ask(cls, parent: QWidget | None, task: CampaignTask, today: date,
            kind: EntryKind = EntryKind.PROGRESS) -> LogValue | None:
        dialog = cls(parent, task, today, kind)
        return dialog.value() if dialog.exec() else None


class TaskStatusDialog(FormDialog):
    """修改状态: 未启动 / 推进中 / 已完成 (销号 has its own dialog), its date and a remark."""

    def __init__(self, parent: QWidget | None, task: CampaignTask, today: date) -> None:
        super().__init__(parent, "修改状态")
        self.task = task
        self.form.addRow(_task_label(task))
        self.status = QComboBox()
        for s in Status:
            if s is not Status.CLOSED:
                self.status.addItem(s.value, s.value)
        current = task.status if task.status is not Status.CLOSED else Status.DONE
        self.status.setCurrentIndex(self.status.findData(current.value))
        self.status_date = date_edit(task.status_date or today)
        self.remark = QLineEdit(task.status_remark)
        self.remark.setPlaceholderText("如：已报送总结材料")
        self.form.addRow("状态", self.status)
        self.form.addRow("日期", self.status_date)
        self.form.addRow("备注", self.remark)
        if task.status is Status.CLOSED:
            self.form.addRow(_hint(f"该任务已于{cn_date(task.status_date)}销号（{task.closed_by}"
                                   "确认）。修改状态将撤销销号。"))

    def value(self) -> TaskStatusFields:
        status = Status(self.status.currentData())
        when = None if status is Status.NOT_STARTED else from_qdate(self.status_date.date())
        return TaskStatusFields(status, when, self.remark.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, task: CampaignTask,
            today: date) -> TaskStatusFields | None:
        dialog = cls(parent, task, today)
        return dialog.value() if dialog.exec() else None


class CloseOffDialog(FormDialog):
    """销号: the date and who confirmed the task done."""

    def __init__(self, parent: QWidget | None, task: CampaignTask, today: date) -> None:
        super().__init__(parent, "销号")
        self.form.addRow(_task_label(task))
        self.on = date_edit(today)
        self.confirmed_by = QLineEdit()
        self.confirmed_by.setPlaceholderText("由谁确认完成，如：王建华")
        self.remark = QLineEdit(task.status_remark)
        self.remark.setPlaceholderText("如：经督查核实，完成情况属实")
        self.form.addRow("销号日期", self.on)
        self.form.addRow("确认人", self.confirmed_by)
        self.form.addRow("备注", self.remark)
        if task.status is not Status.DONE:
            self.form.addRow(_hint(f"该任务目前的状态是“{task.status.value}”。销号表示已核实完成。"))
        self.confirmed_by.setFocus()

    def validate(self) -> str | None:
        return None if self.confirmed_by.text().strip() else "请填写确认人（由谁确认完成）。"

    def value(self) -> tuple[date, str, str]:
        return (from_qdate(self.on.date()), self.confirmed_by.text().strip(),
                self.remark.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, task: CampaignTask,
            today: date) -> tuple[date, str, str] | None:
        dialog = cls(parent, task, today)
        return dialog.value() if dialog.exec() else None


class TaskExtensionDialog(ExtensionForm):
    """延期 of a task (the issued deadline and the count shown once it has been extended)."""

    def __init__(self, parent: QWidget | None, task: CampaignTask, today: date) -> None:
        super().__init__(parent, _task_label(task), task.deadline, today,
                         issued=task.deadline_issued, extensions=task.extensions, step_days=14)
        self.task = task

    def value(self) -> tuple[date, str, date]:
        value = self.extension()
        return value.new_deadline, value.reason, value.decided_on

    @classmethod
    def ask(cls, parent: QWidget | None, task: CampaignTask,
            today: date) -> tuple[date, str, date] | None:
        dialog = cls(parent, task, today)
        return dialog.value() if dialog.exec() else None


class TaskEditDialog(FormDialog):
    """编辑任务 / 添加任务: text, unit, person, plan, phase, the deadline as a date or a week
    phrase (``第12周``, ``3月第2周``, ``6月底前``, ``2026-03-20``) shown resolved with its rule,
    and the implementation steps with their nodes."""

    def __init__(self, parent: QWidget | None, resolve: Resolver, phases: Sequence[Phase],
                 task: CampaignTask | None = None, steps: Sequence[TaskStep] = (),
                 units: Sequence[str] = ()) -> None:
        super().__init__(parent, f"编辑第{task.no}项任务" if task else "添加任务")
        self.setMinimumWidth(620)
        self.resolve = resolve
        self.task = task
        self._original_steps = [(s.text, s.node_phrase) for s in steps]
        self.text = _text_box(task.text if task else "", 90)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(list(units))
        self.unit.setCurrentText(task.unit if task else "")
        self.person = QLineEdit(task.person if task else "")
        self.group = QLineEdit(task.group if task else "")
        self.group.setPlaceholderText("所属方案或任务类别（可不填）")
        self.phase = QComboBox()
        self.phase.addItem("（不属于任何阶段）", None)
        for phase in phases:
            self.phase.addItem(phase.label, phase.id)
        if task is not None and task.phase_id is not None:
            self.phase.setCurrentIndex(max(0, self.phase.findData(task.phase_id)))
        original = task.deadline_phrase or (task.deadline.isoformat() if task and task.deadline
                                            else "") if task else ""
        self._original_deadline = original
        self.deadline = QLineEdit(original)
        self.deadline.setPlaceholderText("如：第12周、3月第2周、6月底前、2026-03-20；不填表示不设时限")
        self.resolved = _hint()
        self.deadline.textChanged.connect(self._show_resolved)
        self.steps = QTableWidget(0, 2)
        self.steps.setHorizontalHeaderLabels(["实施步骤", "节点（如：第10周）"])
        self.steps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.steps.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.verticalHeader().hide()
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setMinimumHeight(110)
        for text, node in self._original_steps:
            self._add_step_row(text, node)
        add = QPushButton("添加步骤")
        remove = QPushButton("删除所选步骤")
        add.clicked.connect(lambda: self._add_step_row("", ""))
        remove.clicked.connect(self._remove_step)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(add)
        step_buttons.addWidget(remove)
        step_buttons.addStretch(1)
        steps_box = QVBoxLayout()
        steps_box.addWidget(self.steps)
        steps_box.addLayout(step_buttons)

        self.form.addRow("任务", self.text)
        self.form.addRow("责任单位", self.unit)
        self.form.addRow("责任人", self.person)
        self.form.addRow("所属方案", self.group)
        self.form.addRow("所属阶段", self.phase)
        self.form.addRow("完成时限", self.deadline)
        self.form.addRow("", self.resolved)
        if task is not None and task.extensions:
            self.form.addRow("", _hint("该任务已延期，此处修改的是当前时限（原定时限保持不变）；"
                                       "正式延期请使用“延期…”。"))
        self.form.addRow("实施步骤", steps_box)
        self._show_resolved()

    def _add_step_row(self, text: str, node: str) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        self.steps.setItem(row, 0, QTableWidgetItem(text))
        self.steps.setItem(row, 1, QTableWidgetItem(node))

    def _remove_step(self) -> None:
        rows = sorted({i.row() for i in self.steps.selectedIndexes()}, reverse=True)
        for row in rows:
            self.steps.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.steps.item(row, column)
        return item.text().strip() if item is not None else ""

    def step_rows(self) -> list[tuple[str, str]]:
        rows = [(self._cell(r, 0), self._cell(r, 1)) for r in range(self.steps.rowCount())]
        return [(text, node) for text, node in rows if text or node]

    def resolved_deadline(self) -> Deadline | None:
        """What the typed deadline stands for (None: no time limit); raises when unknown."""
        text = self.deadline.text().strip()
        return self.resolve(text) if text else None

    def _show_resolved(self) -> None:
        try:
            found = self.resolved_deadline()
        except FangzhiError as exc:
            self.resolved.setText(exc.message)
            self.resolved.setStyleSheet(ERROR_STYLE)
            return
        if found is None:
            self.resolved.setText("不设完成时限（长期任务）")
        else:
            self.resolved.setText(f"即{cn_date(found.date)}（星期{'一二三四五六日'[found.date.weekday()]}）"
                                  f"；{found.rule}")
        self.resolved.setStyleSheet(HINT_STYLE)

    def validate(self) -> str | None:
        if not self.text.toPlainText().strip():
            return "任务内容不能为空。"
        try:
            self.resolved_deadline()
        except FangzhiError as exc:
            return exc.message
        if any(not text for text, _ in self.step_rows()):
            return "实施步骤的内容不能为空（不要的步骤请删除）。"
        for text, node in self.step_rows():
            if node:
                try:
                    self.resolve(node)
                except FangzhiError as exc:
                    return f"步骤“{text}”的节点：{exc.message}"
        return None

    def steps_changed(self) -> bool:
        return self.step_rows() != self._original_steps

    def value(self) -> TaskFields:
        task = self.task
        phrase = self.deadline.text().strip()
        if task is not None and phrase == self._original_deadline:
            deadline, rule, phrase = task.deadline, task.deadline_rule, task.deadline_phrase
        else:
            deadline, rule = None, None  # storage resolves the phrase on the calendar
        steps = tuple(StepFields(text, node) for text, node in self.step_rows())
        return TaskFields(self.text.toPlainText().strip(), self.unit.currentText().strip(),
                          self.person.text().strip(), phrase, deadline, rule,
                          self.phase.currentData(), self.group.text().strip(), steps)

    @classmethod
    def ask(cls, parent: QWidget | None, resolve: Resolver, phases: Sequence[Phase],
            task: CampaignTask | None = None, steps: Sequence[TaskStep] = (),
            units: Sequence[str] = ()) -> tuple[TaskFields, bool] | None:
        """The fields and whether the steps changed; None when cancelled."""
        dialog = cls(parent, resolve, phases, task, steps, units)
        return (dialog.value(), dialog.steps_changed()) if dialog.exec() else None


class NewCampaignDialog(FormDialog):
    """新建专项活动: its name, year and issuer (phases and tasks are added afterwards)."""

    def __init__(self, parent: QWidget | None, year: int) -> None:
        super().__init__(parent, "新建专项活动")
        self.setMinimumWidth(560)
        self.title = QLineEdit()
        self.title.setPlaceholderText("如：2027年地方志“进机关”专项行动实施方案")
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("印发单位（可不填）")
        self.purpose = _text_box(height=60)
        self.purpose.setPlaceholderText("活动目的或总体要求（可不填）")
        self.form.addRow("活动名称", self.title)
        self.form.addRow("活动年度", self.year)
        self.form.addRow("印发单位", self.issuer)
        self.form.addRow("活动目的", self.purpose)
        self.form.addRow(_hint("按周写的时限（第12周、3月第2周）在活动年度中计算。建好后可在台账中"
                               "添加任务；已有实施方案文件的，请用“导入实施方案…”。"))

    def validate(self) -> str | None:
        return None if self.title.text().strip() else "请填写活动名称。"

    def value(self) -> CampaignFields:
        return CampaignFields(self.title.text().strip(), self.year.value(),
                              self.issuer.text().strip(), self.purpose.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, year: int) -> CampaignFields | None:
        dialog = cls(parent, year)
        return dialog.value() if dialog.exec() else None


@dataclass(frozen=True)
class PhaseRow:
    """A phase as edited: ``id`` None for a new one; ``end`` None for 长期."""

    id: int | None
    name: str
    start: date | None
    end: date | None


class PhasesDialog(FormDialog):
    """编辑阶段: the phases of the 时间安排 (name, start, end; an empty end means 长期)."""

    def __init__(self, parent: QWidget | None, phases: Sequence[Phase]) -> None:
        super().__init__(parent, "编辑阶段")
        self.setMinimumWidth(600)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["阶段名称", "开始日期", "结束日期（空为长期）"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(160)
        for phase in phases:
            self.add_row(phase.name, phase.start.isoformat() if phase.start else "",
                         phase.end.isoformat() if phase.end else "", phase.id)
        add = QPushButton("添加阶段")
        remove = QPushButton("删除所选阶段")
        add.clicked.connect(lambda: self.add_row("", "", ""))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.table)
        box.addLayout(buttons)
        self.form.addRow(box)
        self.form.addRow(_hint("日期写作 2026-03-01。删除阶段不会删除任务（任务不再属于任何阶段）；"
                               "修改阶段日期不会改动已定的完成时限。"))

    def add_row(self, name: str, start: str, end: str, phase_id: int | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((name, start, end)):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, phase_id)
            self.table.setItem(row, column, item)

    def _remove(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def rows(self) -> list[PhaseRow]:
        """The phases as entered; raises ``FangzhiError`` on a bad date."""
        from fangzhi_desktop.ui.dialogs.import_preview_model import parse_date

        out = []
        for row in range(self.table.rowCount()):
            name = self._text(row, 0)
            dates = []
            for column in (1, 2):
                text = self._text(row, column)
                day = parse_date(text) if text else None
                if text and day is None:
                    raise FangzhiError(f"第{row + 1}行的日期“{text}”不对，应写作 2026-03-01。")
                dates.append(day)
            phase_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) \
                if self.table.item(row, 0) else None
            if name or any(dates):
                out.append(PhaseRow(phase_id, name, dates[0], dates[1]))
        return out

    def validate(self) -> str | None:
        try:
            rows = self.rows()
        except FangzhiError as exc:
            return exc.message
        for n, row in enumerate(rows, start=1):
            if not row.name:
                return f"第{n}个阶段没有名称。"
            if row.start is None:
                return f"阶段“{row.name}”没有开始日期。"
            if row.end is not None and row.end < row.start:
                return f"阶段“{row.name}”的结束日期早于开始日期。"
        return None

    @classmethod
    def ask(cls, parent: QWidget | None, phases: Sequence[Phase]) -> list[PhaseRow] | None:
        dialog = cls(parent, phases)
        return dialog.rows() if dialog.exec() else None
