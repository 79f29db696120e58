"""The version and build stamp: baked into ``resources/build-info.json`` by ``build.spec``
(a frozen build has no package metadata), read from ``pyproject.toml`` in a source checkout."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

BUILD_INFO_NAME = "build-info.json"
_SOURCE_ROOT = Path(__file__).resolve().parent.parent
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)


def _resources() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / "resources" if frozen else _SOURCE_ROOT / "resources"


def source_version(pyproject: Path = _SOURCE_ROOT / "pyproject.toml") -> str:
    """``[project] version`` of the checkout, else the installed metadata, else 0.0.0."""
    try:
        match = _VERSION_LINE.search(pyproject.read_text(encoding="utf-8"))
        if match:
            return match[1]
    except OSError:
        pass
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("fangzhi-desktop")
    except PackageNotFoundError:
        return "0.0.0"


@cache
def build_info() -> dict[str, str]:
    """``version``, ``commit`` and ``built`` (UTC time of the build; "" from source)."""
    try:
        baked = json.loads((_resources() / BUILD_INFO_NAME).read_text(encoding="utf-8"))
        if isinstance(baked, dict) and baked.get("version"):
            return {key: str(baked.get(key, "")) for key in ("version", "commit", "built")}
    except (OSError, ValueError):
        pass
    return {"version": source_version(), "commit": "", "built": ""}


def version() -> str:
    return build_info()["version"]
