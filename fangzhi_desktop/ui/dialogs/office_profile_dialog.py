"""设置 → 单位信息: the office's names as every document prints them, with a live preview."""

from __future__ import annotations

import html
import re
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from fangzhi_desktop.domain.office import PROFILE_LABELS, OfficeProfile
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.office import load_profile, save_profile
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.widgets import FormDialog

HEAD_COLOUR = "#C00000"  # the 版头 red, as printed
# Placeholders for fields whose label has no （…） hint of its own.
PLACEHOLDERS = {
    "full_name": "如：某某县地方志办公室",
    "default_recipient": "如：各科室、各有关单位：",
    "cc": "多个机关用“，”或“、”分隔",
    "briefing_name": "如：方志工作简报",
    "briefing_publisher": "留空为单位全称",
}
BAD_SHORT_NAME = re.compile(r"[0-9０-９〔〕\[\]［］()（）【】]")


def split_label(label: str) -> tuple[str, str]:
    """``版头文字（留空为“单位全称+文件”）`` → (``版头文字``, ``留空为“单位全称+文件”``)."""
    if label.endswith("）") and "（" in label:
        head, _, hint = label.partition("（")
        return head, hint[:-1]
    return label, ""


def is_default(profile: OfficeProfile) -> bool:
    """True while the office has not entered its own names yet."""
    default = OfficeProfile()
    return profile.full_name == default.full_name or profile.short_name == default.short_name


def short_name_problem(short_name: str, year: int) -> str | None:
    """Why a 发文字号代字 cannot be used, or None."""
    if not short_name:
        return "请填写发文字号代字（如“某志办”）。"
    if BAD_SHORT_NAME.search(short_name):
        return ("发文字号代字只写机关代字（如“某志办”），不要带〔〕、括号或数字："
                "年份和序号会自动加上。")
    if short_name.endswith("发"):
        stem = short_name[:-1]
        return (f"发文字号代字末尾不用写“发”字，文号会自动写成“{stem}发〔{year}〕1号”。"
                f"请把代字改为“{stem}”。")
    return None


class OfficeProfileDialog(FormDialog):
    """Every ``OfficeProfile`` field; 确定 saves it (a tiny write, on the GUI thread)."""

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection, year: int) -> None:
        super().__init__(parent, "单位信息")
        self.setMinimumWidth(620)
        self.conn = conn
        self.year = year
        profile = load_profile(conn)
        intro = QLabel("这里填写的名称会印在导出的公文上（版头、发文字号、主送、署名、版记）。"
                       "只需填写一次。")
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        self.form.addRow(intro)
        self.edits: dict[str, QLineEdit] = {}
        for name in OfficeProfile.field_names():
            label, hint = split_label(PROFILE_LABELS.get(name, name))
            edit = QLineEdit(str(getattr(profile, name)))
            edit.setPlaceholderText(hint or PLACEHOLDERS.get(name, ""))
            edit.setToolTip(PROFILE_LABELS.get(name, name))
            edit.textChanged.connect(self._update_preview)
            self.edits[name] = edit
            self.form.addRow(label, edit)
        self.edits["short_name"].setMaxLength(20)

        self.preview_head = QLabel()
        self.preview_head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_head.setWordWrap(True)
        self.preview_no = QLabel()
        self.preview_no.setAlignment(Qt.AlignmentFlag.AlignCenter)
        rule = QFrame()
        rule.setFixedHeight(2)
        rule.setStyleSheet(f"background: {HEAD_COLOUR};")
        self.preview = QFrame()
        self.preview.setObjectName("preview")
        self.preview.setStyleSheet("#preview { background: white; border: 1px solid #CCC; }")
        box = QVBoxLayout(self.preview)
        box.setContentsMargins(16, 10, 16, 10)
        box.setSpacing(6)
        box.addWidget(self.preview_head)
        box.addWidget(self.preview_no)
        box.addWidget(rule)
        caption = QLabel("预览")
        caption.setStyleSheet("color: #555;")
        self.form.addRow(caption, self.preview)
        self._update_preview()
        self.edits["full_name"].setFocus()

    def profile(self) -> OfficeProfile:
        """What the form says now (not yet saved)."""
        return OfficeProfile(**{name: edit.text().strip() for name, edit in self.edits.items()})

    def head_preview(self) -> str:
        return self.profile().head_text

    def doc_no_preview(self) -> str:
        profile = self.profile()
        return profile.doc_no(self.year, 1) if profile.short_name else ""

    def _update_preview(self) -> None:
        head = self.head_preview()
        self.preview_head.setText(
            f"<span style='color: {HEAD_COLOUR}; font-size: x-large; font-weight: bold;'>"
            f"{html.escape(head)}</span>")
        doc_no = self.doc_no_preview()
        self.preview_no.setText(f"发文字号：{doc_no}" if doc_no else "发文字号：（请填写代字）")

    def validate(self) -> str | None:
        profile = self.profile()
        if not profile.full_name:
            self.edits["full_name"].setFocus()
            return "请填写单位全称。"
        problem = short_name_problem(profile.short_name, self.year)
        if problem:
            self.edits["short_name"].setFocus()
        return problem

    def accept(self) -> None:
        if self.validate() is None:
            try:
                with audit.action(self.conn, "修改单位信息"):
                    save_profile(self.conn, self.profile())
            except Exception as exc:
                report_error(self, exc, "无法保存单位信息")
                return
        super().accept()  # shows the problem, or closes

    @classmethod
    def ask(cls, parent: QWidget | None, conn: sqlite3.Connection,
            year: int) -> OfficeProfile | None:
        """Show the dialog; the saved profile, or None when cancelled."""
        dialog = cls(parent, conn, year)
        return dialog.profile() if dialog.exec() else None
