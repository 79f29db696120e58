"""The campaign exports from the demo database, read back: the 实施方案 (公文), the landscape
台账 (Word) and the 台账 in Excel."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, Phase, span_text
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.exporters.campaign_docx import (
    build_ledger,
    build_plan,
    deadline_cell,
    ledger_title,
)
from fangzhi_desktop.exporters.campaign_xlsx import COLUMNS, write_campaign_xlsx
from fangzhi_desktop.operations.campaign_documents import (
    CampaignDocument,
    write_document,
    write_ledger_xlsx,
)
from fangzhi_desktop.storage import campaigns as store
from fangzhi_desktop.storage import open_database
from tests.conftest import DEMO_TODAY
from tests.exporters.docx_checks import (
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    assert_page_numbers,
    run_shared_checker,
    schema_errors,
)

SEED_ID, LEDGER_ID = 1, 2  # the demo imports seed 000 first


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory,
         demo_db_template: Path) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("campaign-docs") / "demo.db"
    shutil.copy(demo_db_template, path)
    conn = open_database(path)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def exported(demo: sqlite3.Connection, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("campaign-exports")
    return {
        "plan": write_document(demo, CampaignDocument.PLAN, SEED_ID, folder / "plan.docx",
                               date(2020, 12, 23)).path,
        "ledger-plan": write_document(demo, CampaignDocument.PLAN, LEDGER_ID,
                                      folder / "ledger-plan.docx", DEMO_TODAY).path,
        "ledger": write_document(demo, CampaignDocument.LEDGER, LEDGER_ID,
                                 folder / "ledger.docx", DEMO_TODAY).path,
        "seed-ledger": write_document(demo, CampaignDocument.LEDGER, SEED_ID,
                                      folder / "seed-ledger.docx", DEMO_TODAY).path,
        "xlsx": write_ledger_xlsx(demo, LEDGER_ID, folder / "ledger.xlsx", DEMO_TODAY).path,
    }


@pytest.mark.parametrize("kind", ["plan", "ledger-plan", "ledger", "seed-ledger"])
def test_every_docx_is_valid_ooxml_in_the_official_layout(exported: dict[str, Path],
                                                           kind: str) -> None:
    path = exported[kind]
    assert schema_errors(path) == []
    assert_gbt9704_page(path, landscape="ledger" in kind and "plan" not in kind)
    assert_fonts_and_pitch(path)
    assert_page_numbers(path)


def test_the_plan_of_seed_000_in_official_format(exported: dict[str, Path]) -> None:
    text = all_text(exported["plan"])
    assert "在全市地方志系统开展“学习吴志宏、建功新时代”主题宣教活动实施方案" in text
    assert "一、活动宗旨\n开展“学习吴志宏、建功新时代”主题宣教活动" in text
    assert "二、活动内容\n（一）广泛宣传吴志宏同志先进事迹\n（二）深入学习吴志宏精神\n" in text
    assert "三、时间安排\n（一）宣传发动阶段（2021年1—3月）\n1.转发《中国地方志指导小组" in text
    assert "（二）学习研讨阶段（2021年4—10月）\n1.组织“为什么学、学什么、怎么学”大讨论。" in text
    assert "（四）常态化学习阶段（2022年1月以后）" in text
    assert "南昌市史志办公室\n2020年12月23日" in text
    run_shared_checker(exported["plan"], "--require-date")


def test_the_plan_of_a_ledger_campaign_names_units_and_week_nodes(
        exported: dict[str, Path]) -> None:
    text = all_text(exported["ledger-plan"])
    assert "2026年地方志工作“三大攻坚”专项行动实施方案" in text
    assert "（二）集中攻坚阶段（2026年9—12月）" in text
    assert "（责任单位：县档案馆；完成时限：第45周）" in text
    assert "2026年11月23日" in text
    run_shared_checker(exported["ledger-plan"], "--require-date")


def test_the_ledger_lists_every_task_under_its_plan(exported: dict[str, Path],
                                                    demo: sqlite3.Connection) -> None:
    import docx

    table = docx.Document(str(exported["ledger"])).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "任务", "责任单位", "责任人", "实施步骤", "完成时限", "进展情况", "状态"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 30 + 3  # a heading row for each of the three plans
    assert [r[1] for r in rows if not r[0]] == [
        "一、第三轮县志编纂攻坚方案", "二、县年鉴编纂出版提速方案", "三、“方志七进”宣传教育方案"]
    by_no = {r[0]: r for r in rows if r[0]}
    assert by_no["1"][2:4] == ["办公室", "王建华"]
    assert by_no["1"][7] == "已销号\n9月7日\n王建华确认"  # done 9-2, confirmed 5 days later
    assert by_no["6"][7] == "未启动\n（逾期17天）"  # 第45周 ended on Friday 11-6
    assert by_no["6"][5] == "第45周\n（11月6日）"
    assert "1.开列缺漏资料清单（第43周）" in by_no["6"][4]
    assert "原定10月23日，延期1次：部分单位退改稿件质量不达标，需二次退改" in by_no["14"][5]
    assert by_no["5"][6].endswith("已完成资料梳理和章节分工，正在推进。")
    assert "（已完成）" in by_no["5"][4]
    text = all_text(exported["ledger"])
    assert "2026年地方志工作“三大攻坚”专项行动任务台账" in text
    assert "统计日期：2026年11月23日" in text


def test_the_ledger_of_an_imported_plan_groups_by_phase(exported: dict[str, Path]) -> None:
    import docx

    table = docx.Document(str(exported["seed-ledger"])).tables[0]
    headings = [row.cells[1].text for row in table.rows[1:] if not row.cells[0].text]
    assert headings == ["一、宣传发动阶段（2021年1—3月）", "二、学习研讨阶段（2021年4—10月）",
                        "三、组织提升阶段（2021年11—12月）", "四、常态化学习阶段（2022年1月以后）"]
    last = [c.text for c in table.rows[-1].cells]
    assert last[5] == "不设时限" and last[7] == "推进中"


def test_the_xlsx_ledger_reads_back(exported: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(exported["xlsx"]).active
    assert ws["A1"].value == "2026年地方志工作“三大攻坚”专项行动任务台账"
    assert [c.value for c in ws[3]] == [name for name, _ in COLUMNS]
    assert ws.freeze_panes == "A4" and ws.max_row == 3 + 30
    assert ws.column_dimensions["D"].width == 48
    header = [name for name, _ in COLUMNS]
    row = {name: ws.cell(row=4 + 5, column=n).value for n, name in enumerate(header, start=1)}
    assert row["序号"] == 6 and row["责任单位"] == "县档案馆" and row["时限表述"] == "第45周"
    assert row["完成时限"] == datetime(2026, 11, 6)  # a real date
    assert ws.cell(row=9, column=header.index("完成时限") + 1).number_format == "yyyy-mm-dd"
    assert (row["状态"], row["预警"]) == ("未启动", "逾期")
    closed = {name: ws.cell(row=4, column=n).value for n, name in enumerate(header, start=1)}
    assert closed["状态"] == "已销号" and closed["销号确认人"] == "王建华"
    assert isinstance(closed["销号日期"], datetime)
    extended = {name: ws.cell(row=4 + 13, column=n).value for n, name in enumerate(header, 1)}
    assert extended["延期次数"] == 1 and extended["原定时限"] == datetime(2026, 10, 23)


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    import zipfile

    from openpyxl import load_workbook

    task = CampaignTask(1, 1, 1, 1, '=HYPERLINK("http://x","y")', unit="+编研科",
                        person="@张三", last_progress="-已完成", status=Status.IN_PROGRESS)
    out = write_campaign_xlsx(tmp_path / "inj.xlsx", CampaignInfo(1, "测试活动", 2026), [task],
                              {}, DEMO_TODAY)
    ws = load_workbook(out).active
    cells = [ws.cell(row=4, column=c) for c in (4, 5, 6, 15)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x","y")', "+编研科", "@张三", "-已完成"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert "<f>" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_models_without_text_and_helpers() -> None:
    empty = build_plan(CampaignInfo(1, "空白活动方案", 2026), [], [], "某县地方志办公室",
                       DEMO_TODAY)
    assert [b.text for b in empty.blocks] == ["（本方案尚未填写内容。）"]
    assert empty.signature == "某县地方志办公室"
    loose = CampaignTask(5, 1, 3, 1, "编写大事记", deadline_phrase="第12周",
                         deadline=date(2026, 3, 20))
    plan = build_plan(CampaignInfo(1, "活动方案", 2026), [], [loose], "某办", DEMO_TODAY)
    assert [b.text for b in plan.blocks] == [
        "一、时间安排", "（一）工作任务", "1.编写大事记（完成时限：第12周）。"]
    phase = Phase(1, 1, 1, "启动阶段", date(2026, 3, 1), date(2026, 3, 15))
    ledger = build_ledger(CampaignInfo(1, "活动方案", 2026), [phase],
                          [CampaignTask(5, 1, 3, 1, "甲", phase_id=1)], {}, DEMO_TODAY)
    assert ledger.rows[0][1] == "一、启动阶段（2026年3月1日—15日）"
    assert ledger.title == "活动任务台账" == ledger_title("活动实施方案")
    assert deadline_cell(CampaignTask(5, 1, 3, 1, "甲", deadline=date(2027, 1, 8)),
                         2026) == "2027年1月8日"


@pytest.mark.parametrize(("start", "end", "text"), [
    (date(2021, 1, 1), date(2021, 3, 31), "2021年1—3月"),
    (date(2021, 5, 1), date(2021, 5, 31), "2021年5月"),
    (date(2021, 12, 1), date(2022, 2, 28), "2021年12月—2022年2月"),
    (date(2022, 1, 1), None, "2022年1月以后"),
    (date(2022, 1, 10), None, "2022年1月10日以后"),
    (date(2022, 3, 1), date(2022, 3, 15), "2022年3月1日—15日"),
    (date(2022, 3, 1), date(2022, 4, 15), "2022年3月1日—4月15日"),
    (date(2021, 12, 20), date(2022, 1, 10), "2021年12月20日—2022年1月10日"),
    (date(2022, 3, 1), date(2022, 3, 1), "2022年3月1日"),
    (None, None, ""),
])
def test_phase_spans_as_plans_print_them(start: date | None, end: date | None,
                                         text: str) -> None:
    assert span_text(start, end) == text


def test_the_demo_campaigns_are_stored(demo: sqlite3.Connection) -> None:
    assert [c.id for c in store.list_campaigns(demo)] == [LEDGER_ID, SEED_ID]
