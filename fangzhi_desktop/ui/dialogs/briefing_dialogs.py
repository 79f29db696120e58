"""政工简讯 dialogs: composing (or correcting) an issue, and importing an existing one.

``IssueDialog`` composes an issue from learning activities (``article_from_activity``) and free
articles, with the 期号 and 总期号 proposed by ``next_issue_numbers``; it returns a
``BriefingDraft`` and the caller saves it. ``BriefingImportDialog`` reads a .txt/.docx issue in
the background, shows what was found for correction, then saves it in the background.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fangzhi_desktop.domain.briefings import (
    DISCLOSURE_DEFAULT,
    BriefingDraft,
    BriefingDraftArticle,
    ParsedBriefing,
    TailFields,
    article_from_activity,
    issue_label,
)
from fangzhi_desktop.domain.learning import Activity
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.operations.briefing_documents import default_name, new_issue_draft
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import briefings as store
from fangzhi_desktop.storage.learning import list_activities
from fangzhi_desktop.storage.office import load_profile
from fangzhi_desktop.ui.errors import report_error
from fangzhi_desktop.ui.jobs import Job, in_database, start_job
from fangzhi_desktop.ui.widgets import date_edit, from_qdate, to_qdate

ERROR_COLOUR = "#B00020"
WARNING_COLOUR = "#8A5A00"
HINT_STYLE = "color: #555;"
DISCLOSURES = ("主动公开", "依申请公开", "不予公开")
BRIEFING_FILTER = "简报 (*.txt *.docx);;所有文件 (*)"
MAX_NAMES = 6  # attendees named in an article before 等N人


def attendees_phrase(activity: Activity, people: Sequence[Person]) -> str:
    """Who took part, as an article says it: names, ``A、B、C等12人`` or ``全体干部职工``."""
    names = {p.id: p.name for p in people}
    present = [names[a.person_id] for a in activity.present if a.person_id in names]
    if not present:
        return ""
    if len(people) > MAX_NAMES and len(present) == len(people):
        return "全体干部职工"
    if len(present) <= MAX_NAMES:
        return "、".join(present)
    return f"{'、'.join(present[:3])}等{len(present)}人"


def article_for(activity: Activity, people: Sequence[Person]) -> BriefingDraftArticle:
    """An article reporting ``activity``. A headline of two phrases (``…召开…学习会 传达学习…``)
    names the event in its first phrase: that one opens the article, the whole is its title."""
    event = activity.title.split()[0] if activity.title.split() else activity.title
    article = article_from_activity(event, activity.start, activity.host,
                                    list(activity.studied), attendees_phrase(activity, people))
    article.title = " ".join(activity.title.split())
    article.origin = f"learning:{activity.id}"
    return article


def _spin(prefix: str, suffix: str, minimum: int, special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(minimum, 9999)
    spin.setPrefix(prefix)
    spin.setSuffix(suffix)
    if special:
        spin.setSpecialValueText(special)
    spin.setMinimumWidth(110)
    return spin


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


# --- Picking activities ----------------------------------------------------------------------


class ActivityPickDialog(QDialog):
    """Tick the activities to report; each becomes an article."""

    def __init__(self, parent: QWidget | None, activities: Sequence[Activity]) -> None:
        super().__init__(parent)
        self.setWindowTitle("从学习活动生成文章")
        self.resize(640, 460)
        self.activities = list(activities)
        self.list = QListWidget()
        for activity in self.activities:
            entry = QListWidgetItem(f"{activity.start.isoformat()}　{activity.type_name}　"
                                    f"{activity.title}")
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setToolTip(activity.title)
            self.list.addItem(entry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成文章")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_hint("勾选要写进本期的学习活动，每次活动生成一篇报道（可再修改）："))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def set_checked(self, rows: Sequence[int]) -> None:
        for row in rows:
            self.list.item(row).setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[Activity]:
        return [a for n, a in enumerate(self.activities)
                if self.list.item(n).checkState() == Qt.CheckState.Checked]

    @classmethod
    def ask(cls, parent: QWidget | None, activities: Sequence[Activity]) -> list[Activity]:
        dialog = cls(parent, activities)
        return dialog.chosen() if dialog.exec() else []


# --- Composing an issue ----------------------------------------------------------------------


class IssueDialog(QDialog):
    """新建一期 (``issue`` None) or 修改 an issue; ``draft()`` is what to save."""

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection, today: date,
                 people: Sequence[Person], issue: BriefingDraft | None = None,
                 issue_id: int | None = None,
                 save: Callable[[IssueDialog], bool] | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.save = save  # called on 保存; the dialog stays open when it returns False
        self.people = list(people)
        self.issue_id = issue_id
        self.setWindowTitle("新建一期简报" if issue is None else f"修改简报{issue.label}")
        self.resize(1080, 740)
        self.base = issue if issue is not None else new_issue_draft(conn, today)
        self.articles: list[BriefingDraftArticle] = [replace(a) for a in self.base.articles]
        self._current = -1
        self._numbers_auto = issue is None
        self._build()
        self._fill()

    # --- Layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.name_combo = QComboBox()
        self.name_combo.setEditable(True)
        self.name_combo.setMinimumContentsLength(14)
        for name in store.series_names(self.conn):
            self.name_combo.addItem(name)
        self.date = date_edit(self.base.date)
        self.issue_spin = _spin("第 ", " 期", 1)
        self.total_spin = _spin("总第 ", " 期", 0, "无总期号")
        self.numbers_hint = _hint()
        numbers = QHBoxLayout()
        numbers.addWidget(self.issue_spin)
        numbers.addWidget(self.total_spin)
        numbers.addStretch(1)
        self.publisher = QLineEdit()
        masthead = QGroupBox("报头")
        head_form = QFormLayout(masthead)
        head_form.addRow("简报名称", self.name_combo)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addStretch(1)
        head_form.addRow("日期", date_row)
        head_form.addRow("期号", numbers)
        head_form.addRow("", self.numbers_hint)
        head_form.addRow("编发单位", self.publisher)

        self.bao = QLineEdit()
        self.song = QLineEdit()
        self.fa = QLineEdit()
        self.printer = QLineEdit()
        self.copies = _spin("共印 ", " 份", 0, "未填")
        self.disclosure = QComboBox()
        self.disclosure.addItems(DISCLOSURES)
        tail = QGroupBox("报尾")
        tail_form = QFormLayout(tail)
        tail_form.addRow("报：", self.bao)
        tail_form.addRow("送：", self.song)
        tail_form.addRow("发：", self.fa)
        tail_form.addRow("印发机关", self.printer)
        copies_row = QHBoxLayout()
        copies_row.addWidget(self.copies)
        copies_row.addWidget(QLabel("信息公开"))
        copies_row.addWidget(self.disclosure)
        copies_row.addStretch(1)
        tail_form.addRow("印数", copies_row)
        top = QHBoxLayout()
        top.addWidget(masthead, 1)
        top.addWidget(tail, 1)

        self.article_list = QListWidget()
        self.article_list.setWordWrap(True)
        self.article_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.from_activities_button = QPushButton("从学习活动生成…")
        self.from_activities_button.setToolTip("选择本年的学习活动，每次活动生成一篇报道")
        self.add_button = QPushButton("新增文章")
        self.remove_button = QPushButton("删除文章")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        list_buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            list_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("本期文章"))
        add_row = QHBoxLayout()
        add_row.addWidget(self.from_activities_button)
        add_row.addWidget(self.add_button)
        left_layout.addLayout(add_row)
        left_layout.addWidget(self.article_list, 1)
        left_layout.addLayout(list_buttons)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("文章标题")
        self.column_edit = QLineEdit()
        self.column_edit.setPlaceholderText("栏目，如“工作动态”（可不填）")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setPlaceholderText("正文，每段一行")
        self.attribution_edit = QLineEdit()
        self.attribution_edit.setPlaceholderText("署名，如“（办公室）”（可不填）")
        self.editor = QWidget()
        editor_form = QFormLayout(self.editor)
        editor_form.setContentsMargins(6, 0, 0, 0)
        editor_form.addRow("标题", self.title_edit)
        editor_form.addRow("栏目", self.column_edit)
        editor_form.addRow("正文", self.body_edit)
        editor_form.addRow("署名", self.attribution_edit)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 660])
        splitter.setChildrenCollapsible(False)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.name_combo.currentTextChanged.connect(self._masthead_changed)
        self.date.dateChanged.connect(self._masthead_changed)
        self.issue_spin.valueChanged.connect(self._numbers_edited)
        self.total_spin.valueChanged.connect(self._numbers_edited)
        self.article_list.currentRowChanged.connect(self._article_selected)
        self.title_edit.textChanged.connect(self._title_edited)
        self.from_activities_button.clicked.connect(self.add_from_activities)
        self.add_button.clicked.connect(self.add_article)
        self.remove_button.clicked.connect(self.remove_article)
        self.up_button.clicked.connect(lambda: self.move_article(-1))
        self.down_button.clicked.connect(lambda: self.move_article(1))

    def _fill(self) -> None:
        base = self.base
        tail = base.tail or TailFields()
        with QSignalBlocker(self.name_combo), QSignalBlocker(self.date), \
                QSignalBlocker(self.issue_spin), QSignalBlocker(self.total_spin):
            self.name_combo.setCurrentText(base.name)
            self.date.setDate(to_qdate(base.date))
            self.issue_spin.setValue(base.issue)
            self.total_spin.setValue(base.total_issue or 0)
        self.publisher.setText(base.publisher)
        self.bao.setText(tail.bao)
        self.song.setText(tail.song)
        self.fa.setText(tail.fa)
        self.printer.setText(tail.printer)
        self.copies.setValue(tail.copies or 0)
        self.disclosure.setCurrentText(tail.disclosure or DISCLOSURE_DEFAULT)
        self._fill_articles(0 if self.articles else -1)
        self._update_numbers_hint()

    # --- Numbers ---------------------------------------------------------------------------

    def name(self) -> str:
        return self.name_combo.currentText().strip()

    def when(self) -> date:
        return from_qdate(self.date.date())

    def proposal(self) -> tuple[int, int | None]:
        numbers = store.next_issue_numbers(self.conn, self.name() or self.base.name,
                                           self.when().year)
        return numbers.issue, numbers.total_issue

    def _masthead_changed(self, *_args: object) -> None:
        if self._numbers_auto:
            issue, total = self.proposal()
            with QSignalBlocker(self.issue_spin), QSignalBlocker(self.total_spin):
                self.issue_spin.setValue(issue)
                self.total_spin.setValue(total or 0)
        self._update_numbers_hint()

    def _numbers_edited(self, _value: int) -> None:
        self._numbers_auto = False
        self._update_numbers_hint()

    def _update_numbers_hint(self) -> None:
        issue, total = self.proposal()
        proposed = issue_label(issue, total, self.when().year)
        chosen = (self.issue_spin.value(), self.total_spin.value() or None)
        if self.issue_id is not None:
            text, style = f"按已有各期，{self.when().year}年下一期为{proposed}。", HINT_STYLE
        elif chosen == (issue, total):
            text, style = "按已有各期顺延编排。", HINT_STYLE
        else:
            text, style = (f"注意：按已有各期，下一期应为{proposed}。", f"color: {WARNING_COLOUR};")
        self.numbers_hint.setText(text)
        self.numbers_hint.setStyleSheet(style)

    # --- Articles --------------------------------------------------------------------------

    def _fill_articles(self, select: int) -> None:
        self._current = -1
        with QSignalBlocker(self.article_list):
            self.article_list.clear()
            for n, article in enumerate(self.articles, start=1):
                self.article_list.addItem(self._list_text(n, article))
        self._current = -1
        if 0 <= select < len(self.articles):
            self.article_list.setCurrentRow(select)
        else:
            self._article_selected(-1)
        self._update_article_buttons()

    @staticmethod
    def _list_text(n: int, article: BriefingDraftArticle) -> str:
        return f"{n}. {article.title or '（无标题）'}"

    def _commit(self) -> None:
        """Keep what the editor shows in the current article."""
        if not 0 <= self._current < len(self.articles):
            return
        article = self.articles[self._current]
        article.title = self.title_edit.text().strip()
        article.column = self.column_edit.text().strip()
        article.paragraphs = [line.strip() for line in self.body_edit.toPlainText().splitlines()
                              if line.strip()]
        article.attribution = self.attribution_edit.text().strip()

    def _article_selected(self, row: int) -> None:
        self._commit()
        self._current = row
        article = self.articles[row] if 0 <= row < len(self.articles) else None
        with QSignalBlocker(self.title_edit):
            self.title_edit.setText(article.title if article else "")
        self.column_edit.setText(article.column if article else "")
        self.body_edit.setPlainText("\n".join(article.paragraphs) if article else "")
        self.attribution_edit.setText(article.attribution if article else "")
        self.editor.setEnabled(article is not None)
        self._update_article_buttons()

    def _title_edited(self, text: str) -> None:
        if 0 <= self._current < len(self.articles):
            item = self.article_list.item(self._current)
            item.setText(self._list_text(self._current + 1,
                                         replace(self.articles[self._current], title=text)))

    def _update_article_buttons(self) -> None:
        row = self._current
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.articles) - 1)

    def activities_to_offer(self) -> list[Activity]:
        """The activities of the issue's year and the year before, the latest first."""
        year = self.when().year
        activities = list_activities(self.conn, year, first_year=year - 1)
        return sorted(activities, key=lambda a: (a.start, a.id or 0), reverse=True)

    def add_from_activities(self) -> None:
        chosen = ActivityPickDialog.ask(self, self.activities_to_offer())
        self.add_activities(chosen)

    def add_activities(self, activities: Sequence[Activity]) -> None:
        if not activities:
            return
        self._commit()
        self.articles += [article_for(a, self.people) for a in activities]
        self._fill_articles(len(self.articles) - len(activities))

    def add_article(self) -> None:
        self._commit()
        self.articles.append(BriefingDraftArticle(title=""))
        self._fill_articles(len(self.articles) - 1)
        self.title_edit.setFocus()

    def remove_article(self) -> None:
        row = self._current
        if not 0 <= row < len(self.articles):
            return
        self._current = -1  # nothing to commit: the article goes
        del self.articles[row]
        self._fill_articles(min(row, len(self.articles) - 1))

    def move_article(self, step: int) -> None:
        row = self._current
        target = row + step
        if not (0 <= row < len(self.articles) and 0 <= target < len(self.articles)):
            return
        self._commit()
        self.articles[row], self.articles[target] = self.articles[target], self.articles[row]
        self._fill_articles(target)

    # --- Result ----------------------------------------------------------------------------

    def draft(self) -> BriefingDraft:
        self._commit()
        when = self.when()
        tail = replace(self.base.tail or TailFields(), bao=self.bao.text().strip(),
                       song=self.song.text().strip(), fa=self.fa.text().strip(),
                       printer=self.printer.text().strip(), copies=self.copies.value() or None,
                       disclosure=self.disclosure.currentText())
        if self.base.tail is None or self.base.tail.print_date in (None, self.base.date):
            tail.print_date = when
        return BriefingDraft(
            name=self.name(), year=when.year, issue=self.issue_spin.value(),
            total_issue=self.total_spin.value() or None, date=when,
            publisher=self.publisher.text().strip(), articles=[replace(a) for a in self.articles],
            tail=tail, confidential=self.base.confidential, source=self.base.source)

    def validate(self) -> str | None:
        draft = self.draft()
        if not draft.name:
            return "请填写简报名称。"
        if not draft.articles:
            return "本期还没有文章：点击“从学习活动生成…”或“新增文章”。"
        untitled = [str(n) for n, a in enumerate(draft.articles, start=1) if not a.title]
        if untitled:
            return f"第{'、'.join(untitled)}篇文章还没有标题。"
        return None

    def accept(self) -> None:
        problem = self.validate()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.problem.hide()
        if self.save is not None and not self.save(self):
            return  # refused (and said why): the user may correct the numbers
        super().accept()


# --- Importing an existing issue -------------------------------------------------------------


def _read(path: Path, _progress: Progress) -> ParsedBriefing:
    from fangzhi_desktop.importers.briefing import read_briefing

    return read_briefing(path)


def article_html(article: BriefingDraftArticle) -> str:
    parts = []
    if article.column:
        parts.append(f"<p><b>【{html.escape(article.column)}】</b></p>")
    parts.append(f"<h3 align='center'>{html.escape(article.title)}</h3>")
    parts += [f"<p style='text-indent:2em'>{html.escape(p)}</p>" for p in article.paragraphs]
    if article.attribution:
        parts.append(f"<p align='right'>{html.escape(article.attribution)}</p>")
    return "".join(parts)


class BriefingImportDialog(QDialog):
    """导入已有简报: preview, correct the masthead, save; ``imported(issue_id)``."""

    imported = Signal(int)

    def __init__(self, parent: QWidget | None, conn: sqlite3.Connection, db_path: Path,
                 today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入已有简报")
        self.resize(980, 700)
        self.conn = conn
        self.db_path = db_path
        self.today = today
        self.parsed: ParsedBriefing | None = None
        self.path: Path | None = None
        self.parse_job: Job | None = None
        self.save_job: Job | None = None
        self._busy = False
        self._build()
        self._update()

    def _build(self) -> None:
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.issue_spin = _spin("第 ", " 期", 1)
        self.total_spin = _spin("总第 ", " 期", 0, "无总期号")
        self.date = date_edit(self.today)
        numbers = QHBoxLayout()
        numbers.addWidget(self.issue_spin)
        numbers.addWidget(self.total_spin)
        numbers.addWidget(QLabel("日期"))
        numbers.addWidget(self.date)
        numbers.addStretch(1)
        form = QFormLayout()
        form.addRow("文件", self.file_label)
        form.addRow("简报名称", self.name_edit)
        form.addRow("期号", numbers)
        self.articles = QListWidget()
        self.articles.setWordWrap(True)
        self.articles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.articles)
        splitter.addWidget(self.preview)
        splitter.setSizes([340, 620])
        self.problem_list = QListWidget()
        self.problem_list.setMaximumHeight(110)
        self.replace_check = QCheckBox("替换已导入的同期简报（替换前自动备份数据）")
        self.replace_check.hide()
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.replace_check)
        layout.addWidget(self.blocked)
        layout.addWidget(self.buttons)
        self.articles.currentRowChanged.connect(self._show_article)
        for signal in (self.name_edit.textChanged, self.issue_spin.valueChanged,
                       self.total_spin.valueChanged, self.date.dateChanged,
                       self.replace_check.toggled):
            signal.connect(self._update)

    def load(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self._busy = True
        self.blocked.setText("正在读取简报……")
        self.parse_job = start_job(self, "读取简报", lambda progress: _read(path, progress),
                                   on_success=self._parsed, on_error=self._failed,
                                   on_cancel=self.reject)

    def _failed(self, exc: BaseException) -> None:
        report_error(self, exc, "无法读取简报")
        self.reject()

    def _parsed(self, parsed: ParsedBriefing) -> None:
        self._busy = False
        self.parsed = parsed
        name = parsed.name or default_name(self.conn, load_profile(self.conn))
        when = parsed.date or (parsed.tail.print_date if parsed.tail else None)
        year = parsed.issue_year or (when or self.today).year
        proposal = store.next_issue_numbers(self.conn, name, year)
        with QSignalBlocker(self.name_edit), QSignalBlocker(self.issue_spin), \
                QSignalBlocker(self.total_spin), QSignalBlocker(self.date):
            self.name_edit.setText(name)
            self.issue_spin.setValue(parsed.issue or proposal.issue)
            self.total_spin.setValue(parsed.total_issue or 0)
            self.date.setDate(to_qdate(when or self.today))
        self.articles.clear()
        for n, article in enumerate(parsed.articles, start=1):
            self.articles.addItem(f"{n}. {article.title}（{len(article.paragraphs)}段）")
        self.articles.setCurrentRow(0)
        self.problem_list.clear()
        notes = [(p.severity, p.text()) for p in parsed.problems]
        if not parsed.name:
            notes.append(("warning", f"文件中没有简报名称，暂按《{name}》导入，可在上方修改。"))
        if not parsed.issue:
            notes.append(("warning", f"文件中没有期号，暂按第{proposal.issue}期，请核对。"))
        if not when:
            notes.append(("warning", "文件中没有日期，暂按今天，请核对。"))
        for severity, text in notes:
            entry = QListWidgetItem(("错误：" if severity == "error" else "提示：") + text)
            entry.setForeground(QColor(ERROR_COLOUR if severity == "error" else WARNING_COLOUR))
            self.problem_list.addItem(entry)
        self.problem_list.setVisible(bool(notes))
        self._update()

    def _show_article(self, row: int) -> None:
        if self.parsed is None or not 0 <= row < len(self.parsed.articles):
            self.preview.clear()
            return
        self.preview.setHtml(article_html(self.parsed.articles[row]))

    def draft(self) -> BriefingDraft:
        assert self.parsed is not None
        return self.parsed.to_draft(name=self.name_edit.text().strip(),
                                    issue=self.issue_spin.value(),
                                    total_issue=self.total_spin.value() or None,
                                    when=from_qdate(self.date.date()))

    def _existing(self) -> int | None:
        name = self.name_edit.text().strip()
        if not name:
            return None
        year = from_qdate(self.date.date()).year
        if self.parsed is not None and self.parsed.year \
                and self.issue_spin.value() == self.parsed.issue:
            year = self.parsed.year
        return store.find_issue(self.conn, name, year, self.issue_spin.value())

    def _update(self, *_args: object) -> None:
        parsed = self.parsed
        message, ready = "", False
        if parsed is not None and not self._busy:
            exists = self._existing() is not None
            self.replace_check.setVisible(exists)
            if parsed.errors:
                message = f"文件有 {len(parsed.errors)} 处错误，不能导入。"
            elif not self.name_edit.text().strip():
                message = "请填写简报名称。"
            elif exists and not self.replace_check.isChecked():
                message = (f"《{self.name_edit.text().strip()}》这一期已经导入过。"
                           "如需用这个文件替换，请勾选“替换已导入的同期简报”。")
            else:
                ready = True
        self.blocked.setText(message)
        self.blocked.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.blocked.setVisible(bool(message))
        self.import_button.setEnabled(ready)

    def start_save(self) -> None:
        if self.parsed is None or not self.import_button.isEnabled():
            return
        try:
            draft = self.draft()
        except FangzhiError as exc:
            report_error(self, exc)
            return
        replacing = self.replace_check.isVisible() and self.replace_check.isChecked()

        def work(conn: sqlite3.Connection, progress: Progress) -> int:
            if replacing:
                from fangzhi_desktop.storage.backup import backup_before

                progress(0.0, "正在备份数据文件……")
                backup_before(conn, "替换简报前")
            return store.save_issue(conn, draft, replace=replacing)

        self._busy = True
        self._update()
        self.save_job = start_job(self, "导入简报", in_database(self.db_path, work),
                                  on_success=self._saved, on_error=self._save_failed,
                                  on_cancel=self._save_cancelled)

    def _saved(self, issue_id: int) -> None:
        self._busy = False
        self.imported.emit(issue_id)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._save_cancelled()
        report_error(self, exc, "导入失败")

    def _save_cancelled(self) -> None:
        self._busy = False
        self._update()

    def reject(self) -> None:
        if self.save_job is not None and not self.save_job.done:
            return
        super().reject()
