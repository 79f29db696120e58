"""Damaged, tampered, incompatible and encrypted packages: a clear message, nothing changed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from fangzhi_desktop.crypto import DamagedFile, WrongPassword
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.operations.exchange_package import (
    PackageError,
    PasswordNeeded,
    export_package,
    import_package,
    inspect_package,
)
from fangzhi_desktop.storage import open_database
from tests.storage.exchange_helpers import count, rewrite, snapshot

LOG_N = 10  # a cheap scrypt for tests


@pytest.fixture
def package(demo_db: Path, tmp_path: Path) -> Path:
    conn = open_database(demo_db)
    try:
        export_package(conn, tmp_path / "a.fzpkg", areas=["干部学习"])
    finally:
        conn.close()
    return tmp_path / "a.fzpkg"


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city.db"
    open_database(path).close()
    return path


def _refused(city: Path, package: Path, error: type[FangzhiError], match: str,
             password: str | None = None) -> None:
    before = snapshot(city)
    conn = open_database(city)
    try:
        with pytest.raises(error, match=match):
            import_package(conn, package, password=password)
    finally:
        conn.close()
    assert snapshot(city) == before


def _data(package: Path) -> bytes:
    with zipfile.ZipFile(package) as zf:
        return zf.read("data.db")


def test_tampered_member(city: Path, package: Path, tmp_path: Path) -> None:
    data = bytearray(_data(package))
    at = data.find("孙立军".encode())
    data[at:at + 9] = "王立军".encode()
    bad = rewrite(package, tmp_path / "bad.fzpkg", data=bytes(data))
    _refused(city, bad, PackageError, "data.db 的校验值不符")


def test_tampered_manifest(city: Path, package: Path, tmp_path: Path) -> None:
    bad = rewrite(package, tmp_path / "bad.fzpkg", manifest={"years": [1999]})
    _refused(city, bad, PackageError, "清单的校验值不符")


def test_truncated_zip(city: Path, package: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.fzpkg"
    bad.write_bytes(package.read_bytes()[:-200])
    _refused(city, bad, PackageError, "未做任何改动")


def test_damaged_bytes_inside_the_zip(city: Path, package: Path, tmp_path: Path) -> None:
    raw = bytearray(package.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    bad = tmp_path / "bad.fzpkg"
    bad.write_bytes(bytes(raw))
    _refused(city, bad, PackageError, "已损坏或被改动过")


def test_not_a_zip(city: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.fzpkg"
    bad.write_text("这不是交换包", encoding="utf-8")
    _refused(city, bad, PackageError, "不是方志办公桌面的交换包")


def test_a_missing_file(city: Path, tmp_path: Path) -> None:
    _refused(city, tmp_path / "none.fzpkg", FangzhiError, "找不到交换包")


def test_newer_schema(city: Path, package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        schema = json.loads(zf.read("manifest.json"))["schema"]
    bad = rewrite(package, tmp_path / "new.fzpkg", manifest={"schema": [*schema, "0099_x"]},
                  rehash=True)
    _refused(city, bad, PackageError, "更新版本")


def test_forged_hashes_over_other_data_are_refused(city: Path, package: Path,
                                                    tmp_path: Path) -> None:
    """A forger who recomputes every hash still needs a database matching the manifest."""
    bad = rewrite(package, tmp_path / "bad.fzpkg", data=b"SQLite format 3\x00" + b"\0" * 200,
                  rehash=True)
    _refused(city, bad, PackageError, "已损坏或被改动过")


def test_encrypted_package(demo_db: Path, city: Path, tmp_path: Path) -> None:
    conn = open_database(demo_db)
    try:
        manifest = export_package(conn, tmp_path / "e.fzpkg", areas=["干部学习"],
                                  password="县志办2026", log_n=LOG_N)
    finally:
        conn.close()
    encrypted = tmp_path / "e.fzpkg"
    assert manifest.encrypted and not zipfile.is_zipfile(encrypted)
    _refused(city, encrypted, PasswordNeeded, "请输入密码")
    _refused(city, encrypted, WrongPassword, "密码不正确", password="wrong")
    raw = bytearray(encrypted.read_bytes())
    raw[-30] ^= 0x01
    tampered = tmp_path / "t.fzpkg"
    tampered.write_bytes(bytes(raw))
    _refused(city, tampered, DamagedFile, "已损坏或被改动过", password="县志办2026")
    assert "已用密码加密" in inspect_package(encrypted, "县志办2026").summary_lines()[-1]
    conn = open_database(city)
    try:
        import_package(conn, encrypted, password="县志办2026")
    finally:
        conn.close()
    assert count(city, "learning_activities") == count(demo_db, "learning_activities")


def test_dry_run_counts_but_writes_nothing(city: Path, package: Path) -> None:
    before = snapshot(city)
    conn = open_database(city)
    try:
        outcome = import_package(conn, package, dry_run=True)
    finally:
        conn.close()
    assert outcome.added["learning_activities"] > 0 and outcome.backup is None
    assert "试导入" in outcome.describe()
    assert snapshot(city) == before


def test_an_older_schema_is_upgraded_and_merged(city: Path, package: Path,
                                                tmp_path: Path) -> None:
    import sqlite3

    old_db = tmp_path / "old.db"
    old_db.write_bytes(_data(package))
    db = sqlite3.connect(old_db, isolation_level=None)
    db.executescript("DROP TABLE exchange_map; DROP TABLE exchange_imports; "
                     "DELETE FROM _sqlite_migrations WHERE name = '0008_exchange'; VACUUM;")
    schema = [n for (n,) in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    db.close()
    old = rewrite(package, tmp_path / "old.fzpkg", data=old_db.read_bytes(),
                  manifest={"schema": schema}, rehash=True)
    conn = open_database(city)
    try:
        outcome = import_package(conn, old)
    finally:
        conn.close()
    assert outcome.added["learning_activities"] == count(city, "learning_activities") > 0
