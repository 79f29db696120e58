"""Every file the app creates, and the log after a whole working session.

Files with personal data — the database and its -wal/-shm, plain and encrypted backups, the
backups taken before a restore or a removal, the logs (after a rollover too) — are 0600;
exported documents are 0644 so a colleague can open them. After building the demo, importing a
roster, exporting every kind with people (masked and in full), a user error, a bug whose
message holds an ID and a mobile number and a person's removal, the log holds neither.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop import logs
from fangzhi_desktop.cli import INTERNAL_ERROR, main
from fangzhi_desktop.storage import open_database
from tests.importers.roster_builders import person_row, standard_roster, write_xlsx

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")

ID_PATTERN = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dXx])")
MOBILE_PATTERN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
BUG_ID, BUG_MOBILE = "220102199001011234", "13912345678"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def fresh_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Logging set up anew in this test's user folder (removed from the logger afterwards)."""
    monkeypatch.setattr(logs, "_configured", None)
    path = logs.setup_logging()
    assert path is not None
    yield path
    root = logging.getLogger("fangzhi_desktop")
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", "").startswith(str(path.parent)):
            root.removeHandler(handler)
            handler.close()


def _cli(*args: str) -> int:
    return main([str(a) for a in args])


def test_modes_of_every_file_the_app_creates(tmp_path: Path, umask_022: None,
                                             fresh_log: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "office.db"
    assert _cli("--db", db, "demo", "--force") == 0
    conn = open_database(db)
    conn.execute("INSERT INTO meta (key, value) VALUES ('mode-check', 'x')")
    side = {suffix: _mode(Path(f"{db}{suffix}")) for suffix in ("-wal", "-shm")}
    conn.close()
    assert _mode(db) == 0o600 and side == {"-wal": 0o600, "-shm": 0o600}

    private: list[Path] = [fresh_log, fresh_log.parent]
    backups = logs.log_dir().parent / "backups"  # the default backup folder
    assert _cli("--db", db, "backup") == 0
    monkeypatch.setenv("FZ_PW", "office-pass")
    usb = tmp_path / "usb"
    usb.mkdir()
    assert _cli("--db", db, "backup", "--out", usb, "--password-env", "FZ_PW") == 0
    (encrypted,) = usb.glob("*.fzenc")
    assert _cli("--db", db, "backup", "--out", tmp_path / "plain.db") == 0
    assert _cli("--db", db, "restore", encrypted, "--yes", "--password-env", "FZ_PW") == 0
    assert _cli("--db", db, "person", "delete", "1", "--yes") == 0
    private += [db, encrypted, tmp_path / "plain.db", *backups.iterdir()]
    assert len(list(backups.iterdir())) == 3  # 手动, 恢复前, 删除人员前

    exports = tmp_path / "exports"
    shared: list[Path] = []
    for kind, name in (("roster-xlsx", "花名册.xlsx"), ("learning-hours-xlsx", "学时.xlsx"),
                       ("learning-report", "通报.docx"), ("briefing", "简报.docx"),
                       ("yearbook-xlsx", "进度.xlsx"), ("workpoints-xlsx", "台账.xlsx")):
        assert _cli("--db", db, "export", kind, "--out", exports / name) == 0, kind
        shared.append(exports / name)
    assert _cli("--db", db, "export", "yearbook-package", "--out", exports / "包") == 0
    shared += list((exports / "包").iterdir())

    # A log rollover: the next file is private too.
    handler = next(h for h in logging.getLogger("fangzhi_desktop").handlers
                   if getattr(h, "baseFilename", "") == str(fresh_log))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.doRollover()
    private.append(Path(str(fresh_log) + ".1"))

    wrong = {p: oct(_mode(p)) for p in private
             if _mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert not wrong, wrong
    assert _mode(fresh_log) == 0o600
    wrong = {p: oct(_mode(p)) for p in shared if _mode(p) != 0o644}
    assert not wrong, wrong


def test_no_id_or_phone_in_the_log_after_a_working_session(tmp_path: Path, fresh_log: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    db = tmp_path / "office.db"
    assert _cli("--db", db, "demo", "--force") == 0
    roster = write_xlsx(tmp_path / "花名册.xlsx", standard_roster([
        person_row(1, "新同志", date(1995, 3, 4), serial=7, phone="13700001111"),
        person_row(2, "另一人", date(1992, 5, 6), serial=8, male=False)]))
    assert _cli("--db", db, "import-roster", roster) == 0
    out = tmp_path / "out"
    for kind in ("roster-xlsx", "learning-hours-xlsx", "yearbook-xlsx"):
        assert _cli("--db", db, "export", kind, "--out", out / f"{kind}.xlsx") == 0
        assert _cli("--db", db, "export", kind, "--out", out / f"{kind}-full.xlsx",
                    "--full-ids") == 0
    assert _cli("--db", db, "export", "briefing", "--out", out / "b.docx", "--full-ids") == 0
    # A user error: told on stderr, not a bug.
    assert _cli("--db", db, "import-roster", tmp_path / "missing.xlsx") == 2

    # A bug whose message carries an ID and a mobile number: logged with its traceback.
    from fangzhi_desktop.operations import learning_documents

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"row with {BUG_ID} / {BUG_MOBILE} failed")

    monkeypatch.setattr(learning_documents, "write_roster_xlsx", broken)
    assert _cli("--db", db, "export", "roster-xlsx", "--out", out / "x.xlsx") == INTERNAL_ERROR
    assert _cli("--db", db, "person", "delete", "2", "--yes") == 0

    text = "\n".join(p.read_text(encoding="utf-8") for p in fresh_log.parent.iterdir())
    assert "RuntimeError" in text and "Traceback" in text  # the bug was logged …
    assert "2201**********1234" in text and "139****5678" in text  # … its numbers masked
    assert not ID_PATTERN.search(text), ID_PATTERN.search(text)
    assert not MOBILE_PATTERN.search(text), MOBILE_PATTERN.search(text)
