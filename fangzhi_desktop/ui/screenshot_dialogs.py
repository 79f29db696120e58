"""The dialogs ``fangzhi screenshot --dialog NAME`` can draw, each filled the way a user
sees it (the import previews read a sample file, the backup list holds one backup)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog

from fangzhi_desktop.paths import sample_path

SAMPLE_WORKPOINTS = "003_4e59df0e3bf8976e.txt"


def _about(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.about_dialog import AboutDialog

    return AboutDialog(window, window.db_path, window.backup_folder())


def _first_run(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.first_run_dialog import FirstRunDialog

    return FirstRunDialog(window, window.db_path, {})


def _backup(window: Any, scratch: Path) -> QDialog:
    from fangzhi_desktop.storage.backup import backup_before
    from fangzhi_desktop.ui.dialogs.backup_dialog import BackupDialog

    folder = scratch / "备份"
    backup_before(window.conn, "手动", folder)
    return BackupDialog(window, folder)


def _profile(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.office_profile_dialog import OfficeProfileDialog

    return OfficeProfileDialog(window, window.conn, window.clock().year)


def _units(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.units_dialog import UnitsDialog

    return UnitsDialog(window, window.conn)


def _calendar(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.calendar_dialog import CalendarDialog

    return CalendarDialog(window, window.conn, window.clock())


def _fonts(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.fonts_dialog import FontsDialog

    return FontsDialog(window)


def _learning_rules(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.ui.dialogs.learning_rules_dialog import LearningRulesDialog

    return LearningRulesDialog(window, window.conn, window.learning.year())


def _import_workpoints(window: Any, _scratch: Path) -> QDialog:
    from fangzhi_desktop.storage.workpoints import plan_years
    from fangzhi_desktop.ui.dialogs.workpoints_import_dialog import WorkpointsImportDialog

    dialog = WorkpointsImportDialog(window, window.db_path, plan_years(window.conn),
                                    fallback_year=window.clock().year)
    dialog.load(sample_path(SAMPLE_WORKPOINTS))
    return dialog


def _roster_import(window: Any, scratch: Path) -> QDialog:
    from fangzhi_desktop.demo.roster_file import write_demo_roster
    from fangzhi_desktop.ui.dialogs.roster_import_dialog import RosterImportDialog

    dialog = RosterImportDialog(window, window.db_path)
    dialog.load(write_demo_roster(scratch / "干部花名册.xlsx"))
    return dialog


DIALOGS: dict[str, Callable[[Any, Path], QDialog]] = {
    "about": _about, "first-run": _first_run, "backup": _backup, "profile": _profile,
    "units": _units, "calendar": _calendar, "fonts": _fonts, "learning-rules": _learning_rules,
    "import-workpoints": _import_workpoints, "roster-import": _roster_import,
}


def build_dialog(name: str, window: Any) -> tuple[QDialog, tempfile.TemporaryDirectory[str]]:
    """The dialog ``name`` over ``window`` and the scratch folder it may read from."""
    scratch = tempfile.TemporaryDirectory(prefix="fangzhi-shot-")
    return DIALOGS[name](window, Path(scratch.name)), scratch
