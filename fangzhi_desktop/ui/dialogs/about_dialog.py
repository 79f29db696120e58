"""帮助 → 关于: the version and build, Python/Qt versions and where the data, backups and log
are — what a maintainer asks for first. 复制信息 puts it all on the clipboard."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop import APP_NAME
from fangzhi_desktop.build_info import build_info
from fangzhi_desktop.ui import prompts

DESCRIPTION = "县级地方志工作机构的办公桌面：年度工作要点督办、专项活动、年鉴编纂、干部学习。"


def log_file() -> Path | None:
    """Where bug reports are logged (None when the user data folder cannot be written)."""
    from fangzhi_desktop.logs import LOG_NAME, log_dir

    try:
        return log_dir() / LOG_NAME
    except OSError:
        return None


def about_rows(db_path: Path, backup_folder: Path) -> list[tuple[str, str]]:
    """(label, value) pairs shown in the dialog and copied by 复制信息."""
    info = build_info()
    build = "，".join(part for part in (info["built"], info["commit"] and f"提交 {info['commit']}")
                     if part) or "从源码运行"
    log = log_file()
    return [
        ("版本", info["version"]),
        ("构建", build),
        ("Python", platform.python_version()),
        ("Qt", f"{qVersion()}（PySide6 {pyside_version}）"),
        ("操作系统", f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("数据文件", str(db_path)),
        ("数据文件夹", str(db_path.parent)),
        ("备份文件夹", str(backup_folder)),
        ("日志文件", str(log) if log else "无法写入日志"),
    ]


def folder_url(folder: Path) -> QUrl:
    return QUrl.fromLocalFile(str(folder))


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the file manager (Explorer, 文件管理器)."""
    return prompts.open_url(folder_url(folder))


class AboutDialog(QDialog):
    """The facts of ``about_rows`` with 打开数据文件夹 and 复制信息."""

    def __init__(self, parent: QWidget | None, db_path: Path, backup_folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.db_path = Path(db_path).absolute()  # the full place, also when started with a relative --db
        self.rows = about_rows(self.db_path, backup_folder)
        heading = QLabel(f"<h2>{APP_NAME}</h2><p>{DESCRIPTION}</p>")
        heading.setWordWrap(True)
        icon = QApplication.windowIcon()
        logo = QLabel()
        if not icon.isNull():
            logo.setPixmap(icon.pixmap(64, 64))
        form = QFormLayout()
        for label, value in self.rows:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}：", field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button = QPushButton("打开数据文件夹")
        self.open_button.clicked.connect(self.open_data_folder)
        self.copy_button = QPushButton("复制信息")
        self.copy_button.clicked.connect(self.copy_info)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def text(self) -> str:
        lines = [f"{APP_NAME}"] + [f"{label}：{value}" for label, value in self.rows]
        lines.append(f"运行环境：{sys.executable}")
        return "\n".join(lines)

    def open_data_folder(self) -> bool:
        return open_folder(self.db_path.parent)

    def copy_info(self) -> None:
        QApplication.clipboard().setText(self.text())
        self.copy_button.setText("已复制")
