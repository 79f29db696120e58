"""文件 → 备份与恢复, the daily backup at start-up, one instance per database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.backup import backup_before, list_backups
from fangzhi_desktop.storage.workpoints import delete_plan, plan_years
from fangzhi_desktop.ui.dialogs.backup_dialog import BackupDialog
from fangzhi_desktop.ui.single_instance import SingleInstance


def test_daily_backup_runs_in_the_background_once_a_day(make_window, demo_db: Path,
                                                         qtbot: QtBot, tmp_path: Path) -> None:
    from fangzhi_desktop.ui import settings as keys

    window = make_window(demo_db)
    window.settings.set(keys.BACKUP_DIR, str(tmp_path / "usb"))
    with qtbot.waitSignal(window.start_daily_backup().finished, timeout=10000):
        pass
    assert [b.reason for b in list_backups(tmp_path / "usb")] == ["每日"]
    with qtbot.waitSignal(window.start_daily_backup().finished, timeout=10000):
        pass
    assert len(list_backups(tmp_path / "usb")) == 1


def test_the_dialog_lists_backs_up_and_changes_folder(qtbot: QtBot, demo_db: Path,
                                                      tmp_path: Path, said) -> None:
    folder = tmp_path / "b"
    backup_before(open_database(demo_db), "手动", folder)
    dialog = BackupDialog(None, folder)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "手动"
    assert "工作要点46条" in dialog.table.item(0, 3).text()
    chosen: list[Path] = []
    dialog.folder_changed.connect(chosen.append)
    said.answers["choose_folder"] = tmp_path / "u盘"
    dialog.folder_button.click()
    assert chosen == [tmp_path / "u盘"] and dialog.table.rowCount() == 0
    assert "u盘" in dialog.folder_label.text()


def test_restore_from_the_window_reopens_on_the_restored_data(make_window, demo_db: Path,
                                                              qtbot: QtBot, tmp_path: Path,
                                                              said) -> None:
    from fangzhi_desktop.ui import settings as keys

    conn = open_database(demo_db)
    saved = backup_before(conn, "手动", tmp_path / "b")
    delete_plan(conn, 2023)
    conn.close()
    window = make_window(demo_db)
    window.settings.set(keys.BACKUP_DIR, str(tmp_path / "b"))
    assert 2023 not in window.workpoints.years()
    window.restore_backup(saved)
    assert window.restart_requested and window.conn is None
    assert "恢复前的数据已备份到" in said.texts("inform")[-1]
    assert plan_years(open_database(demo_db)) == [2023, 2026]
    reasons = sorted(b.reason for b in list_backups(tmp_path / "b"))
    assert reasons == ["恢复前", "手动"]
    fresh = make_window(demo_db)
    assert 2023 in fresh.workpoints.years()


def test_a_second_instance_defers_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    first = SingleInstance(db)
    assert first.acquire()
    second = SingleInstance(db)
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not second.acquire()
    first.release()
    third = SingleInstance(db)
    assert third.acquire()  # released: the next start may take over
    third.release()


def test_a_stale_lock_after_a_crash_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    script = ("import os, sys\nfrom PySide6.QtCore import QCoreApplication\n"
              "from fangzhi_desktop.ui.single_instance import SingleInstance\n"
              "app = QCoreApplication([])\n"
              f"held = SingleInstance(__import__('pathlib').Path({str(db)!r}))\n"
              "assert held.acquire()\n"
              "os._exit(0)  # dies holding the lock, like a crash\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60,
                   env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert Path(str(db) + ".lock").exists()
    instance = SingleInstance(db)
    assert instance.acquire()
    instance.release()


def test_two_app_starts_on_one_database(demo_db: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "fangzhi_desktop", "--db", str(demo_db)]
    first = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not Path(str(demo_db) + ".lock").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0
        assert "已经在使用" in second.stderr
        assert first.poll() is None  # the first window is still open
    finally:
        first.kill()
        first.wait(timeout=30)
        assert first.stderr is not None
        first.stderr.close()


def test_encrypted_backup_to_a_usb_folder_and_restore_with_its_password(
        make_window, demo_db: Path, qtbot: QtBot, tmp_path: Path, said,
        monkeypatch) -> None:
    from fangzhi_desktop.crypto import is_encrypted
    from fangzhi_desktop.ui import settings as keys
    from fangzhi_desktop.ui.dialogs.password_dialog import PasswordDialog

    usb = tmp_path / "usb"
    usb.mkdir()
    window = make_window(demo_db)
    window.settings.set(keys.BACKUP_DIR, str(tmp_path / "b"))
    dialog = BackupDialog(window, usb, demo_db)
    qtbot.addWidget(dialog)
    typed: list[str] = []
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(
        lambda cls, parent, title, note, new: typed.pop(0) if typed else None))
    said.answers["choose_folder"] = usb
    typed.append("方志办2026")
    with qtbot.waitSignal(dialog.encrypted_backup().finished, timeout=20000):
        pass
    (written,) = usb.glob("*.fzenc")
    assert is_encrypted(written)
    assert "已备份、校验并加密" in said.texts("inform")[-1]
    assert dialog.table.rowCount() == 1
    assert "加密备份" in dialog.table.item(0, 3).text()

    conn = open_database(demo_db)
    delete_plan(conn, 2023)
    conn.close()
    # A wrong password: a clear message, nothing asked, nothing changed.
    typed.append("wrong password")
    with qtbot.waitSignal(dialog._restore_encrypted(dialog.selected()).finished, timeout=20000):
        pass
    assert "密码不正确" in said.texts("error")[-1]
    assert not said.texts("confirm")
    assert plan_years(open_database(demo_db)) == [2026]

    restored: list[Path] = []
    dialog.restore_requested.connect(lambda plain: (restored.append(plain),
                                                   window.restore_backup(plain, dialog)))
    typed.append("方志办2026")
    said.answers["confirm"] = True
    with qtbot.waitSignal(dialog._restore_encrypted(dialog.selected()).finished, timeout=20000):
        pass
    assert "工作要点46条" in said.texts("confirm")[-1]
    assert restored and not restored[0].exists()  # the decrypted copy is gone again
    assert plan_years(open_database(demo_db)) == [2023, 2026]
