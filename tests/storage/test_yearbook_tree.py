"""Editing the 篇目 tree as the tab will (add, rename, assign, drag and drop, delete) and
saving an imported outline in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.yearbook_outline import OutlineNode, ParsedOutline
from fangzhi_desktop.errors import FangzhiError, InputErrors, Problem
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage import yearbook_tree as tree
from fangzhi_desktop.storage.yearbook_manuscripts import receive_manuscript
from fangzhi_desktop.storage.yearbook_tree import NodeFields
from tests.storage.yearbook_builders import received_file


@pytest.fixture
def volume(conn: sqlite3.Connection) -> int:
    return store.create_volume(conn, 2026)


def shape(conn: sqlite3.Connection, volume_id: int) -> list[tuple[str, ...]]:
    """Each node as (parent title or '', position, title), in stored order."""
    nodes = tree.list_nodes(conn, volume_id)
    titles = {n.id: n.title for n in nodes}
    return [(titles.get(n.parent_id, ""), str(n.position), n.title) for n in nodes]


def test_add_rename_assign_and_reorder(conn: sqlite3.Connection, volume: int) -> None:
    economy = tree.add_node(conn, volume, None, NodeFields("经济"))
    farm = tree.add_node(conn, volume, economy, NodeFields("农业", "县农业农村局", 3000, 3))
    trade = tree.add_node(conn, volume, economy, NodeFields("商贸"))
    first = tree.add_node(conn, volume, economy, NodeFields("经济综述"), position=1)
    assert shape(conn, volume) == [("", "1", "经济"), ("经济", "1", "经济综述"),
                                   ("经济", "2", "农业"), ("经济", "3", "商贸")]
    assert tree.rename_node(conn, first, "综述") == "经济综述"
    before = tree.update_node(conn, farm, NodeFields("农业农村", "县农业农村局", 3500, None))
    assert before == NodeFields("农业", "县农业农村局", 3000, 3)
    assert tree.get_node(conn, farm).word_budget == 3500
    assert tree.assign_unit(conn, [farm, trade], "县商务局") == {farm: "县农业农村局", trade: ""}
    assert {tree.get_node(conn, i).unit for i in (farm, trade)} == {"县商务局"}
    assert "县商务局" in [u.name for u in store.list_volume_units(conn, volume)]
    for bad, message in ((NodeFields(" "), "名称不能为空"),
                         (NodeFields("x", word_budget=-1), "字数不能为负数")):
        with pytest.raises(FangzhiError, match=message):
            tree.update_node(conn, farm, bad)


def test_drag_and_drop_moves_reparents_and_undoes(conn: sqlite3.Connection, volume: int) -> None:
    economy = tree.add_node(conn, volume, None, NodeFields("经济"))
    society = tree.add_node(conn, volume, None, NodeFields("社会"))
    farm = tree.add_node(conn, volume, economy, NodeFields("农业"))
    grain = tree.add_node(conn, volume, farm, NodeFields("粮食"))
    tree.add_node(conn, volume, farm, NodeFields("畜牧"))
    school = tree.add_node(conn, volume, society, NodeFields("教育"))
    old_parent, old_position = tree.move_node(conn, grain, school, 99)  # dropped at the end
    assert (old_parent, old_position) == (farm, 1)
    assert [t for p, _, t in shape(conn, volume) if p == "农业"] == ["畜牧"]
    assert [t for p, _, t in shape(conn, volume) if p == "教育"] == ["粮食"]
    tree.move_node(conn, grain, old_parent, old_position)  # undo
    assert [(pos, t) for p, pos, t in shape(conn, volume) if p == "农业"] == [("1", "粮食"),
                                                                          ("2", "畜牧")]
    tree.move_node(conn, society, None, 1)  # reorder the 类目
    assert [t for p, _, t in shape(conn, volume) if p == ""] == ["社会", "经济"]
    tree.move_node(conn, farm, society, 1)  # a 分目 with its 条目 to another 类目
    assert [t for p, _, t in shape(conn, volume) if p == "社会"] == ["农业", "教育"]
    with pytest.raises(FangzhiError, match="不能把“农业”移到它自己的下级里"):
        tree.move_node(conn, farm, grain, 1)
    with pytest.raises(FangzhiError, match="超过三级"):
        tree.move_node(conn, farm, school, 1)
    with pytest.raises(FangzhiError, match="最多三级"):
        tree.add_node(conn, volume, grain, NodeFields("太深"))


def test_nodes_of_another_volume_are_refused(conn: sqlite3.Connection, volume: int) -> None:
    other = store.create_volume(conn, 2027)
    foreign = tree.add_node(conn, other, None, NodeFields("经济"))
    with pytest.raises(FangzhiError, match="不属于这一卷年鉴"):
        tree.add_node(conn, volume, foreign, NodeFields("农业"))
    mine = tree.add_node(conn, volume, None, NodeFields("社会"))
    with pytest.raises(FangzhiError, match="不属于这一卷年鉴"):
        tree.move_node(conn, mine, foreign, 1)


def test_delete_renumbers_and_guards_manuscripts(conn: sqlite3.Connection, volume: int) -> None:
    economy = tree.add_node(conn, volume, None, NodeFields("经济"))
    farm = tree.add_node(conn, volume, economy, NodeFields("农业"))
    grain = tree.add_node(conn, volume, farm, NodeFields("粮食"))
    tree.add_node(conn, volume, economy, NodeFields("商贸"))
    receive_manuscript(conn, grain, received_file("粮食", 500), date(2026, 3, 1))
    with pytest.raises(FangzhiError, match="已收到1份来稿"):
        tree.delete_node(conn, farm)
    assert tree.delete_node(conn, farm, force=True) == 2
    assert shape(conn, volume) == [("", "1", "经济"), ("经济", "1", "商贸")]
    assert conn.execute("SELECT count(*) FROM yearbook_manuscripts").fetchone() == (0,)
    with pytest.raises(FangzhiError, match="已不存在"):
        tree.get_node(conn, grain)


def outline(*roots: OutlineNode) -> ParsedOutline:
    return ParsedOutline(list(roots), "篇目.txt")


def sample() -> ParsedOutline:
    return outline(
        OutlineNode("特载", children=[OutlineNode("政府工作报告", "县政府办", 3000)]),
        OutlineNode("经济", children=[OutlineNode("农业", "县农业农村局", children=[
            OutlineNode("粮食", word_budget=1000, photo_budget=2), OutlineNode("畜牧")])]))


def test_an_outline_is_saved_whole(conn: sqlite3.Connection, volume: int) -> None:
    assert tree.save_outline(conn, volume, sample()) == 6
    assert shape(conn, volume) == [
        ("", "1", "特载"), ("", "2", "经济"), ("特载", "1", "政府工作报告"), ("经济", "1", "农业"),
        ("农业", "1", "粮食"), ("农业", "2", "畜牧")]
    assert {u.name for u in store.list_volume_units(conn, volume)} == {"县政府办", "县农业农村局"}
    with pytest.raises(InputErrors, match="已有6个篇目"):
        tree.save_outline(conn, volume, sample())
    tree.save_outline(conn, volume, outline(OutlineNode("附录")), replace=True)
    assert shape(conn, volume) == [("", "1", "附录")]


def test_an_outline_is_not_saved_over_manuscripts_or_with_errors(
        conn: sqlite3.Connection, volume: int) -> None:
    tree.save_outline(conn, volume, sample())
    grain = next(n.id for n in tree.list_nodes(conn, volume) if n.title == "粮食")
    receive_manuscript(conn, grain, received_file("粮食", 900), date(2026, 3, 1))
    before = shape(conn, volume)
    with pytest.raises(InputErrors, match="已收到1份来稿，不能整体替换篇目"):
        tree.save_outline(conn, volume, outline(OutlineNode("附录")), replace=True)
    broken = outline(OutlineNode("附录"))
    broken.problems.append(Problem("坏了", line=3))
    with pytest.raises(InputErrors, match="有1处错误"):
        tree.save_outline(conn, volume, broken, replace=True)
    with pytest.raises(InputErrors, match="没有识别出篇目"):
        tree.save_outline(conn, volume, outline(), replace=True)
    assert shape(conn, volume) == before


def test_a_failure_half_way_leaves_nothing(conn: sqlite3.Connection, volume: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing(fraction: float, text: str) -> None:
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("power cut")

    many = outline(OutlineNode("经济", "县发改局", children=[OutlineNode(f"条目{n}")
                                                       for n in range(300)]))
    with pytest.raises(RuntimeError):
        tree.save_outline(conn, volume, many, progress=failing)
    assert tree.list_nodes(conn, volume) == []
    assert store.list_volume_units(conn, volume) == []
