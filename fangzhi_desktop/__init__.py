"""方志办公桌面 — the desktop office suite of a county local-gazetteer office."""

__version__ = "0.1.0"
APP_NAME = "方志办公桌面"
APP_ID = "fangzhi-desktop"
