"""设置 → 公文字体检查: the five official faces, each with its status and colour."""

from __future__ import annotations

from pathlib import Path

from fangzhi_desktop.exporters.official_docx.fonts import OFFICIAL_FONTS
from fangzhi_desktop.ui.dialogs.fonts_dialog import (
    MISSING_COLOUR,
    OK_COLOUR,
    SUBSTITUTE_COLOUR,
    FontsDialog,
)

FIVE = ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"]


def _colour(dialog: FontsDialog, row: int) -> str:
    return dialog.table.item(row, 2).foreground().color().name().upper()


def test_lists_the_five_official_fonts_on_this_pc(qtbot) -> None:
    dialog = FontsDialog()
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert [name for name, _, _ in rows] == FIVE == [name for name, _, _ in OFFICIAL_FONTS]
    assert [used for _, used, _ in rows] == [used for _, used, _ in OFFICIAL_FONTS]
    for row, (_, _, status) in enumerate(rows):
        assert status == "✓ 已安装" or "代替" in status or "缺少" in status
        assert _colour(dialog, row) in (OK_COLOUR, SUBSTITUTE_COLOUR, MISSING_COLOUR)
    assert dialog.table.horizontalHeaderItem(2).text() == "状态"


def test_installed_substituted_and_missing(qtbot) -> None:
    dialog = FontsDialog(families=["仿宋_GB2312", "宋体", "Noto Sans CJK SC", "DejaVu Sans"])
    qtbot.addWidget(dialog)
    statuses = [status for _, _, status in dialog.rows()]
    assert statuses == ["✓ 已安装", "未安装，将以“宋体”代替", "未安装，将以“Noto Sans CJK SC”代替",
                        "✗ 缺少（将显示为默认字体）", "✓ 已安装"]
    assert [_colour(dialog, row) for row in range(5)] == [
        OK_COLOUR, SUBSTITUTE_COLOUR, SUBSTITUTE_COLOUR, MISSING_COLOUR, OK_COLOUR]
    assert "缺少 3 种" in dialog.summary.text()
    text = dialog.explanation.text()
    assert "始终按国家标准" in text and "装有这些字体的电脑" in text and "不附带" in text


def test_all_installed(qtbot) -> None:
    dialog = FontsDialog(families=FIVE)
    qtbot.addWidget(dialog)
    assert all(status == "✓ 已安装" for _, _, status in dialog.rows())
    assert "已安装全部" in dialog.summary.text()


def test_settings_menu_opens_it_without_blocking(make_window, demo_db: Path, qtbot) -> None:
    window = make_window(demo_db, show=True)
    window.fonts_action.trigger()
    dialog = window.fonts_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "公文字体检查"
    assert len(dialog.rows()) == 5
    dialog.reject()
    assert window.fonts_dialog is None


def test_status_column_is_not_elided_with_the_large_font(qtbot, qapp) -> None:
    from fangzhi_desktop.ui import preferences

    families = ["Noto Serif CJK SC", "Noto Sans CJK SC"]  # long substitute names
    try:
        preferences.apply_font(True, qapp)
        dialog = FontsDialog(families=families)
        qtbot.addWidget(dialog)
        dialog.show()
        header = dialog.table.horizontalHeader()
        assert header.sectionSize(2) >= dialog.table.sizeHintForColumn(2)
    finally:
        preferences.apply_font(False, qapp)
