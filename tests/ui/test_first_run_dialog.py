"""The 入门向导: four skippable steps, each opening the dialog that does the work."""

from __future__ import annotations

from pathlib import Path

from fangzhi_desktop.ui.dialogs.first_run_dialog import STEPS, FirstRunDialog


def _dialog(qtbot, db: Path, calls: list[str] | None = None) -> FirstRunDialog:
    record = calls if calls is not None else []
    dialog = FirstRunDialog(None, db, {key: (lambda k=key: record.append(k))
                                       for key in ("profile", "roster", "workpoints")})
    qtbot.addWidget(dialog)
    return dialog


def test_steps_in_order(qtbot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "fangzhi.db")
    assert [dialog.step_list.item(i).text() for i in range(dialog.step_list.count())] == [
        "1. 单位信息", "2. 数据文件位置", "3. 导入花名册", "4. 导入年度工作要点"]
    assert [step.key for step in STEPS] == ["profile", "database", "roster", "workpoints"]
    assert dialog.current() == 0
    assert not dialog.back_button.isEnabled()


def test_each_button_opens_its_dialog(qtbot, tmp_path: Path) -> None:
    calls: list[str] = []
    dialog = _dialog(qtbot, tmp_path / "fangzhi.db", calls)
    for key in ("profile", "roster", "workpoints"):
        dialog.findChild(type(dialog.next_button), f"{key}_button").click()
    assert calls == ["profile", "roster", "workpoints"]


def test_skipping_to_the_end_finishes(qtbot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "fangzhi.db")
    dialog.show()
    for expected in (1, 2, 3):
        dialog.skip_button.click()
        assert dialog.current() == expected
    assert dialog.next_button.text() == "完成"
    assert dialog.skip_button.isHidden()
    dialog.back_button.click()
    assert dialog.current() == 2
    dialog.go(3)
    with qtbot.waitSignal(dialog.accepted):
        dialog.next_button.click()


def test_choosing_another_database_is_announced_on_close(qtbot, tmp_path: Path,
                                                         said) -> None:
    other = tmp_path / "old-pc" / "fangzhi.db"
    said.answers["open_file"] = other
    dialog = _dialog(qtbot, tmp_path / "fangzhi.db")
    dialog.choose_database()
    assert str(other) in dialog.db_label.text()
    with qtbot.waitSignal(dialog.database_chosen) as signal:
        dialog.reject()
    assert signal.args == [other]


def test_creating_adds_the_extension_and_keeping_forgets_it(qtbot, tmp_path: Path,
                                                            said) -> None:
    said.answers["save_file"] = tmp_path / "new" / "单位数据"
    dialog = _dialog(qtbot, tmp_path / "fangzhi.db")
    dialog.create_database()
    assert dialog.chosen_database == tmp_path / "new" / "单位数据.db"
    dialog.go(1)
    dialog._keep_database()
    assert dialog.chosen_database is None
    assert dialog.current() == 2
    with qtbot.assertNotEmitted(dialog.database_chosen):
        dialog.reject()
