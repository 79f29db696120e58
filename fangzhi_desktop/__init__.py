"""方志办公桌面 — the desktop office suite of a county local-gazetteer office."""

APP_NAME = "方志办公桌面"
APP_ID = "fangzhi-desktop"


def _version() -> str:
    from fangzhi_desktop.build_info import version  # pyproject.toml, or stamped by build.spec

    return version()


__version__ = _version()
