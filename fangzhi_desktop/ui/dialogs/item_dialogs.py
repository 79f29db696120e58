"""Small dialogs for one work item: progress, follow-up, status, extension, correction.

Each has ``value()`` (what the user entered) and a classmethod ``ask(...)`` that runs it
modally and returns the value or None; tests replace ``ask``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from fangzhi_desktop.domain import deadlines
from fangzhi_desktop.domain.units import split_units
from fangzhi_desktop.domain.workpoints import EntryKind, Status, WorkItem
from fangzhi_desktop.storage.workpoints import ItemFields, StatusFields
from fangzhi_desktop.ui.formatting import cn_date, units_text
from fangzhi_desktop.ui.widgets import FormDialog, date_edit, from_qdate, to_qdate


def _text_box(text: str = "", height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def _item_label(item: WorkItem) -> QLabel:
    label = QLabel(f"第{item.no}条：{item.text}")
    label.setWordWrap(True)
    label.setStyleSheet("color: #444;")
    return label


@dataclass(frozen=True)
class LogValue:
    entry_date: date
    text: str
    reporter: str
    kind: EntryKind


class LogForm(FormDialog):
    """添加进展 / 催办 on a record (a work item, a campaign task): date, text, reporter, kind."""

    def __init__(self, parent: QWidget | None, heading: QWidget, today: date,
                 kind: EntryKind = EntryKind.PROGRESS, *, reporter: str = "",
                 urge_hint: str = "如：请于月底前报送进展情况。") -> None:
        super().__init__(parent, "添加进展" if kind is EntryKind.PROGRESS else "催办")
        self.form.addRow(heading)
        self.kind = QComboBox()
        for k in EntryKind:
            self.kind.addItem(k.value, k.value)
        self.kind.setCurrentIndex(list(EntryKind).index(kind))
        self.entry_date = date_edit(today)
        self.text = _text_box()
        self.text.setPlaceholderText("如：已完成初稿，正在征求意见。" if kind is EntryKind.PROGRESS
                                     else urge_hint)
        self.reporter = QLineEdit(reporter)
        self.reporter.setPlaceholderText("报告人或催办人（可不填）")
        self.form.addRow("类型", self.kind)
        self.form.addRow("日期", self.entry_date)
        self.form.addRow("内容", self.text)
        self.form.addRow("报告人", self.reporter)
        self.text.setFocus()

    def validate(self) -> str | None:
        return None if self.text.toPlainText().strip() else "请填写内容。"

    def value(self) -> LogValue:
        return LogValue(from_qdate(self.entry_date.date()), self.text.toPlainText().strip(),
                        self.reporter.text().strip(), EntryKind(self.kind.currentData()))


class LogEntryDialog(LogForm):
    """添加进展 / 催办 on a work item."""

    def __init__(self, parent: QWidget | None, item: WorkItem, today: date,
                 kind: EntryKind = EntryKind.PROGRESS) -> None:
        super().__init__(parent, _item_label(item), today, kind)

    @classmethod
    def ask(cls, parent: QWidget | None, item: WorkItem, today: date,
            kind: EntryKind = EntryKind.PROGRESS) -> LogValue | None:
        dialog = cls(parent, item, today, kind)
        return dialog.value() if dialog.exec() else None


class StatusDialog(FormDialog):
    """修改状态: one of the four statuses, the date it happened, a remark."""

    def __init__(self, parent: QWidget | None, item: WorkItem, today: date) -> None:
        super().__init__(parent, "修改状态")
        self.form.addRow(_item_label(item))
        self.status = QComboBox()
        for s in Status:
            self.status.addItem(s.value, s.value)
        self.status.setCurrentIndex(list(Status).index(item.status))
        self.has_date = QCheckBox("记录日期")
        self.status_date = date_edit(item.status_date or today)
        self.has_date.setChecked(item.status_date is not None or item.status is not
                                 Status.NOT_STARTED)
        self.has_date.toggled.connect(self.status_date.setEnabled)
        self.status_date.setEnabled(self.has_date.isChecked())
        row = QHBoxLayout()
        row.addWidget(self.has_date)
        row.addWidget(self.status_date, 1)
        self.remark = QLineEdit(item.status_remark)
        self.remark.setPlaceholderText("如：已报送总结材料")
        self.form.addRow("状态", self.status)
        self.form.addRow("日期", row)
        self.form.addRow("备注", self.remark)

    def value(self) -> StatusFields:
        when = from_qdate(self.status_date.date()) if self.has_date.isChecked() else None
        return StatusFields(Status(self.status.currentData()), when, self.remark.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, item: WorkItem, today: date) -> StatusFields | None:
        dialog = cls(parent, item, today)
        return dialog.value() if dialog.exec() else None


@dataclass(frozen=True)
class ExtensionValue:
    new_deadline: date
    reason: str
    decided_on: date


class ExtensionForm(FormDialog):
    """延期 of a record: the new deadline, why, and when it was decided; the issued deadline
    stays as the baseline (shown once there have been extensions)."""

    def __init__(self, parent: QWidget | None, heading: QWidget, deadline: date | None,
                 today: date, *, issued: date | None = None, extensions: int = 0,
                 step_days: int = 30) -> None:
        super().__init__(parent, "延期")
        self.deadline = deadline
        self.form.addRow(heading)
        self.form.addRow("现在的时限", QLabel(cn_date(deadline) if deadline else "不设时限"))
        if extensions and issued is not None:
            self.form.addRow("原定时限", QLabel(f"{cn_date(issued)}（已延期{extensions}次）"))
        self.new_deadline = date_edit(max(deadline or today, today) + timedelta(days=step_days))
        self.reason = _text_box(height=60)
        self.reason.setPlaceholderText("延期原因，如：需等待上级批复")
        self.decided_on = date_edit(today)
        self.form.addRow("延至", self.new_deadline)
        self.form.addRow("原因", self.reason)
        self.form.addRow("决定日期", self.decided_on)

    def validate(self) -> str | None:
        if from_qdate(self.new_deadline.date()) == self.deadline:
            return "新的期限与现在的期限相同。"
        if not self.reason.toPlainText().strip():
            return "请填写延期原因。"
        return None

    def extension(self) -> ExtensionValue:
        return ExtensionValue(from_qdate(self.new_deadline.date()),
                              self.reason.toPlainText().strip(),
                              from_qdate(self.decided_on.date()))


class ExtensionDialog(ExtensionForm):
    """延期 of a work item."""

    def __init__(self, parent: QWidget | None, item: WorkItem, today: date) -> None:
        super().__init__(parent, _item_label(item), item.deadline, today)
        self.item = item

    def value(self) -> ExtensionValue:
        return self.extension()

    @classmethod
    def ask(cls, parent: QWidget | None, item: WorkItem, today: date) -> ExtensionValue | None:
        dialog = cls(parent, item, today)
        return dialog.value() if dialog.exec() else None


class ItemEditDialog(FormDialog):
    """编辑条目: correct text, units, deadline phrase and date (not an extension)."""

    def __init__(self, parent: QWidget | None, item: WorkItem) -> None:
        super().__init__(parent, f"编辑第{item.no}条")
        self.setMinimumWidth(560)
        self.year = item.year
        self.text = _text_box(item.text, 120)
        self.lead = QLineEdit(units_text(item.lead))
        self.support = QLineEdit(units_text(item.support))
        for edit in (self.lead, self.support):
            edit.setPlaceholderText("多个单位用“、”分隔")
        self.phrase = QLineEdit(item.deadline_phrase)
        self.phrase.setPlaceholderText("如：6月底前、第三季度、年底前")
        self.deadline = date_edit(item.deadline)
        self.phrase.textEdited.connect(self._phrase_edited)
        self.form.addRow("工作任务", self.text)
        self.form.addRow("牵头单位", self.lead)
        self.form.addRow("配合单位", self.support)
        self.form.addRow("时限表述", self.phrase)
        self.form.addRow("完成时限", self.deadline)
        if item.extensions:
            note = QLabel("该条目已延期，此处修改的是当前时限；正式延期请使用“延期…”。")
            note.setWordWrap(True)
            note.setStyleSheet("color: #666;")
            self.form.addRow(note)

    def _phrase_edited(self, text: str) -> None:
        found = deadlines.find(text, self.year)
        if found is not None:
            self.deadline.setDate(to_qdate(found.date))

    def validate(self) -> str | None:
        if not self.text.toPlainText().strip():
            return "条目内容不能为空。"
        return None

    def value(self) -> ItemFields:
        return ItemFields(self.text.toPlainText().strip(), tuple(split_units(self.lead.text())),
                          tuple(split_units(self.support.text())), self.phrase.text().strip(),
                          from_qdate(self.deadline.date()))

    @classmethod
    def ask(cls, parent: QWidget | None, item: WorkItem) -> ItemFields | None:
        dialog = cls(parent, item)
        return dialog.value() if dialog.exec() else None
