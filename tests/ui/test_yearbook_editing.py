"""Editing a volume from the 年鉴编纂 tab (篇目, stage plan, 供稿单位) and the menu's imports and
progress table, on the demo database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.yearbook import NodeKind
from fangzhi_desktop.storage import yearbook as volumes
from fangzhi_desktop.ui.dialogs import yearbook_dialogs
from fangzhi_desktop.ui.dialogs.yearbook_dialogs import (
    NodeDialog,
    StagePlanDialog,
    UnitContactDialog,
)
from fangzhi_desktop.ui.yearbook_exports import MANUSCRIPTS, OUTLINE, XLSX
from fangzhi_desktop.ui.yearbook_model import TreeColumn, UnitColumn
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import type_text, wait_for_jobs


def _tab(make_window, demo_db: Path):
    window = make_window(demo_db)
    window.select_tab("yearbook")
    return window, window.yearbook


def _answer(monkeypatch, cls, fill) -> list:
    """Replace ``cls.exec``: ``fill(dialog)`` then 确定; the dialogs seen are returned."""
    seen = []

    def exec_(dialog) -> int:
        seen.append(dialog)
        fill(dialog)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(cls, "exec", exec_)
    return seen


def _text(tab, node_id: int, column: TreeColumn) -> str:
    return tab.tree_model.data(tab.tree_model.index_of(node_id, column))


def _section(tab):
    return next(n for n in tab.view.nodes().values()
                if n.kind is NodeKind.SECTION and n.children)


def test_context_menu_and_buttons(make_window, demo_db: Path) -> None:
    _window, tab = _tab(make_window, demo_db)
    texts = [a.text() for a in tab.node_menu().actions() if not a.isSeparator()]
    assert texts == ["新增类目…", "新增分目…", "新增条目…", "重命名…", "指定供稿单位…",
                     "设置预算…", "删除…"]
    tab.tree.setCurrentIndex(tab.proxy.index(0, 0))
    assert all(b.isEnabled() for b in tab.edit_buttons.values())
    texts = [a.text() for a in tab.node_menu().actions() if not a.isSeparator()]
    assert texts[-1] == "修改记录…"  # of the selected 篇目


def test_add_entry_undo_redo(make_window, demo_db: Path, monkeypatch) -> None:
    window, tab = _tab(make_window, demo_db)
    section = _section(tab)
    tab.select_node(section.id)
    seen = _answer(monkeypatch, NodeDialog, lambda d: (
        type_text(d.name, "新增测试条目"), d.unit.setCurrentText("新建测试局"),
        d.words.setValue(1500), d.photos.setValue(2)))
    node_id = tab.add_node(NodeKind.ENTRY)
    assert node_id is not None and seen[0].windowTitle() == "新增条目"
    added = tab.tree_model.item(node_id)
    assert tab.tree_model.parent_of(node_id).id == section.id
    assert added.title == "新增测试条目" and added.kind is NodeKind.ENTRY
    assert _text(tab, node_id, TreeColumn.UNIT) == "新建测试局"
    assert _text(tab, node_id, TreeColumn.BUDGET) == "1,500"
    assert tab.selected_id() == node_id
    assert window.undo_stack.undoText().startswith("新增条目")
    window.undo_stack.undo()
    assert tab.tree_model.item(node_id) is None
    window.undo_stack.redo()
    titles = [c.title for c in tab.tree_model.item(section.id).children]
    assert titles[-1] == "新增测试条目"
    # A 类目 at the end, and a 分目 under the selected node's 类目.
    _answer(monkeypatch, NodeDialog, lambda d: d.name.setText("新增类目甲"))
    category = tab.add_node(NodeKind.CATEGORY)
    assert tab.view.roots[-1].id == category
    tab.select_node(section.children[0].id)
    sub = tab.add_node(NodeKind.SECTION)
    assert tab.tree_model.parent_of(sub).depth == 1


def test_rename_assign_budget_undo(make_window, demo_db: Path, monkeypatch) -> None:
    window, tab = _tab(make_window, demo_db)
    entry = _section(tab).children[0]
    title, unit = entry.title, entry.unit
    tab.select_node(entry.id)
    _answer(monkeypatch, NodeDialog, lambda d: d.name.setText("改过的条目名"))
    assert tab.rename_node()
    assert _text(tab, entry.id, TreeColumn.TITLE) == "改过的条目名"
    _answer(monkeypatch, NodeDialog, lambda d: d.unit.setCurrentText("县档案馆测试科"))
    assert tab.assign_unit()
    assert _text(tab, entry.id, TreeColumn.UNIT) == "县档案馆测试科"
    assert "县档案馆测试科" in [u.unit.name for u in tab.view.units]
    _answer(monkeypatch, NodeDialog, lambda d: (d.words.setValue(2500), d.photos.setValue(3)))
    assert tab.set_budget()
    assert _text(tab, entry.id, TreeColumn.BUDGET) == "2,500"
    assert tab.tree_model.item(entry.id).photo_budget == 3
    # Nothing changed: nothing goes on the stack.
    count = window.undo_stack.count()
    _answer(monkeypatch, NodeDialog, lambda d: None)
    assert not tab.rename_node() and window.undo_stack.count() == count
    for _ in range(3):
        window.undo_stack.undo()
    assert _text(tab, entry.id, TreeColumn.TITLE) == title
    assert _text(tab, entry.id, TreeColumn.UNIT) == unit
    assert tab.tree_model.item(entry.id).word_budget == entry.word_budget


def test_empty_name_is_refused_in_the_dialog(make_window, demo_db: Path, monkeypatch) -> None:
    _window, tab = _tab(make_window, demo_db)
    tab.select_node(_section(tab).id)
    problems = []

    def exec_(dialog) -> int:
        dialog.name.setText("  ")
        dialog.accept()
        problems.append(dialog.problem.text())
        return 0

    monkeypatch.setattr(NodeDialog, "exec", exec_)
    assert tab.add_node(NodeKind.ENTRY) is None
    assert problems == ["请填写篇目名称。"]


def test_delete_refused_with_manuscripts_and_confirmed_otherwise(make_window, demo_db: Path,
                                                                said) -> None:
    _window, tab = _tab(make_window, demo_db)
    received = next(n for n in tab.view.nodes().values() if n.manuscript is not None)
    tab.select_node(received.id)
    assert not tab.delete_node()
    assert "已收到1份来稿" in said.texts("error")[-1]
    assert tab.tree_model.item(received.id) is not None
    empty = next(n for n in tab.view.nodes().values()
                 if not n.children and n.manuscript is None)
    tab.select_node(empty.id)
    said.answers["confirm"] = False
    assert not tab.delete_node()
    said.answers["confirm"] = True
    assert tab.delete_node()
    assert "不能撤销" in said.texts("confirm")[-1]
    assert tab.tree_model.item(empty.id) is None


def test_stage_plan_edit_undo_and_template(make_window, demo_db: Path, monkeypatch,
                                           said) -> None:
    window, tab = _tab(make_window, demo_db)
    conn = tab.conn
    before = [(s.name, s.planned_start, s.owner) for s in tab.view.stages]
    template_before = volumes.stage_template(conn)
    said.answers["inform"] = None

    def fill(d: StagePlanDialog) -> None:
        assert d.table.rowCount() == len(before)
        d.table.item(0, 0).setText("资料征集")
        d.table.item(0, 3).setText("编辑部张三")
        d.table.setCurrentCell(d.table.rowCount() - 1, 0)
        d.remove_button.click()
        d.table.setCurrentCell(0, 0)
        d.add_button.click()  # a new row after the first
        d.table.item(1, 0).setText("补充调研")
        d.table.item(1, 1).setText("2026-02-01")
        d.table.item(1, 2).setText("2026-02-20")
        d.up_button.click()  # now first
        # A wrong date is refused with a reason, then put right.
        d.table.item(0, 2).setText("2026-13-40")
        d.accept()
        assert "日期应写成" in d.problem.text()
        d.table.item(0, 2).setText("2026-02-20")

    _answer(monkeypatch, StagePlanDialog, fill)
    assert tab.edit_stage_plan()
    names = [s.name for s in tab.view.stages]
    assert names[:2] == ["补充调研", "资料征集"]
    assert len(names) == len(before)  # one added, one removed
    assert tab.view.stages[1].owner == "编辑部张三"
    assert tab.view.stages[0].planned_start == date(2026, 2, 1)
    window.undo_stack.undo()
    assert [(s.name, s.planned_start, s.owner) for s in tab.view.stages] == before
    window.undo_stack.redo()
    assert [s.name for s in tab.view.stages] == names
    window.undo_stack.undo()
    assert [(s.name, s.planned_start, s.owner) for s in tab.view.stages] == before

    # 另存为本办模板 from the dialog.
    def save_template(d: StagePlanDialog) -> None:
        d.template_button.click()  # the demo's plan runs into next year
        assert "跨年" in d.problem.text()
        while d.table.rowCount() > 12:
            d.table.setCurrentCell(d.table.rowCount() - 1, 0)
            d.remove_button.click()
        for row in range(12):
            d.table.item(row, 1).setText(f"2026-{row + 1:02d}-01")
            d.table.item(row, 2).setText(f"2026-{row + 1:02d}-20")
        d.table.item(0, 0).setText("模板第一阶段")
        d.template_button.click()
        assert d.problem.isHidden()
        d.reject()

    monkeypatch.setattr(StagePlanDialog, "exec", lambda d: (save_template(d), 0)[1])
    assert not tab.edit_stage_plan()
    template = volumes.stage_template(conn)
    assert template[0].name == "模板第一阶段" and len(template) == 12
    assert (template[0].start_md, template[0].end_md) == ("01-01", "01-20")
    assert "模板" in said.texts("inform")[-1]
    window.undo_stack.undo()
    assert volumes.stage_template(conn) == template_before


def test_unit_contact_phone_and_deadline(make_window, demo_db: Path, monkeypatch) -> None:
    window, tab = _tab(make_window, demo_db)
    tab.views.setCurrentWidget(tab.units_page)
    model = tab.units_model
    row = next(r for r in range(model.rowCount()) if model.units[r].unit.phone)
    unit = model.units[row]
    name, phone = unit.name, unit.unit.phone
    assert "*" in model.data(model.index(row, UnitColumn.PHONE))
    tab.units_view.setCurrentIndex(model.index(row, 0))
    shown = []

    def fill(d: UnitContactDialog) -> None:
        shown.append(d.phone.text())
        type_text(d.contact, "王五")
        d.contact.setText("王五")
        d.phone.setText("13912345678")
        d.set_deadline(date(2026, 12, 31))

    _answer(monkeypatch, UnitContactDialog, fill)
    assert tab.edit_unit()
    assert shown == [phone]  # editing reveals the whole number
    after = next(u for u in model.units if u.name == name)
    assert after.unit.contact == "王五" and after.deadline == date(2026, 12, 31)
    new_row = model.units.index(after)
    assert model.data(model.index(new_row, UnitColumn.PHONE)) == "139****5678"
    window.undo_stack.undo()
    back = next(u for u in model.units if u.name == name)
    assert back.unit.phone == phone and back.unit.contact == unit.unit.contact
    assert back.unit.deadline == unit.unit.deadline


OUTLINE_TEXT = """一、测试自然
（一）测试气候
1.测试气温（县气象局，1200字）
2.测试降水（县气象局，800字）
二、测试经济
（一）测试农业
1.测试粮食生产（县农业农村局，1500字，图片2幅）
"""


def test_import_outline_from_the_menu(make_window, demo_db: Path, tmp_path: Path, said,
                                      qtbot) -> None:
    _window, tab = _tab(make_window, demo_db)
    path = tmp_path / "篇目.txt"
    path.write_text(OUTLINE_TEXT, encoding="utf-8")
    said.answers["open_file"] = path
    said.answers["confirm"] = True
    # 2026 has manuscripts: its tree cannot be replaced, and the user is told before asking.
    assert tab.exports.start(OUTLINE) is not None
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: bool(said.texts("error")))
    assert "不能用导入的篇目整体替换" in said.texts("error")[0] and not said.texts("confirm")
    # A new 2027 volume (its tree copied from 2026, nothing received yet) takes it.
    said.answers["ask_year"] = 2027
    tab.new_volume()
    assert tab.current_year() == 2027
    assert tab.exports.start(OUTLINE) is not None
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: "篇目已导入" in [t for k, t, _ in said.shown if k == "inform"])
    assert "整体替换" in said.texts("confirm")[0] and "2 个类目" in said.texts("confirm")[0]
    assert [r.title for r in tab.view.roots] == ["测试自然", "测试经济"]
    assert tab.proxy.rowCount() == 2
    leaf = next(n for n in tab.view.nodes().values() if n.title == "测试粮食生产")
    assert _text(tab, leaf.id, TreeColumn.UNIT) == "县农业农村局"
    assert _text(tab, leaf.id, TreeColumn.BUDGET) == "1,500"


def test_receive_manuscripts_from_the_menu(make_window, demo_db: Path, tmp_path: Path, said,
                                           monkeypatch, qtbot) -> None:
    _window, tab = _tab(make_window, demo_db)
    unit = next(u for u in tab.view.units if len(u.missing) >= 2)
    entries = unit.missing[:2]
    folder = tmp_path / unit.name
    folder.mkdir()
    paths = []
    for entry in entries:
        path = folder / f"{entry.title}.txt"
        path.write_text(f"{entry.title}\n" + "全县粮食总产量稳定增长。" * 40, encoding="utf-8")
        paths.append(path)
    said.answers["open_files"] = paths
    previews = []
    monkeypatch.setattr(yearbook_dialogs.ManuscriptsPreviewDialog, "ask",
                        classmethod(lambda cls, parent, preview: previews.append(preview) or True))
    assert tab.exports.start(MANUSCRIPTS) is not None
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: bool(said.texts("inform")))
    assert len(previews[0].matches) == 2
    assert said.texts("inform")[-1] == "已保存2份来稿。"
    for entry in entries:
        item = tab.tree_model.item(entry.id)
        assert item.manuscript is not None and item.manuscript.received_on == DEMO_TODAY
        assert _text(tab, entry.id, TreeColumn.STATUS) == "待审"
    after = next(u for u in tab.view.units if u.name == unit.name)
    assert after.received == unit.received + 2


def test_progress_xlsx_export(make_window, demo_db: Path, tmp_path: Path, said,
                              qtbot) -> None:
    _window, tab = _tab(make_window, demo_db)
    out = tmp_path / "进度表.xlsx"
    said.answers["save_file"] = out
    assert tab.exports.start(XLSX) is not None
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: bool(said.texts("offer_open")))
    import openpyxl

    book = openpyxl.load_workbook(out, read_only=True)
    cells = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c is not None}
    book.close()
    assert {u.name for u in tab.view.late_units()} <= cells
    assert any(n.title in cells for n in tab.view.nodes().values() if not n.children)
