"""Rendering the window to PNG for manuals and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.ui.screenshot import take_screenshot


@pytest.mark.parametrize("tab", ["workpoints", "dashboard"])
def test_writes_a_png_of_the_requested_size(demo_db: Path, tmp_path: Path, qapp,
                                            tab: str) -> None:
    out = take_screenshot(demo_db, tab, tmp_path / "shots" / f"{tab}.png", size=(1024, 700),
                          year=2023 if tab == "workpoints" else None)
    assert out.stat().st_size > 10_000
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)


def test_large_font_option_draws_bigger_text(demo_db: Path, tmp_path: Path, qapp) -> None:
    normal_size = qapp.font().pointSizeF()
    normal = QImage(str(take_screenshot(demo_db, "dashboard", tmp_path / "n.png")))
    large = QImage(str(take_screenshot(demo_db, "dashboard", tmp_path / "l.png",
                                       large_font=True)))
    assert (large.width(), large.height()) == (normal.width(), normal.height())
    assert large != normal
    assert qapp.font().pointSizeF() == normal_size  # put back for whoever draws next


def test_unknown_year_is_a_user_error(demo_db: Path, tmp_path: Path, qapp) -> None:
    with pytest.raises(FangzhiError, match="没有2030年的工作要点"):
        take_screenshot(demo_db, "workpoints", tmp_path / "x.png", year=2030)


def test_unwritable_target_is_a_user_error(demo_db: Path, tmp_path: Path, qapp) -> None:
    folder = tmp_path / "folder.png"
    folder.mkdir()
    with pytest.raises(FangzhiError, match="无法写入截图文件"):
        take_screenshot(demo_db, "dashboard", folder)
