"""packaging/check_png.py: the dist smoke test's verdict on a screenshot."""

from __future__ import annotations

import importlib.util
import struct
import sys
import zlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("check_png", REPO / "packaging" / "check_png.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _png(path: Path, width: int, height: int, row: bytes) -> Path:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + row(y) for y in range(height))  # type: ignore[operator]
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
        ">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b""))
    return path


def test_a_blank_image_fails(tmp_path: Path) -> None:
    blank = _png(tmp_path / "blank.png", 64, 40, lambda _y: b"\xff" * 64 * 3)
    with pytest.raises(ValueError, match="几乎是空白的"):
        _module().check(blank)


def test_a_wrong_size_fails_and_a_drawn_image_passes(tmp_path: Path) -> None:
    drawn = _png(tmp_path / "drawn.png", 64, 40, lambda y: bytes([y % 256]) * 64 * 3)
    check = _module().check
    with pytest.raises(ValueError, match="应为 1280x800"):
        check(drawn, (1280, 800))
    assert "64x40 PNG" in check(drawn, (64, 40))


def test_the_manual_screenshots_pass() -> None:
    shot = REPO / "docs" / "images" / "manual" / "tab-dashboard.png"
    assert _module().main([str(shot), "1280x800"]) == 0
