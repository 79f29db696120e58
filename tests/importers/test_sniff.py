"""Recognising a dropped file from its extension and first lines or header rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from fangzhi_desktop.importers.sniff import FileKind, sniff, sniff_lines
from tests.conftest import SAMPLES
from tests.importers.roster_builders import (
    Sheet,
    standard_roster,
    synthetic_rows,
    write_xls,
    write_xlsx,
)

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"


@pytest.mark.parametrize(("name", "kind"), [
    ("000_d1fb1299b6599f8a.txt", FileKind.CAMPAIGN_PLAN),
    ("001_8f8c403cddf73fcf.txt", FileKind.NEWS),
    ("002_df6267391c5c8d51.txt", FileKind.BRIEFING),
    ("003_4e59df0e3bf8976e.txt", FileKind.WORKPOINTS),
    ("004_a93a1c47875eff72.txt", FileKind.MANUSCRIPT),
])
def test_the_sample_documents(name: str, kind: FileKind) -> None:
    assert sniff(SAMPLES / name).kind is kind


def test_a_docx_is_read_from_its_xml(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ("XX县地方志办公室2024年工作要点", "一、年鉴编纂", "1.完成2024卷组稿。",
                 "二、志书编修", "2.推进二轮志书出版。"):
        document.add_paragraph(line)
    path = tmp_path / "要点.docx"
    document.save(path)
    assert sniff(path).kind is FileKind.WORKPOINTS


def test_rosters_and_outlines_by_their_headers(tmp_path: Path) -> None:
    roster = write_xlsx(tmp_path / "人员.xlsx", standard_roster(synthetic_rows(3)))
    assert sniff(roster).kind is FileKind.ROSTER
    xls = write_xls(tmp_path / "人员.xls", standard_roster(synthetic_rows(3)))
    assert sniff(xls).kind is FileKind.ROSTER
    outline = write_xlsx(tmp_path / "2025.xlsx", Sheet("篇目", [
        ["类目", "分目", "条目", "供稿单位"], ["经济", "农业", "粮食生产", "县农业农村局"]], []))
    assert sniff(outline).kind is FileKind.OUTLINE
    other = write_xlsx(tmp_path / "其他.xlsx", Sheet("表", [["项目", "金额"], ["a", 1]], []))
    found = sniff(other)
    assert found.kind is FileKind.UNKNOWN and "姓名" in found.reason


def test_text_shapes() -> None:
    assert sniff_lines(["政工简讯", "第 3 期", "某县地方志办公室"]).kind is FileKind.BRIEFING
    assert sniff_lines(["关于开展村志编纂活动的实施方案", "一、目标", "二、步骤",
                        "第一阶段：动员（3月）"]).kind is FileKind.CAMPAIGN_PLAN
    assert sniff_lines(["2025卷年鉴篇目", "一、特载", "二、大事记"]).kind is FileKind.OUTLINE
    assert sniff_lines(["县教育局", "基础教育", "全县有中小学32所。"]).kind \
        is FileKind.MANUSCRIPT
    assert sniff_lines(["", "  "]).kind is FileKind.UNKNOWN


def test_bad_files_are_unknown_with_a_chinese_reason() -> None:
    for path in sorted(BAD.iterdir()):
        found = sniff(path)
        if path.name == "title-only.txt":
            continue
        assert found.kind is FileKind.UNKNOWN, path.name
        assert found.reason and not found.reason.isascii(), path.name


def test_unsupported_extensions(tmp_path: Path) -> None:
    picture = tmp_path / "照片.jpg"
    picture.write_bytes(b"\xff\xd8\xff")
    assert sniff(picture).reason == "不支持.jpg文件"
    assert sniff(tmp_path).kind is FileKind.UNKNOWN
