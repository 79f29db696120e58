"""文件 → 交换包导入记录…: the exchange packages imported into this file, newest first —
时间 / 来源单位 / 年度 / 范围 / 文件 (the command line: ``fangzhi packages``)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fangzhi_desktop.storage.exchange_history import list_imports
from fangzhi_desktop.ui.attribute_table_model import AttributeTableModel
from fangzhi_desktop.ui.widgets import record_table

COLUMNS = ("imported_at", "office", "years_text", "areas_text", "file_name")
HEADERS = {"imported_at": "导入时间", "office": "来源单位", "years_text": "年度",
           "areas_text": "范围", "file_name": "文件"}
WIDTHS = {"imported_at": 150, "office": 200, "years_text": 130, "areas_text": 200}


class PackageHistoryDialog(QDialog):
    """Every exchange package imported into the open file."""

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("交换包导入记录")
        self.resize(860, 420)
        self.model = AttributeTableModel(COLUMNS, HEADERS, self)
        self.model.set_rows(list_imports(conn))
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in WIDTHS.items():
            header.resizeSection(COLUMNS.index(column), width)
        count = self.model.rowCount()
        self.count_label = QLabel(f"共导入 {count} 次" if count else
                                  "还没有导入过交换包（文件 → 导入交换包…）。")
        self.count_label.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget, conn: sqlite3.Connection) -> PackageHistoryDialog:
        """Open (not blocking) the list."""
        dialog = cls(conn, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
