"""Small shared widgets and helpers: dates, form dialogs, empty-state labels, record lists."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.ui.font_scale import relative_font

DATE_FORMAT = "yyyy-MM-dd"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(value), parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def empty_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A friendly, centred, grey explanation where content will appear."""
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    relative_font(label, 1.2).setStyleSheet("color: #666; padding: 24px;")
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    return relative_font(QLabel(text, parent), 1.15, bold=True)


def first_field(window: QWidget, box: QDialogButtonBox) -> QWidget | None:
    """The first widget after ``window`` in its tab order that takes focus outside ``box``."""
    tab = Qt.FocusPolicy.TabFocus
    widget = window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() & tab == tab and widget.isVisibleTo(window) \
                and widget.isEnabled() and not box.isAncestorOf(widget) \
                and widget.window() is window:
            return widget
        widget = widget.nextInFocusChain()
    return None


def record_table(model: QAbstractItemModel) -> QTableView:
    """A read-only list of records: whole rows chosen one at a time, alternating colours, no
    row numbers, one line of text a row, columns the user can widen."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class FormDialog(QDialog):
    """A dialog with a form, 确定/取消, and a red line explaining why 确定 did nothing."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """Start in the first field: subclasses add their fields after the buttons exist, so
        without this 确定 would take the focus; Tab then walks the form, 确定, 取消, around."""
        super().showEvent(event)
        focus = self.focusWidget()
        if focus is None or self.buttons.isAncestorOf(focus):
            field = first_field(self, self.buttons)
            if field is not None:
                field.setFocus(Qt.FocusReason.TabFocusReason)

    def validate(self) -> str | None:
        """Why the input cannot be accepted, or None when it is fine."""
        return None

    def accept(self) -> None:
        problem = self.validate()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()
