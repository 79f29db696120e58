"""The work-points ledger as .xlsx, read back."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.workpoints_xlsx import COLUMNS, write_workpoints_xlsx
from fangzhi_desktop.importers.workpoints_notice import parse_text, read_notice
from fangzhi_desktop.storage import workpoints as store
from fangzhi_desktop.storage.workpoints import ItemFields
from tests.conftest import SEED_WORKPOINTS


def test_the_ledger_reads_back(conn: sqlite3.Connection, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    store.save_plan(conn, read_notice(SEED_WORKPOINTS))
    items = store.list_items(conn, 2023)
    store.add_log_entry(conn, items[0].id, date(2023, 5, 6), "已制定方案")
    items = store.list_items(conn, 2023)
    out = write_workpoints_xlsx(tmp_path / "ledger.xlsx", "2023年工作要点", items,
                                date(2024, 1, 2))
    ws = load_workbook(out).active
    header = [c.value for c in ws[3]]
    assert header == [name for name, _ in COLUMNS]
    assert ws.freeze_panes == "A4"
    assert ws.max_row == 3 + 40
    row = [c.value for c in ws[4]]
    assert row[0] == 1 and row[3] == "研究室" and row[4] == "其他处室、单位"
    assert row[6] == datetime(2023, 12, 31)  # a real date, not text
    assert ws.cell(row=4, column=7).number_format == "yyyy-mm-dd"
    assert row[10] == "逾期"
    assert row[11] == "已制定方案"
    assert ws.column_dimensions["C"].width == 60


def test_cell_text_is_never_a_formula(conn: sqlite3.Connection, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    store.save_plan(conn, parse_text("2025年工作要点\n一、综合\n1.甲。（办公室）\n"))
    item = store.list_items(conn, 2025)[0]
    store.update_item(conn, item.id, ItemFields('=HYPERLINK("http://x","y")', ("+办公室",),
                                                ("@研究室", "-年鉴科"), "", item.deadline))
    store.add_log_entry(conn, item.id, date(2025, 1, 1), "=1+1\x07")
    out = write_workpoints_xlsx(tmp_path / "inj.xlsx", "t", store.list_items(conn, 2025),
                                date(2025, 2, 1))
    ws = load_workbook(out).active
    cells = [ws.cell(row=4, column=c) for c in (3, 4, 5, 12)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x","y")', "+办公室",
                                        "@研究室、-年鉴科", "=1+1"]
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)
    # The raw XML stores them as strings, never as <f> formulas.
    import zipfile

    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet


def test_atomic_output_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "keep.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_locked_target_gives_a_clear_message(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    target = tmp_path / "open-in-excel.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FangzhiError, match="正被其他程序占用"), atomic_output(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"old"


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX permission bits")
def test_an_exported_file_can_be_shared(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import stat

    store.save_plan(conn, read_notice(SEED_WORKPOINTS))
    out = write_workpoints_xlsx(tmp_path / "shared.xlsx", "t", store.list_items(conn, 2023),
                                date(2024, 1, 2))
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
