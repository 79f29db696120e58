"""A password for an encrypted backup: typed twice when it is new, once to open a file."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from fangzhi_desktop.ui.widgets import FormDialog

MIN_LENGTH = 6


class PasswordDialog(FormDialog):
    """``ask(parent, title, note, new=True)`` → the password, or None when cancelled."""

    def __init__(self, parent: QWidget | None, title: str, note: str, *, new: bool) -> None:
        super().__init__(parent, title)
        self.new = new
        label = QLabel(note)
        label.setWordWrap(True)
        self.form.addRow(label)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow("密码", self.password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            self.form.addRow("再输一次", self.again)

    def validate(self) -> str | None:
        text = self.password.text()
        if not text:
            return "请输入密码。"
        if self.new and len(text) < MIN_LENGTH:
            return f"密码至少{MIN_LENGTH}个字符。"
        if self.new and self.again.text() != text:
            return "两次输入的密码不一致。"
        return None

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, note: str, *, new: bool) -> str | None:
        dialog = cls(parent, title, note, new=new)
        return dialog.password.text() if dialog.exec() else None
