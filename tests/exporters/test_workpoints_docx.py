"""The work-point documents, exported from the demo database and read back."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.exporters.workpoints_docx import annotation, build_report
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.office import load_profile, next_doc_serial, save_profile
from fangzhi_desktop.storage.workpoints import get_plan, list_items
from tests.exporters.docx_checks import (
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    assert_page_numbers,
    run_shared_checker,
    schema_errors,
)

KINDS = ("notice", "report", "ledger", "summary")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from fangzhi_desktop.demo import build_demo
    from tests.conftest import DEMO_TODAY

    folder = tmp_path_factory.mktemp("exports")
    db = build_demo(folder / "demo.db", today=DEMO_TODAY)
    conn = open_database(db)
    save_profile(conn, OfficeProfile(full_name="吉林省地方志编纂委员会", short_name="吉志委",
                                     cc="省委办公厅，省政府办公厅"))
    conn.close()
    out = {}
    for kind in KINDS:
        path = folder / f"{kind}.docx"
        when = [] if kind == "notice" else ["--date", "2023-10-20"]
        code = main(["--db", str(db), "export", f"workpoints-{kind}", "--out", str(path),
                     "--year", "2023", *when])
        assert code == 0
        out[kind] = path
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_is_valid_ooxml_in_the_official_layout(exported: dict[str, Path],
                                                             kind: str) -> None:
    path = exported[kind]
    assert schema_errors(path) == []
    assert_gbt9704_page(path, landscape=kind == "ledger")
    assert_fonts_and_pitch(path)
    assert_page_numbers(path)


def test_the_notice_carries_the_work_points_as_its_attachment(exported: dict[str, Path]) -> None:
    text = all_text(exported["notice"])
    assert "关于印发《吉林省地方志编纂委员会2023年工作要点》的通知" in text
    assert "吉林省地方志编纂委员会文件" in text
    assert re.search(r"吉志委发〔2023〕\d+号", text)
    assert "附件：吉林省地方志编纂委员会2023年工作要点" in text
    assert "一、依法治志工作" in text and "九、机关自身建设工作" in text
    assert "（研究室牵头，其他处室、单位配合）" in text
    assert "40.加强老干部工作。" in text and "（办公室、机关党委）" in text
    assert "2023年3月21日" in text  # the notice keeps its original date
    assert "抄送：省委办公厅，省政府办公厅。" in text
    assert "2023年3月21日印发" in text
    run_shared_checker(exported["notice"], "--require-fawenzihao", "--require-date",
                       "--require-banji", "--require-head")


def test_the_report_counts_and_names_late_items(exported: dict[str, Path]) -> None:
    text = all_text(exported["report"])
    assert "关于2023年工作要点落实情况的通报" in text
    assert "截至2023年10月20日" in text
    assert "2023年工作要点共40项" in text
    run_shared_checker(exported["report"], "--require-fawenzihao", "--require-date",
                       "--require-banji")


def test_report_model_lists_overdue_items_with_lead_units(demo_db: Path) -> None:
    conn = open_database(demo_db)
    plan = get_plan(conn, 2023)
    assert plan is not None
    items = list_items(conn, 2023)
    model = build_report(plan, items, load_profile(conn), "某志办发〔2024〕1号",
                         date(2024, 1, 10))
    texts = [b.text for b in model.blocks if hasattr(b, "text")]
    late = [t for t in texts if "已逾期" in t]
    # Six items are unfinished; item 25 was extended to 2024-06-30, so five are late.
    assert len(late) == 5
    assert not any("第25项" in t for t in late)
    assert any("第2项" in t and "牵头单位：研究室" in t and "已逾期10天" in t for t in late)
    assert any("逾期5项" in t for t in texts)


def test_the_ledger_lists_every_item_in_a_repeated_header_table(exported: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(exported["ledger"]))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "工作任务", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"]
    assert len(table.rows) == 41
    assert table.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "1" and first[2] == "研究室" and first[3] == "其他处室、单位"
    widths = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
              for c in table._tbl.tblGrid]
    assert len(widths) == 7 and abs(sum(widths) - 14287) < 5  # 252 mm, fixed


def test_the_summary_has_a_row_per_item(exported: dict[str, Path]) -> None:
    import docx

    table = docx.Document(str(exported["summary"])).tables[0]
    assert len(table.rows) == 41
    run_shared_checker(exported["summary"], "--require-date")


def test_doc_numbers_are_taken_in_order(exported: dict[str, Path]) -> None:
    db = exported["notice"].parent / "demo.db"
    conn: sqlite3.Connection = open_database(db)
    assert next_doc_serial(conn, 2023) == 3  # notice took 1, report took 2


def test_annotation_formats() -> None:
    from dataclasses import replace

    from fangzhi_desktop.storage.workpoints import list_items as items_of

    conn = open_database(":memory:")
    from fangzhi_desktop.importers.workpoints_notice import parse_text
    from fangzhi_desktop.storage.workpoints import save_plan

    save_plan(conn, parse_text("2025年工作要点\n一、综合\n1.甲。（A科牵头，B科、C科配合）\n"))
    item = items_of(conn, 2025)[0]
    assert annotation(item) == "（A科牵头，B科、C科配合）"
    assert annotation(replace(item, support=[])) == "（A科）"
    assert annotation(replace(item, lead=[], support=[])) == ""
