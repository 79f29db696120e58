"""设置 → 工作日历: the years whose holidays and 调休 are known (shipped or added by the office),
添加年度… from a JSON file in the shape of ``cn-holidays.json``, and a date to check."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.calendar import add_year, list_years, remove_year, working_calendar
from fangzhi_desktop.storage.calendar import year_data as office_year
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.formatting import cn_day
from fangzhi_desktop.ui.widgets import date_edit, from_qdate, heading

JSON_FILTER = "节假日安排 (*.json);;所有文件 (*)"
HEADERS = ("年份", "来源", "假期", "调休上班", "通知文号")
EXPLANATION = ("按周的完成时限（第12周、3月第2周）以该周最后一个工作日为限，须知道当年的节假日和调休安排。"
               "每年11—12月国务院办公厅发布下一年的节假日安排后，请按 cn-holidays.json 的格式"
               "整理成 JSON 文件，用“添加年度…”添加。")


class CalendarDialog(QDialog):
    """Lists the known years; adding a year writes it at once (a bad file changes nothing)."""

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("工作日历")
        self.resize(640, 520)
        self.conn = conn
        self.changed = False
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #444;")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.add_button = QPushButton("添加年度…")
        self.add_button.setToolTip("从 JSON 文件添加（或替换）一年的节假日安排")
        self.remove_button = QPushButton("删除本单位添加的年度")
        self.remove_button.setToolTip("删除所选的自行添加的年度（内置的年度会恢复）")
        self.add_button.clicked.connect(self.add_year_file)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.day = date_edit(today)
        self.day.setMinimumWidth(140)
        self.day_result = QLabel()
        self.day_result.setWordWrap(True)
        self.day.dateChanged.connect(lambda _d: self.check_day())
        check = QHBoxLayout()
        check.addWidget(QLabel("日期"))
        check.addWidget(self.day)
        check.addWidget(self.day_result, 1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(heading("已有节假日安排的年份"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(heading("查询某一天"))
        layout.addLayout(check)
        layout.addWidget(close)
        self.reload()

    def years(self) -> list[int]:
        return [int(self.table.item(r, 0).text().removesuffix("年"))
                for r in range(self.table.rowCount())]

    def reload(self) -> None:
        years = list_years(self.conn)
        self.table.setRowCount(len(years))
        for row, year in enumerate(reversed(years)):
            values = (f"{year.year}年", year.source_label, f"{year.holidays}个",
                      f"{year.workdays}天", year.notice)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._sync_buttons()
        self.check_day()

    def _selected_year(self) -> int | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        return self.years()[rows.pop()]

    def _sync_buttons(self) -> None:
        year = self._selected_year()
        self.remove_button.setEnabled(year is not None
                                      and office_year(self.conn, year) is not None)

    def check_day(self) -> str:
        day = from_qdate(self.day.date())
        try:
            text = f"{cn_day(day)}：{working_calendar(self.conn).describe(day)}"
        except FangzhiError as exc:
            text = exc.message
        self.day_result.setText(text)
        return text

    def add_year_file(self, path: Path | None = None) -> bool:
        """Read a JSON file and add its years (all or none); errors are shown."""
        from fangzhi_desktop.importers.calendar_year import read_year_file

        if not path:
            path = prompts.open_file(self, "选择节假日安排文件（JSON）", JSON_FILTER)
        if path is None:
            return False
        try:
            entries = read_year_file(path)
            replaced = [year for year, _ in entries if office_year(self.conn, year) is not None]
            with audit.action(self.conn, "添加工作日历"), transaction(self.conn):
                for year, entry in entries:
                    add_year(self.conn, year, entry, source_file=Path(path).name)
        except Exception as exc:
            report_error(self, exc, "无法添加节假日安排")
            return False
        self.changed = True
        self.reload()
        lines = [f"{'已替换' if year in replaced else '已添加'}{year}年的节假日安排："
                 f"假期{len(entry.get('holidays', []))}个，调休上班{len(entry.get('workdays', []))}天。"
                 for year, entry in entries]
        prompts.inform(self, "工作日历", "\n".join(lines))
        return True

    def remove_selected(self) -> None:
        year = self._selected_year()
        if year is None or office_year(self.conn, year) is None:
            return
        if not prompts.confirm(self, "删除年度", f"删除本单位添加的{year}年节假日安排？"
                               "（如有内置的该年安排，将恢复使用内置的。已算好的完成时限不变。）"):
            return
        remove_year(self.conn, year)
        self.changed = True
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, conn: sqlite3.Connection, today: date) -> bool:
        """Show the dialog; True when a year was added or removed."""
        dialog = cls(parent, conn, today)
        dialog.exec()
        return dialog.changed
