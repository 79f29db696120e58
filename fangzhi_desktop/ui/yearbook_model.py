"""Models of the 年鉴编纂 tab: the 篇目 tree with its figures, and the 供稿单位 table.

Both are filled from one ``VolumeView`` (``storage.yearbook_view.load_view``); no SQL here.
A tree index carries its node's id as internal id, so ``parent()`` is a dictionary lookup.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fangzhi_desktop.domain.privacy import mask_phone
from fangzhi_desktop.domain.yearbook import BudgetStatus, ReviewResult, TreeNode
from fangzhi_desktop.domain.yearbook_progress import UnitProgress, VolumeView

ROOT = QModelIndex()
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LATE_ROLE = Qt.ItemDataRole.UserRole + 2
OVER_ROLE = Qt.ItemDataRole.UserRole + 3
NODE_MIME = "application/x-fangzhi-yearbook-node"

RED = QColor("#B00020")
RED_BG = QColor("#FBE3E6")
AMBER = QColor("#8A5A00")
AMBER_BG = QColor("#FFF3D6")
BLUE = QColor("#1F4F8F")
GREEN = QColor("#2E6B30")
GREY = QColor("#777777")


class TreeColumn(IntEnum):
    TITLE = 0
    UNIT = 1
    BUDGET = 2
    WORDS = 3
    PHOTOS = 4
    STATUS = 5
    WARNING = 6


TREE_HEADERS = ("篇目", "供稿单位", "字数预算", "已收字数", "图片", "状态", "预警")


def entry_status(item: TreeNode) -> str:
    """未收 / 待审 / 退改 / 初审通过 / 已通过 for a 条目; 已收 x/y above it."""
    if item.children:
        return f"已收 {item.received}/{item.entries}"
    m = item.manuscript
    if m is None:
        return "未收"
    if m.accepted:
        return "已通过"
    if m.review_result is ReviewResult.RETURNED:
        return "退改"
    if m.review_level is not None and m.review_result is ReviewResult.PASSED:
        return f"{m.review_level.value}通过"
    return "待审"


class YearbookTreeModel(QAbstractItemModel):
    """类目 → 分目 → 条目 with unit, budget, words, photos, status and a warning."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.roots: list[TreeNode] = []
        self._items: dict[int, TreeNode] = {}
        self._parent: dict[int, TreeNode | None] = {}
        self._row: dict[int, int] = {}
        self._late: set[int] = set()
        self._deadline: dict[int, date | None] = {}
        self.tolerance = 0.1
        self.move_handler: Any = None  # callable(node_id, parent_id | None, position)

    # --- Filling ---------------------------------------------------------------------------

    def set_view(self, view: VolumeView | None) -> None:
        self.beginResetModel()
        self.roots = list(view.roots) if view else []
        self._items, self._parent, self._row = {}, {}, {}
        self._late, self._deadline = set(), {}
        if view is not None:
            self.tolerance = view.volume.tolerance
            for progress in view.units:
                for entry in progress.entries:
                    self._deadline[entry.id] = progress.deadline
                    if (entry.manuscript is None and progress.deadline is not None
                            and view.today > progress.deadline):
                        self._late.add(entry.id)

            def visit(item: TreeNode, parent: TreeNode | None, row: int) -> None:
                self._items[item.id] = item
                self._parent[item.id] = parent
                self._row[item.id] = row
                for n, child in enumerate(item.children):
                    visit(child, item, n)

            for n, root in enumerate(self.roots):
                visit(root, None, n)
        self.endResetModel()

    def node(self, index: QModelIndex) -> TreeNode | None:
        return self._items.get(index.internalId()) if index.isValid() else None

    def item(self, node_id: int) -> TreeNode | None:
        return self._items.get(node_id)

    def parent_of(self, node_id: int) -> TreeNode | None:
        return self._parent.get(node_id)

    def deadline(self, node_id: int) -> date | None:
        return self._deadline.get(node_id)

    def index_of(self, node_id: int, column: int = 0) -> QModelIndex:
        if node_id not in self._items:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, node_id)

    def is_late(self, item: TreeNode) -> bool:
        if not item.children:
            return item.id in self._late
        return any(n.id in self._late for n in item.walk() if not n.children)

    def is_over(self, item: TreeNode) -> bool:
        if item.budget_status is BudgetStatus.OVER:
            return True
        return any(n.budget_status is BudgetStatus.OVER for n in item.walk()
                   if not n.children)

    def warning(self, item: TreeNode) -> str:
        if item.children:
            late = sum(1 for n in item.walk() if not n.children and n.id in self._late)
            over = sum(1 for n in item.walk()
                       if not n.children and n.budget_status is BudgetStatus.OVER)
            parts = [f"逾期{late}" if late else "", f"超预算{over}" if over else ""]
            return "，".join(p for p in parts if p)
        if item.id in self._late:
            return "逾期未交"
        if item.budget_status is BudgetStatus.OVER:
            return "超预算"
        if item.budget_status is BudgetStatus.UNDER:
            return "字数不足"
        return ""

    # --- Structure -------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self._children(parent)
        return self.createIndex(row, column, siblings[row].id)

    def parent(self, index: QModelIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        up = self._parent.get(index.internalId())
        if up is None:
            return QModelIndex()
        return self.createIndex(self._row[up.id], 0, up.id)

    def _children(self, parent: QModelIndex) -> list[TreeNode]:
        if not parent.isValid():
            return self.roots
        item = self._items.get(parent.internalId())
        return item.children if item is not None else []

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return len(TREE_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(TREE_HEADERS)):
            return TREE_HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.node(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == TreeColumn.TITLE:
            return f"{item.kind.value}：{item.title}"
        if role == Qt.ItemDataRole.ToolTipRole and column == TreeColumn.WARNING:
            return self.warning(item) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                TreeColumn.BUDGET, TreeColumn.WORDS, TreeColumn.PHOTOS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(item, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == TreeColumn.WARNING:
            warning = self.warning(item)
            if warning and not item.children:
                return QBrush(RED_BG if item.id in self._late
                              or item.budget_status is BudgetStatus.OVER else AMBER_BG)
        if role == NODE_ID_ROLE:
            return item.id
        if role == LATE_ROLE:
            return self.is_late(item)
        if role == OVER_ROLE:
            return self.is_over(item)
        return None

    def _text(self, item: TreeNode, column: int) -> str:
        if column == TreeColumn.TITLE:
            return item.title
        if column == TreeColumn.UNIT:
            return item.unit if (item.node.unit_id is not None or not item.children) else ""
        if column == TreeColumn.BUDGET:
            return f"{item.word_budget:,}" if item.word_budget else ""
        if column == TreeColumn.WORDS:
            return f"{item.words:,}" if item.received else ""
        if column == TreeColumn.PHOTOS:
            if item.photo_budget:
                return f"{item.photos}/{item.photo_budget}"
            return str(item.photos) if item.photos else ""
        if column == TreeColumn.STATUS:
            return entry_status(item)
        if column == TreeColumn.WARNING:
            return self.warning(item)
        return ""

    def _foreground(self, item: TreeNode, column: int) -> Any:
        if column == TreeColumn.WORDS:
            if item.budget_status is BudgetStatus.OVER:
                return QBrush(RED)
            if item.budget_status is BudgetStatus.UNDER:
                return QBrush(AMBER)
        if column == TreeColumn.STATUS and not item.children:
            status = entry_status(item)
            colour = {"未收": RED if item.id in self._late else GREY, "退改": AMBER,
                      "已通过": GREEN}.get(status, BLUE)
            return QBrush(colour)
        if column == TreeColumn.WARNING and self.warning(item):
            return QBrush(RED if item.id in self._late or self.is_late(item) else AMBER)
        return None

    # --- Drag and drop: moving nodes --------------------------------------------------------

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes: Any) -> Any:
        from PySide6.QtCore import QMimeData

        ids = sorted({i.internalId() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(NODE_MIME, ",".join(map(str, ids[:1])).encode())
        return data

    def dropMimeData(self, data: Any, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(NODE_MIME):
            return False
        raw = bytes(data.data(NODE_MIME).data()).decode()
        if not raw or self.move_handler is None:
            return False
        node_id = int(raw)
        parent_id = parent.internalId() if parent.isValid() else None
        position = row + 1 if row >= 0 else len(self._children(parent)) + 1
        old_parent = self._parent.get(node_id)
        same_parent = (old_parent.id if old_parent is not None else None) == parent_id
        if row >= 0 and same_parent and self._row.get(node_id, row) < row:
            position -= 1  # moving down among the same siblings: the node itself leaves
        self.move_handler(node_id, parent_id, position)
        return False  # the tab reloads the tree; the view must not remove the source row


class UnitColumn(IntEnum):
    NAME = 0
    CONTACT = 1
    PHONE = 2
    ENTRIES = 3
    RECEIVED = 4
    ACCEPTED = 5
    WORDS = 6
    LATE = 7


UNIT_HEADERS = ("单位", "联系人", "电话", "条目数", "已收", "已通过", "字数/预算", "逾期")


class YearbookUnitsModel(QAbstractTableModel):
    """Every 供稿单位 with its progress, the longest overdue first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.units: list[UnitProgress] = []
        self.today = date.today()

    def set_view(self, view: VolumeView | None) -> None:
        self.beginResetModel()
        if view is None:
            self.units = []
        else:
            self.today = view.today
            late = view.late_units()
            rest = [u for u in view.units if u not in late and u.entries]
            self.units = late + sorted(rest, key=lambda u: (-len(u.missing), u.name))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(UNIT_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(UNIT_HEADERS)):
            return UNIT_HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.units):
            return None
        unit = self.units[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(unit, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == UnitColumn.LATE and unit.late(self.today):
                return QBrush(RED)
            if column == UnitColumn.WORDS and unit.over_budget(0.1):
                return QBrush(AMBER)
        if role == Qt.ItemDataRole.ToolTipRole and column == UnitColumn.LATE:
            missing = unit.missing
            if missing:
                return "未交：" + "、".join(e.title for e in missing[:10])
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= UnitColumn.ENTRIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, unit: UnitProgress, column: int) -> str:
        if column == UnitColumn.NAME:
            return unit.name
        if column == UnitColumn.CONTACT:
            return unit.unit.contact
        if column == UnitColumn.PHONE:
            return mask_phone(unit.unit.phone) if unit.unit.phone else ""
        if column == UnitColumn.ENTRIES:
            return str(unit.assigned)
        if column == UnitColumn.RECEIVED:
            return str(unit.received)
        if column == UnitColumn.ACCEPTED:
            return str(unit.accepted)
        if column == UnitColumn.WORDS:
            budget = unit.word_budget
            return f"{unit.words:,}/{budget:,}" if budget else f"{unit.words:,}"
        if column == UnitColumn.LATE:
            days = unit.days_late(self.today)
            return f"逾期{days}天，缺{len(unit.missing)}篇" if days else ""
        return ""
