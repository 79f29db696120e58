"""Drop a file on the main window to import it: the file is recognised (``importers.sniff``)
and the right import opens with the file already chosen, on the right tab."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui.errors import reporting

if TYPE_CHECKING:
    from fangzhi_desktop.importers.sniff import FileKind, Sniffed

WHAT_FITS = ("可以拖入：年度工作要点通知、专项活动实施方案、简报、学习活动新闻稿、年鉴篇目或来稿"
             "（.txt、.docx），花名册或篇目表（.xlsx、.xls）。")


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """The local files of a drag (folders and web links left out)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


class FileDrop(QObject):
    """Installed on the main window: accepts dragged files and imports them when dropped."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
                event, QDragEnterEvent | QDragMoveEvent):
            if dropped_paths(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                open_files(self.window, paths)
                return True
        return super().eventFilter(watched, event)


def open_files(window: Any, paths: list[Path]) -> FileKind:
    """Recognise ``paths`` and start their import; what they were taken for."""
    from fangzhi_desktop.importers.sniff import FileKind, sniff  # not needed at start-up

    found = [(path, sniff(path)) for path in paths]
    if len(found) > 1:
        if all(s.kind is FileKind.MANUSCRIPT for _, s in found):
            return _manuscripts(window, paths)
        prompts.inform(window, "拖入文件", "请一次拖入一个文件（年鉴来稿可以一次拖入多份）。")
        return FileKind.UNKNOWN
    path, sniffed = found[0]
    with reporting(window):
        return _open(window, path, sniffed)
    return FileKind.UNKNOWN


def _open(window: Any, path: Path, sniffed: Sniffed) -> FileKind:
    from fangzhi_desktop.importers.sniff import FileKind

    kind = sniffed.kind
    if kind is FileKind.WORKPOINTS:
        window.select_tab("workpoints")
        window.workpoints.start_import(path)
    elif kind is FileKind.CAMPAIGN_PLAN:
        window.select_tab("campaigns")
        window.campaigns.start_import(path)
    elif kind in (FileKind.ROSTER, FileKind.BRIEFING, FileKind.NEWS):
        window.select_tab("learning")
        learning = window.learning
        if kind is FileKind.ROSTER:
            learning.select_view("people")
            learning.people.start_import(path)
        elif kind is FileKind.BRIEFING:
            learning.select_view("briefings")
            learning.briefings.start_import(path)
        else:
            learning.select_view("activities")
            learning.activities.start_news_import(path)
    elif kind is FileKind.OUTLINE:
        return _yearbook(window, [path], kind)
    elif kind is FileKind.MANUSCRIPT:
        return _manuscripts(window, [path])
    else:
        prompts.inform(window, "无法识别的文件", f"无法识别“{path.name}”：{sniffed.reason}。\n\n"
                       + WHAT_FITS)
    return kind


def _manuscripts(window: Any, paths: list[Path]) -> FileKind:
    from fangzhi_desktop.importers.sniff import FileKind

    return _yearbook(window, paths, FileKind.MANUSCRIPT)


def _yearbook(window: Any, paths: list[Path], kind: FileKind) -> FileKind:
    from fangzhi_desktop.importers.sniff import FileKind
    from fangzhi_desktop.ui.yearbook_exports import MANUSCRIPTS, OUTLINE

    window.select_tab("yearbook")
    yearbook = window.yearbook
    if yearbook.current_year() is None:
        what = "篇目" if kind is FileKind.OUTLINE else "来稿"
        prompts.inform(window, "拖入文件", f"“{paths[0].name}”像是年鉴{what}，但还没有年鉴卷。"
                       "请先点击“新建年鉴卷…”，再拖入文件。")
        return FileKind.UNKNOWN
    yearbook.exports.import_files(OUTLINE if kind is FileKind.OUTLINE else MANUSCRIPTS, paths)
    return kind
