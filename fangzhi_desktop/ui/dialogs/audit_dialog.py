"""修改记录: who changed what and when, for one record or (文件 → 修改记录…) the whole file.

One line per changed field: 时间 / 用户 / 操作 / 字段 / 原值 / 新值 (the whole log adds 对象,
the record the change belongs to). A filter box narrows the lines to those containing a
text (a name, a date such as ``2026-03``, an action); the whole log can also be narrowed to
one user.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.audit import change_lines
from fangzhi_desktop.storage import audit
from fangzhi_desktop.ui.attribute_table_model import AttributeTableModel
from fangzhi_desktop.ui.widgets import record_table

RECORD_COLUMNS = ("at", "user", "action", "field", "old", "new")
LOG_COLUMNS = ("at", "user", "action", "record", "field", "old", "new")
HEADERS = {"at": "时间", "user": "用户", "action": "操作", "record": "对象", "field": "字段",
           "old": "原值", "new": "新值"}
LOG_LIMIT = 2000  # entries read for the whole log (newest first)
ALL_USERS = "全部用户"
# One part of a record: (part table, key column, key value), as ``audit.part_history`` takes.
Part = tuple[str, str, int]


class AuditDialog(QDialog):
    """The trail of one record (``table``/``record_id``), of one ``part`` of it (a 供稿单位 of a
    volume), or, without them, of the whole file."""

    def __init__(self, conn: sqlite3.Connection, *, table: str | None = None,
                 record_id: int | None = None, title: str = "", part: Part | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.record = (table, record_id) if table and record_id is not None else None
        self.part = part
        self.setWindowTitle(f"修改记录 — {title}" if title else "修改记录")
        self.resize(980, 560)
        self.model = AttributeTableModel(
            RECORD_COLUMNS if self.record else LOG_COLUMNS, HEADERS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("筛选：输入姓名、日期（如 2026-03）、操作或内容")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.user_combo = QComboBox()
        self.user_combo.setVisible(self.record is None)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.user_combo)

        self.table = record_table(self.proxy)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in {"at": 140, "user": 110, "action": 170, "record": 190,
                              "field": 130, "old": 190}.items():
            if column in self.model.columns:
                header.resizeSection(self.model.columns.index(column), width)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)

        if self.record is None:
            self.user_combo.addItem(ALL_USERS)
            self.user_combo.addItems(audit.users(conn))
            self.user_combo.currentIndexChanged.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        if self.record is not None and self.part is not None:
            entries = audit.part_history(self.conn, *self.record, *self.part)
        elif self.record is not None:
            entries = audit.history(self.conn, *self.record)
        else:
            user = self.user_combo.currentText()
            entries = audit.latest(self.conn, LOG_LIMIT,
                                   user=None if user == ALL_USERS else user)
        self.model.set_rows([line for entry in entries for line in change_lines(entry)])
        self._entries = len(entries)
        self._count()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown = self.proxy.rowCount()
        if not self.model.rows:
            self.count_label.setText("还没有修改记录。" if self.record else
                                     "还没有修改记录（本版本起记录每一次修改）。")
        elif shown == len(self.model.rows):
            limit = "（最近的）" if self.record is None and self._entries >= LOG_LIMIT else ""
            self.count_label.setText(f"共 {shown} 行{limit}")
        else:
            self.count_label.setText(f"筛选出 {shown} 行（共 {len(self.model.rows)} 行）")

    @classmethod
    def show_record(cls, parent: QWidget, conn: sqlite3.Connection, table: str,
                    record_id: int, title: str, part: Part | None = None) -> AuditDialog:
        """Open (not blocking) the trail of one record, or of one ``part`` of it."""
        dialog = cls(conn, table=table, record_id=record_id, title=title, part=part,
                     parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @classmethod
    def show_log(cls, parent: QWidget, conn: sqlite3.Connection) -> AuditDialog:
        """Open (not blocking) the whole file's trail."""
        dialog = cls(conn, parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
