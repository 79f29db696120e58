"""The Qt user interface. The only package that imports Qt; it never speaks SQL."""

from fangzhi_desktop.ui import qt_workarounds as _qt_workarounds  # noqa: F401  (before any Qt use)
