"""Manuscripts sent by the units: reading .docx/.txt (Word's 字数, photos, the heading), and
matching a batch of files and folders to the 条目 — by the returned package, by name within
the unit, or not at all (reported) — saved all or nothing."""

from __future__ import annotations

import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.demo.yearbook import docx_bytes, tiny_png
from fangzhi_desktop.domain.word_count import count_words
from fangzhi_desktop.errors import FangzhiError, UnusableInput
from fangzhi_desktop.importers.manuscripts import (
    Candidate,
    best_match,
    normalize_title,
    read_manuscript,
    similarity,
    unit_in_path,
    unit_spellings,
)
from fangzhi_desktop.operations.yearbook_manuscripts import preview_manuscripts, save_manuscripts
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage.yearbook_manuscripts import manuscripts_of_volume
from fangzhi_desktop.storage.yearbook_tree import NodeFields, add_node

TEXT = "基础教育\n2025年，全县有中小学38所，在校学生2.1万人，GDP增长5.2%。\n新建5G智慧教室12间。\n"
TODAY = date(2026, 3, 20)


# --- Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_text_files_in_any_common_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "基础教育.txt"
    path.write_bytes(TEXT.encode(encoding))
    received = read_manuscript(path)
    assert received.count == count_words(TEXT) and received.words == 39
    assert (received.heading, received.photos, received.name) == ("基础教育", 0, "基础教育.txt")
    assert received.content == path.read_bytes() and len(received.sha256) == 64


def test_a_word_file_counts_text_tables_and_pictures_not_list_numbers(tmp_path: Path) -> None:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_heading("基础教育", level=1)
    document.add_paragraph("全县有中小学38所。", style="List Number")  # "1." is not text
    document.add_paragraph("在校学生2.1万人。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "学校"
    table.rows[0].cells[1].text = "38所"
    for _ in range(3):
        document.add_picture(io.BytesIO(tiny_png()), width=Cm(3))
    path = tmp_path / "基础教育.docx"
    document.save(str(path))
    received = read_manuscript(path)
    assert received.photos == 3 and received.heading == "基础教育"
    assert received.words == count_words("基础教育全县有中小学38所。在校学生2.1万人。学校38所").total


def test_the_demo_word_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(docx_bytes("标题\n第一段GDP增长12.5%。", 2))
    received = read_manuscript(path)
    assert (received.heading, received.photos, received.words) == ("标题", 2, 2 + 3 + 1 + 2 + 1 + 1)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("稿件.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "不支持旧版 Word（.doc）"),
    ("稿件.txt", b"", "文件是空的"),
    ("稿件.docx", b"PK\x03\x04garbage", "不是有效的 Word"),
    ("稿件.pdf", b"%PDF-1.4", "只支持 Word（.docx）和文本（.txt）"),
    ("稿件.txt", b"\x00\x01\x02binary", "不是文本文件"),
])
def test_unusable_files_are_named(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnusableInput) as caught:
        read_manuscript(path)
    assert message in caught.value.message and name in caught.value.message


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="文件不存在"):
        read_manuscript(tmp_path / "没有.docx")
    with pytest.raises(UnusableInput, match="文件夹"):
        read_manuscript(tmp_path)


# --- Matching names ------------------------------------------------------------------------


def test_titles_are_compared_without_the_noise() -> None:
    assert normalize_title("1.基础教育（修改稿）v2") == "基础教育"
    assert normalize_title("县教育局-基础教育-定稿20260310", ["县教育局"]) == "基础教育"
    assert normalize_title("（三）职业教育") == "职业教育"
    assert similarity("基础教育", "基础教育") == 1.0
    assert similarity("基础教育条目说明", "基础教育") >= 0.8
    assert 0.6 <= similarity("教育", "基础教育") < 0.8
    assert similarity("卫生", "基础教育") == 0.0


def candidates() -> list[Candidate]:
    return [Candidate(1, "基础教育", 10, "县教育局"), Candidate(2, "职业教育", 10, "县教育局"),
            Candidate(3, "教师队伍", 10, "县教育局"), Candidate(4, "医疗服务", 11, "县卫健局")]


def test_best_match_and_ambiguity() -> None:
    match, close = best_match(["县教育局-职业教育（定稿）"], candidates(), ["县教育局"])
    assert match is not None and match.candidate.node_id == 2 and close == []
    match, close = best_match(["教育"], candidates())
    assert match is None and {m.candidate.node_id for m in close} == {1, 2}
    match, close = best_match(["会议纪要"], candidates())
    assert match is None and close == []
    match, _ = best_match(["新建文档", "医疗服务"], candidates())  # the heading decides
    assert match is not None and match.candidate.node_id == 4


def test_the_unit_is_read_from_the_path() -> None:
    units = [(10, ("县教育局",)), (11, ("县卫生健康局", "县卫健局")), (12, ("县委办",))]
    assert unit_in_path(Path("来稿/县教育局/基础教育.docx"), units) == 10
    assert unit_in_path(Path("来稿/卫健局-医疗服务.docx"), units) == 11  # without 县
    assert unit_in_path(Path("来稿/基础教育.docx"), units) is None
    assert unit_spellings(["县委办", "县教育局"]) == ["县委办", "县教育局", "教育局"]


# --- A batch against a volume --------------------------------------------------------------


@pytest.fixture
def volume(conn: sqlite3.Connection) -> int:
    volume_id = store.create_volume(conn, 2026, "某县年鉴（2026）", deadline=date(2026, 4, 10))
    society = add_node(conn, volume_id, None, NodeFields("社会"))
    school = add_node(conn, volume_id, society, NodeFields("教育", "县教育局"))
    for title in ("基础教育", "职业教育", "教师队伍"):
        add_node(conn, volume_id, school, NodeFields(title, word_budget=1000))
    health = add_node(conn, volume_id, society, NodeFields("卫生健康", "县卫生健康局"))
    for title in ("医疗服务", "基础教育"):  # the same title as the 教育局's
        add_node(conn, volume_id, health, NodeFields(title, word_budget=800))
    return volume_id


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_of_units_folders(conn: sqlite3.Connection, volume: int, tmp_path: Path) -> None:
    from fangzhi_desktop.storage.units import add_alias, find_unit

    health = find_unit(conn, "县卫生健康局")
    assert health is not None
    add_alias(conn, health, "县卫健局")  # the shared directory's aliases are used
    root = tmp_path / "来稿"
    put(root / "县教育局" / "基础教育（定稿）.txt", "基础教育\n学校三十八所。")
    put(root / "县教育局" / "新建文本文档.txt", "职业教育\n职业中学一所。")  # by its heading
    put(root / "卫健局-医疗服务.txt", "医疗服务\n医院五所。")
    put(root / "卫健局-基础教育.txt", "基础教育\n村卫生室。")  # the 卫健局's 基础教育
    put(root / "会议纪要.txt", "会议纪要\n无关内容。")
    (root / "照片.jpg").write_bytes(tiny_png())
    (root / "~$基础教育.docx").write_bytes(b"lock file")
    preview = preview_manuscripts(conn, 2026, [root])
    matched = {m.path.name: (m.candidate.unit, m.candidate.title, m.outcome)
               for m in preview.matches}
    assert matched == {
        "基础教育（定稿）.txt": ("县教育局", "基础教育", "new"),
        "新建文本文档.txt": ("县教育局", "职业教育", "new"),
        "卫健局-医疗服务.txt": ("县卫生健康局", "医疗服务", "new"),
        "卫健局-基础教育.txt": ("县卫生健康局", "基础教育", "new"),
    }
    assert sorted(Path(p.file or "").name for p in preview.unmatched) == ["会议纪要.txt", "照片.jpg"]
    assert preview.rejected == []
    assert "教育→基础教育" in next(m.describe() for m in preview.matches
                                  if m.path.name.startswith("基础教育"))
    saved = save_manuscripts(conn, preview, TODAY)
    assert len(saved) == 4 and len(manuscripts_of_volume(conn, volume)) == 4
    again = preview_manuscripts(conn, 2026, [root])
    assert {m.outcome for m in again.matches} == {"unchanged"} and again.changes == []


def test_the_unit_given_by_the_user(conn: sqlite3.Connection, volume: int,
                                    tmp_path: Path) -> None:
    path = put(tmp_path / "基础教育.txt", "基础教育\n村卫生室。")
    preview = preview_manuscripts(conn, 2026, [path], unit="县卫生健康局")
    (match,) = preview.matches
    assert match.candidate.unit == "县卫生健康局"
    with pytest.raises(FangzhiError, match="“县档案馆”不是《某县年鉴（2026）》的供稿单位"):
        preview_manuscripts(conn, 2026, [path], unit="县档案馆")
    ambiguous = preview_manuscripts(conn, 2026, [path])  # two 基础教育, no unit
    assert ambiguous.matches == [] and "同样接近" in ambiguous.unmatched[0].message


def test_two_files_for_one_entry_keep_the_better(conn: sqlite3.Connection, volume: int,
                                                 tmp_path: Path) -> None:
    put(tmp_path / "县教育局" / "教师队伍.txt", "教师队伍\n教师三千人。")
    put(tmp_path / "县教育局" / "教师队伍建设情况.txt", "教师队伍建设情况\n教师三千人。")
    preview = preview_manuscripts(conn, 2026, [tmp_path])
    assert [m.path.name for m in preview.matches] == ["教师队伍.txt"]
    (problem,) = preview.unmatched
    assert Path(problem.file or "").name == "教师队伍建设情况.txt"
    assert "对应同一条目“教师队伍”" in problem.message


def test_one_bad_file_refuses_the_whole_batch(conn: sqlite3.Connection, volume: int,
                                              tmp_path: Path) -> None:
    put(tmp_path / "县教育局" / "基础教育.txt", "基础教育\n学校。")
    (tmp_path / "县教育局" / "职业教育.docx").write_bytes(b"PK\x03\x04broken")
    preview = preview_manuscripts(conn, 2026, [tmp_path])
    assert len(preview.matches) == 1 and len(preview.rejected) == 1
    with pytest.raises(UnusableInput, match=r"有1份文件不能导入，整批未保存：职业教育\.docx"):
        save_manuscripts(conn, preview, TODAY)
    assert manuscripts_of_volume(conn, volume) == {}


def test_named_files_must_be_usable(conn: sqlite3.Connection, volume: int,
                                    tmp_path: Path) -> None:
    photo = tmp_path / "照片.jpg"
    photo.write_bytes(tiny_png())
    preview = preview_manuscripts(conn, 2026, [photo, tmp_path / "没有这个"])
    assert [e.message for e in preview.rejected] == [
        "照片.jpg：来稿只支持 Word（.docx）和文本（.txt）文件，组稿任务表为 .xlsx。",
        f"{tmp_path / '没有这个'}：文件或文件夹不存在。"]
