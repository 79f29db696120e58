"""设置 → 选项… (Ctrl+,): every setting in one place.

常规 (the year the app opens on, the large font) and 备份 are saved when the user clicks 确定;
单位信息, 学时规则, 工作日历 and 公文字体 open their own dialogs, which save by themselves.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.ui import preferences, prompts
from fangzhi_desktop.ui import settings as keys

PAGES = ("常规", "单位信息", "学时规则", "工作日历", "备份", "公文字体")
FIRST_YEAR = 2015


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def _page(*rows: QWidget | QHBoxLayout | QFormLayout) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 0, 0, 0)
    for row in rows:
        if isinstance(row, QWidget):
            layout.addWidget(row)
        else:
            layout.addLayout(row)
    layout.addStretch(1)
    return page


def _button_row(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


class SettingsDialog(QDialog):
    """``SettingsDialog(window)``: ``window`` is the MainWindow (its settings, database and
    the dialogs it opens)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.settings = window.settings
        self.setWindowTitle("选项")
        self.resize(640, 400)
        self.pages = QListWidget()
        self.pages.addItems(list(PAGES))
        self.pages.setFixedWidth(120)
        self.stack = QStackedWidget()
        for build in (self._general, self._office, self._learning, self._calendar,
                      self._backup, self._fonts):
            self.stack.addWidget(build())
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

    # --- Pages -----------------------------------------------------------------------------

    def _general(self) -> QWidget:
        self.year_combo = QComboBox()
        self.year_combo.addItem("最近的年度（默认）", 0)
        this_year = self.window_.clock().year
        for year in range(this_year + 1, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(f"{year}年", year)
        saved = self.settings.get(keys.START_YEAR)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(saved)))
        self.large_font = QCheckBox("大字体（文字放大到 125%）")
        self.large_font.setChecked(self.settings.get(keys.LARGE_FONT))
        form = QFormLayout()
        form.addRow("启动时打开的年度", self.year_combo)
        form.addRow("", self.large_font)
        return _page(form, _note("启动时，年度工作要点、年鉴编纂和干部学习显示所选年度（该年度有数据时）。"
                                 "大字体点击“确定”后立即生效，下次启动也保持。"))

    def _office(self) -> QWidget:
        self.office_label = QLabel()
        self.office_label.setWordWrap(True)
        self._show_office()
        button = QPushButton("编辑单位信息…")
        button.clicked.connect(self._edit_office)
        return _page(_note("单位名称、发文字号代字等会印在导出的公文上。"), self.office_label,
                     _button_row(button))

    def _learning(self) -> QWidget:
        button = QPushButton("学时规则…")
        button.clicked.connect(lambda: self.window_.learning.edit_rules())
        return _page(_note("学习类型及其学时计算方法、每年应修学时和结转上限。"),
                     _button_row(button))

    def _calendar(self) -> QWidget:
        button = QPushButton("工作日历…")
        button.clicked.connect(lambda: self.window_.edit_calendar())
        return _page(_note("计算完成时限时使用的节假日和调休安排；每年国务院办公厅发布通知后，"
                           "在这里添加下一年的安排。"), _button_row(button))

    def _backup(self) -> QWidget:
        self.backup_folder = self.settings.get(keys.BACKUP_DIR)
        self.backup_edit = QLineEdit()
        self.backup_edit.setReadOnly(True)
        choose = QPushButton("选择…")
        choose.clicked.connect(self._choose_backup)
        default = QPushButton("恢复默认")
        default.clicked.connect(lambda: self._set_backup(""))
        row = QHBoxLayout()
        row.addWidget(self.backup_edit, 1)
        row.addWidget(choose)
        row.addWidget(default)
        self._set_backup(self.backup_folder)
        return _page(_note("每天第一次打开时自动备份到这个文件夹。建议选择另一块硬盘或U盘上的文件夹。"),
                     row)

    def _fonts(self) -> QWidget:
        from fangzhi_desktop.ui.dialogs.fonts_dialog import check_fonts, installed_families

        missing = [s for s in check_fonts(installed_families()) if not s.installed]
        self.fonts_label = QLabel(
            "本机已安装全部公文标准字体。" if not missing else
            f"本机缺少 {len(missing)} 种公文标准字体：" + "、".join(s.name for s in missing))
        self.fonts_label.setWordWrap(True)
        button = QPushButton("公文字体检查…")
        button.clicked.connect(lambda: self.window_.check_fonts())
        return _page(self.fonts_label, _button_row(button))

    # --- Actions ---------------------------------------------------------------------------

    def _show_office(self) -> None:
        from fangzhi_desktop.storage.office import load_profile

        conn = self.window_.conn
        name = load_profile(conn).full_name if conn is not None else ""
        self.office_label.setText(f"单位全称：{name or '（未填写）'}")

    def _edit_office(self) -> None:
        self.window_.edit_profile()
        self._show_office()

    def _choose_backup(self) -> None:
        chosen = prompts.choose_folder(self, "选择备份文件夹",
                                       self.backup_folder or str(self.window_.backup_folder()))
        if chosen is not None:
            self._set_backup(str(chosen))

    def _set_backup(self, folder: str) -> None:
        from fangzhi_desktop.storage.backup import default_backup_dir

        self.backup_folder = folder
        self.backup_edit.setText(folder or f"{default_backup_dir()}（默认）")

    def accept(self) -> None:
        self.settings.set(keys.START_YEAR, int(self.year_combo.currentData()))
        self.settings.set(keys.LARGE_FONT, self.large_font.isChecked())
        self.settings.set(keys.BACKUP_DIR, self.backup_folder)
        self.settings.sync()
        preferences.apply_font(self.large_font.isChecked())
        super().accept()

    def select_page(self, title: str) -> None:
        self.pages.setCurrentRow(PAGES.index(title))

    def page_title(self) -> str:
        return PAGES[self.stack.currentIndex()]

