"""The demo's briefings: issues 1 and 2 of 四川省地方志办政工简讯, built by the importer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fangzhi_desktop.operations.briefing_documents import new_issue_draft, write_briefing
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.briefings import get_issue, list_issues
from tests.conftest import DEMO_TODAY
from tests.exporters.docx_checks import all_text, run_shared_checker, schema_errors

NAME = "四川省地方志办政工简讯"


def test_the_demo_holds_issues_1_and_2(demo_db: Path) -> None:
    conn = open_database(demo_db)
    issues = {i.issue: i for i in list_issues(conn)}
    assert sorted(issues) == [1, 2]
    first, second = issues[1], issues[2]
    assert (first.name, first.total_issue, first.date, first.article_count) == (
        NAME, 1, date(2021, 1, 13), 2)
    assert (second.name, second.total_issue, second.date, second.article_count) == (
        NAME, 2, date(2020, 5, 22), 1)
    one = get_issue(conn, first.id)
    assert one is not None and one.publisher == "四川省地方志工作办公室"
    assert one.articles[1].title.startswith("省地方志办团支部获")
    assert one.tail is not None and one.tail.print_date == date(2021, 1, 13)


def test_a_new_issue_continues_the_demo_numbers(demo_db: Path) -> None:
    conn = open_database(demo_db)
    draft = new_issue_draft(conn, DEMO_TODAY)  # 2026: the year restarts, the total does not
    assert (draft.name, draft.year, draft.label) == (NAME, 2026, "第1期（总第3期）")
    assert new_issue_draft(conn, date(2020, 12, 1)).label == "第3期（总第3期）"


def test_the_demo_issue_exports_as_a_briefing(demo_db: Path, tmp_path: Path) -> None:
    conn = open_database(demo_db)
    issue_id = next(i.id for i in list_issues(conn) if i.issue == 2)
    exported = write_briefing(conn, issue_id, tmp_path / "政工简讯第2期.docx")
    assert exported.warnings == []
    text = all_text(exported.path)
    assert NAME in text and "第2期（总第2期）" in text and "（共印12份）" in text
    assert schema_errors(exported.path) == []
    run_shared_checker(exported.path, "--kind", "jianbao", "--require-banji")
