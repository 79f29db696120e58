"""设置 → 单位信息: every field, a live preview, validation, saved on 确定."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from fangzhi_desktop.domain.office import PROFILE_LABELS, OfficeProfile
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.office import load_profile
from fangzhi_desktop.ui.dialogs.office_profile_dialog import (
    OfficeProfileDialog,
    is_default,
    split_label,
)
from tests.ui.conftest import type_text

NEW = OfficeProfile(
    full_name="某某县地方志办公室", short_name="某县志办", red_head="某某县地方志办公室文件",
    default_recipient="各乡（镇）人民政府，县直各有关单位：", cc="县委办公室、县政府办公室",
    printer="某某县地方志办公室综合科", signature="某某县地方志办公室",
    briefing_name="方志工作简报", briefing_publisher="某某县地方志办公室编")


@pytest.fixture
def demo_conn(demo_db: Path) -> Iterator[sqlite3.Connection]:
    conn = open_database(demo_db)
    yield conn
    conn.close()


def _dialog(qtbot, conn: sqlite3.Connection) -> OfficeProfileDialog:
    dialog = OfficeProfileDialog(None, conn, 2026)
    qtbot.addWidget(dialog)
    return dialog


def test_every_field_with_its_label(qtbot, demo_conn: sqlite3.Connection) -> None:
    dialog = _dialog(qtbot, demo_conn)
    assert list(dialog.edits) == OfficeProfile.field_names()
    labels = [dialog.form.labelForField(edit).text() for edit in dialog.edits.values()]
    assert labels == [split_label(PROFILE_LABELS[name])[0] for name in dialog.edits]
    assert labels[:3] == ["单位全称", "发文字号代字", "版头文字"]
    assert dialog.edits["short_name"].placeholderText() == "如“某志办”"
    assert dialog.edits["red_head"].placeholderText() == "留空为“单位全称+文件”"
    assert dialog.edits["full_name"].text() == "吉林省地方志编纂委员会"
    assert dialog.edits["short_name"].text() == "吉志委"


def test_preview_follows_the_typing(qtbot, demo_conn: sqlite3.Connection) -> None:
    dialog = _dialog(qtbot, demo_conn)
    assert dialog.doc_no_preview() == "吉志委发〔2026〕1号"
    assert "发文字号：吉志委发〔2026〕1号" in dialog.preview_no.text()
    assert "吉林省地方志编纂委员会文件" in dialog.preview_head.text()
    dialog.edits["short_name"].clear()
    type_text(dialog.edits["short_name"], "某县志办")
    assert dialog.preview_no.text() == "发文字号：某县志办发〔2026〕1号"
    type_text(dialog.edits["red_head"], "某某县志办文件")
    assert "某某县志办文件" in dialog.preview_head.text()
    dialog.edits["short_name"].clear()
    assert "请填写代字" in dialog.preview_no.text()


def test_round_trip(qtbot, demo_conn: sqlite3.Connection) -> None:
    dialog = _dialog(qtbot, demo_conn)
    for name, edit in dialog.edits.items():
        edit.setText(f"  {getattr(NEW, name)} ")  # surrounding spaces are dropped
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert load_profile(demo_conn) == NEW
    again = _dialog(qtbot, demo_conn)
    assert again.profile() == NEW


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("full_name", "", "请填写单位全称。"),
    ("full_name", "   ", "请填写单位全称。"),
    ("short_name", "", "请填写发文字号代字"),
    ("short_name", "吉志委发〔2026〕", "不要带〔〕、括号或数字"),
    ("short_name", "吉志委2", "不要带〔〕、括号或数字"),
    ("short_name", "吉志委发", "请把代字改为“吉志委”"),
])
def test_refuses_unusable_names(qtbot, demo_conn: sqlite3.Connection, field: str, value: str,
                                problem: str) -> None:
    before = load_profile(demo_conn)
    dialog = _dialog(qtbot, demo_conn)
    dialog.edits["briefing_name"].setText("不会保存")
    dialog.edits[field].setText(value)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.isVisibleTo(dialog)
    assert problem in dialog.problem.text()
    assert load_profile(demo_conn) == before


def test_default_profile_is_recognised(demo_conn: sqlite3.Connection) -> None:
    assert is_default(OfficeProfile())
    assert not is_default(load_profile(demo_conn))


def test_settings_menu_opens_it(make_window, demo_db: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(demo_db)
    calls: list[int] = []
    monkeypatch.setattr(OfficeProfileDialog, "ask",
                        classmethod(lambda _cls, parent, conn, year: calls.append(year)))
    window.profile_action.trigger()
    assert calls == [2026]
