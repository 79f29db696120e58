"""The top of a detail pane shared by 年度工作要点 and 专项活动: heading lines, a rule, then
labelled values (单位, 时限, 状态 …) ending with the 预警 badge, all in a frameless scroll area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def value_label() -> QLabel:
    """A wrapped, selectable plain-text value."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def record_card(heads: list[QWidget], rows: list[tuple[str, QWidget]],
                grade: QLabel) -> QScrollArea:
    """``heads`` above a rule, then ``rows`` as 标签：值 and ``grade`` as the 预警 row."""
    info = QWidget()
    form = QFormLayout(info)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for label, widget in rows:
        form.addRow(label, widget)
    grade_row = QHBoxLayout()
    grade_row.addWidget(grade)
    grade_row.addStretch(1)
    form.addRow("预　　警：", grade_row)

    body_widget = QWidget()
    body = QVBoxLayout(body_widget)
    body.setContentsMargins(0, 0, 0, 0)
    for widget in heads:
        body.addWidget(widget)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    body.addWidget(line)
    body.addWidget(info)
    body.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body_widget)
    return scroll
