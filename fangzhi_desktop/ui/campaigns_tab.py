"""专项活动 (campaigns): placeholder until the module is built."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fangzhi_desktop.ui.placeholder import PlaceholderTab

FEATURES = ["实施方案阶段", "任务台账", "作战图", "督办销号"]


class CampaignsTab(PlaceholderTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("专项活动", FEATURES,
                         "按实施方案跟踪专项活动的各个阶段和每一项任务，直到督办销号。", parent)
