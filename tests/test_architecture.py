"""The walls: only ui/ imports Qt; only storage/ speaks SQL; cli never imports ui."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fangzhi_desktop"
CORE = ("domain", "storage", "importers", "exporters", "operations", "cli", "demo")
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "CREATE TABLE", "PRAGMA ")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _core_files() -> list[Path]:
    files = [p for p in PACKAGE.glob("*.py") if p.name != "launcher.py"]
    for package in CORE:
        files += sorted((PACKAGE / package).rglob("*.py"))
    return files


def test_core_modules_never_import_qt() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in _core_files()
                 if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(p))]
    assert offenders == []


def test_cli_never_imports_ui() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "cli").rglob("*.py")
                 if any(name.startswith("fangzhi_desktop.ui") for name in _imports(p))]
    assert offenders == []


def test_only_storage_speaks_sql() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "storage" in path.relative_to(PACKAGE).parts:
            continue
        text = path.read_text(encoding="utf-8")
        calls = (".execute(", ".executemany(", ".executescript(")
        if any(call in text for call in calls) or any(
                f'"{word}' in text or f"'{word}" in text for word in SQL_WORDS):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in _core_files())
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
            + "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_start_up_path_imports_no_heavy_library() -> None:
    """Opening the database and listing items must not import openpyxl, docx or sqlite_utils."""
    code = (
        "import sys\n"
        "from fangzhi_desktop.storage import open_database\n"
        "from fangzhi_desktop.storage import workpoints\n"
        "import fangzhi_desktop.domain.workpoints, fangzhi_desktop.paths\n"
        "heavy = [m for m in ('openpyxl', 'docx', 'sqlite_utils', 'python_calamine')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
