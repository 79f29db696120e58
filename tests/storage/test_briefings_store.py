"""Briefing issues in the database: round trip, numbering continuation, refusals, one
transaction per action."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.briefings import (
    BriefingDraft,
    BriefingDraftArticle,
    IssueNumbers,
    TailFields,
)
from fangzhi_desktop.errors import InputErrors
from fangzhi_desktop.importers.briefing import read_briefing
from fangzhi_desktop.storage import briefings as store
from tests.conftest import SAMPLES

NAME = "某县史志简报"


def _draft(year: int, issue: int, total: int | None, *, name: str = NAME,
           when: date | None = None) -> BriefingDraft:
    return BriefingDraft(
        name=name, year=year, issue=issue, total_issue=total, date=when or date(year, 3, issue),
        publisher="某县史志办公室",
        articles=[BriefingDraftArticle("县志办召开学习会", ["第一段。", "第二段。"], "工作动态", "办公室",
                                       "learning:7"),
                  BriefingDraftArticle("某镇推进村志编纂", ["某镇挂图作战。"])],
        tail=TailFields("某县史志办公室", date(year, 3, issue), bao="市志办", fa="各科室", copies=15,
                        disclosure="主动公开"))


def test_an_issue_reads_back_as_saved(conn: sqlite3.Connection) -> None:
    draft = _draft(2024, 3, 41)
    issue_id = store.save_issue(conn, draft)
    stored = store.get_issue(conn, issue_id)
    assert stored is not None
    assert stored.id == issue_id
    assert BriefingDraft(**{k: v for k, v in vars(stored).items() if k != "id"}) == draft
    [summary] = store.list_issues(conn)
    assert (summary.label, summary.article_count, summary.first_title) == (
        "第3期（总第41期）", 2, "县志办召开学习会")


def test_an_issue_without_tail_keeps_none(conn: sqlite3.Connection) -> None:
    draft = _draft(2024, 1, None)
    draft.tail = None
    stored = store.get_issue(conn, store.save_issue(conn, draft))
    assert stored is not None and stored.tail is None and stored.total_issue is None


def test_numbering_continues_after_imported_issues(conn: sqlite3.Connection) -> None:
    assert store.next_issue_numbers(conn, NAME, 2024) == IssueNumbers(1, 1)
    store.save_issue(conn, _draft(2023, 11, 30))
    store.save_issue(conn, _draft(2024, 1, 31))
    store.save_issue(conn, _draft(2024, 2, 32))
    assert store.next_issue_numbers(conn, NAME, 2024).label == "第3期（总第33期）"
    assert store.next_issue_numbers(conn, NAME, 2025).label == "第1期（总第33期）"
    # Another briefing of the office counts on its own; spaces in the name do not matter.
    assert store.next_issue_numbers(conn, "政工简讯", 2024) == IssueNumbers(1, 1)
    assert store.next_issue_numbers(conn, "某县 史志简报", 2024).issue == 3


def test_an_imported_seed_keeps_its_numbers_and_the_next_follows(conn: sqlite3.Connection) -> None:
    issue_id = store.save_issue(conn, read_briefing(SAMPLES / "002_df6267391c5c8d51.txt").to_draft())
    stored = store.get_issue(conn, issue_id)
    assert stored is not None and (stored.year, stored.issue, stored.total_issue) == (2020, 2, 2)
    assert stored.articles[0].paragraphs[-1].endswith("参加学习会。")
    assert store.next_issue_numbers(conn, "四川省地方志办政工简讯", 2020).label == "第3期（总第3期）"
    assert store.next_issue_numbers(conn, "四川省地方志办政工简讯", 2021).label == "第1期（总第3期）"


def test_taken_numbers_are_refused_and_nothing_changes(conn: sqlite3.Connection) -> None:
    store.save_issue(conn, _draft(2024, 3, 41))
    with pytest.raises(InputErrors, match="2024年第3期已经存在"):
        store.save_issue(conn, _draft(2024, 3, 50))
    with pytest.raises(InputErrors, match="总第41期已是2024年第3期（总第41期）"):
        store.save_issue(conn, _draft(2024, 4, 41))
    assert [s.label for s in store.list_issues(conn)] == ["第3期（总第41期）"]
    # Another series may use the same numbers.
    store.save_issue(conn, _draft(2024, 3, 41, name="政工简讯", when=date(2024, 5, 1)))
    assert len(store.list_issues(conn)) == 2
    assert store.series_names(conn) == ["政工简讯", "某县史志简报"]  # the latest issued first


def test_replace_swaps_the_issue_of_that_number(conn: sqlite3.Connection) -> None:
    store.save_issue(conn, _draft(2024, 3, 41))
    again = _draft(2024, 3, 41)
    again.articles = [BriefingDraftArticle("改过的标题", ["新正文。"])]
    second = store.save_issue(conn, again, replace=True)
    assert [s.id for s in store.list_issues(conn)] == [second]
    stored = store.get_issue(conn, second)
    assert stored is not None and [a.title for a in stored.articles] == ["改过的标题"]
    count = conn.execute("SELECT count(*) FROM briefing_articles").fetchone()[0]
    assert count == 1  # the old articles went with their issue


def test_a_failed_replace_keeps_the_old_issue(conn: sqlite3.Connection) -> None:
    store.save_issue(conn, _draft(2024, 3, 41))
    store.save_issue(conn, _draft(2024, 4, 42))
    with pytest.raises(InputErrors, match="总第42期"):
        store.save_issue(conn, _draft(2024, 3, 42), replace=True)
    assert [s.label for s in store.list_issues(conn)] == ["第4期（总第42期）", "第3期（总第41期）"]


def test_update_and_delete(conn: sqlite3.Connection) -> None:
    issue_id = store.save_issue(conn, _draft(2024, 3, 41))
    other = store.save_issue(conn, _draft(2024, 4, 42))
    changed = _draft(2024, 5, 43)
    changed.articles = [BriefingDraftArticle("只剩一篇", ["正文。"], attribution="供稿：年鉴科")]
    store.update_issue(conn, issue_id, changed)
    stored = store.get_issue(conn, issue_id)
    assert stored is not None and stored.label == "第5期（总第43期）"
    assert [(a.title, a.attribution) for a in stored.articles] == [("只剩一篇", "供稿：年鉴科")]
    with pytest.raises(InputErrors, match="第4期已经存在"):
        store.update_issue(conn, issue_id, _draft(2024, 4, 44))
    store.update_issue(conn, issue_id, changed)  # its own numbers are not a conflict
    store.delete_issue(conn, other)
    assert [s.id for s in store.list_issues(conn)] == [issue_id]
    with pytest.raises(InputErrors, match="不存在"):
        store.update_issue(conn, other, changed)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: setattr(d, "articles", []), "至少要有一篇文章"),
    (lambda d: setattr(d.articles[1], "title", " "), "第2篇文章没有标题"),
    (lambda d: setattr(d, "name", ""), "简报名称不能为空"),
    (lambda d: setattr(d, "issue", 0), "期号和总期号应为正整数"),
])
def test_incomplete_issues_are_refused(conn: sqlite3.Connection, change, message: str) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(2024, 3, 41)
    change(draft)
    with pytest.raises(InputErrors, match=message):
        store.save_issue(conn, draft)
    assert store.list_issues(conn) == []


def test_a_save_is_one_transaction(conn: sqlite3.Connection,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_articles", broken)
    with pytest.raises(RuntimeError):
        store.save_issue(conn, _draft(2024, 3, 41))
    assert conn.execute("SELECT count(*) FROM briefing_issues").fetchone()[0] == 0


def test_latest_issue_is_the_most_recently_dated(conn: sqlite3.Connection) -> None:
    assert store.latest_issue(conn) is None
    store.save_issue(conn, _draft(2024, 2, 32, when=date(2024, 2, 1)))
    store.save_issue(conn, _draft(2023, 9, 31, when=date(2023, 12, 1)))
    latest = store.latest_issue(conn, NAME)
    assert latest is not None and latest.label == "第2期（总第32期）"
