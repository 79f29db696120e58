"""Every export with people in it, read back: no full demo ID number or mobile number unless
``--full-ids`` (个人信息保护法). Reads every XML part of the .xlsx/.docx (tags removed), so
headers, footers, shared strings and tables are all covered."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from fangzhi_desktop.cli import main
from fangzhi_desktop.domain.briefings import BriefingDraftArticle
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.operations.briefing_documents import build_briefing, new_issue_draft
from fangzhi_desktop.operations.people_exports import PEOPLE_EXPORTS
from fangzhi_desktop.storage import briefings as briefing_store
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.people import list_people
from tests.conftest import DEMO_TODAY

ID_PATTERN = re.compile(r"(?<!\d)\d{17}[\dX](?![\dX])")
MOBILE_PATTERN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ARTICLE_ID, ARTICLE_MOBILE = "220322198811082447", "13912345678"


def file_text(path: Path) -> str:
    """The text of every XML part of an Office file (or of every file in a folder)."""
    if path.is_dir():
        return "\n".join(file_text(p) for p in sorted(path.iterdir()))
    with zipfile.ZipFile(path) as z:
        return "\n".join(_xml_text(z.read(n).decode("utf-8"))
                         for n in z.namelist() if n.endswith(".xml"))


def _xml_text(xml: str) -> str:
    """Paragraphs, cells and strings on lines of their own; runs within them joined (a number
    split over two runs of a paragraph is still found)."""
    xml = re.sub(r"</(w:p|w:tc|c|si|v|is|row)>", "\n", xml)
    return re.sub(r"<[^>]+>", "", xml)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The demo database with one briefing article that quotes an ID and a mobile number."""
    from fangzhi_desktop.demo import build_demo

    folder = tmp_path_factory.mktemp("people")
    db = build_demo(folder / "demo.db", today=DEMO_TODAY)
    conn = open_database(db)
    people = list_people(conn)
    draft = new_issue_draft(conn, DEMO_TODAY, [BriefingDraftArticle(
        "失物招领", [f"拾到身份证一张（号码{ARTICLE_ID}），请失主联系{ARTICLE_MOBILE}。"])])
    issue_id = briefing_store.save_issue(conn, draft)
    conn.close()
    secrets = ({p.id_number for p in people} | {p.phone for p in people}
               | {ARTICLE_ID, ARTICLE_MOBILE})
    return {"db": db, "folder": folder, "secrets": secrets, "issue": issue_id,
            "ids": {p.id_number for p in people}}


def _export(office: dict[str, object], kind: str, full: bool) -> Path:
    folder = office["folder"]
    assert isinstance(folder, Path)
    suffix = {"briefing": ".docx", "yearbook-package": ""}.get(kind, ".xlsx")
    out = folder / f"{kind}{'-full' if full else ''}{suffix}"
    args = ["--db", str(office["db"]), "export", kind, "--out", str(out),
            "--date", DEMO_TODAY.isoformat()]
    if kind == "briefing":
        args += ["--id", str(office["issue"])]
    assert main(args + (["--full-ids"] if full else [])) == 0
    return out


# Exchange packages leave the numbers out of their database rather than masking them in an
# Office file: tests/storage/test_exchange_roundtrip.py scans the package's bytes.
OFFICE_FILE_EXPORTS = sorted(set(PEOPLE_EXPORTS) - {"package"})


@pytest.mark.parametrize("kind", OFFICE_FILE_EXPORTS)
def test_masked_by_default(office: dict[str, object], kind: str) -> None:
    text = file_text(_export(office, kind, full=False))
    leaked = [s for s in office["secrets"] if s and s in text]  # type: ignore[union-attr]
    assert not leaked, leaked
    assert not ID_PATTERN.search(text) and not MOBILE_PATTERN.search(text)


@pytest.mark.parametrize(("kind", "expected"), [
    ("roster-xlsx", "ids"), ("learning-hours-xlsx", "ids"), ("briefing", "article"),
    ("yearbook-xlsx", "0431-"), ("yearbook-package", "0431-")])
def test_full_numbers_when_asked(office: dict[str, object], kind: str, expected: str) -> None:
    text = file_text(_export(office, kind, full=True))
    if expected == "ids":
        assert office["ids"] <= set(ID_PATTERN.findall(text))  # type: ignore[operator]
    elif expected == "article":
        assert ARTICLE_ID in text and ARTICLE_MOBILE in text
    else:
        assert expected in text


def test_the_roster_reads_back_through_the_importer(office: dict[str, object]) -> None:
    from fangzhi_desktop.importers.roster import parse_roster

    path = _export(office, "roster-xlsx", full=True)
    parsed = parse_roster(path)
    assert {p.id_number for p in parsed.people()} == office["ids"]


def test_briefing_model_masks_numbers_in_articles() -> None:
    from fangzhi_desktop.domain.briefings import BriefingDraft

    draft = BriefingDraft(name="简讯", year=2026, issue=1, total_issue=1, date=DEMO_TODAY,
                          articles=[BriefingDraftArticle("标题", [f"电话{ARTICLE_MOBILE}"])])
    masked = build_briefing(draft, OfficeProfile())
    assert masked.articles[0].paragraphs == ["电话139****5678"]
    assert build_briefing(draft, OfficeProfile(), full_numbers=True).articles[0].paragraphs \
        == [f"电话{ARTICLE_MOBILE}"]
