"""干部学习 (staff learning): placeholder until the module is built."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fangzhi_desktop.ui.placeholder import PlaceholderTab

FEATURES = ["花名册", "学习活动", "学时统计", "政工简讯"]


class LearningTab(PlaceholderTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("干部学习", FEATURES,
                         "记录干部职工的学习活动，统计每人学时，编写政工简讯。", parent)
