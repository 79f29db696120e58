"""The rows of a parsed 花名册 as the import preview shows them: Excel row, the fields read,
rows with errors in red and every problem of a cell in its tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from fangzhi_desktop.domain.people import FIELD_LABELS, FIELDS
from fangzhi_desktop.domain.privacy import mask_id_number, mask_phone
from fangzhi_desktop.importers.roster import ParsedRoster, RosterProblem
from fangzhi_desktop.ui.formatting import rich_tooltip

ROW_ROLE = Qt.ItemDataRole.UserRole  # the Excel row of a preview row
ERROR_ROW_BACKGROUND = "#FFF0F2"
ERROR_CELL_BACKGROUND = "#FFB3BE"
ERROR_FOREGROUND = "#9C0006"
WARNING_CELL_BACKGROUND = "#FFEB9C"
_ROOT = QModelIndex()


def problem_text(problem: RosterProblem) -> str:
    """``第5行 F列（公民身份号码）：…`` — the place as the spreadsheet shows it."""
    where = []
    if problem.row is not None:
        where.append(f"第{problem.row}行")
    if problem.column:
        label = FIELD_LABELS.get(problem.field, "")
        where.append(f"{problem.column}列" + (f"（{label}）" if label else ""))
    head = " ".join(where)
    return f"{head}：{problem.message}" if head else problem.message


class RosterPreviewModel(QAbstractTableModel):
    """One row per person row of the sheet; columns: 行 and the fields that have a column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roster: ParsedRoster | None = None
        self.fields: list[str] = []
        self._cell_problems: dict[tuple[int, str], list[RosterProblem]] = {}
        self._row_problems: dict[int, list[RosterProblem]] = {}
        self.show_full_numbers = False  # ID and phone numbers masked unless the user asks

    def set_show_full_numbers(self, show: bool) -> None:
        self.show_full_numbers = show
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _shown(self, field: str, value: str) -> str:
        if self.show_full_numbers or not value:
            return value
        if field == "id_number":
            return mask_id_number(value)
        if field == "phone":
            return mask_phone(value)
        return value

    def set_roster(self, roster: ParsedRoster | None) -> None:
        self.beginResetModel()
        self.roster = roster
        mapped = set(roster.columns) if roster is not None else set()
        self.fields = [f for f in FIELDS if f in mapped or f == "name"]
        if "seq" in self.fields:
            self.fields.remove("seq")  # the Excel row is shown instead
        self._cell_problems = {}
        self._row_problems = {}
        for problem in roster.problems if roster is not None else []:
            if problem.row is None:
                continue
            self._row_problems.setdefault(problem.row, []).append(problem)
            if problem.field:
                self._cell_problems.setdefault((problem.row, problem.field), []).append(problem)
        self.endResetModel()

    def row_of(self, excel_row: int) -> int:
        if self.roster is None:
            return -1
        return next((n for n, r in enumerate(self.roster.rows) if r.row == excel_row), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if parent.isValid() or self.roster is None:
            return 0
        return len(self.roster.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 1 + len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 1 + len(self.fields):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "行"
            return FIELD_LABELS[self.fields[section - 1]]
        if role == Qt.ItemDataRole.ToolTipRole and section > 0 and self.roster is not None:
            letter = self.roster.columns.get(self.fields[section - 1])
            return f"来自{letter}列" if letter else "文件中没有这一列"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.roster is None:
            return None
        row = self.roster.rows[index.row()]
        column = index.column()
        field = self.fields[column - 1] if column else ""
        cell = self._cell_problems.get((row.row, field), []) if field else []
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row.row) if column == 0 else self._shown(field,
                                                                 str(getattr(row.person, field)))
        if role == ROW_ROLE:
            return row.row
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if any(p.severity == "error" for p in cell):
                return QColor(ERROR_CELL_BACKGROUND)
            if cell:
                return QColor(WARNING_CELL_BACKGROUND)
            if row.errors:
                return QColor(ERROR_ROW_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.errors:
            return QColor(ERROR_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = cell if cell else (self._row_problems.get(row.row, []) if column == 0
                                       or row.errors else [])
            texts = [("错误：" if p.severity == "error" else "提示：") + problem_text(p)
                     for p in shown]
            return rich_tooltip(*texts) or None
        return None
