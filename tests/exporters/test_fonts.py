"""The official-fonts check."""

from __future__ import annotations

from fangzhi_desktop.exporters.official_docx.fonts import check_fonts


def test_installed_missing_and_substituted_fonts() -> None:
    statuses = {s.name: s for s in check_fonts(["仿宋_GB2312", "黑体", "楷体", "Noto Serif CJK SC"])}
    assert statuses["仿宋_GB2312"].installed
    assert statuses["黑体"].installed
    kai = statuses["楷体_GB2312"]
    assert not kai.installed and kai.substitute == "楷体"
    assert "将以“楷体”代替" in kai.describe()
    assert statuses["方正小标宋简体"].substitute == "Noto Serif CJK SC"


def test_nothing_installed_says_so() -> None:
    statuses = check_fonts([])
    assert all(not s.installed and s.substitute is None for s in statuses)
    assert "没有可代替的字体" in statuses[0].describe()
