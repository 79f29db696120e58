"""The dashboard's lists: work items and campaign tasks overdue, or due this week."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask
from fangzhi_desktop.domain.workpoints import WorkItem
from fangzhi_desktop.ui import campaign_format
from fangzhi_desktop.ui.formatting import (
    grade_background,
    grade_foreground,
    iso,
    rich_tooltip,
    units_text,
)
from fangzhi_desktop.ui.workpoints_model import ITEM_ID_ROLE, SORT_ROLE, deadline_tooltip

_ROOT = QModelIndex()
KIND_WORKPOINT = "工作要点"
KIND_CAMPAIGN = "专项活动"
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
DAYS_COLUMN = 6


class DueItemsModel(QAbstractTableModel):
    """Work items and campaign tasks by deadline; the last column counts days overdue (or
    days left). ``item(index)`` is the ``WorkItem`` or the ``CampaignTask``."""

    def __init__(self, overdue: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overdue = overdue
        self.headers = ("类型", "年度", "序号", "任务", "责任单位", "完成时限",
                        "逾期天数" if overdue else "剩余天数")
        self._rows: list[WorkItem | CampaignTask] = []
        self._campaigns: dict[int, CampaignInfo] = {}
        self._today = date.today()

    def set_items(self, items: Sequence[WorkItem], today: date,
                  tasks: Sequence[CampaignTask] = (),
                  campaigns: Mapping[int, CampaignInfo] | None = None) -> None:
        """Work ``items`` and campaign ``tasks`` (with their ``campaigns``), by deadline."""
        self.beginResetModel()
        rows: list[WorkItem | CampaignTask] = [*items, *tasks]
        rows.sort(key=lambda r: (r.deadline or date.max, isinstance(r, CampaignTask)))
        self._rows = rows
        self._campaigns = dict(campaigns or {})
        self._today = today
        self.endResetModel()

    def item(self, index: QModelIndex) -> WorkItem | CampaignTask | None:
        return self._rows[index.row()] if index.isValid() else None

    def kind(self, index: QModelIndex) -> str:
        return KIND_CAMPAIGN if isinstance(self.item(index), CampaignTask) else KIND_WORKPOINT

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def _days(self, row: WorkItem | CampaignTask) -> int:
        days = row.days_left(self._today) or 0
        return -days if self.overdue else days

    def _days_text(self, row: WorkItem | CampaignTask) -> str:
        days = self._days(row)
        if self.overdue:
            return f"{days}天"
        return "今天到期" if days == 0 else f"{days}天"

    def _values(self, row: WorkItem | CampaignTask) -> tuple[str, ...]:
        if isinstance(row, CampaignTask):
            campaign = self._campaigns.get(row.campaign_id)
            return (KIND_CAMPAIGN, f"{campaign.year}" if campaign else "", str(row.no), row.text,
                    row.unit, iso(row.deadline), self._days_text(row))
        return (KIND_WORKPOINT, f"{row.year}", str(row.no), row.text, units_text(row.lead),
                iso(row.deadline), self._days_text(row))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        task = row if isinstance(row, CampaignTask) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._values(row)[column]
        if role == SORT_ROLE:
            if column == 5:
                return iso(row.deadline)
            if column == DAYS_COLUMN:
                return self._days(row)
            return self._values(row)[column]
        if role == ITEM_ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return KIND_CAMPAIGN if task else KIND_WORKPOINT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if column == DAYS_COLUMN and role == Qt.ItemDataRole.BackgroundRole:
            return grade_background(row.grade(self._today))
        if column == DAYS_COLUMN and role == Qt.ItemDataRole.ForegroundRole:
            return grade_foreground(row.grade(self._today))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 1, 2, 5, 6):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, row: WorkItem | CampaignTask, column: int) -> str | None:
        if isinstance(row, CampaignTask):
            campaign = self._campaigns.get(row.campaign_id)
            title = campaign.title if campaign else "专项活动"
            if column in (0, 1, 3):
                return rich_tooltip(f"{title} 第{row.no}项（双击查看）", row.text)
            if column == 5:
                return campaign_format.deadline_tooltip(row)
            return None
        if column in (0, 1, 3):
            return rich_tooltip(f"{row.year}年工作要点第{row.no}条（双击查看）", row.text)
        if column == 5:
            return deadline_tooltip(row)
        return None
