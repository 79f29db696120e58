"""The project's own assertions on exported .docx files (they hold without ../shared), plus
the shared GB/T 9704 checker and the OOXML schema validator when available."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SHARED_CHECKER

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def xml(path: Path, part: str) -> str:
    return zipfile.ZipFile(path).read(part).decode("utf-8")


def all_text(path: Path) -> str:
    """Every paragraph of the body, tables included, one per line."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def assert_gbt9704_page(path: Path, *, landscape: bool = False) -> None:
    import docx
    from docx.shared import Mm

    section = docx.Document(str(path)).sections[0]
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    assert abs(section.page_width - width) < Mm(0.5)
    assert abs(section.page_height - height) < Mm(0.5)
    if not landscape:
        assert abs(section.top_margin - Mm(37)) < Mm(0.5)
        assert abs(section.bottom_margin - Mm(35)) < Mm(0.5)
        assert abs(section.left_margin - Mm(28)) < Mm(0.5)
        assert abs(section.right_margin - Mm(26)) < Mm(0.5)


def assert_fonts_and_pitch(path: Path) -> None:
    """Normal: 仿宋 3号, exact 28.95 pt, −0.25 pt spacing; no theme font attribute anywhere
    (WPS shows them as missing fonts); themeFontLang zh-CN; no document grid type."""
    styles = xml(path, "word/styles.xml")
    assert "Theme=" not in styles.replace("themeFontLang", "")
    import docx

    document = docx.Document(str(path))
    normal = document.styles["Normal"].element
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia").startswith("仿宋")
    assert normal.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"
    assert normal.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    settings = xml(path, "word/settings.xml")
    assert 'w:eastAsia="zh-CN"' in settings
    assert "<w:evenAndOddHeaders" in settings
    grid = document.sections[0]._sectPr.find(f"{W}docGrid")
    assert grid is None or grid.get(f"{W}type") is None


def assert_page_numbers(path: Path) -> None:
    footers = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/footer")]
    assert len(footers) == 2
    for name in footers:
        text = xml(path, name)
        assert " PAGE " in text and "— " in text and " —" in text
    bodies = {xml(path, name) for name in footers}
    assert any('w:val="right"' in b for b in bodies) and any('w:val="left"' in b for b in bodies)


def schema_errors(path: Path) -> list[dict[str, object]]:
    """OOXML schema errors found by openxml-audit (what Word would refuse or repair)."""
    exe = shutil.which("openxml-audit") or str(Path(sys.executable).parent / "openxml-audit")
    result = subprocess.run([exe, "-o", "json", "-m", "0", str(path)], capture_output=True,
                            text=True, encoding="utf-8", check=False)
    report = json.loads(result.stdout)
    return [e for entry in report for e in entry["errors"] if e["type"] == "schema"] + [
        e for entry in report for e in entry["errors"] if e["severity"] == "error"]


def run_shared_checker(path: Path, *args: str) -> str:
    """Run ../shared/tools/check_official_docx.py; skipped in a clone without ../shared."""
    if not SHARED_CHECKER.exists():
        pytest.skip("shared GB/T 9704 checker not available in this checkout")
    result = subprocess.run([sys.executable, str(SHARED_CHECKER), str(path), *args],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stdout
    return result.stdout
