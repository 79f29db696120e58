"""设置 → 单位名录: the shared directory of units, their other spellings, and merging two
spellings of one unit (县志办 / 县志办公室) so every item names the same unit."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.units import Unit, add_alias, list_units, merge_units, unit_usage
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.errors import reporting

HEADERS = ("单位名称", "其他写法", "涉及条目")
EXPLANATION = ("同一个单位写法不同（如“县志办”和“县志办公室”）时，选中其中一个，"
               "把它合并到另一个：所有条目都会改为同一个单位，原写法保留为别名，"
               "以后导入的通知里再出现也会认作同一个单位。")


class UnitsDialog(QDialog):
    """The directory as a table; merge the selected unit into another; add an alias."""

    changed = Signal()

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection) -> None:
        super().__init__(parent)
        self.setWindowTitle("单位名录")
        self.resize(640, 520)
        self.conn = conn
        self.units: list[Unit] = []
        note = QLabel(EXPLANATION)
        note.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.target = QComboBox()
        self.merge_button = QPushButton("合并")
        self.merge_button.clicked.connect(self.merge_selected)
        merge_row = QHBoxLayout()
        merge_row.addWidget(QLabel("把选中的单位合并到："))
        merge_row.addWidget(self.target, 1)
        merge_row.addWidget(self.merge_button)
        self.alias = QLineEdit()
        self.alias.setPlaceholderText("选中单位的另一种写法")
        self.alias_button = QPushButton("添加别名")
        self.alias_button.clicked.connect(self.add_alias)
        alias_row = QHBoxLayout()
        alias_row.addWidget(QLabel("别名："))
        alias_row.addWidget(self.alias, 1)
        alias_row.addWidget(self.alias_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(merge_row)
        layout.addLayout(alias_row)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.units = list_units(self.conn)
        usage = unit_usage(self.conn)
        self.table.setRowCount(len(self.units))
        for row, unit in enumerate(self.units):
            values = (unit.name, "、".join(unit.aliases), str(usage.get(unit.id, 0)))
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, cell)
            if unit.id == select:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> Unit | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.units[rows.pop()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.target.clear()
        for unit in self.units:
            if chosen is None or unit.id != chosen.id:
                self.target.addItem(unit.name, unit.id)
        enabled = chosen is not None
        self.merge_button.setEnabled(enabled and self.target.count() > 0)
        self.alias_button.setEnabled(enabled)

    def merge_selected(self) -> None:
        chosen = self.selected()
        keep_id = self.target.currentData()
        if chosen is None or keep_id is None:
            return
        keep = self.target.currentText()
        if not prompts.confirm(self, "合并单位",
                               f"把“{chosen.name}”合并到“{keep}”？\n\n所有条目中的“{chosen.name}”"
                               f"都将改为“{keep}”，“{chosen.name}”保留为“{keep}”的别名。",
                               ok_text="合并"):
            return
        with reporting(self), audit.action(self.conn, f"合并单位：{chosen.name}→{keep}"):
            merge_units(self.conn, int(keep_id), chosen.id)
            self.reload(select=int(keep_id))
            self.changed.emit()

    def add_alias(self) -> None:
        chosen = self.selected()
        text = self.alias.text().strip()
        if chosen is None or not text:
            return
        with reporting(self), audit.action(self.conn, "添加单位别名"):
            add_alias(self.conn, chosen.id, text)
            self.alias.clear()
            self.reload(select=chosen.id)
            self.changed.emit()

    @classmethod
    def ask(cls, parent: QWidget | None, conn: sqlite3.Connection) -> bool:
        """Show the dialog; True when anything changed."""
        dialog = cls(parent, conn)
        changed: list[bool] = []
        dialog.changed.connect(lambda: changed.append(True))
        dialog.exec()
        return bool(changed)
