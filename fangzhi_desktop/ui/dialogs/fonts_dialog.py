"""设置 → 公文字体检查: which official fonts this PC has, and what stands in for the others."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.exporters.official_docx.fonts import FontStatus, check_fonts

OK_COLOUR = "#1E7B34"
SUBSTITUTE_COLOUR = "#B35900"
MISSING_COLOUR = "#B00020"
HEADERS = ("字体", "用途", "状态")
COLUMN_PADDING = 24
DIALOG_WIDTH = 640
EXPLANATION = (
    "导出的公文始终按国家标准（GB/T 9704）指定字体，如仿宋_GB2312、方正小标宋简体。"
    "在装有这些字体的电脑上打开，就会按标准字体显示和打印；本机缺少的字体，"
    "Word 或 WPS 会暂时用相近的字体代替显示，文件本身不受影响。"
)
COMMERCIAL = ("方正小标宋简体等是商业字体，本软件不附带。需要在本机按标准效果排版打印的，"
              "请向单位信息化部门申请安装正版字体。")


def status_text(status: FontStatus) -> str:
    if status.installed:
        return "✓ 已安装"
    if status.substitute:
        return f"未安装，将以“{status.substitute}”代替"
    return "✗ 缺少（将显示为默认字体）"


def status_colour(status: FontStatus) -> str:
    if status.installed:
        return OK_COLOUR
    return SUBSTITUTE_COLOUR if status.substitute else MISSING_COLOUR


def installed_families() -> list[str]:
    return list(QFontDatabase.families())


class FontsDialog(QDialog):
    """A table of the five official faces (字体, 用途, 状态) and what it means."""

    def __init__(self, parent: QWidget | None = None,
                 families: Iterable[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("公文字体检查")
        self.statuses = check_fonts(installed_families() if families is None else families)

        self.table = QTableWidget(len(self.statuses), len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        for row, status in enumerate(self.statuses):
            cells = (status.name, status.used_for, status_text(status))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(status.describe())
                if column == 2:
                    cell.setForeground(QBrush(QColor(status_colour(status))))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for column in (0, 1):  # room between the columns
            header.resizeSection(column, header.sectionSize(column) + COLUMN_PADDING)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        height = (header.sizeHint().height()
                  + sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
                  + 2 * self.table.frameWidth())
        self.table.setFixedHeight(height)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.summary = QLabel(self._summary())
        self.summary.setWordWrap(True)
        self.explanation = QLabel(f"{EXPLANATION}\n\n{COMMERCIAL}")
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #444;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.explanation)
        layout.addWidget(buttons)
        # The wrapped labels need more height at this width than the size hint (computed for
        # unwrapped lines) gives: size by height-for-width, and never shorter.
        width = max(DIALOG_WIDTH, self._table_width() + layout.contentsMargins().left()
                    + layout.contentsMargins().right())  # wider with 大字体: no elided 状态
        height = self.heightForWidth(width)
        self.setMinimumSize(width, height)
        self.resize(width, height)

    def _table_width(self) -> int:
        """The width that shows every cell in full (the 状态 column at its longest)."""
        header = self.table.horizontalHeader()
        status = max(self.table.sizeHintForColumn(2), header.sectionSizeHint(2))
        return (header.sectionSize(0) + header.sectionSize(1) + status + COLUMN_PADDING
                + 2 * self.table.frameWidth())

    def _summary(self) -> str:
        missing = sum(1 for s in self.statuses if not s.installed)
        if not missing:
            return "本机已安装全部公文标准字体，导出的公文在本机按标准字体显示。"
        return (f"本机缺少 {missing} 种公文标准字体（共 {len(self.statuses)} 种），"
                "在本机打开时这些字体将以相近字体代替显示。")

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as text (字体, 用途, 状态)."""
        return [tuple(self.table.item(r, c).text() for c in range(len(HEADERS)))  # type: ignore[misc]
                for r in range(self.table.rowCount())]
