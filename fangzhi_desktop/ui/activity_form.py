"""The form of one learning activity: type, dates, title, host, what was studied, place, the
hours (computed from the type's rule, overridable) and the attendees picked from the roster,
grouped by 科室, with a 请假 mark per person.

The same form confirms an activity read from a news text: what the text said is filled in, the
people it names are ticked, and the names and groups it could not match are listed above.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.learning import (
    NO_DEPARTMENT,
    Activity,
    Attendance,
    Basis,
    HourRule,
    activity_problems,
    format_hours,
    rules_by_name,
)
from fangzhi_desktop.domain.people import Person, is_placeholder
from fangzhi_desktop.errors import Problem
from fangzhi_desktop.importers.learning_news import ParsedActivity
from fangzhi_desktop.ui.widgets import date_edit, from_qdate, heading, to_qdate

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1  # the person id on a 姓名 item
REMOVED_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a removed person (已删除人员 #n)
ERROR_COLOUR = "#B00020"
WARNING_COLOUR = "#8A5A00"
NOTICE_STYLE = ("#notice { background: #FFF4CE; border: 1px solid #E5C35C; border-radius: 3px; }")
MAX_UNITS = 9999.0


class NumberSpin(QDoubleSpinBox):
    """Hours and quantities as documents print them: ``3``, ``7.5``, ``0.75``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0.0, MAX_UNITS)
        self.setDecimals(2)
        self.setMinimumWidth(96)

    def textFromValue(self, value: float) -> str:
        return format_hours(value)


class AttendeeColumn:
    NAME = 0
    LEAVE = 1
    HOURS = 2
    POSITION = 3


ATTENDEE_HEADERS = ("姓名", "请假", "个人学时", "职务")


def _plain(text: str = "", *, editable: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(editable)
    return item


class AttendeesModel(QStandardItemModel):
    """科室 → people; tick a person to pick them (tick the 科室 to pick all of it), tick 请假
    for someone on leave, type 个人学时 when one person's hours differ from the activity's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(ATTENDEE_HEADERS), parent)
        self.setHorizontalHeaderLabels(list(ATTENDEE_HEADERS))
        self._names: dict[int, QStandardItem] = {}
        self._notes: dict[int, str] = {}
        self._syncing = False
        self.itemChanged.connect(self._item_changed)

    # --- The roster ------------------------------------------------------------------------

    def set_people(self, people: Sequence[Person]) -> None:
        """Every person of the roster, unticked, grouped by 科室 in roster order."""
        self._syncing = True
        try:
            self.removeRows(0, self.rowCount())
            self._names = {}
            groups: dict[str, list[Person]] = {}
            for person in people:
                groups.setdefault(person.department or NO_DEPARTMENT, []).append(person)
            for department, members in groups.items():
                group = _plain(department)
                group.setCheckable(True)
                group.setAutoTristate(True)
                group.setToolTip(f"勾选即全选{department}（{len(members)}人）")
                row = [group] + [_plain() for _ in ATTENDEE_HEADERS[1:]]
                row[AttendeeColumn.POSITION].setText(f"{len(members)}人")
                for member in members:
                    assert member.id is not None
                    name = _plain(member.name)
                    name.setCheckable(True)
                    name.setData(member.id, PERSON_ROLE)
                    if is_placeholder(member):  # kept for their old records only
                        name.setData(True, REMOVED_ROLE)
                        name.setToolTip("已删除的人员：保留原有学习记录，勾选科室时不会选中")
                    leave = _plain()
                    leave.setCheckable(True)
                    leave.setToolTip("请假：不计学时")
                    hours = _plain(editable=True)
                    hours.setToolTip("留空即按活动的学时；各人学时不同（如网络学习）时填写")
                    group.appendRow([name, leave, hours, _plain(member.position)])
                    self._names[member.id] = name
                self.appendRow(row)
        finally:
            self._syncing = False

    def person_ids(self) -> list[int]:
        return list(self._names)

    def index_of(self, person_id: int) -> QModelIndex:
        name = self._names.get(person_id)
        return name.index() if name is not None else QModelIndex()

    # --- Attendance ------------------------------------------------------------------------

    def set_attendance(self, attendees: Sequence[Attendance]) -> list[int]:
        """Tick these people; returns the ids not in the roster (never shown)."""
        by_id = {a.person_id: a for a in attendees}
        self._notes = {a.person_id: a.note for a in attendees if a.note}
        self._syncing = True
        try:
            for pid, name in self._names.items():
                attendance = by_id.get(pid)
                self._set_row(name, attendance is not None,
                              attendance.leave if attendance else False,
                              attendance.hours if attendance else None)
            for row in range(self.rowCount()):
                self._sync_group(self.item(row, 0))
        finally:
            self._syncing = False
        return [pid for pid in by_id if pid not in self._names]

    def _set_row(self, name: QStandardItem, picked: bool, leave: bool,
                 hours: float | None) -> None:
        parent = name.parent()
        row = name.row()
        name.setCheckState(Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked)
        parent.child(row, AttendeeColumn.LEAVE).setCheckState(
            Qt.CheckState.Checked if leave else Qt.CheckState.Unchecked)
        parent.child(row, AttendeeColumn.HOURS).setText(
            format_hours(hours) if hours is not None else "")

    def set_picked(self, person_ids: Sequence[int], picked: bool = True) -> None:
        for pid in person_ids:
            name = self._names.get(pid)
            if name is not None:
                name.setCheckState(Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked)

    def set_all(self, picked: bool) -> None:
        state = Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked
        for row in range(self.rowCount()):
            self.item(row, 0).setCheckState(state)

    def is_picked(self, person_id: int) -> bool:
        name = self._names.get(person_id)
        return name is not None and name.checkState() == Qt.CheckState.Checked

    def set_leave(self, person_id: int, leave: bool = True) -> None:
        name = self._names[person_id]
        name.parent().child(name.row(), AttendeeColumn.LEAVE).setCheckState(
            Qt.CheckState.Checked if leave else Qt.CheckState.Unchecked)

    def set_hours(self, person_id: int, text: str) -> None:
        name = self._names[person_id]
        name.parent().child(name.row(), AttendeeColumn.HOURS).setText(text)

    def attendance(self) -> tuple[list[Attendance], list[str]]:
        """The picked people in roster order, and what is wrong with their 个人学时."""
        attendees: list[Attendance] = []
        problems: list[str] = []
        for pid, name in self._names.items():
            if name.checkState() != Qt.CheckState.Checked:
                continue
            parent, row = name.parent(), name.row()
            leave = parent.child(row, AttendeeColumn.LEAVE).checkState() == Qt.CheckState.Checked
            text = parent.child(row, AttendeeColumn.HOURS).text().strip()
            hours: float | None = None
            if text and not leave:
                try:
                    hours = float(text.replace("，", ".").replace(",", "."))
                except ValueError:
                    problems.append(f"{name.text()}的个人学时“{text}”不是数字。")
            attendees.append(Attendance(pid, leave, hours, self._notes.get(pid, "")))
        return attendees, problems

    # --- Keeping ticks consistent ----------------------------------------------------------

    def _item_changed(self, item: QStandardItem) -> None:
        """A 科室 ticks all its people; a person's tick sets the 科室's (all, some, none);
        请假 ticks the person; an unticked person is not on leave."""
        if self._syncing or item.column() not in (AttendeeColumn.NAME, AttendeeColumn.LEAVE):
            return
        self._syncing = True
        try:
            parent = item.parent()
            if parent is None:
                state = item.checkState()
                if state != Qt.CheckState.PartiallyChecked:
                    for row in range(item.rowCount()):
                        child = item.child(row, AttendeeColumn.NAME)
                        if state == Qt.CheckState.Checked and child.data(REMOVED_ROLE):
                            continue  # ticking a 科室 never adds a removed person
                        child.setCheckState(state)
                        if state == Qt.CheckState.Unchecked:
                            item.child(row, AttendeeColumn.LEAVE).setCheckState(state)
                    self._sync_group(item)  # partly ticked when a removed person was left out
                return
            row = item.row()
            if item.column() == AttendeeColumn.LEAVE \
                    and item.checkState() == Qt.CheckState.Checked:
                parent.child(row, AttendeeColumn.NAME).setCheckState(Qt.CheckState.Checked)
            elif item.column() == AttendeeColumn.NAME \
                    and item.checkState() == Qt.CheckState.Unchecked:
                parent.child(row, AttendeeColumn.LEAVE).setCheckState(Qt.CheckState.Unchecked)
            self._sync_group(parent)
        finally:
            self._syncing = False

    @staticmethod
    def _sync_group(group: QStandardItem) -> None:
        ticked = sum(group.child(r, AttendeeColumn.NAME).checkState() == Qt.CheckState.Checked
                     for r in range(group.rowCount()))
        if ticked == 0:
            state = Qt.CheckState.Unchecked
        elif ticked == group.rowCount():
            state = Qt.CheckState.Checked
        else:
            state = Qt.CheckState.PartiallyChecked
        if group.checkState() != state:
            group.setCheckState(state)


def notice_html(parsed: ParsedActivity) -> str:
    """What the news text left to the user: unmatched names, groups, other problems."""
    lines = [f"已从新闻稿“{html.escape(Path(parsed.source).name)}”识别，请核对后保存。"]
    matched = parsed.matched
    if matched:
        lines.append(f"文中的参加人员已在右侧名单中勾选：{'、'.join(a.name for a in matched)}。")
    missing = [a for a in parsed.attendees if a.person_id is None and a.candidates == 0]
    several = [a for a in parsed.attendees if a.person_id is None and a.candidates > 1]
    mentioned: list[str] = []
    if missing:
        names = "、".join(a.name + (f"（{a.title}）" if a.title else "") for a in missing)
        lines.append(f"<b>花名册中没有这些人</b>，未勾选：{html.escape(names)}。")
        mentioned += [a.name for a in missing]
    if several:
        lines.append("<b>花名册中有重名</b>，请手动勾选："
                     f"{html.escape('、'.join(a.name for a in several))}。")
        mentioned += [a.name for a in several]
    if parsed.groups:
        lines.append("<b>文中的人员群体</b>：" + html.escape("；".join(parsed.groups))
                     + "——请在右侧名单中勾选实际参加的人员。")
        mentioned += parsed.groups
    for problem in parsed.problems:
        if any(word in problem.message for word in mentioned):
            continue  # said above
        colour = ERROR_COLOUR if problem.severity == "error" else WARNING_COLOUR
        lines.append(f"<span style='color:{colour}'>{html.escape(problem.message)}</span>")
    return "<br>".join(f"• {line}" if n else line for n, line in enumerate(lines))


class ActivityForm(QWidget):
    """Edits an ``Activity``; ``changed`` after every edit by the user."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules: dict[str, HourRule] = {}
        self.people: list[Person] = []
        self._roster_key: list[tuple[object, ...]] = []
        self._tree_stale = False  # the roster changed since the attendee tree was built
        self._loaded = False  # an activity was shown (until then the tree is not needed)
        self.activity_id: int | None = None
        self.source = ""
        self.dirty = False
        self._loading = False
        self._units_auto = True
        self._build()
        self._last_start = self.start()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = heading("学习活动")
        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice_layout = QVBoxLayout(self.notice)
        notice_layout.setContentsMargins(10, 6, 10, 6)
        notice_layout.addWidget(self.notice_label)
        self.notice.hide()

        self.type_combo = QComboBox()
        self.type_combo.setMinimumContentsLength(10)
        self.rule_label = QLabel()
        self.rule_label.setStyleSheet("color: #666;")
        type_row = QHBoxLayout()
        type_row.addWidget(self.type_combo, 1)
        type_row.addWidget(self.rule_label)

        today = date.today()
        self.start_edit = date_edit(today)
        self.end_edit = date_edit(today)
        self.days_label = QLabel()
        self.days_label.setStyleSheet("color: #666;")
        date_row = QHBoxLayout()
        date_row.addWidget(self.start_edit)
        date_row.addWidget(QLabel("至"))
        date_row.addWidget(self.end_edit)
        date_row.addWidget(self.days_label)
        date_row.addStretch(1)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如：3月主题党日：重温入党誓词")
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText("主持人")
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("地点（可不填）")
        host_row = QHBoxLayout()
        host_row.addWidget(self.host_edit, 1)
        host_row.addWidget(QLabel("地点"))
        host_row.addWidget(self.place_edit, 1)
        self.studied_edit = QPlainTextEdit()
        self.studied_edit.setTabChangesFocus(True)
        self.studied_edit.setPlaceholderText("学习的文件、讲话，每行一项")
        self.studied_edit.setMinimumHeight(64)
        self.studied_edit.setMaximumHeight(96)

        self.units_spin = NumberSpin()
        self.units_spin.setSpecialValueText("未填")
        self.hours_rule = QLabel()
        self.manual_check = QCheckBox("手动指定")
        self.manual_check.setToolTip("不按学习类型的规则计算，直接填写每人学时")
        self.hours_spin = NumberSpin()
        self.hours_spin.setSuffix(" 学时")
        units_row = QHBoxLayout()
        units_row.addWidget(self.units_spin)
        units_row.addSpacing(12)
        units_row.addWidget(self.hours_rule)
        units_row.addStretch(1)
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.manual_check)
        hours_row.addWidget(self.hours_spin)
        hours_row.addStretch(1)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("备注（可不填）")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("学习类型", type_row)
        form.addRow("日期", date_row)
        form.addRow("主题", self.title_edit)
        form.addRow("主持", host_row)
        form.addRow("学习内容", self.studied_edit)
        form.addRow("数量", units_row)
        form.addRow("学时", hours_row)
        form.addRow("备注", self.note_edit)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 6, 0)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)

        self.attendees = AttendeesModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.attendees)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(16)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 150), (1, 44), (2, 70)):
            header.resizeSection(column, width)
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        self.people_label = QLabel()
        people_bar = QHBoxLayout()
        people_bar.addWidget(QLabel("参加人员"))
        people_bar.addWidget(self.people_label, 1)
        people_bar.addWidget(self.all_button)
        people_bar.addWidget(self.none_button)
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(6, 0, 0, 0)
        people_layout.addLayout(people_bar)
        people_layout.addWidget(self.tree, 1)

        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.addWidget(fields)
        self.columns.addWidget(people)
        self.columns.setStretchFactor(0, 3)
        self.columns.setStretchFactor(1, 2)
        self.columns.setChildrenCollapsible(False)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.RichText)
        self.save_button = QPushButton("保存")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("放弃修改")
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.columns, 1)
        layout.addLayout(buttons)

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.start_edit.dateChanged.connect(self._start_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)
        for edit in (self.title_edit, self.host_edit, self.place_edit, self.note_edit):
            edit.textChanged.connect(self._edited)
        self.studied_edit.textChanged.connect(self._edited)
        self.units_spin.valueChanged.connect(self._units_edited)
        self.manual_check.toggled.connect(self._manual_toggled)
        self.hours_spin.valueChanged.connect(self._edited)
        self.attendees.itemChanged.connect(self._edited)
        self.all_button.clicked.connect(lambda: self.attendees.set_all(True))
        self.none_button.clicked.connect(lambda: self.attendees.set_all(False))

    # --- Context ---------------------------------------------------------------------------

    def set_context(self, rules: Sequence[HourRule], people: Sequence[Person]) -> None:
        """The office's types and the roster; keeps what the form shows."""
        current = self.activity() if self._loaded else None
        self._loading = True
        try:
            self.rules = rules_by_name(rules)
            self.people = list(people)
            self.type_combo.clear()
            for rule in rules:
                self.type_combo.addItem(rule.name)
                self.type_combo.setItemData(self.type_combo.count() - 1, rule.describe(),
                                            Qt.ItemDataRole.ToolTipRole)
            # The tree is rebuilt only when the roster changed, and only once an activity is
            # shown (``_show``): at 100,000 people it takes seconds and most of the memory of
            # the tab, and every saved activity reloads the tab.
            key = [(p.id, p.name, p.department, p.position) for p in self.people]
            if key != self._roster_key:
                self._roster_key = key
                self._tree_stale = True
            if current is not None:
                self._show(current)
        finally:
            self._loading = False
        self._refresh()

    def build_attendees(self) -> None:
        """Build the attendee tree of the roster if it is missing or out of date."""
        if self._tree_stale:
            self.attendees.set_people(self.people)
            self.tree.expandAll()
            self._tree_stale = False

    # --- Loading ---------------------------------------------------------------------------

    def load(self, activity: Activity | None, today: date, title: str = "") -> None:
        """Show ``activity`` (None: a new one dated ``today``); not dirty afterwards."""
        if activity is None:
            first = next(iter(self.rules), "")
            activity = Activity(type_name=first, start=today, title="")
        self.activity_id = activity.id
        self.source = activity.source
        self._loading = True
        try:
            self._show(activity)
            rule = self.rules.get(activity.type_name)
            default = rule.default_units(activity.start, activity.end) if rule else None
            self._units_auto = activity.units is None or activity.units == default
            if activity.units is None:
                self._apply_default_units()
        finally:
            self._loading = False
        self.title_label.setText(title or ("新建学习活动" if activity.id is None
                                           else f"学习活动：{activity.title}"))
        self.notice.hide()
        self.dirty = False
        self._refresh()

    def load_parsed(self, parsed: ParsedActivity, today: date) -> None:
        """Fill the form from a news text; the user confirms (and completes) it."""
        start = parsed.start or today
        activity = Activity(
            type_name=parsed.type_name, start=start, end=parsed.end, title=parsed.title,
            host=parsed.host, studied=list(parsed.studied), place=parsed.place,
            units=parsed.units, hours=parsed.hours,
            attendees=[Attendance(pid) for pid in dict.fromkeys(
                a.person_id for a in parsed.matched if a.person_id is not None)],
            note="；".join(filter(None, [
                f"主讲：{parsed.speaker}" if parsed.speaker else "",
                ("文中参加人员还有：" + "、".join(parsed.groups)) if parsed.groups else ""])),
            source=Path(parsed.source).name)
        self.load(activity, today, "从新闻稿导入：请核对后保存")
        if not parsed.type_name:
            self.type_combo.setCurrentIndex(-1)
        self.notice_label.setText(notice_html(parsed))
        self.notice.show()
        self.dirty = True  # not saved yet
        self._refresh()

    def _show(self, activity: Activity) -> None:
        """Put ``activity`` into the widgets (signals of the form suppressed by _loading)."""
        self.build_attendees()
        self._loaded = True
        self.type_combo.setCurrentIndex(self.type_combo.findText(activity.type_name))
        self.start_edit.setDate(to_qdate(activity.start))
        self.end_edit.setDate(to_qdate(activity.last_day))
        self._last_start = activity.start
        self.title_edit.setText(activity.title)
        self.host_edit.setText(activity.host)
        self.place_edit.setText(activity.place)
        self.studied_edit.setPlainText("\n".join(activity.studied))
        self.units_spin.setValue(activity.units or 0.0)
        self.manual_check.setChecked(activity.hours_manual)
        self.hours_spin.setValue(activity.hours)
        self.note_edit.setText(activity.note)
        self.attendees.set_attendance(activity.attendees)

    # --- Reading ---------------------------------------------------------------------------

    def rule(self) -> HourRule | None:
        return self.rules.get(self.type_combo.currentText())

    def start(self) -> date:
        return from_qdate(self.start_edit.date())

    def end(self) -> date | None:
        end = from_qdate(self.end_edit.date())
        return None if end == self.start() else end

    def units(self) -> float | None:
        value = self.units_spin.value()
        return value if value > 0 else None

    def activity(self) -> Activity:
        """What the form holds, as storage takes it (hours computed there unless manual)."""
        rule = self.rule()
        units = self.units()
        manual = self.manual_check.isChecked()
        hours = self.hours_spin.value() if manual else (rule.hours_for(units) if rule else 0.0)
        attendees, _ = self.attendees.attendance()
        studied = [line.strip() for line in self.studied_edit.toPlainText().splitlines()
                   if line.strip()]
        return Activity(
            type_name=self.type_combo.currentText(), start=self.start(), end=self.end(),
            title=self.title_edit.text().strip(), host=self.host_edit.text().strip(),
            studied=studied, place=self.place_edit.text().strip(), units=units, hours=hours,
            hours_manual=manual, attendees=attendees, note=self.note_edit.text().strip(),
            source=self.source, id=self.activity_id)

    def problems(self) -> list[Problem]:
        """What prevents saving (errors) and what looks odd (warnings), as storage checks."""
        activity = self.activity()
        rule = self.rule()
        prepared = replace(activity, attendees=list(activity.attendees))
        if rule is not None:
            prepared.apply_rule(rule)
        _, hour_problems = self.attendees.attendance()
        return [Problem(text) for text in hour_problems] + activity_problems(prepared, rule)

    def errors(self) -> list[Problem]:
        return [p for p in self.problems() if p.severity == "error"]

    # --- Reacting to edits -------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._refresh()
        self.changed.emit()

    def _type_changed(self, _index: int) -> None:
        if self._loading:
            self._refresh()
            return
        self._apply_default_units()
        self._edited()

    def _start_changed(self, *_args: object) -> None:
        """A one-day activity stays one day when its date changes."""
        if not self._loading and from_qdate(self.end_edit.date()) == self._last_start:
            with QSignalBlocker(self.end_edit):
                self.end_edit.setDate(self.start_edit.date())
        self._last_start = self.start()
        self._dates_changed()

    def _dates_changed(self, *_args: object) -> None:
        if self._loading:
            return
        if from_qdate(self.end_edit.date()) < self.start():
            with QSignalBlocker(self.end_edit):
                self.end_edit.setDate(self.start_edit.date())
        self._apply_default_units()
        self._edited()

    def _units_edited(self, _value: float) -> None:
        if self._loading:
            return
        self._units_auto = False
        self._edited()

    def _manual_toggled(self, manual: bool) -> None:
        if self._loading:
            return
        if manual:
            rule = self.rule()
            with QSignalBlocker(self.hours_spin):
                self.hours_spin.setValue(rule.hours_for(self.units()) if rule else 0.0)
        self._edited()

    def _apply_default_units(self) -> None:
        rule = self.rule()
        if rule is None or not self._units_auto:
            return
        with QSignalBlocker(self.units_spin):
            self.units_spin.setValue(rule.default_units(self.start(), self.end()) or 0.0)

    def _refresh(self) -> None:
        """The computed parts: the rule's text, the unit, 按规则 N 学时, counts, problems."""
        rule = self.rule()
        self.rule_label.setText(rule.describe() if rule else "")
        self.units_spin.setSuffix(f" {rule.basis.unit}" if rule else "")
        days = (self.end() or self.start()).toordinal() - self.start().toordinal() + 1
        self.days_label.setText(f"共{days}天" if days > 1 else "")
        units = self.units()
        if rule is None:
            self.hours_rule.setText("请选择学习类型")
        elif rule.basis is Basis.BY_LENGTH and units is None:
            self.hours_rule.setText("按规则：请填写课程学时")
        else:
            self.hours_rule.setText(f"按规则 {format_hours(rule.hours_for(units))} 学时")
        self.hours_spin.setEnabled(self.manual_check.isChecked())
        attendees, _ = self.attendees.attendance()
        leave = sum(a.leave for a in attendees)
        self.people_label.setText(f"已选 {len(attendees)} 人" + (f"，其中请假 {leave} 人"
                                                              if leave else ""))
        problems = self.problems() if self.rules else []
        lines = []
        for problem in problems:
            colour = ERROR_COLOUR if problem.severity == "error" else WARNING_COLOUR
            lines.append(f"<span style='color:{colour}'>{html.escape(problem.message)}</span>")
        self.problem_label.setText("　".join(lines))
        self.save_button.setEnabled(self.dirty)
        self.revert_button.setEnabled(self.dirty)

    # --- For the view ----------------------------------------------------------------------

    def focus_first_field(self) -> None:
        self.title_edit.setFocus()

    def attendee_index(self, person_id: int) -> QModelIndex:
        self.build_attendees()
        return self.attendees.index_of(person_id)
