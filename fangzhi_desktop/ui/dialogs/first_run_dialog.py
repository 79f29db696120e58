"""帮助 → 入门向导: four skippable steps for a new office — 单位信息, 数据文件位置, 导入花名册,
导入年度工作要点. Each step opens the dialog that does the real work (through ``actions``);
the guide itself only explains and leads on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.ui import prompts

DB_FILTER = "方志办公桌面数据文件 (*.db);;所有文件 (*)"


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    text: str
    button: str  # "" = the step has its own buttons


STEPS: tuple[Step, ...] = (
    Step("profile", "单位信息",
         "先填写本单位的全称、发文字号代字（如“某志办”）、版头文字、主送和抄送机关。"
         "导出的公文、台账和简报都用这些信息，以后可在“设置 → 单位信息”中修改。",
         "填写单位信息…"),
    Step("database", "数据文件位置",
         "所有工作要点、专项活动、年鉴和学习记录都保存在一个数据文件里，每天自动备份。"
         "一般继续使用默认位置即可；如果单位已有数据文件（例如从旧电脑拷来），"
         "可以改用它，也可以在指定位置新建一个。",
         ""),
    Step("roster", "导入花名册",
         "从单位花名册（Excel 或 WPS 表格，.xlsx/.xls/.et）导入干部名单，"
         "用于统计学习学时和签到。导入前会预览并检查每一行。",
         "导入花名册…"),
    Step("workpoints", "导入年度工作要点",
         "导入本年度的工作要点（Word 文档 .docx 或文本文件），"
         "导入后即可逐项督办、登记进展、导出台账和公文。",
         "导入年度工作要点…"),
)


class FirstRunDialog(QDialog):
    """The guide. ``actions`` maps a step key (profile, roster, workpoints) to what its
    button does; ``database_chosen(path)`` asks the window to reopen on another file."""

    database_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None, db_path: Path,
                 actions: Mapping[str, Callable[[], object]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("入门向导")
        self.resize(680, 400)
        self.db_path = db_path
        self.actions = dict(actions)
        self.chosen_database: Path | None = None

        self.step_list = QListWidget()
        self.step_list.setFixedWidth(170)
        self.pages = QStackedWidget()
        for number, step in enumerate(STEPS, 1):
            self.step_list.addItem(f"{number}. {step.title}")
            self.pages.addWidget(self._page(number, step))
        self.step_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.step_list.currentRowChanged.connect(self._update_buttons)

        self.back_button = QPushButton("上一步")
        self.back_button.clicked.connect(lambda: self.go(self.current() - 1))
        self.skip_button = QPushButton("跳过此步")
        self.skip_button.clicked.connect(lambda: self.go(self.current() + 1))
        self.next_button = QPushButton("下一步")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        self.close_button = QPushButton("跳过向导")
        self.close_button.setToolTip("以后可从“帮助 → 入门向导”再次打开")
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch()
        for button in (self.back_button, self.skip_button, self.next_button):
            buttons.addWidget(button)
        body = QHBoxLayout()
        body.addWidget(self.step_list)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.step_list.setCurrentRow(0)

    # --- Pages -----------------------------------------------------------------------------

    def _page(self, number: int, step: Step) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(f"<h3>第{number}步（共{len(STEPS)}步）：{step.title}</h3>")
        text = QLabel(step.text)
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(text)
        if step.key == "database":
            self._database_controls(layout)
        else:
            button = QPushButton(step.button)
            button.setObjectName(f"{step.key}_button")
            button.clicked.connect(lambda _checked=False, key=step.key: self.run_step(key))
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch()
            layout.addLayout(row)
        layout.addStretch()
        return page

    def _database_controls(self, layout: QVBoxLayout) -> None:
        self.db_label = QLabel()
        self.db_label.setWordWrap(True)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_database()
        keep = QPushButton("继续使用当前数据文件")
        keep.clicked.connect(self._keep_database)
        choose = QPushButton("改用已有数据文件…")
        choose.clicked.connect(self.choose_database)
        create = QPushButton("在其他位置新建…")
        create.clicked.connect(self.create_database)
        row = QHBoxLayout()
        for button in (keep, choose, create):
            row.addWidget(button)
        row.addStretch()
        layout.addWidget(self.db_label)
        layout.addLayout(row)

    def _show_database(self) -> None:
        target = self.chosen_database or self.db_path
        note = "（完成向导后将重新打开这个文件）" if self.chosen_database else ""
        self.db_label.setText(f"数据文件：{target}{note}")

    # --- Actions ---------------------------------------------------------------------------

    def run_step(self, key: str) -> None:
        """Open the dialog behind a step's button (the guide stays open)."""
        action = self.actions.get(key)
        if action is not None:
            action()

    def _keep_database(self) -> None:
        self.chosen_database = None
        self._show_database()
        self.go(self.current() + 1)

    def choose_database(self) -> None:
        path = prompts.open_file(self, "选择已有的数据文件", DB_FILTER, str(self.db_path.parent))
        self._set_database(path)

    def create_database(self) -> None:
        path = prompts.save_file(self, "新建数据文件", DB_FILTER,
                                 str(self.db_path.parent / "fangzhi.db"))
        if path is not None and path.suffix.lower() != ".db":
            path = path.with_name(path.name + ".db")
        self._set_database(path)

    def _set_database(self, path: Path | None) -> None:
        if path is None:
            return
        self.chosen_database = None if path == self.db_path else path
        self._show_database()

    # --- Navigation ------------------------------------------------------------------------

    def current(self) -> int:
        return self.step_list.currentRow()

    def go(self, index: int) -> None:
        if index >= len(STEPS):
            self.accept()
        elif index >= 0:
            self.step_list.setCurrentRow(index)

    def _next(self) -> None:
        self.go(self.current() + 1)

    def _update_buttons(self, index: int) -> None:
        self.back_button.setEnabled(index > 0)
        last = index == len(STEPS) - 1
        self.next_button.setText("完成" if last else "下一步")
        self.skip_button.setVisible(not last)

    def done(self, result: int) -> None:
        """Closing in any way ends the guide; a chosen database is announced once."""
        super().done(result)
        if self.chosen_database is not None:
            chosen, self.chosen_database = self.chosen_database, None
            self.database_chosen.emit(chosen)
