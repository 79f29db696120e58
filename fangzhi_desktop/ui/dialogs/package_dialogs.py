"""文件 → 导出交换包… / 导入交换包…: a county sends chosen years and areas to the city office,
which merges them. The work runs in ``operations.exchange_package`` through ``ui/jobs.py``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.exchange_spec import AREAS
from fangzhi_desktop.ui import jobs, prompts

FILE_FILTER = "交换包 (*.fzpkg)"
FULL_IDS_WARNING = ("交换包将包含完整的身份证号和电话号码。请设置密码加密，"
                    "并只交给有权查看的人。")


@dataclass(frozen=True)
class ExportChoice:
    years: list[int]
    areas: list[str]
    full_ids: bool
    password: str


def _password_pair() -> tuple[QLineEdit, QLineEdit]:
    first, second = QLineEdit(), QLineEdit()
    for edit in (first, second):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return first, second


class ExportPackageDialog(QDialog):
    """Choose years, areas, whether full ID numbers go along, and an optional password."""

    def __init__(self, parent: QWidget | None, area_years: dict[str, list[int]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出交换包")
        self.area_years = area_years
        note = QLabel("交换包用于向上级报送数据：选择年度和方面，对方用“导入交换包”合并，"
                      "重复导入不会产生重复记录。")
        note.setWordWrap(True)
        self.years = QListWidget()
        for year in sorted({y for ys in area_years.values() for y in ys}, reverse=True):
            item = QListWidgetItem(f"{year}年")
            item.setData(Qt.ItemDataRole.UserRole, year)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.years.addItem(item)
        self.years.setMaximumHeight(140)
        self.areas: dict[str, QCheckBox] = {}
        areas_box = QGroupBox("方面")
        areas_layout = QHBoxLayout(areas_box)
        for key, label in AREAS.items():
            box = QCheckBox(label)
            box.setChecked(bool(area_years.get(key)))
            box.setEnabled(bool(area_years.get(key)))
            self.areas[key] = box
            areas_layout.addWidget(box)
        self.full_ids = QCheckBox("包含完整身份证号和电话（默认不包含）")
        self.warning = QLabel(FULL_IDS_WARNING)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020")
        self.warning.setVisible(False)
        self.password, self.password_again = _password_pair()
        form = QFormLayout()
        form.addRow("年度：", self.years)
        form.addRow("加密密码：", self.password)
        form.addRow("再输一次：", self.password_again)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("导出…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(areas_box)
        layout.addWidget(self.full_ids)
        layout.addWidget(self.warning)
        layout.addWidget(QLabel("密码可不填；填写后交换包加密，导入时需输入同一密码。"))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.full_ids.toggled.connect(self._check)
        self.years.itemChanged.connect(self._check)
        for widget in (self.password, self.password_again):
            widget.textChanged.connect(self._check)
        for box in self.areas.values():
            box.toggled.connect(self._check)
        self._check()

    def choice(self) -> ExportChoice:
        years = [int(self.years.item(i).data(Qt.ItemDataRole.UserRole))
                 for i in range(self.years.count())
                 if self.years.item(i).checkState() == Qt.CheckState.Checked]
        return ExportChoice(sorted(years), [k for k, b in self.areas.items() if b.isChecked()],
                            self.full_ids.isChecked(), self.password.text())

    def problem_text(self) -> str:
        choice = self.choice()
        if not choice.years:
            return "请至少选择一个年度。"
        if not choice.areas:
            return "请至少选择一个方面。"
        if not any(set(self.area_years.get(a, [])) & set(choice.years) for a in choice.areas):
            return "所选年度和方面没有任何记录。"
        if self.password.text() != self.password_again.text():
            return "两次输入的密码不一致。"
        return ""

    def _check(self) -> None:
        self.warning.setVisible(self.full_ids.isChecked())
        problem = self.problem_text()
        self.problem.setText(problem)
        self.export_button.setEnabled(not problem)

    @classmethod
    def ask(cls, parent: QWidget | None, conn: sqlite3.Connection) -> ExportChoice | None:
        from fangzhi_desktop.storage.exchange_export import area_years

        dialog = cls(parent, area_years(conn))
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ImportPackageDialog(QDialog):
    """Shows what a package holds (after its password, when encrypted) before merging it."""

    def __init__(self, parent: QWidget | None, path: Path, encrypted: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入交换包")
        self.resize(520, 380)
        self.path = path
        self.manifest: Any = None
        self.job: jobs.Job | None = None
        self.file_label = QLabel(f"文件：{path}")
        self.file_label.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_button = QPushButton("查看内容")
        self.open_button.clicked.connect(self.inspect)
        self.password.returnPressed.connect(self.inspect)
        row = QHBoxLayout()
        row.addWidget(QLabel("密码："))
        row.addWidget(self.password)
        row.addWidget(self.open_button)
        self.password_row = QWidget()
        self.password_row.setLayout(row)
        self.password_row.setVisible(encrypted)
        self.summary = QLabel("此交换包已加密，请输入密码后点“查看内容”。" if encrypted
                              else "正在检查交换包……")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        note = QLabel("导入前会先备份当前数据；同一单位的交换包再次导入时更新原有记录，不会重复。")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.file_label, self.password_row, self.summary, self.problem, note,
                       self.buttons):
            layout.addWidget(widget)
        if not encrypted:
            self.inspect()

    def inspect(self) -> None:
        """Check the package in the background and show its summary."""
        from fangzhi_desktop.operations.exchange_package import inspect_package

        password = self.password.text() or None
        self.problem.clear()
        self.open_button.setEnabled(False)
        self.job = jobs.start_job(self, "正在检查交换包",
                                  lambda _progress: inspect_package(self.path, password),
                                  on_success=self._shown, on_error=self._refused)
        self.job.finished.connect(lambda: self.open_button.setEnabled(True))

    def _shown(self, manifest: Any) -> None:
        self.manifest = manifest
        self.summary.setText("\n".join(manifest.summary_lines()))
        self.import_button.setEnabled(True)
        self.password.setEnabled(False)

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, FangzhiError):
            from fangzhi_desktop.ui.errors import report_error

            report_error(self, exc)
            return
        self.problem.setText(exc.message)
        self.import_button.setEnabled(False)

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path) -> str | None:
        """The password ("" when not encrypted) once the user chose 导入; None if cancelled."""
        from fangzhi_desktop.crypto import is_encrypted

        dialog = cls(parent, path, is_encrypted(path))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text()


def export_package(window: Any) -> jobs.Job | None:
    """文件 → 导出交换包…: choose, then write the package in the background."""
    from fangzhi_desktop.operations.exchange_package import SUFFIX
    from fangzhi_desktop.operations.exchange_package import export_package as write
    from fangzhi_desktop.storage.office import load_profile

    if window.conn is None:
        return None
    choice = ExportPackageDialog.ask(window, window.conn)
    if choice is None:
        return None
    years = f"{choice.years[0]}" + (f"-{choice.years[-1]}" if len(choice.years) > 1 else "")
    suggested = f"{load_profile(window.conn).full_name}{years}交换包{SUFFIX}"
    out = prompts.save_file(window, "导出交换包", FILE_FILTER, suggested)
    if out is None:
        return None
    if out.suffix.lower() != SUFFIX:
        out = out.with_name(out.name + SUFFIX)

    def work(conn: sqlite3.Connection, progress: Any) -> Any:
        return write(conn, out, years=choice.years, areas=choice.areas,
                     full_ids=choice.full_ids, password=choice.password or None,
                     progress=progress)

    def done(manifest: Any) -> None:
        prompts.inform(window, "导出交换包", f"已导出：{out}\n\n" +
                       "\n".join(manifest.summary_lines()))

    return jobs.start_job(window, "正在导出交换包", jobs.in_database(window.db_path, work),
                          on_success=done)


def import_package(window: Any) -> jobs.Job | None:
    """文件 → 导入交换包…: choose a file, see its summary, merge it in the background."""
    from fangzhi_desktop.operations.exchange_package import import_package as merge

    if window.conn is None:
        return None
    path = prompts.open_file(window, "导入交换包", FILE_FILTER)
    if path is None:
        return None
    password = ImportPackageDialog.ask(window, path)
    if password is None:
        return None
    folder = window.backup_folder()

    def work(conn: sqlite3.Connection, progress: Any) -> Any:
        return merge(conn, path, password=password or None, backup_folder=folder,
                     progress=progress)

    def done(outcome: Any) -> None:
        refresh_after_import(window)
        text = outcome.describe()
        if outcome.backup:
            text += f"\n导入前的数据已备份到：\n{outcome.backup}"
        prompts.inform(window, "导入交换包", text)

    return jobs.start_job(window, "正在导入交换包", jobs.in_database(window.db_path, work),
                          on_success=done)


def refresh_after_import(window: Any) -> None:
    """Every tab that shows imported data re-reads it (tabs not built yet read it later)."""
    window.workpoints.reload_years()
    window.dashboard.refresh()
    for key, method in (("campaigns", "reload_campaigns"), ("yearbook", "reload_years"),
                        ("learning", "reload_years")):
        lazy = window._lazy.get(key)
        if lazy is not None and lazy.built:
            getattr(lazy.content, method)()
