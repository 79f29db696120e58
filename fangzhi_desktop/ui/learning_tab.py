"""干部学习: a year selector over three views — 人员与学时, 学习活动, 政工简讯.

The tab reads the year once per change (people, the activities of the year and the one before
for the carry-over, types, policies) and hands the parts to the views. Writes go through the
views (commands on the window's undo stack, or jobs for imports and exports).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.learning import (
    LearningYear,
    compute_year,
    days_in_year,
    format_hours,
)
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.storage.people import list_people
from fangzhi_desktop.ui.keyboard import enter_opens
from fangzhi_desktop.ui.learning_activities import ActivitiesView
from fangzhi_desktop.ui.learning_briefings import BriefingsView
from fangzhi_desktop.ui.learning_context import LearningContext
from fangzhi_desktop.ui.learning_people import PeopleView
from fangzhi_desktop.ui.settings import Settings
from fangzhi_desktop.ui.view_state import remember

VIEWS = (("people", "人员与学时"), ("activities", "学习活动"), ("briefings", "政工简讯"))


class LearningTab(QWidget):
    """``data_changed`` after any write (the dashboard's summary follows)."""

    data_changed = Signal()

    def __init__(self, conn: sqlite3.Connection, db_path: Path, undo_stack: QUndoStack,
                 clock: Callable[[], date], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.clock = clock
        self.stats: LearningYear | None = None
        self.rules_dialog: QWidget | None = None
        self.ctx = LearningContext(conn, db_path, undo_stack, clock, settings, self.year)
        self._build()
        remember(settings, "learning/people", table=self.people.table,
                 splitter=self.people.splitter)
        remember(settings, "learning/activities", table=self.activities.table,
                 splitter=self.activities.splitter)
        remember(settings, "learning/briefings", table=self.briefings.table,
                 splitter=self.briefings.splitter)
        enter_opens(self.briefings.table, self.briefings.edit_current)
        self.reload_years()
        self.briefings.reload()

    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setMinimumContentsLength(6)
        self.year_label = QLabel("年度")
        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("color: #2F4F6F; font-weight: bold;")
        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year_combo)
        bar.addSpacing(16)
        bar.addWidget(self.summary_label, 1)
        self.rules_button = QPushButton("学时规则…")
        self.rules_button.setToolTip("学习类型及其学时计算方法、每年应修学时和结转上限")
        bar.addWidget(self.rules_button)

        self.people = PeopleView(self.ctx)
        self.activities = ActivitiesView(self.ctx)
        self.briefings = BriefingsView(self.ctx)
        self.views = QTabWidget()
        self._views: dict[str, QWidget] = {
            "people": self.people, "activities": self.activities, "briefings": self.briefings}
        for key, title in VIEWS:
            self.views.addTab(self._views[key], title)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.views, 1)

        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.views.currentChanged.connect(self._view_changed)
        self.people.roster_imported.connect(self._roster_imported)
        self.people.people_changed.connect(self._roster_imported)
        self.activities.changed.connect(self._activity_changed)
        self.briefings.changed.connect(self.data_changed)
        self.rules_button.clicked.connect(self.edit_rules)

    def shutdown(self) -> None:
        self.people.shutdown()

    def may_close(self) -> bool:
        """False when the user keeps an unsaved learning activity open."""
        return self.activities.may_leave_form()

    # --- Years -----------------------------------------------------------------------------

    def year(self) -> int:
        data = self.year_combo.currentData()
        return int(data) if data is not None else self.clock().year

    def years(self) -> list[int]:
        return [int(self.year_combo.itemData(i)) for i in range(self.year_combo.count())]

    def reload_years(self, select: int | None = None) -> None:
        """The years with activities and this year, newest first; shows ``select`` (default:
        the year shown, else this year)."""
        wanted = select if select is not None else (
            self.year() if self.year_combo.count() else self.clock().year)
        years = sorted(set(store.learning_years(self.conn)) | {self.clock().year, wanted},
                       reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(f"{year}年", year)
        self.year_combo.setCurrentIndex(years.index(wanted))
        self.year_combo.blockSignals(False)
        self.reload()

    def select_year(self, year: int) -> None:
        if year not in self.years():
            self.reload_years(select=year)
        else:
            self.year_combo.setCurrentIndex(self.years().index(year))

    def _year_changed(self, _index: int) -> None:
        """Another year: unsaved changes of an activity are kept unless the user lets go."""
        if self.stats is not None and self.year() != self.stats.year \
                and not self.activities.may_leave_form():
            self.year_combo.blockSignals(True)
            self.year_combo.setCurrentIndex(self.years().index(self.stats.year))
            self.year_combo.blockSignals(False)
            return
        self.reload()

    # --- Loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the year and show it in the people and activities views."""
        year = self.year()
        people = list_people(self.conn)
        activities = store.list_activities(self.conn, year, first_year=year - 1)
        rules = store.list_rules(self.conn)
        self.stats = compute_year(year, people, activities, rules,
                                  store.list_policies(self.conn))
        in_year = [a for a in activities if days_in_year(a.start, a.last_day, year)]
        self.people.set_stats(self.stats)
        self.activities.set_data(year, in_year, rules, people)
        stats = self.stats
        if stats.people:
            total = self.people.departments.total()  # summed by SQL with the 科室 totals
            average = total.average if total is not None else stats.average_hours
            self.summary_label.setText(
                f"{year}年：{self.people.completed}/{stats.headcount} 人已完成，"
                f"人均 {format_hours(average)} 学时，学习活动 {len(in_year)} 次")
        else:
            self.summary_label.setText("")

    def _view_changed(self, _index: int) -> None:
        on_briefings = self.views.currentWidget() is self.briefings
        self.year_combo.setEnabled(not on_briefings)
        self.year_combo.setToolTip("政工简讯按期列出各年的全部简报" if on_briefings else "")

    def _roster_imported(self) -> None:
        self.reload()
        self.data_changed.emit()

    def _activity_changed(self, activity_id: int) -> None:
        """After a save, delete, undo or redo: show the year of the activity, reload."""
        activity = store.get_activity(self.conn, activity_id) if activity_id else None
        if activity is not None and not self.activities.form.dirty:
            self.activities.current_id = activity.id
        if activity is not None and not days_in_year(activity.start, activity.last_day,
                                                     self.year()):
            self.reload_years(select=activity.start.year)
        else:
            self.reload_years()
        self.data_changed.emit()

    def edit_rules(self) -> QWidget:
        """学时规则… (window-modal); the year is read again once something was saved."""
        from fangzhi_desktop.ui.dialogs.learning_rules_dialog import LearningRulesDialog

        dialog = LearningRulesDialog(self, self.conn, self.year())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._rules_closed(dialog.saved))
        self.rules_dialog = dialog
        dialog.open()
        return dialog

    def _rules_closed(self, saved: bool) -> None:
        self.rules_dialog = None
        if saved:
            self.reload()
            self.data_changed.emit()

    # --- Navigation ------------------------------------------------------------------------

    def select_view(self, key: str) -> QWidget:
        widget = self._views[key]
        self.views.setCurrentWidget(widget)
        return widget

    def show_person(self, year: int, person_id: int) -> bool:
        """Jump to a person's card in 人员与学时 (filters cleared)."""
        self.select_view("people")
        self.select_year(year)
        self.people.clear_filters()
        return self.people.select_person(person_id)

    def prepare_screenshot(self) -> None:
        """The people view with the person furthest behind selected (their card shown)."""
        self.select_view("people")
        stats = self.stats
        if stats is None or not stats.people:
            return
        short = stats.shortfall_list()
        target = short[0] if short else stats.people[0]
        if target.person.id is not None:
            self.people.select_person(target.person.id)
