"""The yearbook exports from the demo database, read back: the 组稿通知 and the 供稿情况通报
(公文, checked by the shared GB/T 9704 checker), the progress table (Excel) and the 组稿
packages — which come back with the manuscripts and match them to their 条目."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.exporters.yearbook_docx import build_bulletin
from fangzhi_desktop.exporters.yearbook_xlsx import NODE_COLUMNS, STAGE_COLUMNS, UNIT_COLUMNS
from fangzhi_desktop.operations.yearbook_documents import (
    YearbookDocument,
    write_document,
    write_packages,
    write_progress_xlsx,
)
from fangzhi_desktop.operations.yearbook_manuscripts import preview_manuscripts, save_manuscripts
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.office import load_profile, next_doc_serial
from fangzhi_desktop.storage.yearbook_view import load_view
from tests.conftest import DEMO_TODAY
from tests.exporters.docx_checks import (
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    assert_page_numbers,
    run_shared_checker,
    schema_errors,
)

YEAR = DEMO_TODAY.year


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory,
         demo_db_template: Path) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("yearbook-docs") / "demo.db"
    shutil.copy(demo_db_template, path)
    conn = open_database(path)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def exported(demo: sqlite3.Connection, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("yearbook-exports")
    notice = write_document(demo, YearbookDocument.NOTICE, YEAR, folder / "notice.docx",
                            date(YEAR, 1, 8))
    bulletin = write_document(demo, YearbookDocument.BULLETIN, YEAR, folder / "bulletin.docx",
                              DEMO_TODAY)
    assert (notice.doc_no, bulletin.doc_no) == (f"吉志委发〔{YEAR}〕1号", f"吉志委发〔{YEAR}〕2号")
    return {"notice": notice.path, "bulletin": bulletin.path,
            "xlsx": write_progress_xlsx(demo, YEAR, folder / "progress.xlsx", DEMO_TODAY).path}


@pytest.mark.parametrize("kind", ["notice", "bulletin"])
def test_both_documents_are_valid_ooxml_in_the_official_layout(exported: dict[str, Path],
                                                               kind: str) -> None:
    path = exported[kind]
    assert schema_errors(path) == []
    assert_gbt9704_page(path)
    assert_fonts_and_pitch(path)
    assert_page_numbers(path)
    run_shared_checker(path, "--require-fawenzihao", "--require-date", "--require-banji")


def test_the_bulletin_names_the_late_units_and_counts(exported: dict[str, Path]) -> None:
    text = all_text(exported["bulletin"])
    assert f"关于《青山县年鉴（{YEAR}）》\n供稿情况的通报" in text
    assert f"吉志委发〔{YEAR}〕2号" in text and "各供稿单位：" in text
    assert ("本卷共设类目10个、分目31个、条目120个，由62个单位供稿。已收到来稿59条，交稿率49.2%"
            in text)
    assert "4个单位逾期未交齐" in text
    for unit in ("县水利局", "县统计局", "县委宣传部", "县财政局"):
        assert unit in text
    assert "水文、水利建设" in text  # the missing 条目 of 县水利局
    assert "一、特载" in text and "十、附录" in text and "合计\n120\n59" in text
    assert "1个条目字数超出定额，1个条目字数不足" in text
    assert "重点项目\n县发改局\n1200" in text
    assert f"请逾期未交齐的单位于{YEAR}年11月30日前报送全部稿件" in text


def test_the_notice_lists_every_unit_with_its_entries(exported: dict[str, Path]) -> None:
    import docx

    text = all_text(exported["notice"])
    assert f"关于做好《青山县年鉴（{YEAR}）》\n组稿工作的通知" in text
    assert f"{YEAR - 1}年1月1日至12月31日" in text
    assert "附件：供稿单位及条目任务表" in text
    assert "五、联系方式\n联系人：陈晓燕。" in text  # the owner of the 组稿 stage
    table = docx.Document(str(exported["notice"])).tables[-2]  # the last is the 版记
    header = [c.text for c in table.rows[0].cells]
    assert header == ["序号", "供稿单位", "承担条目（所属类目、分目）", "字数", "图片", "交稿时限"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 120  # one row per 条目
    assert rows[0][:2] == ["1", "县委办"] and rows[0][2] == "县委工作报告（特载）"
    assert sum(1 for r in rows if r[1]) == 62  # each unit named once
    grain = next(r for r in rows if r[2] == "粮食生产（经济、农业农村）")
    assert grain[3:5] == ["1000", "1"]


def test_a_serial_is_used_only_when_the_file_was_written(demo: sqlite3.Connection,
                                                         tmp_path: Path) -> None:
    before = next_doc_serial(demo, YEAR)
    with pytest.raises(FangzhiError, match="是一个文件夹"):
        write_document(demo, YearbookDocument.BULLETIN, YEAR, tmp_path, DEMO_TODAY)
    assert next_doc_serial(demo, YEAR) == before


def test_a_bulletin_with_nobody_late(demo: sqlite3.Connection) -> None:
    view = load_view(demo, YEAR, date(YEAR, 1, 1))  # before every deadline
    blocks = [getattr(b, "text", "") for b in build_bulletin(
        view, load_profile(demo), "x", date(YEAR, 1, 1)).blocks]
    assert "截至通报日，没有逾期未交稿的单位。" in blocks


def test_the_progress_workbook(exported: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(exported["xlsx"])
    assert wb.sheetnames == ["供稿单位", "篇目", "编纂进度"]
    units, nodes, stages = wb["供稿单位"], wb["篇目"], wb["编纂进度"]
    assert [c.value for c in units[3]] == [name for name, _ in UNIT_COLUMNS]
    assert [c.value for c in nodes[3]] == [name for name, _ in NODE_COLUMNS]
    assert [c.value for c in stages[3]] == [name for name, _ in STAGE_COLUMNS]
    rows = {r[1]: r for r in units.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == 62
    water = rows["县水利局"]
    assert water[15] == "逾期10天" and water[16] == "水文、水利建设"
    assert water[4].date() == date(YEAR, 11, 13)  # a real date
    state_cell = next(r[15] for r in units.iter_rows(min_row=4) if r[1].value == "县水利局")
    assert state_cell.fill.fgColor.rgb.endswith("FFC7CE")
    node_rows = list(nodes.iter_rows(min_row=4, values_only=True))
    assert len(node_rows) == 10 + 31 + 120 - 1  # 大事记 is a 类目 and its own 条目
    assert node_rows[1][:4] == ("特载", None, "县委工作报告", "条目")  # no 分目 cell
    key = next(r for r in node_rows if r[2] == "重点项目")
    assert (key[4], key[5], key[8]) == ("县发改局", 1200, "超出") and key[14] == "是"
    assert key[15:18] == ("初审退改", 1, "字数超出定额近四成，请压缩至1200字以内")
    stage_rows = list(stages.iter_rows(min_row=4, values_only=True))
    assert [r[6] for r in stage_rows[:4]] == ["已完成", "已完成", "进行中", "未开始"]
    assert "将超出“当年卷当年出版”时限" in stages["A2"].value


def test_packages_go_out_and_come_back_with_the_manuscripts(demo: sqlite3.Connection,
                                                           tmp_path: Path) -> None:
    from openpyxl import load_workbook

    written = write_packages(demo, YEAR, tmp_path / "out", DEMO_TODAY)
    assert len(written) == 62
    water = next(p for p in written if p.unit == "县水利局")
    assert water.path.name == f"青山县年鉴（{YEAR}）-县水利局-组稿任务表.xlsx"
    wb = load_workbook(water.path)
    ws = wb["组稿任务"]
    assert wb["识别信息"].sheet_state == "hidden" and ws.column_dimensions["K"].hidden
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("概况", "自然地理", "水文", 600), ("经济", "林业水利", "水利建设", 1000),
        ("经济", "林业水利", "防汛抗旱", 800)]
    assert "交稿时限：" in ws["A2"].value
    # The unit fills in the file names and sends the package back with its files.
    back = tmp_path / "收稿" / "水利局来稿"
    back.mkdir(parents=True)
    ws["H6"] = "说明1"
    ws["H7"] = "水建.docx"
    ws["I7"] = "李明"
    ws["H8"] = "防汛.docx"  # listed but not sent
    wb.save(back / water.path.name)
    (back / "说明1.txt").write_text("水文\n全县有河流十二条。", encoding="utf-8")
    from fangzhi_desktop.demo.yearbook import docx_bytes

    (back / "水建.docx").write_bytes(docx_bytes("二〇二五年水利工作\n新建水库一座。", 1))
    preview = preview_manuscripts(demo, YEAR, [back])
    assert preview.rejected == [] and preview.unmatched == []
    (warning,) = preview.warnings
    assert warning.row == 8 and "列出的稿件“防汛”没有一并提供" in warning.message
    matched = {m.path.name: (m.candidate.title, m.how, m.outcome) for m in preview.matches}
    assert matched == {"说明1.txt": ("水文", "组稿任务表", "new"),
                       "水建.docx": ("水利建设", "组稿任务表", "new")}
    saved = save_manuscripts(demo, preview, DEMO_TODAY)
    assert {r.outcome for r in saved} == {"new"}
    view = load_view(demo, YEAR, DEMO_TODAY)
    unit = next(u for u in view.units if u.name == "县水利局")
    assert [e.title for e in unit.missing] == [] and not unit.late(DEMO_TODAY)
    built = next(e for e in unit.entries if e.title == "水利建设")
    assert built.manuscript is not None and built.manuscript.photos == 1


def test_an_edited_key_or_another_volumes_package_is_refused(demo: sqlite3.Connection,
                                                             tmp_path: Path) -> None:
    from openpyxl import load_workbook

    (written, *_) = write_packages(demo, YEAR, tmp_path / "out", DEMO_TODAY)
    wb = load_workbook(written.path)
    ws = wb["组稿任务"]
    ws["K6"] = ws["K6"].value.replace("-N", "-N9")
    ws["H6"] = "稿.txt"
    folder = tmp_path / "back"
    folder.mkdir()
    wb.save(folder / "任务表.xlsx")
    (folder / "稿.txt").write_text("县委工作报告\n内容。", encoding="utf-8")
    preview = preview_manuscripts(demo, YEAR, [folder])
    (error,) = preview.rejected
    assert "任务表.xlsx：第6行K列的校验码与条目不符" in error.message
    wb = load_workbook(written.path)
    wb["识别信息"]["B3"] = "999"
    wb.save(folder / "任务表.xlsx")
    preview = preview_manuscripts(demo, YEAR, [folder])
    assert "不是本数据文件中《青山县年鉴" in preview.rejected[0].message
