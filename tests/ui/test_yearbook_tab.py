"""The 年鉴编纂 tab on the demo database (a 2026 volume halfway through 组稿)."""

from __future__ import annotations

from pathlib import Path

from fangzhi_desktop.domain.yearbook import NodeKind, ReviewLevel, ReviewResult
from fangzhi_desktop.ui.dialogs import yearbook_dialogs
from fangzhi_desktop.ui.dialogs.export_dialog import ExportChoice, ExportDocumentDialog
from fangzhi_desktop.ui.yearbook_exports import BULLETIN
from fangzhi_desktop.ui.yearbook_model import TreeColumn, UnitColumn
from tests.ui.conftest import wait_for_jobs


def _tab(make_window, demo_db: Path):
    window = make_window(demo_db)
    window.select_tab("yearbook")
    return window, window.yearbook


def test_header_tree_and_units(make_window, demo_db: Path, qtmodeltester) -> None:
    _window, tab = _tab(make_window, demo_db)
    assert tab.current_year() == 2026
    assert "2026" in tab.year_combo.currentText()
    assert "延误" in tab.strip.verdict_label.text()
    assert "#B00020" in tab.strip.verdict_label.styleSheet()
    assert "组稿" in tab.strip.stage_label.text()
    states = [chip.property("state") for chip in tab.strip.chips if chip.property("state")]
    assert states[:2] == ["done", "done"]
    assert "current" in states or "late" in states
    nodes = list(tab.view.nodes().values())
    sections = sum(1 for n in nodes if n.kind is NodeKind.SECTION)
    entries = sum(1 for n in nodes if not n.children)
    assert 25 <= sections <= 35 and 100 <= entries <= 140
    qtmodeltester.check(tab.tree_model)
    qtmodeltester.check(tab.units_model)
    # Units: late first, phones masked.
    units = tab.units_model
    late = [units.data(units.index(r, UnitColumn.LATE)) for r in range(units.rowCount())]
    first_blank = next(i for i, text in enumerate(late) if not text)
    assert first_blank > 0 and not any(late[first_blank:])
    for row in range(units.rowCount()):
        phone = units.data(units.index(row, UnitColumn.PHONE))
        assert not phone or "*" in phone
    # Filter: only late entries remain.
    tab.late_box.setChecked(True)
    assert tab.proxy.rowCount() > 0
    tab.late_box.setChecked(False)
    tab.search.setText("气候")
    assert tab.proxy.rowCount() == 1


def test_review_through_dialog_and_undo(make_window, demo_db: Path, monkeypatch) -> None:
    window, tab = _tab(make_window, demo_db)
    item = next(n for n in tab.view.nodes().values()
                if n.manuscript is not None and not n.manuscript.accepted
                and n.manuscript.review_level is None)
    assert tab.select_node(item.id)
    assert tab.tree_model.data(tab.tree_model.index_of(item.id, TreeColumn.STATUS)) == "待审"

    def answer(dialog) -> int:
        dialog.level.setCurrentIndex(list(ReviewLevel).index(ReviewLevel.FIRST))
        dialog.result.setCurrentIndex(list(ReviewResult).index(ReviewResult.RETURNED))
        dialog.reason.setText("数据与统计公报不一致")
        dialog.accept()
        return 1

    monkeypatch.setattr(yearbook_dialogs.ReviewDialog, "exec", answer)
    assert tab.review()
    status = tab.tree_model.data(tab.tree_model.index_of(item.id, TreeColumn.STATUS))
    assert status == "退改"
    assert tab.detail.reviews.count() == 1
    window.undo_stack.undo()
    assert tab.tree_model.data(tab.tree_model.index_of(item.id, TreeColumn.STATUS)) == "待审"
    window.undo_stack.redo()
    assert tab.tree_model.data(tab.tree_model.index_of(item.id, TreeColumn.STATUS)) == "退改"


def test_seal_accept_and_stage_undo(make_window, demo_db: Path, monkeypatch) -> None:
    window, tab = _tab(make_window, demo_db)
    item = next(n for n in tab.view.nodes().values()
                if n.manuscript is not None and not n.manuscript.accepted)
    tab.select_node(item.id)
    assert tab.toggle_accepted()
    assert tab.selected_node().manuscript.accepted
    window.undo_stack.undo()
    assert not tab.selected_node().manuscript.accepted
    current = tab.view.stage_today.current
    monkeypatch.setattr(yearbook_dialogs.StageDateDialog, "ask",
                        classmethod(lambda cls, *a: tab.clock()))
    assert tab.mark_stage(finish=True)
    assert tab.view.stage_today.current.id != current.id
    window.undo_stack.undo()
    assert tab.view.stage_today.current.id == current.id


def test_move_node_undoable(make_window, demo_db: Path, qtbot) -> None:
    window, tab = _tab(make_window, demo_db)
    first, second = tab.view.roots[0], tab.view.roots[1]
    tab.move_node(second.id, None, 1)
    qtbot.waitUntil(lambda: tab.view.roots[0].id == second.id)
    window.undo_stack.undo()
    assert [r.id for r in tab.view.roots[:2]] == [first.id, second.id]


def test_open_manuscript(make_window, demo_db: Path, said) -> None:
    _window, tab = _tab(make_window, demo_db)
    item = next(n for n in tab.view.nodes().values() if n.manuscript is not None)
    tab.select_node(item.id)
    path = tab.open_manuscript()
    assert path is not None and path.exists() and path.stat().st_size > 0
    assert said.texts("open_url") == [str(path)]


def test_bulletin_export(make_window, demo_db: Path, tmp_path: Path, said, monkeypatch,
                         qtbot) -> None:
    _window, tab = _tab(make_window, demo_db)
    out = tmp_path / "通报.docx"
    monkeypatch.setattr(ExportDocumentDialog, "ask", classmethod(
        lambda cls, parent, conn, options, when: ExportChoice(when, 7)))
    said.answers["save_file"] = out
    job = tab.exports.start(BULLETIN)
    assert job is not None
    wait_for_jobs(qtbot)
    qtbot.waitUntil(lambda: bool(said.texts("offer_open")))
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "供稿情况的通报" in text


def test_dashboard_shows_volume_verdict(make_window, demo_db: Path) -> None:
    window = make_window(demo_db)
    box = window.dashboard.yearbook
    assert "2026" in box.title.text()
    assert "组稿" in box.stage.text()
    assert "延误" in box.verdict.text()
    box.open_tab.emit()
    assert window.current_tab_key() == "yearbook"


def test_the_unit_card_shows_the_phone_in_full_on_request_only(make_window,
                                                               demo_db: Path) -> None:
    from fangzhi_desktop.domain.privacy import mask_phone

    _window, tab = _tab(make_window, demo_db)
    phones = {u.unit.unit_id: u.unit.phone for u in tab.view.units if u.unit.phone}
    first, second = [n for n in tab.view.nodes().values()
                     if not n.children and n.unit_id in phones][:2]
    detail = tab.detail
    assert tab.select_node(first.id)
    phone = phones[first.unit_id]
    assert mask_phone(phone) in detail.info.text() and phone not in detail.info.text()
    assert detail.reveal_button.isVisibleTo(detail)
    assert detail.reveal_button.text() == "显示完整号码"
    detail.reveal_button.click()
    assert phone in detail.info.text() and detail.reveal_button.text() == "隐藏号码"
    detail.reveal_button.click()
    assert phone not in detail.info.text()
    detail.reveal_button.click()
    assert tab.select_node(second.id)  # another card: masked again
    assert phones[second.unit_id] not in detail.info.text()
    assert detail.reveal_button.text() == "显示完整号码"
    assert tab.select_node(first.id)
    assert phone not in detail.info.text()
    no_unit = next((n for n in tab.view.nodes().values() if n.unit_id is None), None)
    if no_unit is not None:
        assert tab.select_node(no_unit.id)
        assert not detail.reveal_button.isVisibleTo(detail)
