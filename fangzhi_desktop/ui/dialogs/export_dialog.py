"""Before a 公文 is exported: its 发文字号 (serial of the year) and its date.

The serial shown is the next free one of the date's year; it is only recorded as used once the
document has been written (in the export job).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.storage.office import load_profile, next_doc_serial
from fangzhi_desktop.ui.dialogs.office_profile_dialog import OfficeProfileDialog, is_default
from fangzhi_desktop.ui.widgets import FormDialog, date_edit, from_qdate

MAX_SERIAL = 9999
PROFILE_NOTE = ("单位信息还是默认的“{name}”。请先在 设置 → 单位信息 中填写单位名称，"
                "否则公文的版头、发文字号和署名会印成默认名称。")
HINT_STYLE = "color: #555;"
WARN_STYLE = "color: #8A5A00;"


@dataclass(frozen=True)
class DocumentOptions:
    """What the dialog asks for one kind of document."""

    window_title: str  # 导出落实情况通报
    document: str  # 关于2023年工作要点落实情况的通报
    date_label: str  # 成文日期 / 统计日期
    date_hint: str = ""
    doc_no: bool = False  # the document carries a 发文字号
    profile: bool = True  # the document prints the office's names


@dataclass(frozen=True)
class ExportChoice:
    when: date
    serial: int | None  # None when the document has no 发文字号
    doc_no: str = ""  # 吉志委发〔2026〕5号, as previewed


class ExportDocumentDialog(FormDialog):
    """发文字号 (``{代字}发〔{year}〕`` + serial + 号) and the date; 确定 goes on to 保存为…"""

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection,
                 options: DocumentOptions, when: date) -> None:
        super().__init__(parent, options.window_title)
        self.setMinimumWidth(520)
        self.conn = conn
        self.options = options
        self.profile: OfficeProfile = load_profile(conn)
        self._serial_year: int | None = None

        document = QLabel(options.document)
        document.setWordWrap(True)
        font = document.font()
        font.setBold(True)
        document.setFont(font)
        self.form.addRow("文件", document)

        self.date = date_edit(when)
        self.date.setMinimumWidth(140)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addStretch(1)
        self.form.addRow(options.date_label, date_row)
        if options.date_hint:
            self.form.addRow("", self._hint(options.date_hint))

        self.prefix = QLabel()
        self.serial = QSpinBox()
        self.serial.setRange(1, MAX_SERIAL)
        self.serial.setMinimumWidth(80)
        self.serial.setAccelerated(True)
        self.serial_hint = self._hint("")
        if options.doc_no:
            row = QHBoxLayout()
            row.setSpacing(4)
            row.addWidget(self.prefix)
            row.addWidget(self.serial)
            row.addWidget(QLabel("号"))
            row.addStretch(1)
            self.form.insertRow(1, "发文字号", row)
            self.form.insertRow(2, "", self.serial_hint)
            self.date.dateChanged.connect(self._date_changed)
            self.serial.valueChanged.connect(self._update_serial_hint)
        else:
            self.prefix.hide()
            self.serial.hide()
            self.serial_hint.hide()

        self.note = QFrame()
        self.note.setObjectName("note")
        self.note.setStyleSheet("#note { background: #FFF4CE; border: 1px solid #E5C35C;"
                                " border-radius: 3px; }")
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #5C4400;")
        self.profile_button = QPushButton("填写单位信息…")
        self.profile_button.clicked.connect(self.edit_profile)
        note_layout = QVBoxLayout(self.note)
        note_layout.setContentsMargins(10, 8, 10, 8)
        note_layout.addWidget(self.note_label)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.profile_button)
        note_layout.addLayout(button_row)
        self.layout().insertWidget(0, self.note)  # above the form: read it first

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("导出…")
        ok.setToolTip("下一步：选择保存位置")
        self._refresh_profile()
        self._date_changed()

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(HINT_STYLE)
        return label

    # --- State -----------------------------------------------------------------------------

    def when(self) -> date:
        return from_qdate(self.date.date())

    def doc_no(self) -> str:
        """The 发文字号 as it will be printed ("" for documents without one)."""
        if not self.options.doc_no:
            return ""
        return self.profile.doc_no(self.when().year, self.serial.value())

    def next_serial(self) -> int:
        return next_doc_serial(self.conn, self.when().year)

    def profile_is_default(self) -> bool:
        return is_default(self.profile)

    def _refresh_profile(self) -> None:
        self.prefix.setText(f"{self.profile.short_name}发〔{self.when().year}〕")
        self.note_label.setText(PROFILE_NOTE.format(name=self.profile.full_name))
        self.note.setVisible(self.options.profile and self.profile_is_default())
        self.adjustSize()

    def _date_changed(self) -> None:
        year = self.when().year
        if not self.options.doc_no or year == self._serial_year:
            return
        self._serial_year = year
        self.prefix.setText(f"{self.profile.short_name}发〔{year}〕")
        self.serial.setValue(self.next_serial())
        self._update_serial_hint()

    def _update_serial_hint(self) -> None:
        year = self.when().year
        upcoming = self.next_serial()
        if upcoming == 1:
            text, style = f"{year}年还没有用过发文字号。", HINT_STYLE
        elif self.serial.value() < upcoming:
            text, style = (f"注意：{year}年已用至{upcoming - 1}号，{self.serial.value()}号"
                           "可能已经用过。", WARN_STYLE)
        else:
            text, style = f"{year}年已用至{upcoming - 1}号。", HINT_STYLE
        self.serial_hint.setText(text)
        self.serial_hint.setStyleSheet(style)

    def edit_profile(self) -> None:
        saved = OfficeProfileDialog.ask(self, self.conn, self.when().year)
        if saved is not None:
            self.profile = load_profile(self.conn)
            self._refresh_profile()

    # --- Result ----------------------------------------------------------------------------

    def value(self) -> ExportChoice:
        serial = self.serial.value() if self.options.doc_no else None
        return ExportChoice(self.when(), serial, self.doc_no())

    @classmethod
    def ask(cls, parent: QWidget | None, conn: sqlite3.Connection, options: DocumentOptions,
            when: date) -> ExportChoice | None:
        dialog = cls(parent, conn, options, when)
        return dialog.value() if dialog.exec() else None
