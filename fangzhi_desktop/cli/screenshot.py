"""``fangzhi screenshot --tab NAME [--dialog NAME] --out FILE.png [--size WxH]
[--large-font]``: render the window (or a dialog) offscreen.

The rendering itself lives in ``ui.screenshot``; the launcher runs it (the CLI never imports Qt).
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from fangzhi_desktop.cli.common import add_subparser
from fangzhi_desktop.errors import UnusableInput

TABS = ("dashboard", "workpoints", "campaigns", "yearbook", "learning")
# The names of ui.screenshot_dialogs.DIALOGS (the CLI never imports the UI; a test keeps them equal).
DIALOGS = ("about", "first-run", "backup", "profile", "units", "calendar", "fonts",
           "learning-rules", "import-workpoints", "roster-import")


def register(sub: Any) -> None:
    parser = add_subparser(sub, "screenshot", "在后台渲染主窗口并保存截图（用于手册和测试）")
    parser.add_argument("--tab", choices=TABS, default="dashboard", help="要截图的标签页")
    parser.add_argument("--dialog", choices=DIALOGS,
                        help="改为截取一个对话框（画在 --tab 指定的标签页上方）")
    parser.add_argument("--out", required=True, metavar="FILE.png", help="输出的 PNG 文件")
    parser.add_argument("--size", default="1280x800", help="窗口大小，如 1280x800")
    parser.add_argument("--year", type=int, help="工作要点标签页显示的年度")
    parser.add_argument("--large-font", action="store_true",
                        help="按“设置 → 选项 → 大字体”打开时的样子截图")
    parser.set_defaults(run=None, gui="screenshot")


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{3,5})\s*[x×*]\s*(\d{3,5})\s*", text)
    if not m:
        raise UnusableInput(f"用法错误：窗口大小“{text}”格式不对，应为 宽x高，如 1280x800。")
    return int(m[1]), int(m[2])


def validate(args: argparse.Namespace) -> None:
    args.size = parse_size(args.size)
    if not str(args.out).lower().endswith(".png"):
        raise UnusableInput("用法错误：截图文件名应以 .png 结尾。")
