"""Dialogs of the 年鉴编纂 tab: a stage's date, a review, and the 接收来稿 preview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult
from fangzhi_desktop.ui.widgets import FormDialog, date_edit, from_qdate


class StageDateDialog(FormDialog):
    """开始 / 完成 a stage: on which day."""

    def __init__(self, parent: QWidget | None, title: str, what: str, when: date) -> None:
        super().__init__(parent, title)
        label = QLabel(what)
        label.setWordWrap(True)
        self.form.addRow("阶段", label)
        self.date = date_edit(when)
        self.form.addRow("日期", self.date)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, what: str, when: date) -> date | None:
        dialog = cls(parent, title, what, when)
        return from_qdate(dialog.date.date()) if dialog.exec() else None


@dataclass(frozen=True)
class ReviewChoice:
    level: ReviewLevel
    result: ReviewResult
    reason: str
    on: date
    reviewer: str = ""


class ReviewDialog(FormDialog):
    """审核: level (初审/复审/终审), result (通过/退改), reason (required for 退改), date."""

    def __init__(self, parent: QWidget | None, title: str, when: date,
                 level: ReviewLevel = ReviewLevel.FIRST) -> None:
        super().__init__(parent, "审核来稿")
        label = QLabel(title)
        label.setWordWrap(True)
        self.form.addRow("条目", label)
        self.level = QComboBox()
        for value in ReviewLevel:
            self.level.addItem(value.value, value)
        self.level.setCurrentIndex(list(ReviewLevel).index(level))
        self.form.addRow("审级", self.level)
        self.result = QComboBox()
        for value in ReviewResult:
            self.result.addItem(value.value, value)
        self.form.addRow("结论", self.result)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("退改须写明原因，如：数据与统计公报不一致")
        self.form.addRow("意见/原因", self.reason)
        self.reviewer = QLineEdit()
        self.form.addRow("审稿人", self.reviewer)
        self.date = date_edit(when)
        self.form.addRow("审核日期", self.date)

    def validate(self) -> str | None:
        if ReviewResult(self.result.currentData()) is ReviewResult.RETURNED and not self.reason.text().strip():
            return "退改须写明原因，以便供稿单位修改。"
        return None

    def value(self) -> ReviewChoice:
        return ReviewChoice(ReviewLevel(self.level.currentData()),
                            ReviewResult(self.result.currentData()),
                            self.reason.text().strip(), from_qdate(self.date.date()),
                            self.reviewer.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, when: date,
            level: ReviewLevel = ReviewLevel.FIRST) -> ReviewChoice | None:
        dialog = cls(parent, title, when, level)
        return dialog.value() if dialog.exec() else None


class ManuscriptsPreviewDialog(QDialog):
    """What 接收来稿 would record (matched) and what it could not use; 确定 saves."""

    def __init__(self, parent: QWidget | None, preview: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle("接收来稿：核对")
        self.setMinimumSize(720, 460)
        layout = QVBoxLayout(self)
        changes = len(preview.changes)
        head = QLabel(f"共匹配 {len(preview.matches)} 份来稿（其中新收或更新 {changes} 份），"
                      f"未能匹配 {len(preview.unmatched)} 份，不能使用 {len(preview.rejected)} 份。")
        head.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(QLabel("<b>已匹配</b>"))
        self.matched = QListWidget()
        self.matched.addItems([m.describe() for m in preview.matches])
        layout.addWidget(self.matched, 2)
        layout.addWidget(QLabel("<b>未匹配 / 提示</b>"))
        self.problems = QListWidget()
        self.problems.addItems([p.text() for p in [*preview.unmatched, *preview.warnings]]
                               + [e.message for e in preview.rejected])
        layout.addWidget(self.problems, 1)
        if preview.rejected:
            note = QLabel("有文件不能使用，整批不能保存；请处理后重新选择。")
            note.setStyleSheet("color: #B00020;")
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"保存 {changes} 份来稿")
        ok.setEnabled(changes > 0 and not preview.rejected)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, preview: Any) -> bool:
        return bool(cls(parent, preview).exec())
