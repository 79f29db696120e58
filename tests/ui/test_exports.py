"""导出 ▾ on the 年度工作要点 tab: the four Word documents, 发文字号, a locked target, opening."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.office import next_doc_serial, save_profile
from fangzhi_desktop.ui import prompts
from fangzhi_desktop.ui import settings as keys
from fangzhi_desktop.ui.dialogs.export_dialog import (
    DocumentOptions,
    ExportChoice,
    ExportDocumentDialog,
)
from fangzhi_desktop.ui.dialogs.office_profile_dialog import OfficeProfileDialog
from fangzhi_desktop.ui.workpoints_exports import ExportKind
from fangzhi_desktop.ui.workpoints_tab import WorkpointsTab
from tests.exporters.docx_checks import all_text
from tests.ui.conftest import wait_for_jobs

TITLES = {
    ExportKind.NOTICE: "关于印发《吉林省地方志编纂委员会2023年工作要点》的通知",
    ExportKind.REPORT: "关于2023年工作要点落实情况的通报",
    ExportKind.LEDGER: "吉林省地方志编纂委员会2023年工作要点落实情况台账",
    ExportKind.SUMMARY: "2023年工作要点完成情况总结",
}
FILE_NAMES = {
    ExportKind.NOTICE: "2023年工作要点印发通知.docx",
    ExportKind.REPORT: "2023年工作要点落实情况通报.docx",
    ExportKind.LEDGER: "2023年工作要点落实情况台账.docx",
    ExportKind.SUMMARY: "2023年工作要点完成情况总结.docx",
}


def _tab(make_window, demo_db: Path) -> WorkpointsTab:
    window = make_window(demo_db)
    window.select_tab("workpoints")
    tab = window.workpoints
    tab.select_year(2023)
    return tab


def _next_serial(db: Path, year: int) -> int:
    conn = open_database(db)
    try:
        return next_doc_serial(conn, year)
    finally:
        conn.close()


class DialogAnswers:
    """Stands in for ``ExportDocumentDialog.ask``: builds the real dialog, reads its defaults,
    optionally changes the serial, and answers as if 导出… was clicked."""

    def __init__(self, serial: int | None = None, cancel: bool = False) -> None:
        self.serial = serial
        self.cancel = cancel
        self.seen: list[dict[str, object]] = []

    def __call__(self, parent, conn, options: DocumentOptions,
                 when: date) -> ExportChoice | None:
        dialog = ExportDocumentDialog(parent, conn, options, when)
        self.seen.append({"options": options, "when": when, "prefix": dialog.prefix.text(),
                          "serial": dialog.serial.value(), "note": dialog.note.isVisibleTo(dialog)})
        if self.serial is not None:
            dialog.serial.setValue(self.serial)
        value = dialog.value()
        dialog.deleteLater()
        return None if self.cancel else value


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> DialogAnswers:
    fake = DialogAnswers()
    monkeypatch.setattr(ExportDocumentDialog, "ask",
                        classmethod(lambda _cls, *args: fake(*args)))
    return fake


def _export(tab: WorkpointsTab, kind: ExportKind, qtbot, said) -> None:
    tab.exports.actions[kind].trigger()
    qtbot.waitUntil(lambda: bool(said.texts("offer_open") or said.texts("error")),
                    timeout=20000)
    wait_for_jobs(qtbot)


@pytest.mark.parametrize("kind", [ExportKind.NOTICE, ExportKind.REPORT, ExportKind.LEDGER,
                                  ExportKind.SUMMARY])
def test_each_document_is_written_and_reads_back(make_window, demo_db: Path, said, qtbot,
                                                 tmp_path: Path, answers: DialogAnswers,
                                                 kind: ExportKind) -> None:
    tab = _tab(make_window, demo_db)
    out = tmp_path / "out" / FILE_NAMES[kind]
    said.answers["save_file"] = out
    _export(tab, kind, qtbot, said)
    assert said.texts("error") == []
    text = all_text(out)
    assert TITLES[kind] in text.replace("\n", "")
    [seen] = answers.seen
    options = seen["options"]
    assert isinstance(options, DocumentOptions)
    assert options.document == TITLES[kind]
    assert options.doc_no == (kind in (ExportKind.NOTICE, ExportKind.REPORT))
    # 通知: the plan's own date (2023-03-21); the others: today.
    assert seen["when"] == (date(2023, 3, 21) if kind is ExportKind.NOTICE
                            else date(2026, 11, 23))
    assert seen["note"] is False  # the demo office has filled in its names
    message = said.texts("offer_open")[-1]
    assert message.startswith(f"已导出：{out}")
    if options.doc_no:
        year = 2023 if kind is ExportKind.NOTICE else 2026
        assert seen["prefix"] == f"吉志委发〔{year}〕"
        assert seen["serial"] == 1
        assert f"吉志委发〔{year}〕1号" in text
        assert "发文字号：" f"吉志委发〔{year}〕1号" in message
        assert _next_serial(demo_db, year) == 2
    else:
        assert "发文字号" not in message
        assert _next_serial(demo_db, 2026) == 1


def test_chosen_serial_is_printed_and_taken(make_window, demo_db: Path, said, qtbot,
                                           tmp_path: Path, answers: DialogAnswers) -> None:
    tab = _tab(make_window, demo_db)
    answers.serial = 5
    out = tmp_path / "通报.docx"
    said.answers["save_file"] = out
    _export(tab, ExportKind.REPORT, qtbot, said)
    assert "吉志委发〔2026〕5号" in all_text(out)
    assert _next_serial(demo_db, 2026) == 6
    # The next 通报 offers the next free number.
    said.shown.clear()
    answers.serial = None
    said.answers["save_file"] = tmp_path / "通报2.docx"
    _export(tab, ExportKind.REPORT, qtbot, said)
    assert answers.seen[-1]["serial"] == 6
    assert "吉志委发〔2026〕6号" in all_text(tmp_path / "通报2.docx")
    assert _next_serial(demo_db, 2026) == 7


def test_default_name_in_the_last_export_folder(make_window, demo_db: Path, said, qtbot,
                                                tmp_path: Path, answers: DialogAnswers,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _tab(make_window, demo_db)
    folder = tmp_path / "公文"
    folder.mkdir()
    tab.settings.set(keys.EXPORT_DIR, str(folder))
    asked: list[tuple[str, str, str]] = []

    def save_file(_parent, title: str, file_filter: str, suggested: str = "") -> Path:
        asked.append((title, file_filter, suggested))
        return Path(suggested).with_suffix("")  # the user dropped the extension

    monkeypatch.setattr(prompts, "save_file", save_file)
    _export(tab, ExportKind.REPORT, qtbot, said)
    [(title, file_filter, suggested)] = asked
    assert title == "导出落实情况通报"
    assert file_filter == "Word 文档 (*.docx)"
    assert suggested == str(folder / "2023年工作要点落实情况通报.docx")
    assert (folder / "2023年工作要点落实情况通报.docx").stat().st_size > 0


def test_cancelling_the_dialog_asks_nothing_more(make_window, demo_db: Path, said,
                                                 answers: DialogAnswers) -> None:
    tab = _tab(make_window, demo_db)
    answers.cancel = True
    tab.exports.actions[ExportKind.NOTICE].trigger()  # an unexpected save_file would fail
    assert said.shown == []
    assert tab.export_button.isEnabled()
    assert _next_serial(demo_db, 2023) == 1


def test_locked_target_shows_the_message_and_writes_nothing(
        make_window, demo_db: Path, said, qtbot, tmp_path: Path, answers: DialogAnswers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _tab(make_window, demo_db)
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "通报.docx"
    said.answers["save_file"] = target

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    _export(tab, ExportKind.REPORT, qtbot, said)
    [message] = said.texts("error")
    assert "通报.docx 正被其他程序占用（可能在 Word、Excel 或 WPS 中打开），请关闭后重试" in message
    assert said.texts("offer_open") == []
    assert list(folder.iterdir()) == []  # no file, no temporary left behind
    assert _next_serial(demo_db, 2026) == 1  # the number was not used up
    assert tab.export_button.isEnabled()


@pytest.mark.parametrize(("answer", "opened"), [(prompts.OPEN_FILE, "file"),
                                                (prompts.OPEN_FOLDER, "folder")])
def test_offer_to_open_the_file_or_its_folder(make_window, demo_db: Path, said, qtbot,
                                              tmp_path: Path, answers: DialogAnswers,
                                              answer: str, opened: str) -> None:
    tab = _tab(make_window, demo_db)
    out = tmp_path / "台账.docx"
    said.answers["save_file"] = out
    said.answers["offer_open"] = answer
    _export(tab, ExportKind.LEDGER, qtbot, said)
    assert said.texts("open_url") == [str(out if opened == "file" else tmp_path)]


def test_failure_to_open_is_explained(make_window, demo_db: Path, said, qtbot,
                                      tmp_path: Path, answers: DialogAnswers) -> None:
    tab = _tab(make_window, demo_db)
    said.answers["save_file"] = tmp_path / "总结.docx"
    said.answers["offer_open"] = prompts.OPEN_FILE
    said.answers["open_url"] = False
    _export(tab, ExportKind.SUMMARY, qtbot, said)
    [message] = said.texts("error")
    assert "无法打开文件" in message and "Word 或 WPS" in message


def test_file_menu_exports_from_any_tab(make_window, demo_db: Path, said, qtbot,
                                        tmp_path: Path, answers: DialogAnswers) -> None:
    window = make_window(demo_db)
    assert window.current_tab_key() == "dashboard"
    out = tmp_path / "通知.docx"
    said.answers["save_file"] = out
    window.export_actions[ExportKind.NOTICE].trigger()
    assert window.current_tab_key() == "workpoints"
    qtbot.waitUntil(lambda: bool(said.texts("offer_open")), timeout=20000)
    # The ledger shows the newest year (2026, no 印发日期): dated today, numbered in 2026.
    assert answers.seen[0]["when"] == date(2026, 11, 23)
    assert "关于印发《2026年工作要点》的通知" in all_text(out).replace("\n", "")


def test_menu_actions_follow_the_button(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "empty.db")
    tab = window.workpoints
    assert not tab.export_button.isEnabled()
    assert not any(a.isEnabled() for a in tab.exports.actions.values())
    assert not any(a.isEnabled() for a in window.export_actions.values())
    tab.exports.set_available(True)
    assert all(a.isEnabled() for a in window.export_actions.values())


# --- The dialog itself ---------------------------------------------------------------------

REPORT = DocumentOptions("导出落实情况通报", TITLES[ExportKind.REPORT], "统计日期",
                         "通报截至该日的落实情况，该日也作为成文日期。", doc_no=True)
LEDGER = DocumentOptions("导出落实情况台账", TITLES[ExportKind.LEDGER], "统计日期",
                         profile=False)


def test_dialog_numbers_by_the_year_of_its_date(qtbot, demo_db: Path) -> None:
    conn = open_database(demo_db)
    try:
        from fangzhi_desktop.storage.office import take_doc_serial

        take_doc_serial(conn, 2026, "已发的文", 3)
        dialog = ExportDocumentDialog(None, conn, REPORT, date(2026, 11, 23))
        qtbot.addWidget(dialog)
        assert dialog.prefix.text() == "吉志委发〔2026〕"
        assert dialog.serial.value() == 4
        assert dialog.serial_hint.text() == "2026年已用至3号。"
        assert dialog.doc_no() == "吉志委发〔2026〕4号"
        dialog.serial.setValue(2)
        assert "可能已经用过" in dialog.serial_hint.text()
        dialog.date.setDate(QDate(2023, 12, 31))
        assert dialog.prefix.text() == "吉志委发〔2023〕"
        assert dialog.serial.value() == 1
        assert dialog.serial_hint.text() == "2023年还没有用过发文字号。"
        assert not dialog.note.isVisibleTo(dialog)
        assert dialog.value() == ExportChoice(date(2023, 12, 31), 1, "吉志委发〔2023〕1号")
    finally:
        conn.close()


def test_dialog_without_doc_no(qtbot, demo_db: Path) -> None:
    conn = open_database(demo_db)
    try:
        dialog = ExportDocumentDialog(None, conn, LEDGER, date(2026, 11, 23))
        qtbot.addWidget(dialog)
        assert not dialog.serial.isVisibleTo(dialog)
        assert dialog.value() == ExportChoice(date(2026, 11, 23), None, "")
    finally:
        conn.close()


def test_dialog_asks_for_the_office_names_first(qtbot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_database(tmp_path / "new.db")
    try:
        dialog = ExportDocumentDialog(None, conn, REPORT, date(2026, 11, 23))
        qtbot.addWidget(dialog)
        assert dialog.note.isVisibleTo(dialog)
        assert "请先在 设置 → 单位信息 中填写单位名称" in dialog.note_label.text()
        assert dialog.prefix.text() == "某志办发〔2026〕"

        def fill_in(_cls, parent, connection, year) -> OfficeProfile:
            profile = OfficeProfile(full_name="某某县地方志办公室", short_name="某县志办")
            save_profile(connection, profile)
            return profile

        monkeypatch.setattr(OfficeProfileDialog, "ask", classmethod(fill_in))
        dialog.profile_button.click()
        assert not dialog.note.isVisibleTo(dialog)
        assert dialog.prefix.text() == "某县志办发〔2026〕"
        assert dialog.doc_no() == "某县志办发〔2026〕1号"
    finally:
        conn.close()


def test_a_year_gone_meanwhile_is_a_user_error(demo_db: Path, tmp_path: Path) -> None:
    from fangzhi_desktop.errors import FangzhiError
    from fangzhi_desktop.ui.workpoints_exports import write_document

    conn = open_database(demo_db)
    try:
        with pytest.raises(FangzhiError, match="没有2030年的工作要点"):
            write_document(conn, lambda *_: None, ExportKind.REPORT, 2030,
                           ExportChoice(date(2026, 11, 23), 1), tmp_path / "x.docx")
        assert next_doc_serial(conn, 2026) == 1
    finally:
        conn.close()
    assert not (tmp_path / "x.docx").exists()
