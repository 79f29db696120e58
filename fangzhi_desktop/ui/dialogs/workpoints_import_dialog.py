"""导入工作要点: read a notice in the background, let the user correct it, then save it."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.workpoints import ParsedPlan
from fangzhi_desktop.errors import Problem, YearUnknown
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage.workpoints import save_plan
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.dialogs.import_preview_model import PreviewColumn, PreviewModel
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.jobs import Job, in_database, start_job

WARNING_COLOUR = "#8A5A00"
ERROR_COLOUR = "#B00020"
PREVIEW_WIDTHS = {PreviewColumn.NO: 52, PreviewColumn.TEXT: 420, PreviewColumn.LEAD: 130,
                  PreviewColumn.SUPPORT: 120, PreviewColumn.PHRASE: 90, PreviewColumn.DATE: 96}


def _read(path: Path, fallback_year: int) -> tuple[ParsedPlan, bool]:
    """Parse the notice; when it does not say its year, use ``fallback_year``.

    Returns the plan and whether the year was supplied here (the user must check it).
    """
    from fangzhi_desktop.importers.workpoints_notice import read_notice

    try:
        return read_notice(path), False
    except YearUnknown:
        return read_notice(path, year=fallback_year), True


class WorkpointsImportDialog(QDialog):
    """Preview and correct a parsed notice; ``imported(year)`` once it has been saved."""

    imported = Signal(int)

    def __init__(self, parent: QWidget | None, db_path: Path, existing_years: list[int],
                 fallback_year: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入工作要点")
        self.resize(1100, 720)
        self.db_path = db_path
        self.existing_years = list(existing_years)
        self.fallback_year = fallback_year
        self.year_guessed = False
        self.plan: ParsedPlan | None = None
        self.path: Path | None = None
        self.parse_job: Job | None = None
        self.save_job: Job | None = None
        self._busy = False
        self._build()
        self._set_busy("")

    def _build(self) -> None:
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setSuffix(" 年")
        self.title_edit = QLineEdit()
        self.summary = QLabel()
        form = QFormLayout()
        form.addRow("文件：", self.file_label)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_spin)
        year_row.addWidget(self.summary, 1)
        form.addRow("年度：", year_row)
        form.addRow("标题：", self.title_edit)

        self.model = PreviewModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setIndentation(14)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in PREVIEW_WIDTHS.items():
            header.resizeSection(column, width)
        hint = QLabel("请核对识别结果：双击单元格可直接修改条目内容、责任单位（多个单位用“、”分隔）、"
                      "时限表述和完成时限。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        self.problem_title = QLabel("发现的问题")
        self.problem_list = QListWidget()
        self.problem_list.setMaximumHeight(130)
        self.problem_list.itemDoubleClicked.connect(self._go_to_problem)
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(f"color: {ERROR_COLOUR};")

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem_title)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.blocked)
        layout.addWidget(self.buttons)

        self.model.dataChanged.connect(self._revalidate)
        self.model.modelReset.connect(self._revalidate)
        self.year_spin.valueChanged.connect(self._year_changed)

    # --- Reading ---------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Read ``path`` in the background; the preview fills in when done."""
        self.path = path
        self.file_label.setText(str(path))
        self._set_busy("正在读取通知……")
        self.parse_job = start_job(self, "读取通知",
                                   lambda _progress: _read(path, self.fallback_year),
                                   on_success=self._parsed, on_error=self._parse_failed,
                                   on_cancel=self.reject)

    def _parsed(self, result: tuple[ParsedPlan, bool]) -> None:
        if self.parse_job is not None and self.parse_job.cancelled:
            self.reject()
            return
        plan, self.year_guessed = result
        self.plan = plan
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(plan.year)
        self.year_spin.blockSignals(False)
        self.title_edit.setText(plan.title)
        self.model.set_plan(plan)
        self.view.expandAll()
        for row in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        self._set_busy("")

    def _parse_failed(self, exc: BaseException) -> None:
        report_error(self, exc, "无法读取通知")
        self.reject()

    def _year_changed(self, year: int) -> None:
        self.model.set_year(year)
        self._revalidate()

    # --- Problems --------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Warnings from reading the file (not about one item) and what is wrong now."""
        kept = [p for p in (self.plan.problems if self.plan else []) if p.item is None]
        if self.year_guessed:
            kept.append(Problem(f"通知中没有写明年度，暂按{self.fallback_year}年（见上方“年度”）"
                                "导入，请核对。", severity="warning"))
        live = self.model.problems() if self.plan else []
        return sorted(kept + live, key=lambda p: (p.line or 0, p.severity != "error"))

    def errors(self) -> list[Problem]:
        return [p for p in self.problems() if p.severity == "error"]

    def _revalidate(self) -> None:
        problems = self.problems()
        self.problem_list.clear()
        for problem in problems:
            is_error = problem.severity == "error"
            text = dataclasses.replace(problem, file=None).text()
            entry = QListWidgetItem(("错误：" if is_error else "提示：") + text)
            entry.setForeground(QColor(ERROR_COLOUR if is_error else WARNING_COLOUR))
            entry.setData(Qt.ItemDataRole.UserRole, (problem.line, problem.item))
            self.problem_list.addItem(entry)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        self.problem_title.setText(f"发现的问题：{errors} 处错误，{warnings} 处提示"
                                   if problems else "没有发现问题。")
        self.problem_list.setVisible(bool(problems))
        if self.plan is not None:
            self.summary.setText(f"共 {self.model.section_count()} 个部分、"
                                 f"{self.model.item_count()} 条")
        replacing = self.plan is not None and self.year_spin.value() in self.existing_years
        if errors:
            self.blocked.setText(f"还有 {errors} 处错误，改正后才能导入（双击问题可定位到条目，"
                                 "在表中直接修改即可）。")
        elif replacing:
            self.blocked.setText(f"{self.year_spin.value()}年的工作要点已经导入过，"
                                 "再次导入将替换原有条目，其进展、催办和延期记录会被删除。")
        else:
            self.blocked.setText("")
        self.blocked.setVisible(bool(self.blocked.text()))
        self._update_buttons()

    def _go_to_problem(self, entry: QListWidgetItem) -> None:
        line, no = entry.data(Qt.ItemDataRole.UserRole)
        index = self.model.index_of_line(line, no)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # --- Saving ----------------------------------------------------------------------------

    def _set_busy(self, text: str) -> None:
        self._busy = bool(text)
        if text:
            self.summary.setText(text)
        for widget in (self.view, self.year_spin, self.title_edit):
            widget.setEnabled(not self._busy and self.plan is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.plan is not None and not self._busy
        self.import_button.setEnabled(ready and not self.errors())
        self.import_button.setToolTip("" if self.import_button.isEnabled()
                                      else "还有错误未改正，或通知尚未读取完")

    def start_save(self) -> None:
        if self.plan is None or self.errors():
            return
        year = self.year_spin.value()
        try:
            plan = self.model.to_plan(self.plan, year, self.title_edit.text())
        except Exception as exc:
            report_error(self, exc)
            return
        replace = year in self.existing_years
        if replace and not prompts.confirm(
                self, "替换工作要点",
                f"{year}年的工作要点已经导入过。\n\n替换后，原有条目连同它们的进展、催办和延期记录"
                "都将被删除，且无法撤销（替换前会自动备份整个数据文件）。\n\n确定要用这份通知替换吗？",
                ok_text="替换", warning=True):
            return

        def work(conn: sqlite3.Connection, progress: Progress) -> int:
            if replace:
                from fangzhi_desktop.storage.backup import backup_before

                progress(0.0, "正在备份数据文件……")
                backup_before(conn, f"替换{year}年工作要点前")
            return save_plan(conn, plan, replace=replace, progress=progress)

        self._set_busy("正在保存……")
        self.save_job = start_job(self, "导入工作要点", in_database(self.db_path, work),
                                  on_success=lambda _plan_id: self._saved(year),
                                  on_error=self._save_failed,
                                  on_cancel=lambda: self._set_busy(""))

    def reject(self) -> None:
        if self.save_job is not None and not self.save_job.done:
            return  # saving: the progress dialog's 取消 is the way to stop
        super().reject()

    def _saved(self, year: int) -> None:
        self._set_busy("")
        self.imported.emit(year)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy("")
        self._revalidate()
        report_error(self, exc, "导入失败")
