"""Exporting a stored issue in the 简报 layout: read back, GB/T 9704 checker, OOXML schema, and
a round trip through the importer."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.briefings import BriefingDraftArticle, TailFields
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.importers.briefing import read_briefing
from fangzhi_desktop.operations.briefing_documents import (
    build_briefing,
    new_issue_draft,
    write_briefing,
)
from fangzhi_desktop.storage import briefings as store
from fangzhi_desktop.storage.office import save_profile
from tests.conftest import SAMPLES
from tests.exporters.docx_checks import (
    W,
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    run_shared_checker,
    schema_errors,
)

SEED_002 = SAMPLES / "002_df6267391c5c8d51.txt"
WEB_ISSUE = """某县地方志办公室政工简讯
2024年第 5 期（总第 37 期）
某县地方志办公室        2024年6月11日
【工作动态】
县志办召开党组理论学习中心组学习会
6月10日，县志办召开党组理论学习中心组学习会，传达学习有关会议精神。主任张三主持会议。
一、提高认识。会议要求，全办干部要把学习成果转化为工作实效。
（办公室）
【经验快递】
某镇挂图作战推进村志编纂
某镇把村志编纂列入年度重点工作，实行挂图作战、台账管理。
信息公开选项：主动公开
报：市地方志办公室，县委办公室。
送：县政府办公室。
发：各科室。
某县地方志办公室综合科          2024年6月11日印发
（共印20份）
"""


def _import(conn: sqlite3.Connection, path: Path) -> int:
    return store.save_issue(conn, read_briefing(path).to_draft())


def test_seed_002_exports_as_a_briefing_that_passes_the_checker(conn: sqlite3.Connection,
                                                                tmp_path: Path) -> None:
    issue_id = _import(conn, SEED_002)
    exported = write_briefing(conn, issue_id, tmp_path / "简讯.docx")
    path = exported.path
    assert exported.warnings == []
    assert schema_errors(path) == []
    assert_gbt9704_page(path)
    assert_fonts_and_pitch(path)
    text = all_text(path)
    for expected in ("四川省地方志办政工简讯", "第2期（总第2期）", "四川省地方志工作办公室\t2020年5月22日",
                     "省地方志办召开党组中心组（扩大）学习会\n传达学习中央、省委文件和会议精神",
                     "5月21日，省地方志办党组召开中心组（扩大）学习会", "全覆盖（简称“两全目标”）",
                     "副处级以上干部参加学习会。", "信息公开选项：主动公开",
                     "报：省直机关工委，省纪委监委驻省政府办公厅纪检监察组。", "发：机关各处，四川年鉴社。",
                     "四川省地方志工作办公室综合处\t2020年5月22日印发", "（共印12份）"):
        assert expected in text, expected
    assert "送：" not in text
    run_shared_checker(path, "--kind", "jianbao", "--require-banji")


def test_a_two_phrase_title_is_set_on_two_lines(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import docx

    path = write_briefing(conn, _import(conn, SEED_002), tmp_path / "b.docx").path
    title = next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith("省地方志办召开"))
    assert title.style.name == "GW Title"
    assert len(title._p.findall(f".//{W}br")) == 1


def test_columns_attribution_and_all_three_lists_read_back(conn: sqlite3.Connection,
                                                           tmp_path: Path) -> None:
    source = tmp_path / "web.txt"
    source.write_text(WEB_ISSUE, encoding="utf-8")
    path = write_briefing(conn, _import(conn, source), tmp_path / "web.docx").path
    text = all_text(path)
    for expected in ("某县地方志办公室政工简讯", "第5期（总第37期）", "【工作动态】", "【经验快递】",
                     "（办公室）", "报：市地方志办公室，县委办公室。", "送：县政府办公室。", "发：各科室。",
                     "（共印20份）"):
        assert expected in text, expected
    assert schema_errors(path) == []
    run_shared_checker(path, "--kind", "jianbao", "--require-banji")


def test_an_exported_issue_imports_back_the_same(conn: sqlite3.Connection,
                                                 tmp_path: Path) -> None:
    source = tmp_path / "web.txt"
    source.write_text(WEB_ISSUE, encoding="utf-8")
    stored = store.get_issue(conn, _import(conn, source))
    assert stored is not None
    again = read_briefing(write_briefing(conn, stored.id, tmp_path / "x.docx").path)
    assert (again.name, again.issue_year, again.issue, again.total_issue, again.date,
            again.publisher) == (
        stored.name, 2024, 5, 37, stored.date, stored.publisher)
    assert again.articles == stored.articles
    assert again.tail == stored.tail


def test_missing_tail_parts_are_filled_or_reported(conn: sqlite3.Connection,
                                                   tmp_path: Path) -> None:
    save_profile(conn, OfficeProfile(full_name="某县地方志办公室", printer="某县地方志办公室综合科"))
    draft = read_briefing(SEED_002).to_draft()
    draft.tail = None
    draft.publisher = ""
    exported = write_briefing(conn, store.save_issue(conn, draft), tmp_path / "no-tail.docx")
    assert exported.warnings == ["报尾缺少“报：”单位、“发：”单位、印数（共印N份），请在简报中补上后重新导出。"]
    text = all_text(exported.path)
    assert "某县地方志办公室综合科\t2020年5月22日印发" in text  # the profile's 印发机关, the issue's date
    assert "某县地方志办公室\t2020年5月22日" in text  # the profile's name as 编发单位


def test_a_missing_issue_is_a_clear_error(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with pytest.raises(FangzhiError, match="没有编号为9的简报"):
        write_briefing(conn, 9, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_a_new_issue_continues_the_numbers_and_copies_the_tail(conn: sqlite3.Connection) -> None:
    _import(conn, SEED_002)
    article = BriefingDraftArticle("省地方志办召开党组中心组学习会", ["6月1日，……。"])
    draft = new_issue_draft(conn, date(2020, 6, 5), [article])
    assert (draft.name, draft.year, draft.label) == ("四川省地方志办政工简讯", 2020, "第3期（总第3期）")
    assert draft.publisher == "四川省地方志工作办公室"
    assert draft.articles == [article]
    assert draft.tail == TailFields(
        "四川省地方志工作办公室综合处", date(2020, 6, 5), bao="省直机关工委，省纪委监委驻省政府办公厅纪检监察组",
        fa="机关各处，四川年鉴社", copies=12, disclosure="主动公开")
    assert new_issue_draft(conn, date(2021, 1, 8)).label == "第1期（总第3期）"
    store.save_issue(conn, draft)
    assert new_issue_draft(conn, date(2020, 7, 1)).label == "第4期（总第4期）"


def test_the_profile_names_a_new_issue_and_its_defaults(conn: sqlite3.Connection) -> None:
    save_profile(conn, OfficeProfile(full_name="某县地方志办公室", printer="某县地方志办公室综合科",
                                     briefing_name="某县史志工作简讯", briefing_publisher="某县史志研究室"))
    draft = new_issue_draft(conn, date(2024, 3, 1))
    assert (draft.name, draft.label, draft.publisher) == (
        "某县史志工作简讯", "第1期（总第1期）", "某县史志研究室")
    assert draft.tail is not None
    assert (draft.tail.printer, draft.tail.disclosure, draft.tail.bao) == (
        "某县地方志办公室综合科", "主动公开", "")
    empty = new_issue_draft(conn, date(2024, 3, 1), name="  ")
    assert empty.name == "某县史志工作简讯"


def test_build_briefing_keeps_long_titles_on_one_paragraph() -> None:
    issue = read_briefing(SEED_002).to_draft()
    issue.articles[0].title = "省地方志办召开党组中心组（扩大）学习会暨全面从严治党工作会议 传达学习中央精神"
    model = build_briefing(issue, OfficeProfile())
    assert "\n" not in model.articles[0].title  # the first phrase would not fit one line
