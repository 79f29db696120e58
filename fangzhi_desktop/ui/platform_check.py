"""Before opening the window on Linux: is there a display, and the X11 libraries Qt needs?

Qt aborts with an English message when its xcb plugin cannot load; a user gets one Chinese
sentence with the package names instead. (No Qt import here: this runs before Qt starts.)
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Libraries Qt 6's xcb platform plugin loads that minimal systems may lack, by Debian package.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def display_problem() -> str | None:
    """A Chinese sentence saying why the window cannot open here, or None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("没有找到图形界面（未设置 DISPLAY），无法打开窗口。请在桌面环境中启动；"
                "只需截图时可用 fangzhi screenshot。")
    if not os.environ.get("DISPLAY"):
        return None  # Wayland: the xcb libraries are not needed
    missing = [package for library, package in XCB_LIBRARIES.items()
               if ctypes.util.find_library(library) is None]
    if missing:
        return (f"缺少打开窗口所需的系统组件：{'、'.join(missing)}。"
                f"请先安装：sudo apt install {' '.join(missing)}")
    return None
