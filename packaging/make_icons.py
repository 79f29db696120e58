"""Render resources/icons/fangzhi.svg to the PNG sizes of the Linux hicolor theme and to a
Windows .ico. Run once after editing the SVG and commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "fangzhi.svg"))
    if not renderer.isValid():
        print("fangzhi.svg 无法读取", file=sys.stderr)
        return 1
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"fangzhi-{size}.png"), "PNG")
    # Qt's ICO writer stores one image; 256 px is scaled down by Windows where needed.
    if not render(renderer, 256).save(str(ICONS / "fangzhi.ico"), "ICO"):
        print("无法写入 fangzhi.ico（缺少 Qt 的 ico 图像插件）", file=sys.stderr)
        return 1
    print(f"已生成 {len(SIZES)} 个 PNG 和 fangzhi.ico：{ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
