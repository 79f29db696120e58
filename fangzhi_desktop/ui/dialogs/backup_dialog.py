"""文件 → 备份与恢复: the backups with date, reason, size and contents; back up now; an
encrypted backup to a chosen folder (a USB stick); restore one (an encrypted one asks for its
password first; the window then reopens on the restored data); change the backup folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.storage.backup import BackupInfo, list_backups
from fangzhi_desktop.ui import jobs, prompts
from fangzhi_desktop.ui.dialogs.password_dialog import PasswordDialog
from fangzhi_desktop.ui.errors import report_error

HEADERS = ("备份时间", "原因", "大小", "内容")


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


class BackupDialog(QDialog):
    """Lists backups; ``backup_requested``, ``restore_requested(path)`` and
    ``folder_changed(path)`` let the main window do the work (it owns the database)."""

    backup_requested = Signal()
    restore_requested = Signal(Path)
    folder_changed = Signal(Path)

    def __init__(self, parent: QWidget | None, folder: Path,
                 db_path: Path | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path  # the database to back up encrypted (the button needs it)
        self.job: jobs.Job | None = None
        self.setWindowTitle("备份与恢复")
        self.resize(760, 460)
        self.folder = folder
        self.backups: list[BackupInfo] = []
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel("每天第一次打开时自动备份，导入替换和升级前也会先备份；保留最近7天每天一份、"
                      "4周每周一份、12个月每月一份。恢复前会先备份当前数据。")
        note.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.backup_button = QPushButton("立即备份")
        self.backup_button.clicked.connect(self.backup_requested)
        self.encrypt_button = QPushButton("加密备份到…")
        self.encrypt_button.setToolTip("用密码加密备份到U盘或指定文件夹；恢复时需输入该密码")
        self.encrypt_button.clicked.connect(self.encrypted_backup)
        self.encrypt_button.setVisible(db_path is not None)
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.clicked.connect(self._restore)
        self.open_button = QPushButton("打开备份文件夹")
        self.open_button.clicked.connect(self._open_folder)
        self.folder_button = QPushButton("更改备份文件夹…")
        self.folder_button.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        for button in (self.backup_button, self.encrypt_button, self.restore_button,
                       self.open_button, self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.folder_label.setText(f"备份文件夹：{self.folder}")
        self.backups = list_backups(self.folder)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            values = (f"{backup.created:%Y-%m-%d %H:%M}", backup.reason, size_text(backup.size),
                      backup.describe())
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _restore(self) -> None:
        backup = self.selected()
        if backup is None or (self.job is not None and not self.job.done):
            return
        if backup.encrypted:
            self._restore_encrypted(backup)
            return
        if prompts.confirm(self, "恢复备份",
                           f"用 {backup.created:%Y-%m-%d %H:%M} 的备份（{backup.describe()}）"
                           "替换当前数据？\n\n当前数据会先自动备份；恢复后窗口将重新打开。",
                           ok_text="恢复", warning=True):
            self.restore_requested.emit(backup.path)

    def _restore_encrypted(self, backup: BackupInfo) -> jobs.Job | None:
        """The password first; the file is decrypted (in the background, into a private
        temporary folder) and checked before the question, and nothing changes before it."""
        from fangzhi_desktop.operations.encrypted_backups import decrypt_into, private_folder

        password = PasswordDialog.ask(self, "恢复加密备份",
                                      f"{backup.path.name} 是加密备份，请输入备份时设置的密码。",
                                      new=False)
        if password is None:
            return None
        holder = private_folder()

        def work(_progress: object) -> tuple[Path, BackupInfo]:
            return decrypt_into(backup.path, password, Path(holder.name))

        opened: list[tuple[Path, BackupInfo]] = []

        def ask_and_restore() -> None:
            """Once the job is over (a restore waits for running jobs): ask, then restore."""
            try:
                if opened:
                    plain, info = opened[0]
                    if prompts.confirm(self, "恢复备份",
                                       f"用 {backup.created:%Y-%m-%d %H:%M} 的加密备份"
                                       f"（{info.describe()}）替换当前数据？\n\n当前数据会先自动"
                                       "备份；恢复后窗口将重新打开。", ok_text="恢复", warning=True):
                        self.restore_requested.emit(plain)  # handled before ``plain`` goes
            finally:
                holder.cleanup()

        self.job = jobs.start_job(self, "正在解密备份", work, on_success=opened.append,
                                  on_error=lambda exc: report_error(self, exc, "无法恢复"),
                                  on_cancel=lambda: None)
        self.job.finished.connect(ask_and_restore)
        return self.job

    def encrypted_backup(self) -> jobs.Job | None:
        """加密备份到…: a folder (a USB stick), a password typed twice, then the job."""
        from fangzhi_desktop.operations.encrypted_backups import (
            encrypted_target,
            write_encrypted_backup,
        )

        if self.db_path is None or (self.job is not None and not self.job.done):
            return None
        folder = prompts.choose_folder(self, "加密备份到哪个文件夹（如U盘）", str(self.folder))
        if folder is None:
            return None
        password = PasswordDialog.ask(
            self, "加密备份", "请设置这个备份的密码。恢复时需要输入它；忘记密码将无法恢复，"
            "请妥善保管。", new=True)
        if password is None:
            return None
        target = encrypted_target(folder)

        def work(conn: sqlite3.Connection, _progress: object) -> Path:
            return write_encrypted_backup(conn, target, password)

        def done(path: Path) -> None:
            self.reload()
            prompts.inform(self, "备份完成", f"已备份、校验并加密：\n{path}")

        self.job = jobs.start_job(self, "正在加密备份", jobs.in_database(self.db_path, work),
                                  on_success=done)
        return self.job

    def _open_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        prompts.open_url(QUrl.fromLocalFile(str(self.folder)))

    def _choose_folder(self) -> None:
        chosen = prompts.choose_folder(self, "选择备份文件夹", str(self.folder))
        if chosen is not None and chosen != self.folder:
            self.folder = chosen
            self.folder_changed.emit(chosen)
            self.reload()
