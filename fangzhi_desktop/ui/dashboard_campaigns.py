"""总览's 专项活动 box: each running campaign with its phase today and how many of its tasks
are overdue or due this week (a click opens the campaign)."""

from __future__ import annotations

import html
import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, PhaseToday
from fangzhi_desktop.storage.campaigns import campaigns_today

LISTED = 3
RED = "#9C0006"
AMBER = "#7F6000"


def phase_note(where: PhaseToday, today: date) -> str:
    """``集中攻坚阶段（还剩38天）``, ``常态化学习阶段（长期）``, ``未开始``…"""
    phase = where.phase
    if phase is None:
        return where.text()
    if phase.end is None:
        return f"{phase.name}（长期）"
    return f"{phase.name}（还剩{(phase.end - today).days}天）"


class CampaignSummary(QFrame):
    """``open_campaign(campaign_id, 0)`` when a campaign's name is clicked."""

    open_campaign = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.running: list[tuple[CampaignInfo, PhaseToday]] = []
        self.everything: list[tuple[CampaignInfo, PhaseToday]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.title = QLabel("<b>专项活动</b>　<span style='color:#666'>阶段进度与督办销号</span>")
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.linkActivated.connect(self._link)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def refresh(self, conn: sqlite3.Connection, today: date, overdue: Sequence[CampaignTask],
                due: Sequence[CampaignTask]) -> None:
        """One storage call (the campaigns with their phase today); the counts come from the
        dashboard's overdue and due-this-week lists."""
        late = Counter(t.campaign_id for t in overdue)
        soon = Counter(t.campaign_id for t in due)
        everything = self.everything = campaigns_today(conn, today)
        self.running = [(c, where) for c, where in everything
                        if where.state != "已结束" or late[c.id] or soon[c.id]]
        if not everything:
            self.body.setText("<span style='color:#8A5A00'>还没有专项活动。到“专项活动”页点击"
                              "“导入实施方案…”。</span>")
            return
        if not self.running:
            self.body.setText("<span style='color:#666'>没有正在进行的专项活动。</span>")
            return
        lines = []
        for campaign, where in self.running[:LISTED]:
            counts = []
            if late[campaign.id]:
                counts.append(f"<span style='color:{RED}'>逾期{late[campaign.id]}项</span>")
            if soon[campaign.id]:
                counts.append(f"<span style='color:{AMBER}'>本周到期{soon[campaign.id]}项</span>")
            tail = "，".join(counts) or "<span style='color:#006100'>无逾期</span>"
            name = html.escape(_short(campaign.title))
            lines.append(f"<a href='{campaign.id}' style='text-decoration:none'>{name}</a>"
                         f"<br><span style='color:#444'>{html.escape(phase_note(where, today))}"
                         f"</span>　{tail}")
        more = len(self.running) - LISTED
        if more > 0:
            lines.append(f"<span style='color:#666'>另有{more}项专项活动正在进行</span>")
        self.body.setText("<br>".join(lines))

    def _link(self, href: str) -> None:
        self.open_campaign.emit(int(href), 0)


def _short(title: str, limit: int = 26) -> str:
    return title if len(title) <= limit else title[:limit] + "…"
