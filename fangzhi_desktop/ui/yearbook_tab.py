"""年鉴编纂 (yearbook): placeholder until the module is built."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fangzhi_desktop.ui.placeholder import PlaceholderTab

FEATURES = ["编纂阶段", "篇目", "供稿单位与来稿", "字数"]


class YearbookTab(PlaceholderTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("年鉴编纂", FEATURES,
                         "管理年鉴的编纂进度：篇目设置、供稿单位的来稿情况和各部分字数。", parent)
