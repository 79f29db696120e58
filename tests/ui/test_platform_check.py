"""The pre-flight check before opening the window on Linux."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from fangzhi_desktop.ui import platform_check


@pytest.fixture
def linux(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return monkeypatch


def test_no_display_is_said_in_chinese(linux: pytest.MonkeyPatch) -> None:
    linux.delenv("DISPLAY", raising=False)
    assert "没有找到图形界面" in (platform_check.display_problem() or "")


def test_missing_xcb_libraries_name_their_packages(linux: pytest.MonkeyPatch) -> None:
    linux.setenv("DISPLAY", ":0")
    linux.setattr(ctypes.util, "find_library",
                  lambda name: None if name == "xcb-cursor" else f"lib{name}.so")
    problem = platform_check.display_problem() or ""
    assert "libxcb-cursor0" in problem and "sudo apt install libxcb-cursor0" in problem


def test_a_complete_x11_system_or_an_explicit_platform_passes(linux: pytest.MonkeyPatch) -> None:
    linux.setenv("DISPLAY", ":0")
    linux.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so")
    assert platform_check.display_problem() is None
    linux.setenv("QT_QPA_PLATFORM", "offscreen")
    linux.delenv("DISPLAY")
    assert platform_check.display_problem() is None
