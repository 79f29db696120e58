"""总览's 干部学习 box: this year's completion and who is short (a click opens their card)."""

from __future__ import annotations

import html
import sqlite3
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fangzhi_desktop.domain.learning import LearningYear, format_hours
from fangzhi_desktop.storage.learning import load_year

SHORT_LISTED = 3
LINK_STYLE = "color: #9C0006; text-decoration: none;"


class LearningSummary(QFrame):
    """``open_person(year, person_id)`` for a name; ``open_tab()`` for the rest."""

    open_person = Signal(int, int)
    open_tab = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.year = 0
        self.stats: LearningYear | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.linkActivated.connect(self._link)
        self.completion = QLabel()
        self.hours = QLabel()
        self.hours.setStyleSheet("color: #444;")
        self.short = QLabel()
        self.short.setTextFormat(Qt.TextFormat.RichText)
        self.short.setWordWrap(True)
        self.short.linkActivated.connect(self._link)
        layout.addWidget(self.title)
        layout.addWidget(self.completion)
        layout.addWidget(self.hours)
        layout.addWidget(self.short)

    def refresh(self, conn: sqlite3.Connection, today: date) -> None:
        """One storage call: the year's statistics so far."""
        self.year = today.year
        stats = load_year(conn, today.year)
        self.stats = stats
        self.title.setText(f"<b>干部学习</b>　<span style='color:#666'>{today.year}年学时完成情况</span>"
                           "　<a href='tab' style='text-decoration:none'>查看 ›</a>")
        if not stats.people:
            self.completion.setText("还没有导入花名册。")
            self.completion.setStyleSheet("color: #8A5A00;")
            self.hours.setText("")
            self.short.setText("到“干部学习”页点击“导入花名册…”。")
            return
        self.completion.setText(f"{stats.completed}/{stats.headcount} 人已完成，"
                                f"人均 {format_hours(stats.average_hours)} 学时")
        self.hours.setText(f"全办合计 {format_hours(stats.total_hours)} 学时")
        self.completion.setStyleSheet("")
        short = stats.shortfall_list()
        if not short:
            self.short.setText("<span style='color:#006100'>全部完成。</span>")
            return
        links = [f"<a href='person:{p.person.id}' style='{LINK_STYLE}'>"
                 f"{html.escape(p.person.name)}</a> 差{format_hours(p.shortfall)}"
                 for p in short[:SHORT_LISTED]]
        more = f" 等{len(short)}人" if len(short) > SHORT_LISTED else ""
        self.short.setText("未完成：" + "、".join(links) + more)

    def _link(self, target: str) -> None:
        if target.startswith("person:"):
            self.open_person.emit(self.year, int(target.split(":", 1)[1]))
        else:
            self.open_tab.emit()
