"""A chart of 总览 with 复制图表 and 保存为PNG… (buttons and the context menu), and the image
the monthly report puts in. Imported only when the chart area is first shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPoint,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QVBoxLayout, QWidget

from fangzhi_desktop.ui import prompts

EXPORT_SIZE = QSize(800, 450)  # logical pixels of a copied or saved chart (16:9, text legible in a report)
EXPORT_SCALE = 2.4  # device pixel ratio: 1920×1080 pixels, sharp in print


def chart_image(chart: QChart, size: QSize = EXPORT_SIZE, scale: float = EXPORT_SCALE) -> QImage:
    """``chart`` (a fresh one: it is consumed) drawn on a white image of ``size`` logical
    pixels, whatever the size of the chart on screen."""
    image = QImage(int(size.width() * scale), int(size.height() * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    view = QChartView(chart)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(size)
    view.show()  # lays the chart out at ``size``
    QCoreApplication.sendPostedEvents()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.scene().render(painter, QRectF(0, 0, size.width(), size.height()),
                        QRectF(0, 0, size.width(), size.height()))
    painter.end()
    view.hide()
    view.deleteLater()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class ChartFrame(QWidget):
    """A chart view with 复制图表 and 保存为PNG…; ``build`` makes a fresh QChart (shown here,
    and drawn again at a fixed size for copying or saving)."""

    def __init__(self, name: str, build: Callable[[], QChart],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.build = build
        self.view = view = QChartView(build())
        view.setMinimumHeight(220)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        self.copy_action = QAction("复制图表", self)
        self.copy_action.setToolTip("把图表作为图片复制到剪贴板，可直接粘贴到 Word 或 WPS")
        self.copy_action.triggered.connect(self.copy)
        self.save_action = QAction("保存为PNG…", self)
        self.save_action.setToolTip("把图表保存为 PNG 图片")
        self.save_action.triggered.connect(self.save)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        for action in (self.copy_action, self.save_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)

    def image(self) -> QImage:
        return chart_image(self.build())

    def copy(self) -> None:
        QGuiApplication.clipboard().setImage(self.image())

    def save(self) -> Path | None:
        path = prompts.save_file(self, "保存图表", "PNG 图片 (*.png)", f"{self.name}.png")
        if path is None:
            return None
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.image().save(str(path), "PNG"):
            prompts.error(self, "保存图表",
                          f"无法写入图片文件 {path}，请检查文件夹是否存在、是否有写入权限。")
            return None
        return path

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        menu.addAction(self.save_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def _menu(self, pos: QPoint) -> None:
        self.context_menu().popup(self.view.mapToGlobal(pos))
