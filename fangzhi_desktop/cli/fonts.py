"""``fangzhi fonts``: which official fonts this PC has and what will be used instead."""

from __future__ import annotations

import argparse
from typing import Any

from fangzhi_desktop.cli.common import add_subparser


def register(sub: Any) -> None:
    parser = add_subparser(sub, "fonts", "检查本机是否安装了公文所需字体")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.exporters.official_docx.fonts import check_fonts, system_font_families

    statuses = check_fonts(system_font_families())
    for status in statuses:
        print(status.describe())
    missing = sum(1 for s in statuses if not s.installed)
    if missing:
        print(f"缺少{missing}种公文字体：导出的文件仍写明标准字体，在装有这些字体的电脑上打开即显示正确。")
    return 0
