"""年鉴编纂: choose a volume, see its stages as a timeline and whether 当年卷当年出版 holds,
follow the 篇目 tree (类目 → 分目 → 条目) with every manuscript's state, review manuscripts,
and see which 供稿单位 are late."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.yearbook import MAX_DEPTH, NodeKind, ReviewLevel, TreeNode
from fangzhi_desktop.domain.yearbook_progress import VolumeView
from fangzhi_desktop.domain.yearbook_stages import Stage, StageState
from fangzhi_desktop.storage import yearbook as volumes
from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts
from fangzhi_desktop.storage import yearbook_tree as tree_store
from fangzhi_desktop.storage.units import list_units
from fangzhi_desktop.storage.yearbook import UnitFields
from fangzhi_desktop.storage.yearbook_tree import NodeFields
from fangzhi_desktop.storage.yearbook_view import load_view
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.audit_menu import HistoryMenu, Record
from fangzhi_desktop.ui.dialogs.yearbook_dialogs import (
    NODE_BUDGET,
    NODE_TITLE,
    NODE_UNIT,
    NodeDialog,
    ReviewDialog,
    StageDateDialog,
    StagePlanDialog,
    UnitContactDialog,
)
from fangzhi_desktop.ui.errors import reporting
from fangzhi_desktop.ui.font_scale import relative_font
from fangzhi_desktop.ui.keyboard import enter_opens
from fangzhi_desktop.ui.number_reveal import RevealButton
from fangzhi_desktop.ui.settings import Settings
from fangzhi_desktop.ui.view_state import remember
from fangzhi_desktop.ui.widgets import empty_label
from fangzhi_desktop.ui.yearbook_commands import (
    AddNode,
    EditNode,
    EditStagePlan,
    MarkStage,
    MoveNode,
    RecordReview,
    SaveStageTemplate,
    SetAccepted,
    SetSealed,
    SetVolumeUnit,
    push,
)
from fangzhi_desktop.ui.yearbook_exports import YearbookExports
from fangzhi_desktop.ui.yearbook_format import verdict
from fangzhi_desktop.ui.yearbook_model import (
    LATE_ROLE,
    OVER_ROLE,
    TreeColumn,
    UnitColumn,
    YearbookTreeModel,
    YearbookUnitsModel,
    entry_status,
)

EMPTY_TEXT = "还没有年鉴卷 — 点击“新建年鉴卷…”开始本年度的年鉴编纂（会沿用上一卷的篇目和供稿单位）。"
CHIP_STYLE = {
    "done": "background: #E4F1E4; color: #2E6B30; border: 1px solid #B9D8B9;",
    "current": "background: #2F5F8F; color: white; font-weight: bold;",
    "late": "background: #FBE3E6; color: #B00020; font-weight: bold; border: 1px solid #E6A1AA;",
    "planned": "background: #F1F3F6; color: #555; border: 1px solid #D8DEE6;",
}
TREE_WIDTHS = {TreeColumn.TITLE: 250, TreeColumn.UNIT: 110, TreeColumn.BUDGET: 70,
               TreeColumn.WORDS: 70, TreeColumn.PHOTOS: 48, TreeColumn.STATUS: 70}


def stage_chip_state(stage: Stage, current: Stage | None, today: date) -> str:
    if stage.state is StageState.DONE:
        return "done"
    if stage.late(today):
        return "late"
    if current is not None and stage.id == current.id:
        return "current"
    return "planned"


def stage_tooltip(stage: Stage, today: date) -> str:
    def span(a: date | None, b: date | None) -> str:
        if a is None and b is None:
            return "—"
        return f"{a.isoformat() if a else '?'} 至 {b.isoformat() if b else '?'}"

    lines = [f"<b>{stage.name}</b>", f"计划：{span(stage.planned_start, stage.planned_end)}",
             f"实际：{span(stage.actual_start, stage.actual_end)}"]
    if stage.late(today):
        lines.append(f"<span style='color:#B00020'>已逾期{stage.days_late(today)}天</span>")
    if stage.owner:
        lines.append(f"负责：{stage.owner}")
    return "<br>".join(lines)


class StageStrip(QFrame):
    """The verdict, where the volume stands, the stages as chips and 开始/完成."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageStrip")
        self.setStyleSheet("#stageStrip { background: #F6F8FB; border: 1px solid #D8DEE6;"
                           " border-radius: 4px; }")
        self.verdict_label = QLabel()
        relative_font(self.verdict_label, 1.3, bold=True)
        self.verdict_label.setWordWrap(True)
        self.stage_label = QLabel()
        self.stage_label.setStyleSheet("color: #1F3F5F;")
        self.start_button = QPushButton("开始…")
        self.finish_button = QPushButton("完成…")
        self.plan_button = QPushButton("阶段计划…")
        self.plan_button.setToolTip("编辑本卷的编纂阶段：名称、计划起止、负责人、备注，"
                                    "增删和调整顺序；可另存为本办模板")
        head = QHBoxLayout()
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.verdict_label)
        texts.addWidget(self.stage_label)
        head.addLayout(texts, 1)
        head.addWidget(self.start_button)
        head.addWidget(self.finish_button)
        head.addWidget(self.plan_button)
        self.chips_row = QHBoxLayout()
        self.chips_row.setSpacing(3)
        self.chips: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(self.chips_row)

    def show_view(self, view: VolumeView) -> None:
        text, bad = verdict(view.forecast)
        colour = "#B00020" if bad else "#2E6B30"
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(f"color: {colour};")
        self.verdict_label.setToolTip(view.forecast.text())
        today = view.today
        current = view.stage_today.current
        stage_text = f"当前阶段：{view.stage_today.text()}"
        if current is not None and current.late(today):
            stage_text += f"，已超过计划结束日期{current.days_late(today)}天"
        self.stage_label.setText(stage_text + f"　今天：{cn_date(today)}")
        self.start_button.setVisible(current is not None
                                     and current.state is StageState.NOT_STARTED)
        self.finish_button.setVisible(current is not None)
        if current is not None:
            self.start_button.setToolTip(f"记录“{current.name}”的实际开始日期（可撤销）")
            self.finish_button.setToolTip(f"记录“{current.name}”的实际完成日期（可撤销）")
        for chip in self.chips:
            self.chips_row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        while self.chips_row.count():
            self.chips_row.takeAt(0)
        placed_today = False
        for stage in view.stages:
            if not placed_today and stage.planned_start is not None \
                    and stage.planned_start > today:
                self._add_today(today)
                placed_today = True
            state = stage_chip_state(stage, current, today)
            chip = QLabel(stage.name)
            chip.setObjectName(f"stage_{state}")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setStyleSheet(CHIP_STYLE[state] + " border-radius: 3px; padding: 2px 4px;")
            chip.setToolTip(stage_tooltip(stage, today))
            chip.setProperty("state", state)
            self.chips.append(chip)
            self.chips_row.addWidget(chip, 1)
        if not placed_today:
            self._add_today(today)

    def _add_today(self, today: date) -> None:
        marker = QLabel("▼今天")
        marker.setObjectName("today_marker")
        marker.setToolTip(f"今天：{cn_date(today)}")
        marker.setStyleSheet("color: #B00020; font-weight: bold;")
        self.chips.append(marker)
        self.chips_row.addWidget(marker)


class TreeFilter(QSortFilterProxyModel):
    """只看逾期 / 只看超预算 and the search text (a parent stays when a child matches)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.late_only = False
        self.over_only = False
        self.text = ""

    def set_filter(self, late_only: bool, over_only: bool, text: str) -> None:
        self.beginFilterChange()
        self.late_only, self.over_only, self.text = late_only, over_only, text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if model.rowCount(index):  # a parent is kept only for its matching children
            return not (self.late_only or self.over_only or self.text)
        if self.late_only and not model.data(index, LATE_ROLE):
            return False
        if self.over_only and not model.data(index, OVER_ROLE):
            return False
        if self.text:
            unit = model.data(model.index(row, TreeColumn.UNIT, parent)) or ""
            title = model.data(index) or ""
            if self.text not in title and self.text not in unit:
                return False
        return True


class NodeDetail(QFrame):
    """The selected node: unit, contact, deadline, manuscript, reviews and the actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        relative_font(self.title, 1.2, bold=True)
        self.title.setStyleSheet("color: #1F3F5F;")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reveal_button = RevealButton("仅在此处显示该供稿单位联系人的完整电话号码")
        self.reveal_button.changed.connect(lambda: self.show_node(*self._shown))
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.reveal_button)
        reveal_row.addStretch(1)
        self.reviews = QListWidget()
        self.reviews.setMaximumHeight(120)
        self.reviews.setWordWrap(True)
        self.reviews.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.open_button = QPushButton("打开原稿")
        self.review_button = QPushButton("审核…")
        self.seal_button = QPushButton("盖章已收")
        self.accept_button = QPushButton("通过")
        self.open_button.setToolTip("用 Word/WPS 打开收到的原稿（临时副本）")
        self.review_button.setToolTip("记录初审/复审/终审的结论；退改须写明原因")
        self.seal_button.setToolTip("记录已收到加盖公章的纸质稿")
        self.accept_button.setToolTip("直接标记为已通过（采用）")
        buttons = QHBoxLayout()
        for button in (self.open_button, self.review_button, self.seal_button,
                       self.accept_button):
            buttons.addWidget(button)
        self.reviews_label = QLabel("<b>审稿记录</b>")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addLayout(reveal_row)
        layout.addWidget(self.reviews_label)
        layout.addWidget(self.reviews)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_node(None, None, None, [])

    def show_node(self, item: TreeNode | None, unit: Any, deadline: date | None,
                  reviews: list[Any]) -> None:
        self._shown = (item, unit, deadline, reviews)
        m = item.manuscript if item is not None else None
        for button in (self.open_button, self.review_button, self.seal_button,
                       self.accept_button):
            button.setEnabled(m is not None)
        self.reviews.clear()
        self.reviews_label.setVisible(item is not None and not item.children)
        self.reviews.setVisible(item is not None and not item.children)
        phone = unit.unit.phone if item is not None and unit is not None else ""
        self.reveal_button.setVisible(bool(phone))
        if item is None:
            self.reveal_button.reset()
            self.title.setText("请选择篇目")
            self.info.setText("在左侧选择一个条目，可查看来稿情况并审核。")
            return
        self.title.setText(f"{item.kind.value}：{item.title}")
        lines = [f"供稿单位：{item.unit or '未分配'}"]
        if unit is not None:
            from fangzhi_desktop.domain.privacy import shown_phone

            full = self.reveal_button.show_for((item.id, unit.unit.unit_id), bool(phone))
            contact = unit.unit.contact or "—"
            lines.append(f"联系人：{contact}　电话：{shown_phone(phone, full) or '—'}")
        if deadline is not None:
            lines.append(f"交稿时限：{cn_date(deadline)}")
        budget = f"{item.word_budget:,}字" if item.word_budget else "未定额"
        lines.append(f"字数预算：{budget}　图片预算：{item.photo_budget or '—'}")
        if item.children:
            lines.append(f"条目 {item.entries} 个，已收 {item.received}，"
                         f"已通过 {item.accepted}，已收字数 {item.words:,}")
        elif m is None:
            lines.append(f"<span style='color:#B00020'>状态：{entry_status(item)}</span>")
        else:
            lines.append(f"原稿：{m.file_name}（第{m.version}版）")
            lines.append(f"收稿日期：{cn_date(m.received_on)}　字数：{m.words:,}　"
                         f"图片：{m.photos}幅")
            sealed = f"已收（{cn_date(m.sealed_on)}）" if m.sealed and m.sealed_on else (
                "已收" if m.sealed else "未收")
            lines.append(f"盖章件：{sealed}　状态：{entry_status(item)}")
            if m.return_reasons:
                lines.append("退改原因：" + "；".join(m.return_reasons))
        self.info.setText("<br>".join(lines))
        for review in reviews:
            reason = f"：{review.reason}" if review.reason else ""
            who = f"（{review.reviewer}）" if review.reviewer else ""
            self.reviews.addItem(f"{review.reviewed_on.isoformat()} {review.level.value}"
                                 f"{review.result.value}{who}{reason}")
        if m is not None:
            self.seal_button.setText("取消盖章" if m.sealed else "盖章已收")
            self.accept_button.setText("取消通过" if m.accepted else "通过")


class YearbookTab(QWidget):
    """The 年鉴编纂 tab."""

    data_changed = Signal()

    def __init__(self, conn: sqlite3.Connection, db_path: Path, undo_stack: QUndoStack,
                 clock: Callable[[], date], settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.db_path = Path(db_path)
        self.undo_stack = undo_stack
        self.clock = clock
        self.settings = settings
        self.view: VolumeView | None = None
        self._build()
        remember(settings, "yearbook", tree=self.tree, splitter=self.splitter,
                 units=self.units_view)
        enter_opens(self.tree, self.node_actions["rename"].trigger)
        enter_opens(self.units_view, self.edit_unit)
        for key, keys_ in (("rename", QKeySequence(Qt.Key.Key_F2)),
                           ("delete", QKeySequence(QKeySequence.StandardKey.Delete))):
            self.node_actions[key].setShortcut(keys_)  # shown in the tree's context menu
            self.node_actions[key].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(self.node_actions[key])
        self.reload_years()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setMinimumWidth(200)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button = QPushButton("新建年鉴卷…")
        self.new_button.setToolTip("新建下一年度的年鉴卷，沿用上一卷的篇目、供稿单位和阶段计划")
        self.new_button.clicked.connect(self.new_volume)
        self.exports = YearbookExports(self, self.conn, self.db_path, self.clock, self.settings,
                                       self.current_year)
        self.exports.changed.connect(self._changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("年鉴卷："))
        top.addWidget(self.year_combo)
        top.addWidget(self.new_button)
        top.addStretch(1)
        top.addWidget(self.exports.button)

        self.strip = StageStrip()
        self.strip.start_button.clicked.connect(lambda: self.mark_stage(finish=False))
        self.strip.finish_button.clicked.connect(lambda: self.mark_stage(finish=True))
        self.strip.plan_button.clicked.connect(self.edit_stage_plan)
        self.totals_label = QLabel()
        self.totals_label.setStyleSheet("color: #333;")
        self.totals_label.setWordWrap(True)

        # 篇目与进度
        self.tree_model = YearbookTreeModel(self)
        self.tree_model.move_handler = self.move_node
        self.proxy = TreeFilter(self)
        self.proxy.setSourceModel(self.tree_model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, width in TREE_WIDTHS.items():
            header.resizeSection(column, width)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self.node_menu().exec(self.tree.viewport().mapToGlobal(pos)))
        self._build_node_actions()
        self.late_box = QCheckBox("只看逾期")
        self.over_box = QCheckBox("只看超预算")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索篇目或单位")
        self.search.setClearButtonEnabled(True)
        for box in (self.late_box, self.over_box):
            box.toggled.connect(lambda _on: self._filter())
        self.search.textChanged.connect(lambda _t: self._filter())
        filters = QHBoxLayout()
        filters.addWidget(self.late_box)
        filters.addWidget(self.over_box)
        filters.addWidget(self.search, 1)
        self.detail = NodeDetail()
        self.detail.open_button.clicked.connect(self.open_manuscript)
        self.detail.review_button.clicked.connect(self.review)
        self.detail.seal_button.clicked.connect(self.toggle_sealed)
        self.detail.accept_button.clicked.connect(self.toggle_accepted)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addLayout(self.edit_row)
        left_layout.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 360])

        # 供稿单位
        self.units_model = YearbookUnitsModel(self)
        self.units_view = QTableView()
        self.units_view.setModel(self.units_model)
        self.units_view.setAlternatingRowColors(True)
        self.units_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units_view.verticalHeader().hide()
        units_header = self.units_view.horizontalHeader()
        units_header.setSectionResizeMode(UnitColumn.NAME, QHeaderView.ResizeMode.Stretch)
        units_header.resizeSection(UnitColumn.WORDS, 120)
        units_header.resizeSection(UnitColumn.LATE, 150)
        self.units_view.doubleClicked.connect(lambda _index: self.edit_unit())
        self.units_history = HistoryMenu(self.units_view, lambda: self.conn, self._unit_record)
        self.unit_button = QPushButton("联系人与时限…")
        self.unit_button.setToolTip("修改所选供稿单位的联系人、电话和交稿时限（可撤销）；"
                                    "也可双击单位")
        self.unit_button.clicked.connect(lambda: self.edit_unit())
        unit_hint = QLabel("电话号码中间四位已隐藏；打开“联系人与时限…”可查看和修改完整号码。")
        unit_hint.setStyleSheet("color: #666;")
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_button)
        unit_row.addWidget(unit_hint, 1)
        self.units_page = QWidget()
        units_layout = QVBoxLayout(self.units_page)
        units_layout.setContentsMargins(0, 4, 0, 0)
        units_layout.addLayout(unit_row)
        units_layout.addWidget(self.units_view, 1)

        self.views = QTabWidget()
        self.views.addTab(self.splitter, "篇目与进度")
        self.views.addTab(self.units_page, "供稿单位")

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.strip)
        content_layout.addWidget(self.totals_label)
        content_layout.addWidget(self.views, 1)
        self.empty = empty_label(EMPTY_TEXT)
        self.body = QStackedWidget()
        self.body.addWidget(self.empty)
        self.body.addWidget(self.content)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)

    def _build_node_actions(self) -> None:
        """新增/重命名/指定供稿单位/设置预算/删除: buttons above the tree and its context menu."""
        specs = (
            ("category", "新增类目…", "在篇目末尾新增一个类目（可撤销）",
             lambda: self.add_node(NodeKind.CATEGORY)),
            ("section", "新增分目…", "在所选类目下新增一个分目（可撤销）",
             lambda: self.add_node(NodeKind.SECTION)),
            ("entry", "新增条目…", "在所选分目下（或所选条目之后）新增一个条目（可撤销）",
             lambda: self.add_node(NodeKind.ENTRY)),
            ("rename", "重命名…", "修改所选篇目的名称（可撤销）", lambda: self.rename_node()),
            ("unit", "指定供稿单位…", "指定所选篇目的供稿单位，下级未单独指定的随之改变（可撤销）",
             lambda: self.assign_unit()),
            ("budget", "设置预算…", "设置所选篇目的字数和图片预算（可撤销）",
             lambda: self.set_budget()),
            ("delete", "删除…", "删除所选篇目及其下级（已收来稿的不能删除；不能撤销）",
             lambda: self.delete_node()),
        )
        self.node_actions: dict[str, QAction] = {}
        self.edit_row = QHBoxLayout()
        self.edit_row.setSpacing(4)
        self.edit_buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in specs:
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, f=slot: f())
            self.node_actions[key] = action
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(action.trigger)
            self.edit_buttons[key] = button
            self.edit_row.addWidget(button)
        self.edit_row.addStretch(1)
        self.tree.selectionModel().currentRowChanged.connect(
            lambda *_: self._sync_node_actions())
        self._sync_node_actions()

    def _sync_node_actions(self) -> None:
        item = self.selected_node()
        has_volume = getattr(self, "view", None) is not None
        enabled = {
            "category": has_volume,
            "section": item is not None,
            "entry": item is not None,
            "rename": item is not None,
            "unit": item is not None,
            "budget": item is not None,
            "delete": item is not None,
        }
        for key, on in enabled.items():
            self.node_actions[key].setEnabled(on)
            self.edit_buttons[key].setEnabled(on)

    def node_menu(self) -> QMenu:
        """The tree's context menu (also built by the tests, without showing it)."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for key in ("category", "section", "entry", None, "rename", "unit", "budget", None,
                    "delete"):
            if key is None:
                menu.addSeparator()
            else:
                menu.addAction(self.node_actions[key])
        item = self.selected_node()
        if item is not None:
            menu.addSeparator()
            history = menu.addAction("修改记录…")
            history.triggered.connect(lambda _checked=False, i=item: self.show_history(i))
        return menu

    def show_history(self, item: TreeNode) -> QDialog:
        """修改记录 of a 篇目 with its manuscript and reviews."""
        from fangzhi_desktop.ui.dialogs.audit_dialog import AuditDialog

        return AuditDialog.show_record(self, self.conn, "yearbook_nodes", item.id,
                                       item.node.title)

    # --- Loading ---------------------------------------------------------------------------

    def current_year(self) -> int | None:
        year = self.year_combo.currentData()
        return int(year) if year is not None else None

    def reload_years(self, select: int | None = None) -> None:
        years = volumes.volume_years(self.conn)
        wanted = select or self.current_year() or (years[-1] if years else None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in reversed(years):
            volume = volumes.find_volume(self.conn, year)
            self.year_combo.addItem(volume.quoted if volume else str(year), year)
        if wanted in years:
            self.year_combo.setCurrentIndex(self.year_combo.findData(wanted))
        self.year_combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        year = self.current_year()
        selected = self.selected_id()
        expanded = self._expanded_ids()
        self.view = load_view(self.conn, year, self.clock()) if year is not None else None
        self.exports.set_available(self.view is not None)
        self.body.setCurrentWidget(self.content if self.view else self.empty)
        self.tree_model.set_view(self.view)
        self.units_model.set_view(self.view)
        if self.view is None:
            self.detail.show_node(None, None, None, [])
            return
        self.strip.show_view(self.view)
        t = self.view.totals
        budget = f"{t.word_budget:,}" if t.word_budget else "—"
        self.totals_label.setText(
            f"{t.categories}个类目、{t.sections}个分目、{t.entries}个条目；"
            f"已收{t.received}篇（待收{t.missing}），已通过{t.accepted}，退改{t.returned}；"
            f"字数{t.words:,}/{budget}；逾期单位{t.late_units}个，"
            f"超预算{t.over_budget}条、字数不足{t.under_budget}条")
        if expanded:
            for node_id in expanded:
                self.tree.expand(self._proxy_index(node_id))
        else:
            self.tree.expandToDepth(0)
        if selected is not None:
            self.select_node(selected)
        else:
            self._show_detail()
        self._sync_node_actions()

    def _expanded_ids(self) -> list[int]:
        out = []
        for node_id, item in self.tree_model._items.items():
            if not item.children:  # only 类目/分目 can be expanded; 条目 are most of the tree
                continue
            index = self._proxy_index(node_id)
            if index.isValid() and self.tree.isExpanded(index):
                out.append(node_id)
        return out

    def _proxy_index(self, node_id: int) -> QModelIndex:
        return self.proxy.mapFromSource(self.tree_model.index_of(node_id))

    def _filter(self) -> None:
        self.proxy.set_filter(self.late_box.isChecked(), self.over_box.isChecked(),
                              self.search.text())
        if self.late_box.isChecked() or self.over_box.isChecked() or self.search.text():
            self.tree.expandAll()

    def _changed(self, _item_id: int = 0) -> None:
        self.reload()
        self.data_changed.emit()

    # --- Selection and detail --------------------------------------------------------------

    def selected_node(self) -> TreeNode | None:
        index = self.tree.currentIndex()
        return self.tree_model.node(self.proxy.mapToSource(index)) if index.isValid() else None

    def selected_id(self) -> int | None:
        node = self.selected_node()
        return node.id if node is not None else None

    def select_node(self, node_id: int) -> bool:
        index = self._proxy_index(node_id)
        if not index.isValid():
            self._show_detail()
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        self._show_detail()
        return True

    def show_node(self, year: int, node_id: int) -> bool:
        """Jump to a node of the volume ``year`` (filters cleared), e.g. from global search."""
        if year != self.current_year():
            self.reload_years(select=year)
        self.late_box.setChecked(False)
        self.over_box.setChecked(False)
        self.search.clear()
        self.views.setCurrentWidget(self.splitter)
        return self.select_node(node_id)

    def _show_detail(self) -> None:
        item = self.selected_node()
        if item is None or self.view is None:
            self.detail.show_node(None, None, None, [])
            return
        unit = next((u for u in self.view.units if u.unit.unit_id == item.unit_id), None)
        deadline = self.tree_model.deadline(item.id) or (unit.deadline if unit else None)
        reviews = (manuscripts.list_reviews(self.conn, item.manuscript.id)
                   if item.manuscript is not None else [])
        self.detail.show_node(item, unit, deadline, reviews)

    def prepare_screenshot(self) -> None:
        """Select a received 条目 with reviews, so the detail pane has something to show."""
        if self.view is None:
            return
        for item in self.view.nodes().values():
            m = item.manuscript
            if m is not None and m.returns:
                self.select_node(item.id)
                return
        for item in self.view.nodes().values():
            if item.manuscript is not None:
                self.select_node(item.id)
                return

    # --- Actions ---------------------------------------------------------------------------

    def new_volume(self) -> None:
        with reporting(self):
            years = volumes.volume_years(self.conn)
            suggested = (years[-1] + 1) if years else self.clock().year
            year = prompts.ask_year(self, "新建年鉴卷", "年鉴卷的年份（出版年）：", suggested)
            if year is None:
                return
            made = volumes.new_volume(self.conn, year)
            what = (f"已沿用{made.copied_from}卷的{made.nodes}个篇目、{made.units}个供稿单位和"
                    f"{made.stages}个阶段计划。" if made.copied_from else
                    f"已按模板建立{made.stages}个编纂阶段，篇目为空，可从“导出/导入”导入篇目。")
            prompts.inform(self, "已新建年鉴卷", f"已新建《{made.title}》。\n{what}")
            self.reload_years(select=year)
            self.data_changed.emit()

    def mark_stage(self, *, finish: bool) -> bool:
        if self.view is None or self.view.stage_today.current is None:
            return False
        stage = self.view.stage_today.current
        verb = "完成" if finish else "开始"
        on = StageDateDialog.ask(self, f"{verb}阶段", stage.name, self.clock())
        if on is None:
            return False
        return push(self.undo_stack, MarkStage(self.conn, stage.id, self._changed,
                                               finish=finish, on=on, name=stage.name), self)

    def review(self) -> bool:
        item = self.selected_node()
        if item is None or item.manuscript is None:
            return False
        m = item.manuscript
        levels = list(ReviewLevel)
        level = levels[0]
        if m.review_level is not None:
            step = levels.index(m.review_level) + (0 if m.returned else 1)
            level = levels[min(step, len(levels) - 1)]
        choice = ReviewDialog.ask(self, item.title, self.clock(), level)
        if choice is None:
            return False
        return push(self.undo_stack, RecordReview(
            self.conn, m.id, self._changed, level=choice.level, result=choice.result,
            on=choice.on, reason=choice.reason, reviewer=choice.reviewer), self)

    def toggle_sealed(self) -> bool:
        item = self.selected_node()
        if item is None or item.manuscript is None:
            return False
        return push(self.undo_stack, SetSealed(self.conn, item.manuscript.id, self._changed,
                                               sealed=not item.manuscript.sealed,
                                               on=self.clock()), self)

    def toggle_accepted(self) -> bool:
        item = self.selected_node()
        if item is None or item.manuscript is None:
            return False
        return push(self.undo_stack, SetAccepted(self.conn, item.manuscript.id, self._changed,
                                                 accepted=not item.manuscript.accepted,
                                                 on=self.clock()), self)

    def move_node(self, node_id: int, parent_id: int | None, position: int) -> bool:
        from PySide6.QtCore import QTimer

        # After the drop returns: the view must not be reset while it handles the drop.
        result: list[bool] = []
        QTimer.singleShot(0, self, lambda: result.append(push(
            self.undo_stack, MoveNode(self.conn, node_id, self._changed, parent_id=parent_id,
                                      position=position), self)))
        return True

    def open_manuscript(self) -> Path | None:
        item = self.selected_node()
        if item is None or item.manuscript is None:
            return None
        with reporting(self):
            name, content = manuscripts.manuscript_content(self.conn, item.manuscript.id)
            folder = Path(tempfile.mkdtemp(prefix="fangzhi-"))
            path = folder / Path(name).name
            path.write_bytes(content)
            if not prompts.open_url(QUrl.fromLocalFile(str(path))):
                prompts.error(self, "无法打开", f"无法打开原稿：{path}\n请用 Word 或 WPS 打开它。")
            return path
        return None

    # --- Editing the 篇目 tree ----------------------------------------------------------------

    def _unit_names(self) -> list[str]:
        """The volume's 供稿单位 first, then the rest of the shared unit directory."""
        ours = [u.unit.name for u in self.view.units] if self.view is not None else []
        seen = set(ours)
        return ours + [u.name for u in list_units(self.conn) if u.name not in seen]

    def add_node(self, kind: NodeKind) -> int | None:
        """新增类目/分目/条目 near the selection; returns the new node's id."""
        if self.view is None:
            return None
        item = self.selected_node()
        parent: TreeNode | None = None
        position: int | None = None
        if kind is NodeKind.SECTION:
            parent = item
            while parent is not None and parent.depth > 1:
                parent = self.tree_model.parent_of(parent.id)
        elif kind is NodeKind.ENTRY:
            if item is not None and (item.children or item.depth == 1) \
                    and item.depth < MAX_DEPTH:
                parent = item
            elif item is not None:  # a 条目: the new one goes right after it
                parent = self.tree_model.parent_of(item.id)
                siblings = parent.children if parent is not None else self.view.roots
                position = [s.id for s in siblings].index(item.id) + 2
        if kind is not NodeKind.CATEGORY and parent is None:
            prompts.error(self, f"新增{kind.value}", f"请先在篇目中选择{kind.value}所属的"
                          f"{'类目' if kind is NodeKind.SECTION else '分目'}。")
            return None
        where = f"上级：{parent.title}" if parent is not None else "作为新的类目"
        show = (NODE_TITLE, NODE_UNIT, NODE_BUDGET) if kind is NodeKind.ENTRY \
            else (NODE_TITLE, NODE_UNIT)
        fields = NodeDialog.ask(self, f"新增{kind.value}", NodeFields(""), self._unit_names(),
                                show, where)
        if fields is None:
            return None
        command = AddNode(self.conn, self.view.volume.id, self._changed,
                          parent_id=parent.id if parent is not None else None, fields=fields,
                          position=position, kind=kind.value)
        if not push(self.undo_stack, command, self):
            return None
        if parent is not None:
            self.tree.expand(self._proxy_index(parent.id))
        self.select_node(command.item_id)
        return command.item_id

    def _edit_node(self, title: str, show: tuple[str, ...], verb: str) -> bool:
        item = self.selected_node()
        if item is None:
            return False
        with reporting(self):
            before = tree_store.node_fields(self.conn, item.id)
            what = f"{item.kind.value}：{item.title}"
            if NODE_UNIT in show and not before.unit and item.unit:
                what += f"（现沿用上级的“{item.unit}”）"
            fields = NodeDialog.ask(self, title, before, self._unit_names(), show, what)
            if fields is None or fields == before:
                return False
            return push(self.undo_stack, EditNode(self.conn, item.id, self._changed,
                                                  fields=fields, text=f"{verb}“{item.title}”"),
                        self)
        return False

    def rename_node(self) -> bool:
        return self._edit_node("重命名篇目", (NODE_TITLE,), "重命名")

    def assign_unit(self) -> bool:
        return self._edit_node("指定供稿单位", (NODE_UNIT,), "指定供稿单位")

    def set_budget(self) -> bool:
        return self._edit_node("设置预算", (NODE_BUDGET,), "设置预算")

    def delete_node(self) -> bool:
        """Delete the selected node and everything below it (not undoable: confirmed first);
        refused when manuscripts were received below it."""
        item = self.selected_node()
        if item is None:
            return False
        with reporting(self):
            received = tree_store.count_manuscripts_below(self.conn, item.id)
            if received:
                prompts.error(self, "不能删除", (
                    f"“{item.title}”{'及其下级' if item.children else ''}已收到{received}份来稿，"
                    "不能删除，以免来稿一并丢失。\n如篇目调整，可把它拖到别处，"
                    "或改名、改派供稿单位。"))
                return False
            below = len(list(item.walk())) - 1
            text = f"确定删除{item.kind.value}“{item.title}”吗？"
            if below:
                text += f"\n其下的{below}个篇目将一并删除。"
            text += "\n删除后不能撤销。"
            if not prompts.confirm(self, "删除篇目", text, ok_text="删除", warning=True):
                return False
            tree_store.delete_node(self.conn, item.id)
            self._changed()
            return True
        return False

    # --- Stage plan and 供稿单位 -------------------------------------------------------------

    def edit_stage_plan(self) -> bool:
        if self.view is None:
            return False
        volume_id = self.view.volume.id

        def save_template(stages: list[Any]) -> bool:
            if not push(self.undo_stack, SaveStageTemplate(self.conn, lambda _i: None, stages),
                        self):
                return False
            prompts.inform(self, "已保存模板", f"已把这{len(stages)}个阶段保存为本办的编纂阶段"
                           "模板，以后新建的年鉴卷将按此安排（已有各卷不变）。")
            return True

        rows = StagePlanDialog.ask(self, self.view.volume.quoted, self.view.stages,
                                   save_template)
        if rows is None:
            return False
        return push(self.undo_stack, EditStagePlan(self.conn, volume_id, self._changed,
                                                   rows=rows), self)

    def selected_unit(self) -> Any:
        index = self.units_view.currentIndex()
        units = self.units_model.units
        return units[index.row()] if index.isValid() and index.row() < len(units) else None

    def _unit_record(self, index: QModelIndex) -> Record | None:
        """A 供稿单位's row of the volume, for 修改记录… (its contact, phone and deadline)."""
        units = self.units_model.units
        if self.view is None or not index.isValid() or index.row() >= len(units):
            return None
        unit = units[index.row()].unit
        return ("yearbook_volumes", self.view.volume.id, f"{unit.name}（{self.view.volume.title}）",
                ("yearbook_units", "unit_id", unit.unit_id))

    def edit_unit(self, progress: Any = None) -> bool:
        progress = progress or self.selected_unit()
        if progress is None or self.view is None:
            if self.view is not None:
                prompts.error(self, "联系人与时限", "请先在表中选择一个供稿单位。")
            return False
        unit = progress.unit
        before = UnitFields(unit.contact, unit.phone, unit.deadline, unit.remarks)
        fields = UnitContactDialog.ask(self, unit.name, before, self.view.volume.deadline,
                                       self.clock())
        if fields is None or fields == before:
            return False
        return push(self.undo_stack, SetVolumeUnit(self.conn, self.view.volume.id,
                                                   self._changed, name=unit.name,
                                                   fields=fields), self)
