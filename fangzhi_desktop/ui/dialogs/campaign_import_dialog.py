"""导入实施方案: read a plan in the background, let the user correct it (title, year, phase
names, task texts; drop what is not a task), then save it in the background."""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.campaigns import ParsedCampaign, span_text
from fangzhi_desktop.errors import Problem
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.jobs import Job, in_database, start_job

ERROR_COLOUR = "#B00020"
WARNING_COLOUR = "#8A5A00"
PHASE_ROLE = Qt.ItemDataRole.UserRole  # (phase index, task index or None)


def _read(path: Path) -> ParsedCampaign:
    from fangzhi_desktop.importers.campaign_plan import read_plan

    return read_plan(path)


class CampaignImportDialog(QDialog):
    """Preview and correct a parsed 实施方案; ``imported(campaign_id)`` once it is saved."""

    imported = Signal(int)

    def __init__(self, parent: QWidget | None, db_path: Path, existing_titles: list[str],
                 fallback_year: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入实施方案")
        self.resize(1000, 700)
        self.db_path = db_path
        self.existing_titles = list(existing_titles)
        self.fallback_year = fallback_year
        self.plan: ParsedCampaign | None = None
        self.path: Path | None = None
        self.parse_job: Job | None = None
        self.save_job: Job | None = None
        self._busy = False
        self._filling = False
        self._build()
        self._set_busy("")

    def _build(self) -> None:
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setSuffix(" 年")
        self.summary = QLabel()
        form = QFormLayout()
        form.addRow("文件：", self.file_label)
        form.addRow("活动名称：", self.title_edit)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_spin)
        year_row.addWidget(self.summary, 1)
        form.addRow("活动年度：", year_row)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["阶段 / 任务", "时间"])
        self.tree.header().resizeSection(0, 700)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        hint = QLabel("请核对识别结果：双击可修改阶段名称和任务内容；不是任务的条目请选中后删除。"
                      "任务的完成时限按所属阶段的结束日期计，导入后可逐项修改。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.delete_button = QPushButton("删除所选任务")
        self.delete_button.clicked.connect(self.delete_selected)
        tools = QHBoxLayout()
        tools.addWidget(hint, 1)
        tools.addWidget(self.delete_button)

        self.problem_title = QLabel()
        self.problem_list = QListWidget()
        self.problem_list.setMaximumHeight(120)
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(f"color: {ERROR_COLOUR};")

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(tools)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problem_title)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.blocked)
        layout.addWidget(self.buttons)
        self.tree.itemChanged.connect(self._revalidate)
        self.title_edit.textChanged.connect(self._revalidate)

    # --- Reading ---------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self._set_busy("正在读取实施方案……")
        self.parse_job = start_job(self, "读取实施方案", lambda _progress: _read(path),
                                   on_success=self._parsed, on_error=self._parse_failed,
                                   on_cancel=self.reject)

    def _parsed(self, plan: ParsedCampaign) -> None:
        self.plan = plan
        self.title_edit.setText(plan.title)
        self.year_spin.setValue(plan.year or self.fallback_year)
        self._fill(plan)
        self._set_busy("")
        self._revalidate()

    def _parse_failed(self, exc: BaseException) -> None:
        report_error(self, exc, "无法读取实施方案")
        self.reject()

    def _fill(self, plan: ParsedCampaign) -> None:
        self._filling = True
        try:
            self.tree.clear()
            editable = Qt.ItemFlag.ItemIsEditable
            for p_index, phase in enumerate(plan.phases):
                span = span_text(phase.span.start, phase.span.end) if phase.span else "未写明时间"
                item = QTreeWidgetItem([phase.name, span])
                item.setFlags(item.flags() | editable)
                item.setData(0, PHASE_ROLE, (p_index, None))
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                self.tree.addTopLevelItem(item)
                for t_index, task in enumerate(phase.tasks):
                    child = QTreeWidgetItem([task.text, ""])
                    child.setFlags(child.flags() | editable)
                    child.setData(0, PHASE_ROLE, (p_index, t_index))
                    child.setToolTip(0, task.text)
                    item.addChild(child)
            self.tree.expandAll()
        finally:
            self._filling = False

    # --- Editing ---------------------------------------------------------------------------

    def delete_selected(self) -> None:
        for item in self.tree.selectedItems():
            parent = item.parent()
            if parent is not None:
                parent.removeChild(item)
        self._revalidate()

    def task_count(self) -> int:
        return sum(self.tree.topLevelItem(i).childCount()
                   for i in range(self.tree.topLevelItemCount()))

    def to_plan(self) -> ParsedCampaign:
        """The plan as corrected here."""
        assert self.plan is not None
        plan = copy.deepcopy(self.plan)
        phases = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            p_index, _ = item.data(0, PHASE_ROLE)
            phase = plan.phases[p_index]
            tasks = []
            for j in range(item.childCount()):
                child = item.child(j)
                _, t_index = child.data(0, PHASE_ROLE)
                tasks.append(dataclasses.replace(phase.tasks[t_index],
                                                 text=child.text(0).strip()))
            phases.append(dataclasses.replace(phase, name=item.text(0).strip(), tasks=tasks))
        plan.phases = phases
        plan.title = self.title_edit.text().strip()
        plan.problems = [p for p in plan.problems if p.severity != "error"]
        return plan

    def problems(self) -> list[Problem]:
        if self.plan is None:
            return []
        out = [p for p in self.plan.problems if p.severity != "error"]
        if not self.title_edit.text().strip():
            out.append(Problem("活动名称不能为空。"))
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if not item.text(0).strip():
                out.append(Problem(f"第{i + 1}个阶段的名称不能为空。"))
            for j in range(item.childCount()):
                if not item.child(j).text(0).strip():
                    out.append(Problem(f"“{item.text(0)}”的第{j + 1}项任务内容为空（不要的请删除）。"))
        if self.plan.errors:
            out += self.plan.errors
        if not self.task_count():
            out.append(Problem("没有识别出任何任务，无法导入。"))
        return out

    def errors(self) -> list[Problem]:
        return [p for p in self.problems() if p.severity == "error"]

    def _revalidate(self, *_args: Any) -> None:
        if self._filling:
            return
        problems = self.problems()
        self.problem_list.clear()
        for problem in problems:
            is_error = problem.severity == "error"
            entry = QListWidgetItem(("错误：" if is_error else "提示：")
                                    + dataclasses.replace(problem, file=None).text())
            entry.setForeground(QColor(ERROR_COLOUR if is_error else WARNING_COLOUR))
            self.problem_list.addItem(entry)
        errors = sum(p.severity == "error" for p in problems)
        self.problem_title.setText(f"发现的问题：{errors} 处错误，{len(problems) - errors} 处提示"
                                   if problems else "没有发现问题。")
        self.problem_list.setVisible(bool(problems))
        if self.plan is not None:
            self.summary.setText(f"共 {self.tree.topLevelItemCount()} 个阶段、"
                                 f"{self.task_count()} 项任务")
        replacing = self.title_edit.text().strip() in self.existing_titles
        if errors:
            self.blocked.setText(f"还有 {errors} 处错误，改正后才能导入。")
        elif replacing:
            self.blocked.setText("同名的专项活动已经导入过，再次导入将替换原有任务，其进展、催办、"
                                 "延期和销号记录会被删除。")
        else:
            self.blocked.setText("")
        self.blocked.setVisible(bool(self.blocked.text()))
        self._update_buttons()

    # --- Saving ----------------------------------------------------------------------------

    def _set_busy(self, text: str) -> None:
        self._busy = bool(text)
        if text:
            self.summary.setText(text)
        for widget in (self.tree, self.title_edit, self.year_spin, self.delete_button):
            widget.setEnabled(not self._busy and self.plan is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.plan is not None and not self._busy
        self.import_button.setEnabled(ready and not self.errors())

    def start_save(self) -> None:
        if self.plan is None or self.errors():
            return
        plan = self.to_plan()
        year = self.year_spin.value()
        replace = plan.title in self.existing_titles
        if replace and not prompts.confirm(
                self, "替换专项活动",
                f"专项活动“{plan.title}”已经导入过。\n\n替换后，原有任务连同它们的进展、催办、延期和"
                "销号记录都将被删除，且无法撤销（替换前会自动备份整个数据文件）。\n\n确定要替换吗？",
                ok_text="替换", warning=True):
            return

        def work(conn: sqlite3.Connection, progress: Progress) -> int:
            from fangzhi_desktop.storage.campaigns import save_campaign

            if replace:
                from fangzhi_desktop.storage.backup import backup_before

                progress(0.0, "正在备份数据文件……")
                backup_before(conn, "替换专项活动前")
            return save_campaign(conn, plan, year=year, replace=replace, progress=progress)

        self._set_busy("正在保存……")
        self.save_job = start_job(self, "导入实施方案", in_database(self.db_path, work),
                                  on_success=self._saved, on_error=self._save_failed,
                                  on_cancel=lambda: self._set_busy(""))

    def reject(self) -> None:
        if self.save_job is not None and not self.save_job.done:
            return
        super().reject()

    def _saved(self, campaign_id: int) -> None:
        self._set_busy("")
        self.imported.emit(campaign_id)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy("")
        self._revalidate()
        report_error(self, exc, "导入失败")
