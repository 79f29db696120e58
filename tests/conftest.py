"""Test set-up: headless Qt, no user data touched, sample files at hand."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "resources" / "samples"
SEED_WORKPOINTS = SAMPLES / "003_4e59df0e3bf8976e.txt"
SHARED_CHECKER = REPO.parent / "shared" / "tools" / "check_official_docx.py"
DEMO_TODAY = date(2026, 11, 23)


REAL_DATA_DIR = Path.home() / ".local" / "share" / "fangzhi-desktop"


@pytest.fixture(scope="session", autouse=True)
def _never_touch_the_real_user_folder() -> Iterator[None]:
    """A test that escapes the isolation below (e.g. ``monkeypatch.undo()``) fails the run."""
    existed = REAL_DATA_DIR.exists()
    yield
    assert existed or not REAL_DATA_DIR.exists(), f"tests wrote into {REAL_DATA_DIR}"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real user data folder or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("FANGZHI_DB", raising=False)


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    """A fresh, migrated in-memory database."""
    from fangzhi_desktop.storage import open_database

    connection = open_database(":memory:")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per run."""
    from fangzhi_desktop.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    return build_demo(path, today=DEMO_TODAY)


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_template, target)
    return target
