"""Which official fonts this PC has, and what Word/WPS will use where one is missing.

The documents always name the standard faces (仿宋_GB2312 …) and declare a fallback in their
font table; this check only tells the user what they will see here. Commercial fonts are never
bundled.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from fangzhi_desktop.exporters.official_docx import metrics as m

# (face written in documents, where it is used, acceptable substitutes in order)
OFFICIAL_FONTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (m.FONT_FANGSONG, "正文、主送、署名、版记", ("仿宋", "FangSong", "STFangsong", "华文仿宋")),
    (m.FONT_XBS, "标题、版头", ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "宋体", "SimSun",
                                "Noto Serif CJK SC", "Source Han Serif SC")),
    (m.FONT_HEI, "一级标题、附件标识", ("SimHei", "Noto Sans CJK SC", "Source Han Sans SC",
                                    "WenQuanYi Zen Hei")),
    (m.FONT_KAI, "二级标题", ("楷体", "KaiTi", "STKaiti", "华文楷体")),
    (m.FONT_SONG, "页码", ("SimSun", "Noto Serif CJK SC", "Source Han Serif SC")),
)


@dataclass(frozen=True)
class FontStatus:
    name: str
    used_for: str
    installed: bool
    substitute: str | None  # what will be used instead, when not installed

    def describe(self) -> str:
        if self.installed:
            return f"{self.name}（{self.used_for}）：已安装"
        if self.substitute:
            return f"{self.name}（{self.used_for}）：未安装，将以“{self.substitute}”代替"
        return f"{self.name}（{self.used_for}）：未安装，也没有可代替的字体，将显示为默认字体"


def check_fonts(installed: Iterable[str]) -> list[FontStatus]:
    """The status of every official face given the installed family names."""
    have = {name.strip().casefold() for name in installed}
    out = []
    for name, used_for, substitutes in OFFICIAL_FONTS:
        if name.casefold() in have:
            out.append(FontStatus(name, used_for, True, None))
            continue
        substitute = next((s for s in substitutes if s.casefold() in have), None)
        out.append(FontStatus(name, used_for, False, substitute))
    return out


def system_font_families() -> set[str]:
    """Installed font family names, without Qt: the registry on Windows, fc-list elsewhere."""
    if sys.platform == "win32":
        return _windows_families()
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return set()
    try:
        out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True,
                             encoding="utf-8", timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {name for line in out.splitlines() for name in line.split(",") if name.strip()}


def _windows_families() -> set[str]:  # pragma: no cover - Windows only
    import winreg

    names: set[str] = set()
    for root, path in ((winreg.HKEY_LOCAL_MACHINE,
                        r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"),
                       (winreg.HKEY_CURRENT_USER,
                        r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts")):
        try:
            with winreg.OpenKey(root, path) as key:
                for i in range(winreg.QueryInfoKey(key)[1]):
                    label = winreg.EnumValue(key, i)[0]
                    for part in label.split(" & "):
                        names.add(part.split(" (")[0].strip())
        except OSError:
            continue
    return names
