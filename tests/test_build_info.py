"""The version comes from pyproject.toml from source and from the stamp in a frozen build."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest

import fangzhi_desktop
from fangzhi_desktop import build_info as info

REPO = Path(__file__).resolve().parent.parent


def test_version_is_the_one_in_pyproject() -> None:
    wanted = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert fangzhi_desktop.__version__ == wanted
    assert info.source_version() == wanted


def test_a_frozen_build_reads_its_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / info.BUILD_INFO_NAME).write_text(json.dumps(
        {"version": "9.8.7", "commit": "abc1234", "built": "2026-11-23 18:00 UTC"}), "utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    info.build_info.cache_clear()
    try:
        assert info.build_info() == {"version": "9.8.7", "commit": "abc1234",
                                     "built": "2026-11-23 18:00 UTC"}
    finally:
        info.build_info.cache_clear()


def test_a_missing_pyproject_falls_back_to_metadata(tmp_path: Path) -> None:
    assert info.source_version(tmp_path / "missing.toml") == fangzhi_desktop.__version__
