"""Manuscripts in the database: the file kept as a blob, versions after 退改, 盖章, reviews
with their reasons, acceptance — and everything the tab reads in one go."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.yearbook import BudgetStatus, ReviewLevel, ReviewResult
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage import yearbook_manuscripts as ms
from fangzhi_desktop.storage.yearbook_tree import NodeFields, add_node
from fangzhi_desktop.storage.yearbook_view import load_view
from tests.storage.yearbook_builders import received_file

DAY = date(2026, 3, 10)


@pytest.fixture
def nodes(conn: sqlite3.Connection) -> dict[str, int]:
    volume_id = store.create_volume(conn, 2026, "某县年鉴（2026）", deadline=date(2026, 4, 10))
    economy = add_node(conn, volume_id, None, NodeFields("经济"))
    farm = add_node(conn, volume_id, economy, NodeFields("农业", "县农业农村局"))
    return {"经济": economy, "农业": farm,
            "粮食": add_node(conn, volume_id, farm, NodeFields("粮食", word_budget=1000)),
            "畜牧": add_node(conn, volume_id, farm, NodeFields("畜牧", "县畜牧站", 800))}


def test_receiving_a_file_keeps_it_and_its_figures(conn: sqlite3.Connection,
                                                   nodes: dict[str, int]) -> None:
    file = received_file("粮食", 1040)
    done = ms.receive_manuscript(conn, nodes["粮食"], file, DAY, source="名称")
    assert (done.outcome, done.version) == ("new", 1)
    m = ms.manuscript_of(conn, nodes["粮食"])
    assert m is not None and (m.file_name, m.words, m.received_on, m.size) == (
        "粮食.txt", 1040, DAY, len(file.content))
    assert m.chinese_chars == 1040 and m.unit_id is not None  # the 分目's unit
    assert ms.manuscript_content(conn, m.id) == ("粮食.txt", file.content)
    assert ms.receive_manuscript(conn, nodes["粮食"], file, DAY).outcome == "unchanged"
    with pytest.raises(FangzhiError, match="“农业”下还有条目"):
        ms.receive_manuscript(conn, nodes["农业"], file, DAY)


def test_a_new_version_after_return_goes_back_to_review(conn: sqlite3.Connection,
                                                        nodes: dict[str, int]) -> None:
    first = ms.receive_manuscript(conn, nodes["粮食"], received_file("粮食", 1500), DAY)
    ms.set_sealed(conn, first.manuscript_id, True, DAY)
    with pytest.raises(FangzhiError, match="退改须写明原因"):
        ms.record_review(conn, first.manuscript_id, ReviewLevel.FIRST, ReviewResult.RETURNED,
                         DAY, "  ")
    ms.record_review(conn, first.manuscript_id, ReviewLevel.FIRST, ReviewResult.RETURNED,
                     DAY, "字数超出定额", "陈晓燕")
    returned = ms.get_manuscript(conn, first.manuscript_id)
    assert returned.returned and returned.returns == 1 and returned.review_text == "初审退改"
    assert returned.return_reasons == ("字数超出定额",)
    second = ms.receive_manuscript(conn, nodes["粮食"], received_file("粮食", 1000),
                                   date(2026, 3, 20))
    assert (second.outcome, second.version, second.manuscript_id) == (
        "replaced", 2, first.manuscript_id)
    again = ms.get_manuscript(conn, first.manuscript_id)
    assert (again.words, again.version, again.review_text, again.sealed) == (1000, 2, "待审",
                                                                             False)
    assert again.review_level is ReviewLevel.FIRST  # the level that returned it
    assert again.returns == 1  # the history stays
    ms.record_review(conn, again.id, ReviewLevel.FIRST, ReviewResult.RETURNED,
                     date(2026, 3, 22), "数据待核实")
    assert ms.get_manuscript(conn, again.id).return_reasons == ("字数超出定额", "数据待核实")
    assert [(r.level, r.result, r.version) for r in ms.list_reviews(conn, again.id)] == [
        (ReviewLevel.FIRST, ReviewResult.RETURNED, 1), (ReviewLevel.FIRST, ReviewResult.RETURNED, 2)]


def test_final_review_accepts_and_undo_takes_it_back(conn: sqlite3.Connection,
                                                     nodes: dict[str, int]) -> None:
    done = ms.receive_manuscript(conn, nodes["畜牧"], received_file("畜牧", 800), DAY)
    ms.record_review(conn, done.manuscript_id, ReviewLevel.FIRST, ReviewResult.PASSED, DAY)
    final = ms.record_review(conn, done.manuscript_id, ReviewLevel.FINAL, ReviewResult.PASSED,
                             date(2026, 4, 1), reviewer="王建华")
    m = ms.get_manuscript(conn, done.manuscript_id)
    assert m.accepted and m.accepted_on == date(2026, 4, 1) and m.review_text == "已采用"
    ms.delete_review(conn, final)
    m = ms.get_manuscript(conn, done.manuscript_id)
    assert not m.accepted and m.review_text == "初审通过"
    assert ms.set_accepted(conn, m.id, True, DAY) == (False, None)
    assert ms.set_accepted(conn, m.id, False) == (True, DAY)
    assert ms.set_sealed(conn, m.id, True, DAY) == (False, None)
    assert ms.get_manuscript(conn, m.id).sealed_on == DAY
    with pytest.raises(FangzhiError, match="审稿记录已不存在"):
        ms.delete_review(conn, final)
    ms.delete_manuscript(conn, m.id)
    assert ms.manuscript_of(conn, nodes["畜牧"]) is None
    assert conn.execute("SELECT count(*) FROM yearbook_manuscript_files").fetchone() == (0,)


def test_a_batch_is_all_or_nothing(conn: sqlite3.Connection, nodes: dict[str, int]) -> None:
    good = ms.Receipt(nodes["粮食"], received_file("粮食", 1000))
    with pytest.raises(FangzhiError, match="同一条目在这批来稿中出现了两次"):
        ms.receive(conn, [good, good], DAY)
    with pytest.raises(FangzhiError, match="下还有条目"):
        ms.receive(conn, [good, ms.Receipt(nodes["农业"], received_file("农业", 10))], DAY)
    assert ms.manuscript_of(conn, nodes["粮食"]) is None
    assert conn.execute("SELECT count(*) FROM yearbook_manuscript_files").fetchone() == (0,)


def test_the_view_of_a_volume(conn: sqlite3.Connection, nodes: dict[str, int]) -> None:
    done = ms.receive_manuscript(conn, nodes["粮食"], received_file("粮食", 1300), DAY)
    ms.record_review(conn, done.manuscript_id, ReviewLevel.FIRST, ReviewResult.RETURNED, DAY,
                     "压缩字数")
    view = load_view(conn, 2026, date(2026, 4, 15))
    assert view.volume.year == 2026
    assert view.stage_today.current is not None and view.stage_today.current.name == "印发组稿通知"
    assert view.forecast.holds is False  # nothing was recorded as started
    economy = view.roots[0]
    assert (economy.entries, economy.received, economy.words) == (2, 1, 1300)
    grain = view.nodes()[nodes["粮食"]]
    assert grain.budget_status is BudgetStatus.OVER and grain.manuscript is not None
    assert grain.manuscript.returns == 1
    late = view.late_units()
    assert [u.name for u in late] == ["县畜牧站"] and late[0].days_late(view.today) == 5
    assert view.totals.returned == 1 and view.totals.over_budget == 1
    working = load_view(conn, 2026, date(2026, 4, 15), working_days=True)
    assert working.forecast.unit == "个工作日"
    hashes = ms.manuscript_hashes(conn, view.volume.id)
    assert list(hashes) == [nodes["粮食"]] and len(hashes[nodes["粮食"]]) == 64
