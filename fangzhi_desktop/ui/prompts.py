"""Every dialog that blocks, behind small functions that tests replace (monkeypatch).

Widgets call ``prompts.open_file(...)`` (through the module, never ``from … import``) so a
test can answer for the user.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QFileDialog, QInputDialog, QMessageBox, QWidget

from fangzhi_desktop import APP_NAME


def open_file(parent: QWidget | None, title: str, file_filter: str,
              directory: str = "") -> Path | None:
    """Ask for an existing file to read; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, directory, file_filter)
    return Path(name) if name else None


def open_files(parent: QWidget | None, title: str, file_filter: str,
               directory: str = "") -> list[Path]:
    """Ask for one or more existing files to read; [] when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, directory, file_filter)
    return [Path(name) for name in names]


def save_file(parent: QWidget | None, title: str, file_filter: str,
              suggested: str = "") -> Path | None:
    """Ask where to write a file; None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, directory: str = "") -> Path | None:
    """Ask for a folder (e.g. where backups go); None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, title, directory)
    return Path(name) if name else None


def confirm(parent: QWidget | None, title: str, text: str, *, ok_text: str = "确定",
            warning: bool = False) -> bool:
    """A yes/no question; True when the user agrees."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question,
                      title, text, QMessageBox.StandardButton.Cancel, parent)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel if warning else ok)
    box.exec()
    return box.clickedButton() is ok


def ask_year(parent: QWidget | None, title: str, label: str, value: int, minimum: int = 2000,
             maximum: int = 2100) -> int | None:
    """Ask for a year; None when cancelled."""
    year, ok = QInputDialog.getInt(parent, title, label, value, minimum, maximum, 1)
    return year if ok else None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something went well."""
    QMessageBox.information(parent, title, text)


def full_numbers(parent: QWidget | None, title: str, text: str, label: str) -> bool | None:
    """Before an export with people in it: ``text``, and the tick box ``label`` (unticked).
    True to include the numbers in full, False to mask them, None when cancelled."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Cancel, parent)
    check = QCheckBox(label)
    box.setCheckBox(check)
    go = box.addButton("继续导出…", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(go)
    box.exec()
    return check.isChecked() if box.clickedButton() is go else None


OPEN_FILE = "file"
OPEN_FOLDER = "folder"


def offer_open(parent: QWidget | None, title: str, text: str) -> str | None:
    """Tell the user a file was written and offer to open it.

    Returns ``OPEN_FILE``, ``OPEN_FOLDER`` or None (关闭).
    """
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.setEscapeButton(close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        return OPEN_FILE
    if clicked is open_folder:
        return OPEN_FOLDER
    return None


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the system's program (Word/WPS, the file manager)."""
    return QDesktopServices.openUrl(url)


def error(parent: QWidget | None, title: str, text: str, details: list[str] | None = None) -> None:
    """Show a user-facing error (a ``FangzhiError``): the message, problems in the details."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    if details:
        shown = details[:15]
        more = f"\n……另有 {len(details) - 15} 处" if len(details) > 15 else ""
        box.setInformativeText("\n".join(shown) + more)
    box.exec()


def internal_error(parent: QWidget | None, log_path: Path | None) -> None:
    """Tell the user that a bug happened and where its log is (never the traceback)."""
    where = f"详细情况已记录在日志文件：\n{log_path}" if log_path else "日志文件无法写入。"
    QMessageBox.critical(
        parent, "内部错误",
        f"{APP_NAME}发生了内部错误，刚才的操作可能没有完成。\n{where}\n"
        "请把日志文件发给技术支持人员。已保存的数据不受影响。")


def about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)
