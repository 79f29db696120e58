"""Where things live: the database, the user data folder and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from fangzhi_desktop import APP_ID

DB_ENV = "FANGZHI_DB"
DB_FILENAME = "fangzhi.db"


def user_data_dir() -> Path:
    """The per-user data folder (created on demand)."""
    import platformdirs  # only needed when no --db is given

    path = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: ``--db``, else ``$FANGZHI_DB``, else the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILENAME


def database_given(explicit: str | os.PathLike[str] | None = None) -> bool:
    """True when ``--db`` or ``$FANGZHI_DB`` names the database (the user's choice is ignored)."""
    return bool(explicit or os.environ.get(DB_ENV))


def resource_root() -> Path:
    """``resources/`` both from a source checkout and from a PyInstaller build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``."""
    return resource_root().joinpath(*parts)


def sample_path(name: str) -> Path:
    """A sample document under ``resources/samples/``."""
    return resource_path("samples", name)
