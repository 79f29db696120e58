"""干部学习 → 人员与学时: numbers masked on the card unless shown for one person, a whole ID
finds the person, and 删除此人… removes a person's personal data after a backup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from fangzhi_desktop.domain.privacy import mask_id_number, mask_phone
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.backup import list_backups
from fangzhi_desktop.storage.people import list_people
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.learning_models import PeopleColumn


def _people(demo_db: Path):
    conn = open_database(demo_db)
    try:
        return list_people(conn)
    finally:
        conn.close()


def test_card_masks_numbers_and_shows_them_for_one_person_on_request(make_window,
                                                                     demo_db: Path) -> None:
    first, second = _people(demo_db)[:2]
    window = make_window(demo_db)
    window.select_tab("learning")
    people = window.learning.people
    card = people.card
    assert people.select_person(first.id)
    assert mask_id_number(first.id_number) in card.numbers.text()
    assert mask_phone(first.phone) in card.numbers.text()
    assert first.id_number not in card.numbers.text() and first.phone not in card.numbers.text()
    card.reveal_button.click()
    assert first.id_number in card.numbers.text() and first.phone in card.numbers.text()
    assert card.reveal_button.text() == "隐藏号码"
    # Another person: masked again.
    assert people.select_person(second.id)
    assert second.id_number not in card.numbers.text()
    assert mask_id_number(second.id_number) in card.numbers.text()


def test_a_whole_id_or_mobile_number_finds_the_person(make_window, demo_db: Path) -> None:
    person = _people(demo_db)[4]
    window = make_window(demo_db)
    window.select_tab("learning")
    people = window.learning.people
    for query in (person.id_number, person.id_number.lower(), person.phone):
        people.search_edit.setText(query)
        people.apply_filter()
        assert people.shown_names() == [person.name], query
    people.search_edit.setText(person.id_number[:10])  # part of a number finds no one
    people.apply_filter()
    assert people.shown_names() == []


def test_removing_a_person_keeps_the_hours_and_says_it_cannot_be_undone(
        make_window, demo_db: Path, qtbot: QtBot, tmp_path: Path, said) -> None:
    person = _people(demo_db)[2]
    window = make_window(demo_db)
    window.settings.set(keys.BACKUP_DIR, str(tmp_path / "b"))
    window.select_tab("learning")
    tab = window.learning
    people = tab.people
    earned = people.model.person(people.model.index(
        people.model.row_of(person.id), 0)).earned
    summary = tab.summary_label.text()
    assert people.select_person(person.id)
    said.answers["confirm"] = False
    people.card.remove_button.click()
    question = said.texts("confirm")[-1]
    assert person.name in question and "无法撤销" in question and "恢复备份" in question
    assert len(_people(demo_db)) == 25 and person.id_number in {
        p.id_number for p in _people(demo_db)}

    said.answers["confirm"] = True
    with qtbot.waitSignal(people.remove_person(person.id).finished, timeout=20000):
        pass
    assert f"已删除人员 #{person.id}" in said.texts("inform")[-1]
    assert [b.reason for b in list_backups(tmp_path / "b")] == ["删除人员前"]
    names = [people.proxy.data(people.proxy.index(r, PeopleColumn.NAME))
             for r in range(people.proxy.rowCount())]
    assert person.name not in names and f"已删除人员 #{person.id}" in names
    row = people.model.row_of(person.id)
    assert people.model.person(people.model.index(row, 0)).earned == earned
    assert tab.summary_label.text() == summary
    assert person.id_number not in {p.id_number for p in _people(demo_db)}
    assert people.select_person(person.id)
    assert not people.card.remove_button.isVisibleTo(people.card)


def _export_texts(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return "\n".join(str(v) for ws in book for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    finally:
        book.close()


def test_exports_ask_about_full_numbers_and_mask_by_default(make_window, demo_db: Path,
                                                           qtbot: QtBot, tmp_path: Path,
                                                           said) -> None:
    from tests.ui.conftest import wait_for_jobs

    ids = {p.id_number for p in _people(demo_db)}
    window = make_window(demo_db)
    window.select_tab("learning")
    people = window.learning.people
    # Cancelled at the question: nothing asked after it, nothing written.
    said.answers["full_numbers"] = None
    assert people.exports.export_roster() is None
    assert [k for k, *_ in said.shown] == ["full_numbers"]
    assert "完整花名册" in said.texts("full_numbers")[0]

    said.answers["full_numbers"] = False
    said.answers["save_file"] = tmp_path / "masked.xlsx"
    people.roster_button.click()
    wait_for_jobs(qtbot)
    text = _export_texts(tmp_path / "masked.xlsx")
    assert not any(i in text for i in ids) and "**********" in text

    said.answers["full_numbers"] = True
    said.answers["save_file"] = tmp_path / "full.xlsx"
    people.hours_button.click()
    wait_for_jobs(qtbot)
    assert ids <= set(_export_texts(tmp_path / "full.xlsx").split("\n"))
    assert "公民身份号码" in said.texts("full_numbers")[-1]


def _model_texts(model, parent=None, depth: int = 0) -> Iterator[str]:
    from PySide6.QtCore import QModelIndex, Qt

    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value is not None:
                    yield str(value)
        first = model.index(row, 0, parent)
        if depth < 6 and model.rowCount(first) > 0:
            yield from _model_texts(model, first, depth + 1)


def test_no_full_number_anywhere_in_the_window(make_window, demo_db: Path) -> None:
    """Every tab opened, every item model and label read: no full ID or phone of a person,
    and no full phone of a 供稿单位 contact."""
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QLabel

    conn = open_database(demo_db)
    try:
        phones = [row[0] for row in conn.execute(
            "SELECT phone FROM yearbook_units WHERE phone != ''")]
    finally:
        conn.close()
    people = _people(demo_db)
    secrets = {p.id_number for p in people} | {p.phone for p in people} | set(phones)
    assert len(secrets) > 50
    window = make_window(demo_db)
    for key in ("dashboard", "workpoints", "campaigns", "yearbook", "learning"):
        window.select_tab(key)
    window.learning.people.select_person(people[0].id)
    texts = [t for m in window.findChildren(QAbstractItemModel) for t in _model_texts(m)]
    texts += [label.text() for label in window.findChildren(QLabel)]
    assert len(texts) > 1000
    leaked = {s for s in secrets for t in texts if s in t}
    assert not leaked, leaked
