"""Remembered view state: column widths and order, sort order and splitter sizes.

A tab calls ``remember(settings, "campaigns", tasks=self.tree, splitter=self.splitter)`` once
per view, after setting its defaults: the saved state (if any) is restored at once and every
later change is written to the settings (saved to disk when the window closes). A view mode
chosen by a toggle (``view_choice``) is kept under ``views/<key>/<name>`` the same way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QTreeView

from fangzhi_desktop.ui.settings import Setting, Settings, view_setting

Remembered = QAbstractItemView | QHeaderView | QSplitter


def remember(settings: Settings, key: str, **widgets: Remembered) -> None:
    """Restore and keep saving the state of each widget under ``views/<key>/<name>``."""
    for name, widget in widgets.items():
        setting = view_setting(f"{key}/{name}")
        if isinstance(widget, QSplitter):
            _remember_splitter(settings, setting, widget)
        else:
            _remember_header(settings, setting, widget)


def view_choice(name: str, default: str) -> Setting[str]:
    """The remembered choice of a view toggle (e.g. ``campaigns/mode``)."""
    return Setting(f"views/{name}", default, str)


def _remember_splitter(settings: Settings, setting: object, splitter: QSplitter) -> None:
    saved = settings.get(setting)  # type: ignore[arg-type]
    if not saved.isEmpty():
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(
        lambda *_: settings.set(setting, splitter.saveState()))  # type: ignore[arg-type]


def _remember_header(settings: Settings, setting: object, widget: QAbstractItemView
                     | QHeaderView) -> None:
    header = _header(widget)
    saved = settings.get(setting)  # type: ignore[arg-type]
    if not saved.isEmpty() and header.restoreState(saved) and isinstance(
            widget, QTreeView | QTableView) and widget.isSortingEnabled() \
            and header.sortIndicatorSection() >= 0:
        widget.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save(*_args: object) -> None:
        settings.set(setting, header.saveState())  # type: ignore[arg-type]

    header.sectionResized.connect(save)
    header.sectionMoved.connect(save)
    header.sortIndicatorChanged.connect(save)


def _header(widget: QAbstractItemView | QHeaderView) -> QHeaderView:
    if isinstance(widget, QHeaderView):
        return widget
    if isinstance(widget, QTreeView):
        return widget.header()
    if isinstance(widget, QTableView):
        return widget.horizontalHeader()
    raise TypeError(f"no header to remember on {type(widget).__name__}")
