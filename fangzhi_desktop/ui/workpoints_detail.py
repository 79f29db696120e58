"""The right-hand pane of the ledger: everything about one item, its log and edit buttons."""

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

from fangzhi_desktop.domain.workpoints import Extension, LogEntry, WorkItem
from fangzhi_desktop.ui.font_scale import relative_font
from fangzhi_desktop.ui.formatting import (
    GRADE_BACKGROUND,
    GRADE_FOREGROUND,
    cn_date,
    units_text,
)
from fangzhi_desktop.ui.record_card import record_card, value_label
from fangzhi_desktop.ui.widgets import empty_label, heading
from fangzhi_desktop.ui.workpoints_model import LogModel, grade_tooltip


class ItemDetailPane(QWidget):
    """Shows one item; the buttons emit the action names (the tab does the work)."""

    action_requested = Signal(str)  # "progress", "urge", "status", "extend", "edit", "history"

    ACTIONS = (("progress", "添加进展…"), ("urge", "催办…"), ("status", "修改状态…"),
               ("extend", "延期…"), ("edit", "编辑条目…"), ("history", "修改记录…"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: WorkItem | None = None
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(empty_label("在左侧选择一个条目，查看详情、记录进展。"))
        self.stack.addWidget(self._build_details())

    def _build_details(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 4, 4, 4)
        self.title = heading("")
        self.title.setWordWrap(True)
        self.section = QLabel()
        self.section.setStyleSheet("color: #666;")
        self.text = value_label()
        relative_font(self.text, 1.2)
        self.lead = value_label()
        self.support = value_label()
        self.deadline = value_label()
        self.deadline_source = value_label()
        self.extensions = value_label()
        self.status = value_label()
        self.grade = QLabel()
        self.grade.setContentsMargins(6, 1, 6, 1)

        scroll = record_card(
            [self.title, self.section, self.text],
            [("牵头单位：", self.lead), ("配合单位：", self.support),
             ("完成时限：", self.deadline), ("时限依据：", self.deadline_source),
             ("延期记录：", self.extensions), ("状　　态：", self.status)],
            self.grade)
        layout.addWidget(scroll, 5)

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
        self.log_view = QTableView()
        self.log_view.setModel(self.log_model)
        self.log_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_view.setWordWrap(False)
        self.log_view.setAlternatingRowColors(True)
        self.log_view.verticalHeader().hide()
        header = self.log_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.log_empty = QLabel("还没有进展或催办记录。")
        self.log_empty.setStyleSheet("color: #666;")
        self.log_view.setMinimumHeight(110)
        layout.addWidget(self.log_view, 2)
        layout.addWidget(self.log_empty)
        return page

    def clear(self) -> None:
        self.item = None
        self.log_model.set_entries([])
        self.stack.setCurrentIndex(0)

    def show_item(self, item: WorkItem, log: list[LogEntry], extensions: list[Extension],
                  today: date) -> None:
        self.item = item
        self.title.setText(f"{item.year}年 第{item.no}条")
        section = f"{item.section_ordinal}、{item.section_title}" if item.section_ordinal \
            else item.section_title
        self.section.setText(section + (f" · {item.subsection}" if item.subsection else ""))
        self.text.setText(item.text)
        self.lead.setText(units_text(item.lead) or "（未填写）")
        self.support.setText(units_text(item.support) or "—")
        deadline = cn_date(item.deadline)
        if item.extensions:
            deadline += f"（已延期{item.extensions}次，原定{cn_date(item.deadline_issued)}）"
        self.deadline.setText(deadline)
        source = [f"通知原文“{item.deadline_phrase}”"] if item.deadline_phrase else []
        source += [item.deadline_rule] if item.deadline_rule else []
        self.deadline_source.setText("；".join(source) or "通知未写明时限")
        self.extensions.setText("\n".join(
            f"{cn_date(e.decided_on)}决定：{cn_date(e.old_deadline)} → {cn_date(e.new_deadline)}"
            + (f"（{e.reason}）" if e.reason else "") for e in extensions) or "无")
        status = item.status.value
        if item.status_date:
            status += f"（{cn_date(item.status_date)}）"
        if item.status_remark:
            status += f"\n{item.status_remark}"
        self.status.setText(status)
        grade = item.grade(today)
        self.grade.setText(f"{grade.value} · {grade_tooltip(item, today)}")
        self.grade.setStyleSheet(
            f"background: {GRADE_BACKGROUND[grade]}; color: {GRADE_FOREGROUND[grade]};"
            " border-radius: 3px;")
        self.log_model.set_entries(log)
        self.log_view.setVisible(bool(log))
        self.log_empty.setVisible(not log)
        self.stack.setCurrentIndex(1)
