"""总览's 年鉴编纂 box: the latest volume's current stage and whether 当年卷当年出版 holds."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fangzhi_desktop.storage.yearbook import volume_years
from fangzhi_desktop.storage.yearbook_view import load_view


class YearbookSummary(QFrame):
    """``open_tab()`` when 查看 is clicked."""

    open_tab = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.linkActivated.connect(lambda _link: self.open_tab.emit())
        self.stage = QLabel()
        self.days_left = QLabel()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.stage)
        layout.addWidget(self.days_left)
        layout.addWidget(self.verdict)

    def refresh(self, conn: sqlite3.Connection, today: date) -> None:
        """One ``load_view`` of the latest volume."""
        from fangzhi_desktop.ui.yearbook_format import verdict

        years = volume_years(conn)
        link = "　<a href='tab' style='text-decoration:none'>查看 ›</a>"
        if not years:
            self.title.setText("<b>年鉴编纂</b>" + link)
            self.stage.setText("还没有年鉴卷。")
            self.stage.setStyleSheet("color: #8A5A00;")
            self.days_left.setText("")
            self.verdict.setText("到“年鉴编纂”页点击“新建年鉴卷…”。")
            self.verdict.setStyleSheet("")
            return
        view = load_view(conn, years[-1], today)
        self.title.setText(f"<b>年鉴编纂</b>　<span style='color:#666'>{view.volume.quoted}"
                           f"</span>{link}")
        t = view.totals
        self.stage.setText(f"当前阶段：{view.stage_today.text()}；已收{t.received}/{t.entries}篇，"
                           f"逾期单位{t.late_units}个")
        self.days_left.setText(days_left_text(view.forecast.deadline, today,
                                              view.forecast.published))
        self.stage.setStyleSheet("")
        text, bad = verdict(view.forecast)
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {'#B00020' if bad else '#2E6B30'};"
                                   " font-weight: bold;")


def days_left_text(deadline: date, today: date, published: bool = False) -> str:
    """``距“当年卷当年出版”时限（12月31日）还有38天`` (or how far past it)."""
    if published:
        return "本卷已出版。"
    days = (deadline - today).days
    when = f"{deadline.month}月{deadline.day}日" if deadline.year == today.year \
        else f"{deadline.year}年{deadline.month}月{deadline.day}日"
    if days >= 0:
        return f"距“当年卷当年出版”时限（{when}）还有{days}天"
    return f"已超过“当年卷当年出版”时限（{when}）{-days}天"
