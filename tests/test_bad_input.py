"""Garbage in: every importer answers with a clear message, exits 1 or 2 and changes nothing.

The corpus under ``tests/data/bad/`` holds empty, binary, truncated and mislabelled files
(a .docx renamed .xls, a zip that is no Office file), control characters and a 100,000-
character line. Hypothesis feeds the text parsers arbitrary text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fangzhi_desktop.cli import main
from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.storage import open_database

BAD = Path(__file__).parent / "data" / "bad"
CORPUS = sorted(BAD.iterdir())
IMPORTERS = ("import-workpoints", "import-roster")


def _content(db: Path) -> list[object]:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = [sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables]
    conn.close()
    return out


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import SEED_WORKPOINTS

    db = tmp_path_factory.mktemp("bad") / "db.db"
    assert main(["--db", str(db), "import-workpoints", str(SEED_WORKPOINTS)]) == 0
    return db


@pytest.mark.parametrize("command", IMPORTERS)
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_bad_file_gets_a_clear_message(command: str, path: Path, database: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    before = _content(database)
    code = main(["--db", str(database), command, str(path)])
    err = capsys.readouterr().err
    assert code in (1, 2), err
    assert "Traceback" not in err and "内部错误" not in err, err
    first = err.strip().splitlines()[0]
    assert path.name in first or "用法" in first, first
    assert _content(database) == before


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
LINES = st.lists(st.one_of(
    TEXT,
    st.sampled_from(["2023年工作要点", "一、综合", "二、其他", "（一）小标题", "1.做好工作。（办公室）",
                     "2.甲（乙牵头，丙配合）", "责任单位：丁", "—3—", "11.121项目", "（2021年1-3月）",
                     "三、时间安排", "第一阶段：准备阶段（2021年11月至12月）", "实施方案"])),
    max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_the_text_parsers_never_crash(lines: list[str]) -> None:
    from fangzhi_desktop.importers import campaign_plan, workpoints_notice

    text = "\n".join(lines)
    for parse in (lambda: workpoints_notice.parse_text(text, year=2023),
                  lambda: workpoints_notice.parse_text(text),
                  lambda: campaign_plan.parse_text(text)):
        try:
            result = parse()
        except UnusableInput as exc:
            assert exc.message
            continue
        for problem in result.problems:
            assert problem.message


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_phrases_units_and_ranges_never_crash(text: str) -> None:
    from fangzhi_desktop.domain.date_ranges import parse_range
    from fangzhi_desktop.domain.deadlines import resolve
    from fangzhi_desktop.domain.units import parse_annotation

    assert resolve(text, 2024).date.year in (2023, 2024, 2025) or resolve(text, 2024).phrase
    parse_annotation(text)
    found = parse_range(text, 2024)
    assert found is None or found.end is None or found.start <= found.end


def test_saving_what_the_fuzzer_can_parse_is_all_or_nothing(tmp_path: Path) -> None:
    """A plan whose unit names are only symbols fails as a whole."""
    from fangzhi_desktop.importers.workpoints_notice import parse_text
    from fangzhi_desktop.storage.workpoints import plan_years, save_plan

    conn = open_database(tmp_path / "f.db")
    plan = parse_text("2024年工作要点\n一、综合\n1.甲。（办公室）\n2.乙。（年鉴科）\n")
    plan.items[1].lead = ["。。。"]
    with pytest.raises(Exception, match="单位名称不能为空"):
        save_plan(conn, plan)
    assert plan_years(conn) == []
