"""``fangzhi backup --out … --password-file/--password-env`` and restoring a ``.fzenc``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.crypto import is_encrypted
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.database import checkpoint
from fangzhi_desktop.storage.workpoints import delete_plan, plan_years


def _digest(path: Path) -> str:
    conn = open_database(path)
    checkpoint(conn)
    conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_encrypted_backup_to_a_folder_and_restore(capsys: pytest.CaptureFixture[str],
                                                  demo_db: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    secret = tmp_path / "pw.txt"
    secret.write_text("方志 2026\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "backup", "--out", str(usb),
                 "--password-file", str(secret)]) == 0
    assert "已加密" in capsys.readouterr().err
    (written,) = usb.iterdir()
    assert written.name.startswith("fangzhi-") and written.name.endswith("-手动.db.fzenc")
    assert is_encrypted(written)
    assert b"SQLite format 3" not in written.read_bytes()

    conn = open_database(demo_db)
    delete_plan(conn, 2023)
    conn.close()
    before = _digest(demo_db)
    monkeypatch.setenv("FZ_PW", "wrong")
    assert main(["--db", str(demo_db), "restore", str(written), "--yes",
                 "--password-env", "FZ_PW"]) == 2
    assert "密码不正确" in capsys.readouterr().err
    assert _digest(demo_db) == before

    monkeypatch.setenv("FZ_PW", "方志 2026")
    assert main(["--db", str(demo_db), "restore", str(written), "--yes",
                 "--password-env", "FZ_PW"]) == 0
    assert "恢复前的数据已备份到" in capsys.readouterr().err
    assert plan_years(open_database(demo_db)) == [2023, 2026]


def test_a_tampered_encrypted_backup_changes_nothing(capsys: pytest.CaptureFixture[str],
                                                     demo_db: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FZ_PW", "secret")
    out = tmp_path / "copy"
    assert main(["--db", str(demo_db), "backup", "--out", str(out),
                 "--password-env", "FZ_PW"]) == 0
    written = tmp_path / "copy.db.fzenc"
    assert written.is_file()
    data = bytearray(written.read_bytes())
    data[len(data) // 2] ^= 0x01
    written.write_bytes(bytes(data))
    before = _digest(demo_db)
    assert main(["--db", str(demo_db), "restore", str(written), "--yes",
                 "--password-env", "FZ_PW"]) == 2
    err = capsys.readouterr().err
    assert "改动" in err or "损坏" in err, err
    assert "Traceback" not in err
    assert _digest(demo_db) == before


def test_encrypting_needs_a_destination_and_a_terminal(capsys: pytest.CaptureFixture[str],
                                                       demo_db: Path) -> None:
    assert main(["--db", str(demo_db), "backup", "--encrypt"]) == 2
    assert "--password-file" in capsys.readouterr().err
