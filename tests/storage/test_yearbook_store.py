"""Yearbook volumes in the database: stages from the editable template, the next volume copied
from the last one, the 供稿单位 of the shared unit directory, and unit merges."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from fangzhi_desktop.domain.yearbook_stages import DEFAULT_TEMPLATE, TemplateStage
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts
from fangzhi_desktop.storage.units import ensure_unit, find_unit, merge_units
from fangzhi_desktop.storage.yearbook_tree import NodeFields, add_node, list_nodes
from tests.storage.yearbook_builders import received_file


def test_the_shipped_template_is_the_default_template(conn: sqlite3.Connection) -> None:
    template = store.stage_template(conn)
    assert [(t.name, t.start_md, t.end_md, t.publication) for t in template] == [
        tuple(t) for t in DEFAULT_TEMPLATE]


def test_a_new_volume_gets_the_template_in_its_year(conn: sqlite3.Connection) -> None:
    volume_id = store.create_volume(conn, 2026)
    volume = store.get_volume(conn, 2026)
    assert volume.id == volume_id and volume.title == "某县年鉴（2026）"  # from the profile
    stages = store.list_stages(conn, volume_id)
    assert len(stages) == 14 and stages[2].name == "组稿"
    assert (stages[2].planned_start, stages[2].planned_end) == (date(2026, 2, 11),
                                                                date(2026, 4, 10))
    assert [s.name for s in stages if s.publication] == ["出版发行"]
    with pytest.raises(FangzhiError, match="2026年卷的年鉴已经存在"):
        store.create_volume(conn, 2026)
    with pytest.raises(FangzhiError, match="年卷1980不对"):
        store.create_volume(conn, 1980)
    with pytest.raises(FangzhiError, match="没有2030年卷的年鉴（已有年卷：2026）"):
        store.get_volume(conn, 2030)


def test_the_office_edits_the_template(conn: sqlite3.Connection) -> None:
    before = store.save_stage_template(conn, [
        TemplateStage(1, "组稿", "02-01", "05-31", owner="年鉴科"),
        TemplateStage(2, "出版发行", "11-01", "11-30", publication=True)])
    assert len(before) == 14
    volume_id = store.create_volume(conn, 2027)
    stages = store.list_stages(conn, volume_id)
    assert [(s.name, s.planned_start, s.owner) for s in stages] == [
        ("组稿", date(2027, 2, 1), "年鉴科"), ("出版发行", date(2027, 11, 1), "")]
    for bad, message in (([], "至少要有一个阶段"),
                         ([TemplateStage(1, "", "01-01", "01-02")], "阶段名称不能为空"),
                         ([TemplateStage(1, "组稿", "1月1日", "01-02")], "月-日"),
                         ([TemplateStage(1, "组稿", "03-01", "02-01")], "结束日期早于开始日期"),
                         ([TemplateStage(1, "甲", "01-01", "01-02", True),
                           TemplateStage(2, "乙", "01-03", "01-04", True)], "只能有一个阶段")):
        with pytest.raises(FangzhiError, match=message):
            store.save_stage_template(conn, bad)
    store.reset_stage_template(conn)
    assert len(store.stage_template(conn)) == 14


def test_stages_are_edited_started_finished_moved_and_deleted(conn: sqlite3.Connection) -> None:
    volume_id = store.create_volume(conn, 2026)
    stages = store.list_stages(conn, volume_id)
    first = stages[0]
    before = store.start_stage(conn, first.id, date(2026, 1, 6))
    assert before.actual_start is None
    store.finish_stage(conn, first.id, date(2026, 1, 19))
    done = store.get_stage(conn, first.id)
    assert (done.actual_start, done.actual_end) == (date(2026, 1, 6), date(2026, 1, 19))
    store.finish_stage(conn, stages[1].id, date(2026, 2, 9))  # no start recorded: same day
    assert store.get_stage(conn, stages[1].id).actual_start == date(2026, 2, 9)
    with pytest.raises(FangzhiError, match="实际结束日期早于实际开始日期"):
        store.update_stage(conn, first.id, store.StageFields(
            "印发组稿通知", actual_start=date(2026, 2, 1), actual_end=date(2026, 1, 1)))
    with pytest.raises(FangzhiError, match="有实际结束日期却没有实际开始日期"):
        store.update_stage(conn, first.id, store.StageFields("x", actual_end=date(2026, 1, 1)))
    with pytest.raises(FangzhiError, match="计划结束日期早于计划开始日期"):
        store.update_stage(conn, first.id, store.StageFields(
            "x", planned_start=date(2026, 2, 1), planned_end=date(2026, 1, 1)))
    store.update_stage(conn, first.id, store.StageFields("印发组稿通知", publication=True))
    assert [s.name for s in store.list_stages(conn, volume_id) if s.publication] == [
        "印发组稿通知"]  # only one stage is the publication
    extra = store.add_stage(conn, volume_id, store.StageFields("编委会审稿"), position=7)
    names = [s.name for s in store.list_stages(conn, volume_id)]
    assert names[6] == "编委会审稿" and len(names) == 15
    assert store.move_stage(conn, extra, 1) == 7
    assert [s.name for s in store.list_stages(conn, volume_id)][:2] == ["编委会审稿", "印发组稿通知"]
    store.delete_stage(conn, extra)
    positions = [s.position for s in store.list_stages(conn, volume_id)]
    assert positions == list(range(1, 15))


def _volume_with_tree(conn: sqlite3.Connection) -> int:
    volume_id = store.create_volume(conn, 2025, "青山县年鉴（2025）", deadline=date(2025, 4, 10))
    economy = add_node(conn, volume_id, None, NodeFields("经济"))
    farm = add_node(conn, volume_id, economy, NodeFields("农业", "县农业农村局", 3000, 4))
    add_node(conn, volume_id, farm, NodeFields("粮食生产", word_budget=1200, photo_budget=2))
    grain = list_nodes(conn, volume_id)[-1].id
    store.set_volume_unit(conn, volume_id, "县农业农村局", store.UnitFields(
        "张伟", "0431-81234567", date(2024, 2, 29), "每年2月交稿"))
    manuscripts.receive_manuscript(conn, grain, received_file("粮食生产", 1200),
                                   date(2025, 3, 1))
    stage = store.list_stages(conn, volume_id)[0]
    store.finish_stage(conn, stage.id, date(2025, 1, 10))
    return volume_id


def test_the_next_volume_copies_last_years_outline_units_and_stages(
        conn: sqlite3.Connection) -> None:
    old_id = _volume_with_tree(conn)
    made = store.new_volume(conn, 2026)
    assert (made.title, made.copied_from, made.nodes, made.units, made.stages) == (
        "青山县年鉴（2026）", 2025, 3, 1, 14)
    volume = store.get_volume(conn, 2026)
    assert volume.deadline == date(2026, 4, 10) and volume.copied_from == 2025
    old = [(n.title, n.unit, n.word_budget, n.photo_budget) for n in list_nodes(conn, old_id)]
    new = [(n.title, n.unit, n.word_budget, n.photo_budget)
           for n in list_nodes(conn, made.volume_id)]
    assert new == old
    (unit,) = store.list_volume_units(conn, made.volume_id)
    assert (unit.name, unit.contact, unit.phone, unit.deadline, unit.remarks) == (
        "县农业农村局", "张伟", "0431-81234567", date(2025, 2, 28), "每年2月交稿")
    stages = store.list_stages(conn, made.volume_id)
    assert stages[0].planned_start == date(2026, 1, 5) and stages[0].actual_end is None
    assert manuscripts.manuscripts_of_volume(conn, made.volume_id) == {}
    assert len(manuscripts.manuscripts_of_volume(conn, old_id)) == 1
    with pytest.raises(FangzhiError, match="已经存在"):
        store.new_volume(conn, 2026)


def test_a_volume_can_skip_years_or_start_empty(conn: sqlite3.Connection) -> None:
    made = store.new_volume(conn, 2024)
    assert made.copied_from is None and made.nodes == 0 and made.stages == 14
    _volume_with_tree(conn)
    later = store.new_volume(conn, 2028, title="青山年鉴（2028）")
    assert later.copied_from == 2025 and later.title == "青山年鉴（2028）"
    assert store.list_stages(conn, later.volume_id)[2].planned_start == date(2028, 2, 11)
    chosen = store.new_volume(conn, 2027, from_year=2024)
    assert chosen.copied_from == 2024 and chosen.nodes == 0
    with pytest.raises(FangzhiError, match="没有2019年卷"):
        store.new_volume(conn, 2030, from_year=2019)


def test_volume_fields_and_deletion(conn: sqlite3.Connection) -> None:
    volume_id = _volume_with_tree(conn)
    before = store.update_volume(conn, volume_id, store.VolumeFields(
        "青山年鉴（2025）", date(2025, 5, 1), 0.15))
    assert before.title == "青山县年鉴（2025）"
    volume = store.get_volume(conn, 2025)
    assert (volume.title, volume.deadline, volume.tolerance) == ("青山年鉴（2025）",
                                                                date(2025, 5, 1), 0.15)
    with pytest.raises(FangzhiError, match="字数允许偏差"):
        store.update_volume(conn, volume_id, store.VolumeFields("x", None, 1.5))
    with pytest.raises(FangzhiError, match="名称不能为空"):
        store.update_volume(conn, volume_id, store.VolumeFields(" "))
    store.delete_volume(conn, volume_id)
    assert store.list_volumes(conn) == []
    assert conn.execute("SELECT count(*) FROM yearbook_manuscript_files").fetchone() == (0,)


def test_units_come_from_the_shared_directory(conn: sqlite3.Connection) -> None:
    from fangzhi_desktop.storage.database import transaction

    with transaction(conn):
        shared = ensure_unit(conn, "县教育局")
    volume_id = store.create_volume(conn, 2026)
    unit_id, before = store.set_volume_unit(conn, volume_id, "县 教育局",
                                            store.UnitFields("李娜", "123"))
    assert unit_id == shared and before is None
    unit_id, before = store.set_volume_unit(conn, volume_id, "县教育局",
                                            store.UnitFields("王芳", "456"))
    assert before == store.UnitFields("李娜", "123")
    node = add_node(conn, volume_id, None, NodeFields("教育", "县教育局"))
    with pytest.raises(FangzhiError, match="还承担1个篇目"):
        store.remove_volume_unit(conn, volume_id, unit_id)
    add_node(conn, volume_id, None, NodeFields("文化", "县文旅局"))
    assert [u.name for u in store.list_volume_units(conn, volume_id)] == ["县教育局", "县文旅局"]
    from fangzhi_desktop.storage.yearbook_tree import delete_node

    delete_node(conn, node)
    store.remove_volume_unit(conn, volume_id, unit_id)
    assert [u.name for u in store.list_volume_units(conn, volume_id)] == ["县文旅局"]


def test_merging_two_spellings_moves_the_yearbook_references(conn: sqlite3.Connection) -> None:
    volume_id = store.create_volume(conn, 2026)
    store.set_volume_unit(conn, volume_id, "县志办", store.UnitFields("赵磊", "111"))
    node = add_node(conn, volume_id, None, NodeFields("地方志", "县志办"))
    leaf = add_node(conn, volume_id, node, NodeFields("志鉴编纂"))
    manuscripts.receive_manuscript(conn, leaf, received_file("志鉴编纂", 800), date(2026, 3, 1))
    add_node(conn, volume_id, None, NodeFields("档案", "县地方志办公室"))
    keep, merge = find_unit(conn, "县地方志办公室"), find_unit(conn, "县志办")
    assert keep is not None and merge is not None
    merge_units(conn, keep, merge)
    assert {n.unit for n in list_nodes(conn, volume_id) if n.unit} == {"县地方志办公室"}
    assert manuscripts.manuscript_of(conn, leaf).unit_id == keep  # type: ignore[union-attr]
    (unit,) = store.list_volume_units(conn, volume_id)
    assert (unit.name, unit.contact, unit.phone) == ("县地方志办公室", "赵磊", "111")  # kept
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
