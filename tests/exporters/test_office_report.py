"""The 月度/季度工作情况 report on the demo database (today = 2026-11-23)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from fangzhi_desktop.domain.office_report import Period
from fangzhi_desktop.operations.office_report import collect_report, write_report
from fangzhi_desktop.storage import open_database
from tests.conftest import DEMO_TODAY
from tests.exporters.docx_checks import (
    all_text,
    assert_fonts_and_pitch,
    assert_gbt9704_page,
    assert_page_numbers,
    run_shared_checker,
    schema_errors,
)


def tiny_png(width: int = 16, height: int = 9) -> bytes:
    """A white PNG made without any imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from fangzhi_desktop.cli import main
    from fangzhi_desktop.demo import build_demo

    folder = tmp_path_factory.mktemp("report")
    db = build_demo(folder / "demo.db", today=DEMO_TODAY)
    out = {"db": db, "month": folder / "月报.docx", "quarter": folder / "季报.docx",
           "charts": folder / "带图.docx"}
    assert main(["--db", str(db), "export", "report", "--month", "2026-11", "--out",
                 str(out["month"]), "--date", DEMO_TODAY.isoformat()]) == 0
    assert main(["--db", str(db), "export", "report", "--quarter", "2026Q4", "--out",
                 str(out["quarter"]), "--date", DEMO_TODAY.isoformat()]) == 0
    conn = open_database(db)
    try:
        write_report(conn, Period(2026, quarter=4), out["charts"], DEMO_TODAY,
                     [("工作要点：按状态和预警", tiny_png()), ("干部学习：各科室人均学时", tiny_png())])
    finally:
        conn.close()
    return out


def test_the_quarterly_report_covers_the_four_areas(exported: dict[str, Path]) -> None:
    text = all_text(exported["quarter"])
    assert text.splitlines()[0] == "2026年第四季度工作情况报告"
    for heading in ("一、年度工作要点落实情况", "二、专项活动开展情况", "三、年鉴编纂进展情况",
                    "四、干部学习情况", "五、下一步工作"):
        assert heading in text
    assert "数据截至2026年11月23日" in text
    assert "2026年工作要点共6项" in text and "逾期未完成2项" in text
    assert "共30项任务，已完成10项" in text and "逾期未完成5项" in text
    assert "应收稿件120篇，已收59篇" in text and "本期收稿59篇" in text
    assert "本期组织学习活动4次" in text and "韩志远（差52学时）" in text
    assert "对7项逾期事项逐项督办" in text


def test_the_monthly_report_counts_only_the_month(exported: dict[str, Path]) -> None:
    text = all_text(exported["month"])
    assert text.splitlines()[0] == "2026年11月工作情况报告"
    assert "本期组织学习活动1次" in text
    assert "报送进展0条，催办0次" in text  # the demo's progress entries are dated in October


def test_the_report_is_an_official_document(exported: dict[str, Path]) -> None:
    for key in ("quarter", "charts"):
        path = exported[key]
        assert schema_errors(path) == []
        assert_gbt9704_page(path)
        assert_fonts_and_pitch(path)
        assert_page_numbers(path)
        run_shared_checker(path, "--require-date")


def test_charts_go_into_the_attachment(exported: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(exported["charts"]))
    assert len(document.inline_shapes) == 2
    text = all_text(exported["charts"])
    assert "附件：工作情况图表" in text.splitlines()
    assert "图1　工作要点：按状态和预警" in text and "图2　干部学习：各科室人均学时" in text
    assert len(docx.Document(str(exported["quarter"])).inline_shapes) == 0


def test_an_empty_database_still_reports(conn, tmp_path: Path) -> None:
    report = collect_report(conn, Period(2026, month=11), DEMO_TODAY)
    assert report.workpoints is None and report.campaigns == [] and report.learning is None
    from fangzhi_desktop.exporters.office_report_docx import build_office_report
    from fangzhi_desktop.storage.office import load_profile

    model = build_office_report(report, load_profile(conn))
    texts = [getattr(b, "text", "") for b in model.blocks]
    assert "本期尚未导入年度工作要点。" in texts and "尚未建立年鉴卷。" in texts


def test_cli_refuses_a_bad_period(exported: dict[str, Path], tmp_path: Path, capsys) -> None:
    from fangzhi_desktop.cli import main

    out = tmp_path / "x.docx"
    assert main(["--db", str(exported["db"]), "export", "report", "--quarter", "2026Q5",
                 "--out", str(out)]) != 0
    assert "2026Q4" in capsys.readouterr().err
    assert not out.exists()
    assert main(["--db", str(exported["db"]), "export", "report", "--month", "2026-11",
                 "--quarter", "2026Q4", "--out", str(out)]) != 0
    assert not out.exists()
