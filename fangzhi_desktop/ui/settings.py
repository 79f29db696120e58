"""The user's settings (window size, last folders…): one typed table over an INI file.

Every setting is declared here with its key, default and type; nothing else touches
``QSettings``. Tests pass their own file (or ``Settings.in_memory()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from fangzhi_desktop import APP_ID

T = TypeVar("T", str, int, bool, QByteArray)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    kind: type[T]


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)
WINDOW_TAB = Setting("window/tab", "dashboard", str)
WORKPOINTS_SPLITTER = Setting("workpoints/splitter", QByteArray(), QByteArray)
WORKPOINTS_HEADER = Setting("workpoints/header", QByteArray(), QByteArray)
IMPORT_DIR = Setting("paths/import_dir", "", str)
EXPORT_DIR = Setting("paths/export_dir", "", str)
BACKUP_DIR = Setting("paths/backup_dir", "", str)  # "" = the user data folder's backups/
START_YEAR = Setting("general/start_year", 0, int)  # 0 = each tab's own choice (the latest)
LARGE_FONT = Setting("general/large_font", False, bool)
DATABASE = Setting("paths/database", "", str)  # chosen in the 入门向导; "" = the default file

ALL_SETTINGS: tuple[Setting, ...] = (WINDOW_GEOMETRY, WINDOW_TAB, WORKPOINTS_SPLITTER,
                                     WORKPOINTS_HEADER, IMPORT_DIR, EXPORT_DIR, BACKUP_DIR,
                                     START_YEAR, LARGE_FONT, DATABASE)


def view_setting(name: str) -> Setting[QByteArray]:
    """The saved state of one header or splitter (``ui/view_state.py``): ``views/<name>``."""
    return Setting(f"views/{name}", QByteArray(), QByteArray)


def dashboard_chart() -> Setting[str]:
    """The chart last chosen on 总览 (a key of ``dashboard_charts.SPECS``)."""
    return Setting("views/dashboard/chart", "", str)


def default_path() -> Path:
    """``settings.ini`` in the per-user configuration folder (honours XDG_CONFIG_HOME)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / APP_ID / "settings.ini"


class Settings:
    """Typed access to the settings file (or to a dict, for screenshots and tests)."""

    def __init__(self, path: Path | None = None, *, memory: bool = False) -> None:
        self._memory: dict[str, object] | None = {} if memory else None
        self._qs = None if memory else QSettings(str(path or default_path()),
                                                 QSettings.Format.IniFormat)

    @classmethod
    def in_memory(cls) -> Settings:
        return cls(memory=True)

    @property
    def path(self) -> Path | None:
        return Path(self._qs.fileName()) if self._qs is not None else None

    def get(self, setting: Setting[T]) -> T:
        raw = self._memory.get(setting.key) if self._memory is not None \
            else self._qs.value(setting.key) if self._qs is not None else None
        if raw is None:
            return setting.default
        try:
            return _convert(raw, setting.kind)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if self._memory is not None:
            self._memory[setting.key] = value
        elif self._qs is not None:
            self._qs.setValue(setting.key, value)

    def sync(self) -> None:
        if self._qs is not None:
            self._qs.sync()


def _convert(raw: object, kind: type[T]) -> T:
    if kind is bool:
        if isinstance(raw, bool):
            return raw  # type: ignore[return-value]
        return str(raw).lower() in ("true", "1")  # type: ignore[return-value]
    if kind is QByteArray:
        if isinstance(raw, QByteArray):
            return raw  # type: ignore[return-value]
        if isinstance(raw, bytes | bytearray):
            return QByteArray(bytes(raw))  # type: ignore[return-value]
        raise TypeError(raw)
    return kind(raw)  # type: ignore[call-arg,return-value]
