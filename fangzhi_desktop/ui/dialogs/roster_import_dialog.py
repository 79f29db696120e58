"""导入花名册: read the spreadsheet in the background, show what was found (sheet, header,
columns, every row with its problems), let the user correct the sheet, the first data row and
the columns (each change reads the file again), then save the people in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.people import FIELD_LABELS, FIELDS
from fangzhi_desktop.importers.excel_sheet import column_index, column_letter
from fangzhi_desktop.importers.roster import ParsedRoster, RosterProblem
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage.people import SaveResult
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.dialogs.roster_preview_model import (
    RosterPreviewModel,
    problem_text,
)
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.jobs import Job, in_database, start_job

ERROR_COLOUR = "#B00020"
WARNING_COLOUR = "#8A5A00"
NOT_IMPORTED = "（不导入）"
MAPPING_COLUMNS = 5  # field combos per row of the grid
REPARSE_DELAY_MS = 600
MAX_LISTED_ROWS = 10
ROSTER_FILTER = "花名册 (*.xlsx *.xls);;所有文件 (*)"


def _parse(path: Path, sheet: str | None, mapping: Mapping[str, str] | None,
           first_row: int | None, progress: Progress) -> ParsedRoster:
    from fangzhi_desktop.importers.roster import parse_roster

    return parse_roster(path, sheet, mapping=mapping, first_data_row=first_row,
                        progress=progress)


def rows_text(rows: list[int]) -> str:
    """``第5、9行`` (at most ten listed)."""
    listed = "、".join(map(str, rows[:MAX_LISTED_ROWS]))
    return f"第{listed}行" + (f"等{len(rows)}行" if len(rows) > MAX_LISTED_ROWS else "")


class RosterImportDialog(QDialog):
    """Preview and correct a parsed roster; ``imported(SaveResult)`` once it is saved."""

    imported = Signal(object)

    def __init__(self, parent: QWidget | None, db_path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入花名册")
        self.resize(1180, 760)
        self.db_path = db_path
        self.path: Path | None = None
        self.roster: ParsedRoster | None = None
        self.sheet: str | None = None  # None: the importer picks
        self.mapping: dict[str, str] | None = None  # None: as detected
        self.first_row: int | None = None  # None: as detected
        self.parse_job: Job | None = None
        self.save_job: Job | None = None
        self._busy = False
        self._filling = False
        self._build()
        self._update()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumContentsLength(10)
        self.sheet_combo.setToolTip("花名册所在的工作表；改选后重新识别")
        self.header_label = QLabel()
        self.first_row_spin = QSpinBox()
        self.first_row_spin.setRange(1, 1_048_576)
        self.first_row_spin.setPrefix("第 ")
        self.first_row_spin.setSuffix(" 行")
        self.first_row_spin.setToolTip("第一个人所在的 Excel 行号；改动后重新识别")
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")

        where = QHBoxLayout()
        where.addWidget(QLabel("工作表"))
        where.addWidget(self.sheet_combo)
        where.addSpacing(16)
        where.addWidget(QLabel("表头"))
        where.addWidget(self.header_label)
        where.addSpacing(16)
        where.addWidget(QLabel("人员从"))
        where.addWidget(self.first_row_spin)
        where.addWidget(QLabel("开始"))
        where.addSpacing(16)
        where.addWidget(self.summary, 1)

        self.mapping_box = QGroupBox("列对应（识别有误时，改选该项所在的列，将重新识别）")
        grid = QGridLayout(self.mapping_box)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.field_combos: dict[str, QComboBox] = {}
        for n, name in enumerate(FIELDS):
            combo = QComboBox()
            combo.setMinimumContentsLength(9)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.activated.connect(self._mapping_changed)
            label = QLabel(f"{FIELD_LABELS[name]} ←")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, col = divmod(n, MAPPING_COLUMNS)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(combo, row, col * 2 + 1)
            grid.setColumnStretch(col * 2 + 1, 1)
            self.field_combos[name] = combo

        self.model = RosterPreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(False)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 8)

        self.problem_title = QLabel()
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        self.problem_list.setSpacing(3)
        self.problem_list.setToolTip("双击定位到该行")
        self.problem_list.itemDoubleClicked.connect(self._go_to_problem)
        problems = QWidget()
        problems_layout = QVBoxLayout(problems)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problem_title)
        problems_layout.addWidget(self.problem_list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(problems)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([800, 340])

        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.skip_check = QCheckBox("只导入无误的行")
        self.skip_check.setToolTip("有错误的行不导入，其余人员照常导入")
        self.skip_check.toggled.connect(self._update)
        self.full_numbers_check = QCheckBox("显示完整身份证号和电话")
        self.full_numbers_check.setToolTip("默认只显示前后几位（个人信息保护）；核对号码时可临时显示完整号码")
        self.full_numbers_check.toggled.connect(self.model.set_show_full_numbers)

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_check)
        bottom.addWidget(self.full_numbers_check)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("文件："))
        file_row.addWidget(self.file_label, 1)
        layout.addLayout(file_row)
        layout.addLayout(where)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.blocked)
        layout.addLayout(bottom)

        self._reparse_timer = QTimer(self)
        self._reparse_timer.setSingleShot(True)
        self._reparse_timer.setInterval(REPARSE_DELAY_MS)
        self._reparse_timer.timeout.connect(self.reparse)
        self.sheet_combo.activated.connect(self._sheet_changed)
        self.first_row_spin.valueChanged.connect(self._first_row_changed)

    # --- Reading ---------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Read ``path`` in the background (the importer picks sheet, header and columns)."""
        self.path = path
        self.file_label.setText(str(path))
        self.sheet, self.mapping, self.first_row = None, None, None
        self.reparse()

    def reparse(self) -> None:
        """Read the file again with the chosen sheet, first data row and columns."""
        self._reparse_timer.stop()
        if self.path is None:
            return
        path, sheet, mapping, first_row = self.path, self.sheet, self.mapping, self.first_row
        self._set_busy(True)
        self.summary.setText("正在读取花名册……")
        self.parse_job = start_job(
            self, "读取花名册", lambda progress: _parse(path, sheet, mapping, first_row, progress),
            on_success=self._parsed, on_error=self._parse_failed, on_cancel=self._parse_cancelled)

    def _parsed(self, roster: ParsedRoster) -> None:
        self.roster = roster
        self.sheet = roster.sheet
        self._set_busy(False)
        self._fill()

    def _parse_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        report_error(self, exc, "无法读取花名册")
        if self.roster is None:
            self.reject()
            return
        # Back to what the preview shows (the last reading that worked).
        self.sheet = self.roster.sheet
        self.mapping = None if self.mapping is None else dict(self.roster.columns)
        self.first_row = self.roster.first_data_row
        self._fill()

    def _parse_cancelled(self) -> None:
        self._set_busy(False)
        if self.roster is None:
            self.reject()
        else:
            self._fill()

    def _fill(self) -> None:
        """Show ``self.roster``: the controls, the rows, the problems."""
        roster = self.roster
        self._filling = True
        try:
            self.sheet_combo.clear()
            if roster is not None:
                self.sheet_combo.addItems(roster.sheets or [roster.sheet])
                self.sheet_combo.setCurrentText(roster.sheet)
                self.header_label.setText(self._header_text(roster))
                self.first_row_spin.setValue(roster.first_data_row)
            self._fill_mapping(roster)
            self.model.set_roster(roster)
        finally:
            self._filling = False
        self._size_columns()
        self._fill_problems()
        self._update()

    @staticmethod
    def _header_text(roster: ParsedRoster) -> str:
        rows = roster.header_rows
        if not rows:
            return "未识别"
        return f"第{rows[0]}行" if len(rows) == 1 else f"第{rows[0]}—{rows[-1]}行"

    def _column_choices(self, roster: ParsedRoster) -> list[tuple[str, str]]:
        """(letter, ``B 姓名``) for every column up to the last one that has a header."""
        indexes = [column_index(letter) for letter in roster.headers]
        indexes += [column_index(letter) for letter in roster.columns.values()]
        last = max(indexes, default=len(FIELDS) - 1)
        choices = []
        for j in range(last + 1):
            letter = column_letter(j)
            text = " ".join(roster.headers.get(letter, "").split())
            choices.append((letter, f"{letter}列 {text}" if text else f"{letter}列"))
        return choices

    def _fill_mapping(self, roster: ParsedRoster | None) -> None:
        choices = self._column_choices(roster) if roster is not None else []
        for name, combo in self.field_combos.items():
            combo.clear()
            combo.addItem(NOT_IMPORTED, None)
            for letter, text in choices:
                combo.addItem(text, letter)
            letter = roster.columns.get(name) if roster is not None else None
            combo.setCurrentIndex(max(0, combo.findData(letter)) if letter else 0)
            combo.setToolTip(f"“{FIELD_LABELS[name]}”所在的列")

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        widths = {"name": 72, "sex": 44, "ethnicity": 56, "birth": 76, "id_number": 168,
                  "political_status": 92, "education": 64, "degree": 56, "work_start": 96,
                  "department": 120, "position": 120, "rank": 104, "phone": 108}
        header.resizeSection(0, 48)
        for n, name in enumerate(self.model.fields, start=1):
            header.resizeSection(n, widths.get(name, 100))

    def _fill_problems(self) -> None:
        self.problem_list.clear()
        roster = self.roster
        problems = list(roster.problems) if roster is not None else []
        problems += self._mapping_warnings()
        problems.sort(key=lambda p: (p.severity != "error", p.row or 0))
        for problem in problems:
            is_error = problem.severity == "error"
            entry = QListWidgetItem(("错误：" if is_error else "提示：") + problem_text(problem))
            entry.setForeground(QColor(ERROR_COLOUR if is_error else WARNING_COLOUR))
            entry.setData(Qt.ItemDataRole.UserRole, problem.row)
            self.problem_list.addItem(entry)
        errors = sum(p.severity == "error" for p in problems)
        self.problem_title.setText(f"发现的问题：{errors} 处错误，{len(problems) - errors} 处提示"
                                   if problems else "没有发现问题。")

    def _mapping_warnings(self) -> list[RosterProblem]:
        """Two fields read from one column: probably a slip in the combos."""
        if self.roster is None:
            return []
        by_letter: dict[str, list[str]] = {}
        for name, letter in self.roster.columns.items():
            by_letter.setdefault(letter, []).append(FIELD_LABELS[name])
        return [RosterProblem(f"{letter}列同时作为“{'”“'.join(names)}”导入，请核对列对应。",
                              severity="warning")
                for letter, names in by_letter.items() if len(names) > 1]

    def _go_to_problem(self, entry: QListWidgetItem) -> None:
        excel_row = entry.data(Qt.ItemDataRole.UserRole)
        row = self.model.row_of(excel_row) if excel_row else -1
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- Corrections -----------------------------------------------------------------------

    def _sheet_changed(self, _index: int) -> None:
        name = self.sheet_combo.currentText()
        if self._filling or self.roster is None or name == self.roster.sheet:
            return
        self.sheet, self.mapping, self.first_row = name, None, None
        self.reparse()

    def _first_row_changed(self, value: int) -> None:
        if self._filling or self.roster is None:
            return
        self.first_row = value
        self._reparse_timer.start()

    def current_mapping(self) -> dict[str, str]:
        """field → column letter as the combos show it."""
        return {name: combo.currentData() for name, combo in self.field_combos.items()
                if combo.currentData()}

    def set_column(self, field: str, letter: str | None) -> None:
        """Choose the column of ``field`` (None: not imported) and read the file again."""
        combo = self.field_combos[field]
        combo.setCurrentIndex(max(0, combo.findData(letter)) if letter else 0)
        self._mapping_changed()

    def _mapping_changed(self, _index: int = 0) -> None:
        if self._filling or self.roster is None:
            return
        self.mapping = self.current_mapping()
        self.first_row = self.first_row_spin.value()
        self.reparse()

    # --- State -----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.sheet_combo, self.first_row_spin, self.mapping_box, self.view,
                       self.skip_check):
            widget.setEnabled(not busy)
        self._update()

    def _update(self) -> None:
        roster = self.roster
        if roster is None:
            self.summary.setText(self.summary.text() if self._busy else "")
            self.import_button.setEnabled(False)
            self.skip_check.setEnabled(False)
            self.blocked.hide()
            return
        invalid = roster.invalid_rows
        errors = len(roster.errors)
        if not self._busy:
            text = f"识别出 {len(roster.rows)} 人"
            if invalid:
                text += f"，其中 {len(invalid)} 人有错误"
            text += f"（错误 {errors} 处，提示 {len(roster.warnings)} 处）"
            self.summary.setText(text)
            self.skip_check.setEnabled(bool(invalid))
        skip = self.skip_check.isChecked() and bool(invalid)
        people = len(roster.valid_rows) if skip or not errors else 0
        if not roster.rows:
            message, style = "没有识别出任何人员：请检查工作表、表头和“姓名”所在的列。", ERROR_COLOUR
        elif errors and not skip:
            message = (f"还有 {errors} 处错误（涉及 {len(invalid)} 人），不能导入。请在 Excel 中改正后"
                       "重新导入；或勾选“只导入无误的行”，先导入其余 "
                       f"{len(roster.valid_rows)} 人。")
            style = ERROR_COLOUR
        elif skip:
            message = (f"将导入 {people} 人，跳过有错误的 {len(invalid)} 人"
                       f"（{rows_text([r.row for r in invalid])}）。改正后可再次导入这些人，"
                       "已导入的人员会按身份证号码更新，不会重复。")
            style = WARNING_COLOUR
        else:
            message, style = f"将导入 {people} 人。已在库中的人员按身份证号码更新，不会重复。", "#333"
        self.blocked.setText(message)
        self.blocked.setStyleSheet(f"color: {style};")
        self.blocked.show()
        ready = not self._busy and people > 0
        self.import_button.setEnabled(ready)
        self.import_button.setToolTip("" if ready else "有错误未改正，或尚未读取完")

    def people_to_import(self) -> int:
        if self.roster is None:
            return 0
        skip = self.skip_check.isChecked()
        if self.roster.errors and not skip:
            return 0
        return len(self.roster.people(valid_only=True))

    # --- Saving ----------------------------------------------------------------------------

    def start_save(self) -> None:
        roster = self.roster
        if roster is None or self._busy or not self.people_to_import():
            return
        people = roster.people(valid_only=True)
        skipped = len(roster.invalid_rows)
        source = roster.source

        def work(conn: sqlite3.Connection, progress: Progress) -> SaveResult:
            from fangzhi_desktop.storage.people import save_people

            return save_people(conn, people, source=source, progress=progress)

        self._set_busy(True)
        self.summary.setText("正在保存……")
        self.save_job = start_job(self, "导入花名册", in_database(self.db_path, work),
                                  on_success=lambda result: self._saved(result, skipped),
                                  on_error=self._save_failed,
                                  on_cancel=lambda: self._set_busy(False))

    def reject(self) -> None:
        if self.save_job is not None and not self.save_job.done:
            return  # saving: the progress dialog's 取消 is the way to stop
        self._reparse_timer.stop()
        super().reject()

    def _saved(self, result: SaveResult, skipped: int) -> None:
        self._set_busy(False)
        text = f"已导入花名册 {result.total} 人（新增 {result.inserted} 人，更新 {result.updated} 人）。"
        if skipped:
            text += f"\n有错误的 {skipped} 人没有导入，改正后可再次导入。"
        self.imported.emit(result)
        self.accept()
        prompts.inform(self.parentWidget(), "导入花名册", text)

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        report_error(self, exc, "导入失败")
