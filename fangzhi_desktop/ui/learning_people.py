"""人员与学时: the roster with each person's hours of the year, 科室 totals, and the card of
the selected person (every activity of the year with its hours, 请假 marked).

ID numbers and phone numbers are shown masked on the card (``5113**********194X``); 显示完整号码
shows one person's in full until another person is chosen. A whole ID or mobile number typed
into the search finds the person. 删除此人… removes a person's personal data (a backup first).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.learning import LearningYear, PersonYear
from fangzhi_desktop.domain.people import is_placeholder
from fangzhi_desktop.domain.privacy import shown_id, shown_phone
from fangzhi_desktop.ui import jobs, prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.audit_menu import HistoryMenu, records_by_id
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.font_scale import relative_font
from fangzhi_desktop.ui.learning_context import LearningContext
from fangzhi_desktop.ui.learning_exports import LearningExports
from fangzhi_desktop.ui.learning_models import (
    ID_ROLE,
    CreditsModel,
    DepartmentsModel,
    PeopleColumn,
    PeopleModel,
    hours_text,
    status_colours,
)
from fangzhi_desktop.ui.number_reveal import RevealButton
from fangzhi_desktop.ui.widgets import empty_label, heading, record_table

SEARCH_DELAY_MS = 200
EMPTY_TEXT = ("还没有导入花名册 — 点击上方的“导入花名册…”，选择本单位的干部花名册"
              "（Excel 文件 .xlsx 或 .xls）。")
PEOPLE_WIDTHS = {PeopleColumn.NAME: 64, PeopleColumn.DEPARTMENT: 112,
                 PeopleColumn.POSITION: 128, PeopleColumn.RANK: 96, PeopleColumn.REQUIRED: 62,
                 PeopleColumn.EARNED: 62, PeopleColumn.CARRIED: 44, PeopleColumn.SHORTFALL: 44}


def _value() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PersonCard(QWidget):
    """One person's year: requirement, hours, carry-over, shortfall, and every activity;
    their ID and phone numbers masked unless 显示完整号码 was clicked for them."""

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person: PersonYear | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(empty_label("在左侧选择一人，查看其本年度参加的学习活动和学时。"))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 0, 0, 0)
        self.name = heading("")
        self.status = QLabel()
        self.status.setContentsMargins(8, 1, 8, 1)
        title_row = QHBoxLayout()
        title_row.addWidget(self.name)
        title_row.addWidget(self.status)
        title_row.addStretch(1)
        self.role = QLabel()
        self.role.setStyleSheet("color: #555;")
        self.role.setWordWrap(True)
        self.numbers = QLabel()
        self.numbers.setStyleSheet("color: #555;")
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = RevealButton("仅对此人显示完整的公民身份号码和联系电话")
        self.reveal_button.changed.connect(self._show_numbers)
        self.remove_button = QPushButton("删除此人…")
        self.remove_button.setToolTip("从数据文件中清除此人的个人信息（先自动备份）")
        self.remove_button.clicked.connect(self._remove_clicked)
        numbers_row = QHBoxLayout()
        numbers_row.addWidget(self.numbers)
        numbers_row.addWidget(self.reveal_button)
        numbers_row.addStretch(1)
        numbers_row.addWidget(self.remove_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.values: dict[str, QLabel] = {}
        for n, (key, label) in enumerate((("required", "应修学时"), ("earned", "本年已修"),
                                          ("carried", "上年结转"), ("shortfall", "差额"))):
            caption = QLabel(label)
            caption.setStyleSheet("color: #666;")
            value = _value()
            relative_font(value, 1.45, bold=True)
            grid.addWidget(caption, 0, n)
            grid.addWidget(value, 1, n)
            self.values[key] = value
        self.by_type = QLabel()
        self.by_type.setWordWrap(True)
        self.by_type.setStyleSheet("color: #444;")
        self.model = CreditsModel(self)
        self.table = record_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 112)
        header.resizeSection(1, 118)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.count = QLabel()
        self.count.setStyleSheet("color: #555;")
        layout.addLayout(title_row)
        layout.addWidget(self.role)
        layout.addLayout(numbers_row)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addWidget(self.by_type)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _show_numbers(self) -> None:
        person = self.person.person if self.person else None
        anonymous = person is None or is_placeholder(person)
        for widget in (self.numbers, self.reveal_button, self.remove_button):
            widget.setVisible(not anonymous)
        if person is None or anonymous:
            return
        full = self.reveal_button.show_for(person.id, bool(person.id_number or person.phone))
        id_text = shown_id(person.id_number, full) or "无"
        phone_text = shown_phone(person.phone, full) or "无"
        self.numbers.setText(f"公民身份号码：{id_text}　联系电话：{phone_text}")

    def _remove_clicked(self) -> None:
        if self.person is not None and self.person.person.id is not None:
            self.remove_requested.emit(self.person.person.id)

    def clear(self) -> None:
        self.person = None
        self.reveal_button.reset()
        self.model.set_lines([])
        self.stack.setCurrentIndex(0)

    def show_person(self, p: PersonYear) -> None:
        self.person = p
        person = p.person
        self.name.setText(person.name)
        self._show_numbers()
        background, foreground = status_colours(p.complete)
        self.status.setText("已完成" if p.complete else f"未完成，差{hours_text(p.shortfall)}学时")
        self.status.setStyleSheet(f"background: {background.name()}; color: {foreground.name()};"
                                  " border-radius: 3px;")
        self.role.setText(" · ".join(filter(None, (p.department, person.position, person.rank))))
        self.values["required"].setText(hours_text(p.requirement))
        self.values["earned"].setText(hours_text(p.earned))
        self.values["carried"].setText(hours_text(p.carried_in))
        self.values["shortfall"].setText(hours_text(p.shortfall) if p.shortfall else "0")
        self.values["shortfall"].setStyleSheet(
            f"color: {foreground.name()};" if not p.complete else "")
        parts = [f"{name} {hours_text(hours)}" for name, hours in p.by_type.items() if hours]
        self.by_type.setText(("按类型：" + "，".join(parts)) if parts else "本年还没有学时。")
        self.model.set_lines(p.lines)
        self.count.setText(f"参加 {p.attendances} 次" + (f"，请假 {p.leaves} 次" if p.leaves
                                                       else ""))
        self.stack.setCurrentIndex(1)


class PeopleView(QWidget):
    """The table with its filters and toolbar, 科室 totals below, the card on the right."""

    roster_imported = Signal()
    people_changed = Signal()  # a person's personal data was removed

    def __init__(self, ctx: LearningContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: LearningYear | None = None
        self.completed = 0  # of the year shown (the count label shows it)
        self.current_id: int | None = None
        self.import_dialog: QWidget | None = None
        self.removal_job: jobs.Job | None = None
        self.exports = LearningExports(self, ctx.conn, ctx.db_path, ctx.clock, ctx.settings)
        self._build()

    def _build(self) -> None:
        self.import_button = QPushButton("导入花名册…")
        self.import_button.setToolTip("从 Excel 花名册（.xlsx 或 .xls）导入或更新干部职工名单")
        self.hours_button = QPushButton("导出学时统计（Excel）…")
        self.hours_button.setToolTip("把本年度每人、每个科室、每次活动的学时导出为 Excel")
        self.roster_button = QPushButton("导出花名册…")
        self.roster_button.setToolTip("把花名册导出为 Excel（身份证号和电话默认打码）")
        self.report_button = QPushButton("学时完成情况通报（公文）…")
        self.report_button.setToolTip("生成本年度干部学习学时完成情况的通报（Word 公文）")
        self.department_combo = QComboBox()
        self.department_combo.setMinimumContentsLength(8)
        self.department_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.short_check = QCheckBox("只看未完成")
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索姓名或完整身份证号")
        self.search_edit.setToolTip("输入姓名的一部分；也可输入完整的公民身份号码或手机号码")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(200)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("科室"))
        bar.addWidget(self.department_combo)
        bar.addWidget(self.short_check)
        bar.addWidget(self.search_edit, 1)
        bar.addStretch(0)
        bar.addSpacing(12)
        bar.addWidget(self.import_button)
        bar.addWidget(self.hours_button)
        bar.addWidget(self.roster_button)
        bar.addWidget(self.report_button)

        self.model = PeopleModel(self.ctx.conn, self)  # filtered and sorted in SQL
        self.proxy = self.model  # the name callers knew when a proxy filtered in memory
        self.table = record_table(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # roster order until asked
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in PEOPLE_WIDTHS.items():
            header.resizeSection(column, width)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")

        self.departments = DepartmentsModel(self)
        self.department_table = record_table(self.departments)
        self.department_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.department_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        dep_header = self.department_table.horizontalHeader()
        dep_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        dep_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        dep_header.resizeSection(0, 150)
        self.department_title = QLabel("各科室学时")
        self.department_title.setStyleSheet("font-weight: bold;")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        left_layout.addSpacing(4)
        left_layout.addWidget(self.department_title)
        left_layout.addWidget(self.department_table)
        self.card = PersonCard()
        self.card.remove_requested.connect(self.remove_person)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        self.splitter.setChildrenCollapsible(False)

        self.empty_label = empty_label(EMPTY_TEXT)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.department_combo.currentIndexChanged.connect(self.apply_filter)
        self.short_check.toggled.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.apply_filter)
        self.import_button.clicked.connect(self.start_import)
        self.hours_button.clicked.connect(self.export_hours)
        self.report_button.clicked.connect(self.export_report)
        self.roster_button.clicked.connect(self.export_roster)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.model.sorted.connect(self._sorted)
        self.history_menu = HistoryMenu(self.table, lambda: self.ctx.conn,
                                        records_by_id("people", ID_ROLE))

    def shutdown(self) -> None:
        self._search_timer.stop()

    # --- Data ------------------------------------------------------------------------------

    def set_stats(self, stats: LearningYear) -> None:
        self.stats = stats
        self.model.set_stats(stats)
        self.departments.set_totals(self.ctx.conn)
        total = self.departments.total()
        self.completed = total.completed if total is not None else 0  # read on each keystroke
        previous = self.department_combo.currentData()
        self.department_combo.blockSignals(True)
        self.department_combo.clear()
        self.department_combo.addItem("全部", None)
        for department in self.departments.departments():
            self.department_combo.addItem(department.department, department.department)
        found = self.department_combo.findData(previous) if previous is not None else 0
        self.department_combo.setCurrentIndex(max(found, 0))
        self.department_combo.blockSignals(False)
        has_people = bool(stats.people)
        self.stack.setCurrentIndex(1 if has_people else 0)
        for widget in (self.department_combo, self.short_check, self.search_edit,
                       self.hours_button, self.roster_button, self.report_button):
            widget.setEnabled(has_people)
        rows = self.departments.rowCount()
        self.department_table.setFixedHeight(
            self.department_table.horizontalHeader().height()
            + rows * self.department_table.verticalHeader().defaultSectionSize() + 4)
        self.department_title.setText(f"{stats.year}年各科室学时")
        self.apply_filter()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.apply_filter(self.department_combo.currentData(),
                                self.short_check.isChecked(), self.search_edit.text())
        total = self.model.total()
        shown = self.model.rowCount()
        done = self.completed if self.stats else 0
        text = f"共 {total} 人，已完成 {done} 人" if shown == total \
            else f"显示 {shown} 人（共 {total} 人，已完成 {done} 人）"
        self.count_label.setText(text)
        if self.current_id is not None and self.select_person(self.current_id):
            return
        self.card.clear()

    def clear_filters(self) -> None:
        for widget in (self.department_combo, self.short_check, self.search_edit):
            widget.blockSignals(True)
        self.department_combo.setCurrentIndex(0)
        self.short_check.setChecked(False)
        self.search_edit.clear()
        for widget in (self.department_combo, self.short_check, self.search_edit):
            widget.blockSignals(False)
        self.apply_filter()

    def shown_names(self) -> list[str]:
        return [self.model.data(self.model.index(r, PeopleColumn.NAME))
                for r in range(self.model.rowCount())]

    # --- Selection -------------------------------------------------------------------------

    def select_person(self, person_id: int) -> bool:
        """Select a shown person and show their card; False when filtered out or unknown."""
        person = self.model.person_by_id(person_id)
        row = self.model.row_of(person_id) if person is not None else -1
        if person is None or row < 0:
            return False
        index = self.model.index(row, 0)
        self.current_id = person_id
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.card.show_person(person)
        return True

    def _sorted(self) -> None:
        """The model was read again in the new order: the selected person stays selected."""
        if self.current_id is not None:
            self.select_person(self.current_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person_id = current.data(ID_ROLE) if current.isValid() else None
        if person_id is None:
            return
        if person_id != self.current_id or self.card.person is None:
            self.select_person(int(person_id))

    # --- Toolbar ---------------------------------------------------------------------------

    def start_import(self, path: Path | None = None) -> None:
        from fangzhi_desktop.ui.dialogs.roster_import_dialog import (
            ROSTER_FILTER,
            RosterImportDialog,
        )

        path = path or prompts.open_file(self, "选择花名册文件", ROSTER_FILTER,
                                         self.ctx.settings.get(keys.IMPORT_DIR))
        if path is None:
            return
        self.ctx.settings.set(keys.IMPORT_DIR, str(path.parent))
        dialog = RosterImportDialog(self, self.ctx.db_path)
        dialog.imported.connect(lambda _result: self.roster_imported.emit())
        self.import_dialog = dialog
        dialog.open()
        dialog.load(path)

    def export_hours(self) -> None:
        with reporting(self):
            self.exports.export_hours(self.ctx.year())

    def export_roster(self) -> None:
        with reporting(self):
            self.exports.export_roster()

    def export_report(self) -> None:
        with reporting(self):
            self.exports.export_report(self.ctx.year())

    # --- Removing a person ---------------------------------------------------------------------

    def remove_person(self, person_id: int) -> jobs.Job | None:
        """删除此人…: say what goes and that only a backup brings it back, then back up and
        remove in the background; the tab reloads afterwards."""
        from fangzhi_desktop.operations.people_removal import (
            CONFIRM_TEXT,
            records_note,
            remove_with_backup,
        )
        from fangzhi_desktop.storage.people_removal import Removal, count_attendance

        if self.removal_job is not None and not self.removal_job.done:
            return None
        card = self.card.person
        if card is None or card.person.id != person_id:
            return None
        text = CONFIRM_TEXT.format(name=card.person.name,
                                   records=records_note(count_attendance(self.ctx.conn,
                                                                         person_id)))
        if not prompts.confirm(self, "删除人员", text, ok_text="删除", warning=True):
            return None
        folder_setting = self.ctx.settings.get(keys.BACKUP_DIR)
        folder = Path(folder_setting) if folder_setting else None

        def work(conn: sqlite3.Connection, _progress: object) -> tuple[Removal, Path]:
            return remove_with_backup(conn, person_id, folder)

        def done(result: tuple[Removal, Path]) -> None:
            removal, backup = result
            placeholder = removal.placeholder
            self.current_id = None
            self.people_changed.emit()
            prompts.inform(self, "已删除", "已清除此人的个人信息" + (
                f"，学习记录保留为“{placeholder}”。" if placeholder else "。")
                + f"\n删除前的数据已备份到：\n{backup}")

        self.removal_job = jobs.start_job(self, "正在删除人员信息",
                                          jobs.in_database(self.ctx.db_path, work),
                                          on_success=done)
        return self.removal_job
