"""Dialogs of the 年鉴编纂 tab: a stage's date, a review, the 接收来稿 preview, a 篇目 node
(新增/重命名/供稿单位/预算), the stage plan editor and a 供稿单位's contact and deadline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult
from fangzhi_desktop.domain.yearbook_stages import Stage, TemplateStage
from fangzhi_desktop.storage.yearbook import StageFields, UnitFields
from fangzhi_desktop.storage.yearbook_tree import NodeFields
from fangzhi_desktop.ui.widgets import FormDialog, date_edit, from_qdate, to_qdate


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


NODE_TITLE, NODE_UNIT, NODE_BUDGET = "title", "unit", "budget"
INHERIT_HINT = "留空：沿用上级篇目的供稿单位；输入新名称即新建单位"


def _budget_box(value: int | None, maximum: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSingleStep(100 if maximum > 1000 else 1)
    box.setSpecialValueText("未定额")
    box.setSuffix(suffix)
    box.setValue(value or 0)
    return box


class NodeDialog(FormDialog):
    """A 篇目 node's name, 供稿单位 (from the shared unit directory, or a new one typed in)
    and budgets; ``show`` chooses which of them the dialog asks for."""

    def __init__(self, parent: QWidget | None, title: str, fields: NodeFields,
                 units: Sequence[str], show: Sequence[str] = (NODE_TITLE, NODE_UNIT, NODE_BUDGET),
                 what: str = "") -> None:
        super().__init__(parent, title)
        self.fields = fields
        if what:
            label = QLabel(what)
            label.setWordWrap(True)
            self.form.addRow("篇目", label)
        self.name = QLineEdit(fields.title)
        self.name.setPlaceholderText("如：气候、农业综述、2026年全县粮食生产")
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItems(["", *units])
        self.unit.setCurrentText(fields.unit)
        line = self.unit.lineEdit()
        if line is not None:
            line.setPlaceholderText(INHERIT_HINT)
        self.unit.setToolTip(INHERIT_HINT)
        self.words = _budget_box(fields.word_budget, 1_000_000, " 字")
        self.photos = _budget_box(fields.photo_budget, 999, " 幅")
        if NODE_TITLE in show:
            self.form.addRow("名称", self.name)
        if NODE_UNIT in show:
            self.form.addRow("供稿单位", self.unit)
        if NODE_BUDGET in show:
            self.form.addRow("字数预算", self.words)
            self.form.addRow("图片预算", self.photos)

    def validate(self) -> str | None:
        if not self.name.text().strip():
            return "请填写篇目名称。"
        return None

    def value(self) -> NodeFields:
        return replace(self.fields, title=self.name.text().strip(),
                       unit=self.unit.currentText().strip(),
                       word_budget=self.words.value() or None,
                       photo_budget=self.photos.value() or None)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, fields: NodeFields, units: Sequence[str],
            show: Sequence[str] = (NODE_TITLE, NODE_UNIT, NODE_BUDGET),
            what: str = "") -> NodeFields | None:
        dialog = cls(parent, title, fields, units, show, what)
        return dialog.value() if dialog.exec() else None


STAGE_HEADERS = ("阶段", "计划开始", "计划结束", "负责人", "备注")
STAGE_ID_ROLE = 0x0101  # Qt.UserRole + 1 on the name cell: (stage id | None, StageFields)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _parse_day(text: str) -> date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    year, month, day = (int(part) for part in text.split("-"))
    return date(year, month, day)


class StagePlanDialog(QDialog):
    """编辑阶段计划: the volume's stages as rows (name, planned start and end, owner, remarks);
    添加/删除/上移/下移, and 另存为模板 (the office's stages for new volumes)."""

    def __init__(self, parent: QWidget | None, title: str, stages: Sequence[Stage],
                 save_template: Callable[[list[TemplateStage]], bool] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"编纂阶段计划 — {title}")
        self.setMinimumSize(760, 420)
        self.save_template = save_template
        self.table = QTableWidget(0, len(STAGE_HEADERS))
        self.table.setHorizontalHeaderLabels(STAGE_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.resizeSection(column, 100)
        for stage in stages:
            self.add_row(stage.id, StageFields(
                stage.name, stage.planned_start, stage.planned_end, stage.actual_start,
                stage.actual_end, stage.owner, stage.remarks, stage.publication))
        hint = QLabel("日期写成 2026-03-15；实际开始/完成日期在阶段条上用“开始…/完成…”记录。")
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        self.add_button = QPushButton("添加阶段")
        self.remove_button = QPushButton("删除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.template_button = QPushButton("另存为本办模板…")
        self.template_button.setToolTip("以后新建的年鉴卷按这些阶段（月-日）安排；已有各卷不变")
        self.template_button.setEnabled(save_template is not None)
        self.add_button.clicked.connect(lambda: self.add_row(None, StageFields("新阶段"),
                                                             select=True))
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.template_button.clicked.connect(self._save_template)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.template_button)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def add_row(self, stage_id: int | None, fields: StageFields, select: bool = False) -> int:
        row = self.table.rowCount()
        current = self.table.currentRow()
        if select and current >= 0:
            row = current + 1
        self.table.insertRow(row)
        texts = (fields.name, _iso(fields.planned_start), _iso(fields.planned_end),
                 fields.owner, fields.remarks)
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            if column == 0:
                cell.setData(STAGE_ID_ROLE, (stage_id, fields))
            self.table.setItem(row, column, cell)
        if select:
            self.table.setCurrentCell(row, 0)
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        items = [self.table.takeItem(row, c) for c in range(self.table.columnCount())]
        self.table.removeRow(row)
        self.table.insertRow(target)
        for column, item in enumerate(items):
            self.table.setItem(target, column, item)
        self.table.setCurrentCell(target, 0)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def rows(self) -> list[tuple[int | None, StageFields]]:
        """The stages as edited (raises ``ValueError`` with the reason when one is wrong)."""
        out = []
        for row in range(self.table.rowCount()):
            stage_id, old = self.table.item(row, 0).data(STAGE_ID_ROLE)
            name = self._text(row, 0)
            if not name:
                raise ValueError(f"第{row + 1}行：阶段名称不能为空。")
            try:
                start, end = _parse_day(self._text(row, 1)), _parse_day(self._text(row, 2))
            except ValueError:
                raise ValueError(f"“{name}”的日期应写成 2026-03-15 这样的格式。") from None
            if start and end and end < start:
                raise ValueError(f"“{name}”的计划结束日期早于计划开始日期。")
            out.append((stage_id, replace(old, name=name, planned_start=start, planned_end=end,
                                          owner=self._text(row, 3),
                                          remarks=self._text(row, 4))))
        if not out:
            raise ValueError("至少要有一个编纂阶段。")
        return out

    def template(self) -> list[TemplateStage]:
        """The stages as the office's template (month-days; every date must be filled)."""
        stages = []
        for n, (_id, f) in enumerate(self.rows(), start=1):
            if f.planned_start is None or f.planned_end is None:
                raise ValueError(f"“{f.name}”没有计划开始和结束日期，不能存为模板。")
            if f.planned_start.strftime("%m-%d") > f.planned_end.strftime("%m-%d"):
                raise ValueError(f"“{f.name}”跨年（{f.planned_start.isoformat()}至"
                                 f"{f.planned_end.isoformat()}）；模板按月-日安排在一年之内，"
                                 "请把它拆成两个阶段或调整日期后再存为模板。")
            stages.append(TemplateStage(n, f.name, f.planned_start.strftime("%m-%d"),
                                        f.planned_end.strftime("%m-%d"), f.publication,
                                        f.owner))
        return stages

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _save_template(self) -> None:
        try:
            stages = self.template()
        except ValueError as exc:
            self._show_problem(str(exc))
            return
        self._show_problem("")
        if self.save_template is not None:
            self.save_template(stages)

    def accept(self) -> None:
        try:
            self.rows()
        except ValueError as exc:
            self._show_problem(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, stages: Sequence[Stage],
            save_template: Callable[[list[TemplateStage]], bool] | None = None
            ) -> list[tuple[int | None, StageFields]] | None:
        dialog = cls(parent, title, stages, save_template)
        return dialog.rows() if dialog.exec() else None


class UnitContactDialog(FormDialog):
    """A 供稿单位 in the volume: contact person, phone (shown in full here) and deadline."""

    def __init__(self, parent: QWidget | None, name: str, fields: UnitFields,
                 volume_deadline: date | None, today: date) -> None:
        super().__init__(parent, "供稿单位联系人与时限")
        self.fields = fields
        label = QLabel(name)
        label.setStyleSheet("font-weight: bold;")
        self.form.addRow("单位", label)
        self.contact = QLineEdit(fields.contact)
        self.form.addRow("联系人", self.contact)
        self.phone = QLineEdit(fields.phone)
        self.phone.setPlaceholderText("手机或座机，如 0791-8888 1234")
        self.form.addRow("电话", self.phone)
        whole = f"（全卷时限 {volume_deadline.isoformat()}）" if volume_deadline else ""
        self.own_deadline = QCheckBox(f"单独规定交稿时限{whole}")
        self.own_deadline.setChecked(fields.deadline is not None)
        self.deadline = date_edit(fields.deadline or volume_deadline or today)
        self.deadline.setEnabled(fields.deadline is not None)
        self.own_deadline.toggled.connect(self.deadline.setEnabled)
        self.form.addRow("", self.own_deadline)
        self.form.addRow("交稿时限", self.deadline)
        self.remarks = QLineEdit(fields.remarks)
        self.form.addRow("备注", self.remarks)

    def set_deadline(self, day: date | None) -> None:
        self.own_deadline.setChecked(day is not None)
        if day is not None:
            self.deadline.setDate(to_qdate(day))

    def value(self) -> UnitFields:
        deadline = from_qdate(self.deadline.date()) if self.own_deadline.isChecked() else None
        return UnitFields(self.contact.text().strip(), self.phone.text().strip(), deadline,
                          self.remarks.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, fields: UnitFields,
            volume_deadline: date | None, today: date) -> UnitFields | None:
        dialog = cls(parent, name, fields, volume_deadline, today)
        return dialog.value() if dialog.exec() else None
