"""学时规则: the office's activity types with how their hours are computed, and the yearly
requirement (per 职级) with the carry-over limit, from the selected year on.

Changed rules apply to activities entered or changed from now on; stored activities keep their
hours. Saved when the user clicks 保存 (each type and the year's requirement in one transaction
each); a type some activity uses cannot be deleted.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.learning import (
    Basis,
    HourRule,
    YearPolicy,
    format_hours,
    policy_for,
    rule_problems,
)
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.ui.activity_form import NumberSpin
from fangzhi_desktop.ui.errors import report_error

ID_ROLE = Qt.ItemDataRole.UserRole
TYPE_HEADERS = ("学习类型", "计算方式", "每单位学时", "年度上限", "说明")
RANK_HEADERS = ("职级", "应修学时")
CHANGES_NOTE = "修改后的学时标准用于此后录入或修改的学习活动，已录入活动的学时不变。"


def _number(text: str) -> float | None:
    """A number typed by the user (full-width digits allowed); None for blank."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    return float(text)


def _spin() -> NumberSpin:
    spin = NumberSpin()
    spin.setSuffix(" 学时")
    spin.setMaximumWidth(140)
    return spin


def _left(widget: QWidget, note: str = "") -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widget)
    if note:
        label = QLabel(note)
        label.setStyleSheet("color: #555;")
        row.addWidget(label)
    row.addStretch(1)
    return row


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class LearningRulesDialog(QDialog):
    """Types and the year's requirement; ``saved`` is True once something was stored."""

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection, year: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("学时规则")
        self.resize(900, 640)
        self.conn = conn
        self.year = year
        self.rules = store.list_rules(conn)
        self.policy = policy_for(store.list_policies(conn), year)
        self.deleted: list[HourRule] = []
        self.saved = False
        self._build()
        self._fill()

    def _build(self) -> None:
        self.types = _table(TYPE_HEADERS)
        for column, width in enumerate((170, 120, 96, 90)):
            self.types.horizontalHeader().resizeSection(column, width)
        self.add_type_button = QPushButton("新增类型")
        self.remove_type_button = QPushButton("删除类型")
        self.remove_type_button.setToolTip("已有学习活动的类型不能删除（可改名或修改学时标准）")
        type_buttons = QHBoxLayout()
        note = QLabel(CHANGES_NOTE)
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)
        type_buttons.addWidget(note, 1)
        type_buttons.addWidget(self.add_type_button)
        type_buttons.addWidget(self.remove_type_button)
        types_box = QGroupBox("学习类型与学时计算")
        types_layout = QVBoxLayout(types_box)
        types_layout.addWidget(self.types, 1)
        types_layout.addLayout(type_buttons)

        self.default_spin = _spin()
        self.carry_spin = _spin()
        self.ranks = _table(RANK_HEADERS)
        self.ranks.horizontalHeader().resizeSection(0, 160)
        self.ranks.setMaximumHeight(150)
        self.ranks.setMaximumWidth(420)
        self.add_rank_button = QPushButton("新增职级")
        self.remove_rank_button = QPushButton("删除职级")
        rank_buttons = QVBoxLayout()
        rank_buttons.addWidget(self.add_rank_button)
        rank_buttons.addWidget(self.remove_rank_button)
        rank_buttons.addStretch(1)
        rank_row = QHBoxLayout()
        rank_row.addWidget(self.ranks, 1)
        rank_row.addLayout(rank_buttons)
        rank_row.addStretch(1)
        since = (f"现行规定自{self.policy.from_year}年起执行" if self.policy.from_year
                 else "现行为默认规定")
        policy_box = QGroupBox(f"{self.year}年起的年度学时要求（{since}）")
        policy_form = QFormLayout(policy_box)
        policy_form.addRow("一般干部应修", _left(self.default_spin, "每人每年"))
        policy_form.addRow("按职级另定", rank_row)
        policy_form.addRow("结转上限", _left(
            self.carry_spin, "超出当年要求的学时可结转到下一年，最多结转这么多（0 为不结转）"))

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(types_box, 1)
        layout.addWidget(policy_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.add_type_button.clicked.connect(lambda: self.add_type())
        self.remove_type_button.clicked.connect(self.remove_type)
        self.add_rank_button.clicked.connect(lambda: self.add_rank())
        self.remove_rank_button.clicked.connect(self.remove_rank)

    def _fill(self) -> None:
        for rule in self.rules:
            self.add_type(rule)
        self.default_spin.setValue(self.policy.default_hours)
        self.carry_spin.setValue(self.policy.carry_cap)
        for rank, hours in self.policy.by_rank.items():
            self.add_rank(rank, hours)

    # --- Rows ------------------------------------------------------------------------------

    def add_type(self, rule: HourRule | None = None) -> int:
        rule = rule or HourRule("", Basis.PER_SESSION, 2.0)
        row = self.types.rowCount()
        self.types.insertRow(row)
        name = QTableWidgetItem(rule.name)
        name.setData(ID_ROLE, rule.id)
        self.types.setItem(row, 0, name)
        basis = QComboBox()
        for value in Basis:
            basis.addItem(value.label, value.value)
        basis.setCurrentIndex(basis.findData(rule.basis.value))
        self.types.setCellWidget(row, 1, basis)
        self.types.setItem(row, 2, QTableWidgetItem(format_hours(rule.hours)))
        cap = "" if rule.yearly_cap is None else format_hours(rule.yearly_cap)
        self.types.setItem(row, 3, QTableWidgetItem(cap))
        self.types.setItem(row, 4, QTableWidgetItem(rule.note))
        if not rule.name:
            self.types.setCurrentCell(row, 0)
        return row

    def remove_type(self) -> None:
        row = self.types.currentRow()
        if row < 0:
            return
        rule_id = self.types.item(row, 0).data(ID_ROLE)
        if rule_id is not None:
            self.deleted += [r for r in self.rules if r.id == rule_id]
        self.types.removeRow(row)

    def add_rank(self, rank: str = "", hours: float = 110.0) -> int:
        row = self.ranks.rowCount()
        self.ranks.insertRow(row)
        self.ranks.setItem(row, 0, QTableWidgetItem(rank))
        self.ranks.setItem(row, 1, QTableWidgetItem(format_hours(hours)))
        return row

    def remove_rank(self) -> None:
        if self.ranks.currentRow() >= 0:
            self.ranks.removeRow(self.ranks.currentRow())

    # --- Reading ---------------------------------------------------------------------------

    def _text(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def edited_rules(self) -> tuple[list[HourRule], list[str]]:
        rules: list[HourRule] = []
        problems: list[str] = []
        names: set[str] = set()
        for row in range(self.types.rowCount()):
            name = self._text(self.types, row, 0)
            combo = self.types.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            try:
                hours = _number(self._text(self.types, row, 2)) or 0.0
                cap = _number(self._text(self.types, row, 3))
            except ValueError:
                problems.append(f"第{row + 1}行“{name}”的学时或年度上限不是数字。")
                continue
            rule = HourRule(name, Basis(combo.currentData()), hours, cap,
                            self._text(self.types, row, 4),
                            self.types.item(row, 0).data(ID_ROLE))
            problems += rule_problems(rule)
            if name in names:
                problems.append(f"学习类型“{name}”出现了两次。")
            names.add(name)
            rules.append(rule)
        return rules, problems

    def edited_policy(self) -> tuple[YearPolicy, list[str]]:
        by_rank: dict[str, float] = {}
        problems: list[str] = []
        for row in range(self.ranks.rowCount()):
            rank = self._text(self.ranks, row, 0)
            try:
                hours = _number(self._text(self.ranks, row, 1))
            except ValueError:
                problems.append(f"职级“{rank}”的应修学时不是数字。")
                continue
            if not rank and hours is None:
                continue
            by_rank[rank] = hours or 0.0
        policy = YearPolicy(self.year, self.default_spin.value(), by_rank,
                            self.carry_spin.value())
        return policy, problems + policy.problems()

    # --- Saving ----------------------------------------------------------------------------

    def accept(self) -> None:
        rules, problems = self.edited_rules()
        policy, policy_problems = self.edited_policy()
        problems += policy_problems
        if problems:
            self.problem.setText("；".join(problems))
            self.problem.show()
            return
        try:
            self._save(rules, policy)
        except FangzhiError as exc:
            report_error(self, exc, "无法保存学时规则")
            return
        super().accept()

    def _save(self, rules: list[HourRule], policy: YearPolicy) -> None:
        stored = {rule.id: rule for rule in self.rules}
        while self.deleted:
            rule = self.deleted[0]
            assert rule.id is not None
            try:
                store.delete_rule(self.conn, rule.id)
            except FangzhiError:
                self.deleted.pop(0)
                self.add_type(rule)  # still there: show it again
                raise
            self.deleted.pop(0)
            self.rules = [r for r in self.rules if r.id != rule.id]
            self.saved = True
        for rule in rules:
            if rule.id is None or stored.get(rule.id) != rule:
                rule_id = store.save_rule(self.conn, rule)
                self.saved = True
                self._remember(rule, rule_id)
        current = self.policy
        if (policy.default_hours, policy.carry_cap, policy.by_rank) != \
                (current.default_hours, current.carry_cap, current.by_rank):
            store.save_policy(self.conn, policy)
            self.policy = policy
            self.saved = True

    def _remember(self, rule: HourRule, rule_id: int) -> None:
        """A new type keeps its id (a second 保存 after a refusal must not add it again)."""
        for row in range(self.types.rowCount()):
            item = self.types.item(row, 0)
            if item.data(ID_ROLE) is None and item.text().strip() == rule.name:
                item.setData(ID_ROLE, rule_id)
        self.rules = [r for r in self.rules if r.id != rule_id] + [replace(rule, id=rule_id)]
