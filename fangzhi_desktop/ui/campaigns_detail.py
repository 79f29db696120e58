"""The right-hand pane of the campaign ledger: one task, its steps (tick to complete), its log
and the edit buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import CampaignTask, TaskStep
from fangzhi_desktop.domain.workpoints import Extension, LogEntry, Status
from fangzhi_desktop.ui.campaign_format import grade_text, short_date
from fangzhi_desktop.ui.campaigns_model import StepsModel
from fangzhi_desktop.ui.font_scale import relative_font
from fangzhi_desktop.ui.formatting import GRADE_BACKGROUND, GRADE_FOREGROUND, cn_date
from fangzhi_desktop.ui.record_card import record_card, value_label
from fangzhi_desktop.ui.widgets import empty_label, heading
from fangzhi_desktop.ui.workpoints_model import LogModel

CLOSED_STYLE = "background: #E0E0E0; color: #444; border-radius: 3px;"



def _table(model: object, min_height: int) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setMinimumHeight(min_height)
    return view


class TaskDetailPane(QWidget):
    """Shows one task; the buttons emit action names, a ticked step ``step_toggled``."""

    action_requested = Signal(str)  # progress, urge, status, extend, close, edit, history
    step_toggled = Signal(int, bool)  # position, done

    ACTIONS = (("progress", "添加进展…"), ("urge", "催办…"), ("status", "修改状态…"),
               ("extend", "延期…"), ("close", "销号…"), ("edit", "编辑任务…"),
               ("history", "修改记录…"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: CampaignTask | None = None
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(empty_label("在左侧选择一项任务，查看详情、记录进展、销号。"))
        self.stack.addWidget(self._build_details())

    def _build_details(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 4, 4, 4)
        self.title = heading("")
        self.title.setWordWrap(True)
        self.group = QLabel()
        self.group.setWordWrap(True)
        self.group.setStyleSheet("color: #666;")
        self.text = value_label()
        relative_font(self.text, 1.2)
        self.unit = value_label()
        self.deadline = value_label()
        self.deadline_source = value_label()
        self.deadline_source.setStyleSheet("color: #555;")
        self.extensions = value_label()
        self.status = value_label()
        self.grade = QLabel()
        self.grade.setContentsMargins(6, 1, 6, 1)

        scroll = record_card(
            [self.title, self.group, self.text],
            [("责　　任：", self.unit), ("完成时限：", self.deadline),
             ("时限依据：", self.deadline_source), ("延期记录：", self.extensions),
             ("状　　态：", self.status)],
            self.grade)
        scroll.setMinimumHeight(110)
        layout.addWidget(scroll, 5)

        self.steps_title = heading("实施步骤")
        layout.addWidget(self.steps_title)
        self.steps_model = StepsModel(self)
        self.steps_model.toggle_requested.connect(self.step_toggled)
        self.steps_view = _table(self.steps_model, 40)
        self.steps_view.setToolTip("勾选表示该步骤已完成（可撤销）")
        header = self.steps_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.steps_empty = QLabel("未列实施步骤（可在“编辑任务…”中添加）。")
        self.steps_empty.setStyleSheet("color: #666;")
        layout.addWidget(self.steps_view)
        layout.addWidget(self.steps_empty)

        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (name, text) in enumerate(self.ACTIONS):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, a=name: self.action_requested.emit(a))
            buttons.addWidget(button, n // 3, n % 3)
            self.buttons[name] = button
        layout.addLayout(buttons)

        layout.addWidget(heading("督办记录"))
        self.log_model = LogModel(self)
        self.log_view = _table(self.log_model, 56)
        header = self.log_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.log_empty = QLabel("还没有进展或催办记录。")
        self.log_empty.setStyleSheet("color: #666;")
        layout.addWidget(self.log_view, 2)
        layout.addWidget(self.log_empty)
        return page

    def clear(self) -> None:
        self.task = None
        self.log_model.set_entries([])
        self.steps_model.set_steps([], date.today())
        self.stack.setCurrentIndex(0)

    def show_task(self, task: CampaignTask, year: int, steps: list[TaskStep],
                  log: list[LogEntry], extensions: list[Extension], today: date) -> None:
        self.task = task
        self.title.setText(f"第{task.no}项任务")
        where = [x for x in (task.group, task.phase_name) if x]
        self.group.setText(" · ".join(where))
        self.group.setVisible(bool(where))
        self.text.setText(task.text)
        self.unit.setText("，".join(x for x in (task.unit, task.person) if x) or "（未填写）")
        if task.deadline is None:
            self.deadline.setText("不设时限（长期）")
        else:
            text = f"{task.deadline_phrase}（{cn_date(task.deadline)}）" \
                if task.deadline_phrase else cn_date(task.deadline)
            if task.extensions:
                text += f"\n已延期{task.extensions}次，原定{cn_date(task.deadline_issued)}"
            self.deadline.setText(text)
        self.deadline_source.setText(task.deadline_rule or "—")
        self.extensions.setText("\n".join(
            f"{cn_date(e.decided_on)}决定：{short_date(e.old_deadline, year)} → "
            f"{short_date(e.new_deadline, year)}" + (f"（{e.reason}）" if e.reason else "")
            for e in extensions) or "无")
        status = task.status.value
        if task.status is Status.CLOSED:
            status += f"（{cn_date(task.status_date)}，{task.closed_by}确认）"
        elif task.status_date and task.status is not Status.NOT_STARTED:
            status += f"（{cn_date(task.status_date)}）"
        if task.status_remark:
            status += f"\n{task.status_remark}"
        self.status.setText(status)
        grade = task.grade(today)
        self.grade.setText(f"{grade.value} · {grade_text(task, today)}"
                           if task.status is not Status.CLOSED else "已销号")
        self.grade.setStyleSheet(
            CLOSED_STYLE if task.status is Status.CLOSED else
            f"background: {GRADE_BACKGROUND[grade]}; color: {GRADE_FOREGROUND[grade]};"
            " border-radius: 3px;")
        self.buttons["close"].setEnabled(task.status is not Status.CLOSED)
        self.buttons["extend"].setEnabled(task.deadline is not None
                                          and task.status is not Status.CLOSED)
        self.steps_model.set_steps(steps, today)
        self.steps_title.setText(f"实施步骤（{task.steps_done}/{task.steps_total} 完成）"
                                 if steps else "实施步骤")
        rows = self.steps_view.verticalHeader().defaultSectionSize() * len(steps)
        self.steps_view.setFixedHeight(min(rows, 3 * self.steps_view.verticalHeader()
                                           .defaultSectionSize())
                                       + self.steps_view.horizontalHeader().height() + 4)
        self.steps_view.setVisible(bool(steps))
        self.steps_empty.setVisible(not steps)
        self.log_model.set_entries(log)
        self.log_view.setVisible(bool(log))
        self.log_empty.setVisible(not log)
        self.stack.setCurrentIndex(1)
