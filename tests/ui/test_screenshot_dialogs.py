"""``fangzhi screenshot --dialog NAME``: each dialog drawn the way a user sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fangzhi_desktop.cli.screenshot import DIALOGS as CLI_DIALOGS
from fangzhi_desktop.launcher import main
from fangzhi_desktop.ui.screenshot import take_screenshot
from fangzhi_desktop.ui.screenshot_dialogs import DIALOGS, build_dialog


def test_the_cli_offers_every_dialog() -> None:
    assert set(CLI_DIALOGS) == set(DIALOGS)


@pytest.mark.parametrize("name", ["about", "import-workpoints"])
def test_a_dialog_png_has_the_dialog_size(demo_db: Path, tmp_path: Path, qapp,
                                          name: str) -> None:
    out = take_screenshot(demo_db, "dashboard", tmp_path / f"{name}.png", dialog=name)
    image = QImage(str(out))
    assert out.stat().st_size > 10_000
    assert 300 < image.width() < 1280 or name == "import-workpoints"
    assert image.size().toTuple() != (1280, 800)


def test_every_dialog_can_be_built(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    for name in DIALOGS:
        dialog, scratch = build_dialog(name, window)
        try:
            assert dialog.windowTitle(), name
        finally:
            from fangzhi_desktop.ui import jobs

            jobs.wait_all()
            dialog.close()
            dialog.deleteLater()
            scratch.cleanup()


def test_the_command_writes_a_dialog(demo_db: Path, tmp_path: Path, qapp) -> None:
    out = tmp_path / "backup.png"
    assert main(["--db", str(demo_db), "screenshot", "--dialog", "backup",
                 "--out", str(out)]) == 0
    assert QImage(str(out)).width() > 300
