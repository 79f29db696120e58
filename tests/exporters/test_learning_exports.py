"""The learning exports, from the demo database, read back: the hours workbook with openpyxl,
the 学时完成情况通报 with python-docx and the shared GB/T 9704 checker."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.learning import Activity, Attendance
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.operations.learning_documents import write_hours_xlsx, write_report
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.learning import save_activity
from fangzhi_desktop.storage.office import next_doc_serial
from fangzhi_desktop.storage.people import list_people, save_people
from tests.conftest import DEMO_TODAY
from tests.exporters.docx_checks import (
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    assert_page_numbers,
    run_shared_checker,
    schema_errors,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from fangzhi_desktop.cli import main
    from fangzhi_desktop.demo import build_demo

    folder = tmp_path_factory.mktemp("learning")
    db = build_demo(folder / "demo.db", today=DEMO_TODAY)
    out = {"db": db, "xlsx": folder / "学时统计.xlsx", "report": folder / "学时通报.docx"}
    for kind, path in (("learning-hours-xlsx", out["xlsx"]), ("learning-report", out["report"])):
        assert main(["--db", str(db), "export", kind, "--out", str(path), "--year", "2026",
                     "--date", DEMO_TODAY.isoformat()]) == 0
    return out


# --- The workbook ----------------------------------------------------------------------------


def test_the_workbook_lists_every_person_with_numbers_as_numbers(
        exported: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(exported["xlsx"])
    assert wb.sheetnames == ["学时统计", "科室汇总", "学习活动"]
    ws = wb["学时统计"]
    assert ws["A1"].value == "2026年度干部学习学时统计"
    assert ws["A2"].value.startswith("统计截至：2026年11月23日；年度学时要求：一般90学时")
    header = [c.value for c in ws[3]]
    assert header[:6] == ["序号", "姓名", "公民身份号码", "科室", "职级", "应完成学时"]
    assert header[6:15] == ["理论学习中心组学习", "专题讲座", "脱产培训", "网络学习", "主题党日",
                            "三会一课", "自学", "业务培训", "法治培训"]
    assert header[15:] == ["本年学时", "上年结转", "合计", "差额", "完成情况", "参加人次",
                           "请假次数"]
    assert ws.freeze_panes == "C4"
    assert ws.column_dimensions["B"].width == 10 and ws.column_dimensions["G"].width == 11
    rows = {r[1]: dict(zip(header, r, strict=True))
            for r in ws.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == 25
    sun = rows["孙立军"]
    assert (sun["科室"], sun["职级"], sun["应完成学时"]) == ("办领导", "正科", 110)
    assert sun["公民身份号码"] == "2203**********0236"  # masked: no --full-ids
    assert sun["理论学习中心组学习"] == 6 and sun["脱产培训"] == 24
    for row in rows.values():
        for name in header[5:19]:
            assert isinstance(row[name], int | float), (row["姓名"], name)
        assert row["合计"] == pytest.approx(row["本年学时"] + row["上年结转"])
        assert row["差额"] == pytest.approx(max(0, row["应完成学时"] - row["合计"]))
    short = sorted(name for name, row in rows.items() if row["完成情况"] == "未完成")
    assert short == sorted(["王淑华", "韩志远", "黄雅琴", "邓晓光"])
    assert rows["王淑华"]["差额"] == 28 and rows["王淑华"]["请假次数"] == 1


def test_the_workbook_holds_no_id_or_phone_numbers(exported: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    conn = open_database(exported["db"])
    secrets = {p.id_number for p in list_people(conn)} | {p.phone for p in list_people(conn)}
    conn.close()
    wb = load_workbook(exported["xlsx"])
    text = " ".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row
                    if v is not None)
    assert not [s for s in secrets if s and s in text]
    assert not re.search(r"\d{17}[\dX]|1[3-9]\d{9}", text)


def test_the_department_and_activity_sheets(exported: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(exported["xlsx"])
    ws = wb["科室汇总"]
    rows = [r for r in ws.iter_rows(min_row=4, max_col=7, values_only=True) if r[1] is not None]
    assert [r[0] for r in rows] == ["办领导", "办公室", "年鉴编辑部", "编研科", "资料科（方志馆）",
                                    "全办合计"]
    assert rows[-1][1] == 25 and rows[-1][5] == 21 and rows[-1][6] == pytest.approx(0.84)
    assert sum(r[1] for r in rows[:-1]) == 25
    assert ws.cell(row=4, column=7).number_format == "0.0%"
    activities = wb["学习活动"]
    assert activities.freeze_panes == "A4"
    lines = list(activities.iter_rows(min_row=4, values_only=True))
    kinds = [line[3] for line in lines]
    assert kinds.count("主题党日") == 11 and kinds.count("法治培训") == 2
    first = lines[0]
    assert first[1].date() == date(2025, 12, 15) and first[2].date() == date(2026, 1, 14)


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    conn = open_database(tmp_path / "x.db")
    save_people(conn, [Person("=HYPERLINK(\"http://x\")", department="+办公室", rank="-1")])
    person = list_people(conn)[0]
    save_activity(conn, Activity("主题党日", date(2026, 3, 16), "@党日",
                                 attendees=[Attendance(person.id or 0)]))
    path = write_hours_xlsx(conn, 2026, tmp_path / "x.xlsx", date(2026, 12, 31)).path
    conn.close()
    ws = load_workbook(path)["学时统计"]
    assert ws["B4"].value == "=HYPERLINK(\"http://x\")" and ws["B4"].data_type == "s"
    assert ws["D4"].value == "+办公室"
    assert load_workbook(path)["学习活动"]["E4"].value == "@党日"


def test_the_workbook_is_valid_ooxml(exported: dict[str, Path]) -> None:
    # openxml-audit misreads the order of font children in openpyxl's styles, which the schema
    # allows (a choice group); see ../shared/docs/official-format.md.
    errors = [e for e in schema_errors(exported["xlsx"])
              if not (e.get("part_uri") == "/xl/styles.xml" and "/fonts[" in str(e.get("path")))]
    assert errors == []


# --- The report ------------------------------------------------------------------------------


def test_the_report_is_an_official_document(exported: dict[str, Path]) -> None:
    path = exported["report"]
    assert schema_errors(path) == []
    assert_gbt9704_page(path)
    assert_fonts_and_pitch(path)
    assert_page_numbers(path)
    run_shared_checker(path, "--require-fawenzihao", "--require-date", "--require-banji")


def test_the_report_says_the_numbers_and_names_who_is_short(exported: dict[str, Path]) -> None:
    text = all_text(exported["report"])
    assert "关于2026年度干部学习学时完成情况的通报" in text
    assert re.search(r"吉志委发〔2026〕\d+号", text)
    assert "各科室：" in text
    assert "现将2026年1月1日至11月23日干部职工学习学时完成情况通报如下" in text
    assert "全办共组织开展各类学习活动29次（其中理论学习中心组学习2次、" in text
    assert "主题党日11次" in text and "业务培训2次、法治培训2次" in text
    assert "参加学习491人次、25人。" in text
    assert "全办干部职工25人，人均学习98.2学时；已完成年度学时要求的21人，完成率84.0%；尚未完成的4人" in text
    assert "截至2026年11月23日，以下4名同志尚未完成年度学时要求" in text
    for name in ("韩志远", "王淑华", "黄雅琴", "邓晓光"):
        assert name in text
    assert "孙立军" not in text  # only the shortfall list names people
    assert "资料科（方志馆）" in text and "84.0%" in text
    assert "2026年11月23日印发" in text
    assert "抄送" not in text  # an internal report
    import docx

    tables = docx.Document(str(exported["report"])).tables
    short = next(t for t in tables if t.rows[0].cells[1].text == "姓名")
    assert [c.text for c in short.rows[1].cells] == ["1", "韩志远", "办公室", "90", "38", "52"]


def test_the_document_number_is_taken_only_once_the_file_is_written(
        exported: dict[str, Path], tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "demo.db"
    shutil.copy(exported["db"], db)
    conn = open_database(db)
    serial = next_doc_serial(conn, 2026)
    folder = tmp_path / "已存在的文件夹.docx"
    folder.mkdir()
    with pytest.raises(FangzhiError):
        write_report(conn, 2026, folder, DEMO_TODAY)
    assert next_doc_serial(conn, 2026) == serial
    done = write_report(conn, 2026, tmp_path / "通报.docx", DEMO_TODAY)
    assert done.doc_no == f"吉志委发〔2026〕{serial}号"
    assert next_doc_serial(conn, 2026) == serial + 1
    conn.close()


def test_a_past_year_is_reported_to_its_end(exported: dict[str, Path], tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "demo.db"
    shutil.copy(exported["db"], db)
    conn = open_database(db)
    path = write_report(conn, 2025, tmp_path / "2025.docx", DEMO_TODAY).path
    conn.close()
    text = all_text(path)
    assert "现将2025年干部职工学习学时完成情况通报如下" in text
    assert "截至2025年12月31日，以下" in text


def test_no_roster_no_report(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with pytest.raises(FangzhiError, match="花名册中还没有人员"):
        write_report(conn, 2026, tmp_path / "x.docx", DEMO_TODAY)


def test_full_ids_only_when_asked(exported: dict[str, Path], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    from fangzhi_desktop.cli import main

    conn = open_database(exported["db"])
    ids = {p.id_number for p in list_people(conn)}
    conn.close()
    path = tmp_path / "full.xlsx"
    assert main(["--db", str(exported["db"]), "export", "learning-hours-xlsx", "--out",
                 str(path), "--year", "2026", "--full-ids"]) == 0
    ws = load_workbook(path)["学时统计"]
    assert {r[2] for r in ws.iter_rows(min_row=4, values_only=True)} == ids
    # A kind without people refuses the flag and writes nothing.
    other = tmp_path / "report.docx"
    assert main(["--db", str(exported["db"]), "export", "learning-report", "--out", str(other),
                 "--full-ids"]) == 2
    assert "不需要 --full-ids" in capsys.readouterr().err and not other.exists()
