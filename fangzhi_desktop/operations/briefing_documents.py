"""Briefing issues as the window and the command line use them: a new issue with its numbers
and defaults, and the export of an issue in the 简报 layout of the documents engine."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.briefings import (
    DEFAULT_NAME,
    DISCLOSURE_DEFAULT,
    BriefingDraft,
    BriefingDraftArticle,
    TailFields,
)
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.domain.privacy import shown_text
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.exporters.official_docx.model import Briefing, BriefingArticle, BriefingTail
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import briefings as store

TITLE_LINE_CHARS = 20  # 2号 titles: 442 pt of 版心 / 22 pt


@dataclass(frozen=True)
class ExportedBriefing:
    path: Path
    warnings: list[str] = field(default_factory=list)


def default_name(conn: sqlite3.Connection, profile: OfficeProfile) -> str:
    """The briefing a new issue belongs to: the profile's, else the one issued last."""
    names = store.series_names(conn)
    return profile.briefing_name.strip() or (names[0] if names else DEFAULT_NAME)


def new_issue_draft(conn: sqlite3.Connection, when: date,
                    articles: Sequence[BriefingDraftArticle] = (),
                    name: str | None = None) -> BriefingDraft:
    """A new issue dated ``when``: the next 期号 of that year and the next 总期号.

    The name and 编发单位 come from the profile's 简报 fields, else from the series' last issue;
    the 报尾 (报/送/发, 印数, 印发机关) as the last issue printed it, the 印发机关 else from the
    profile (its 印发机关 serves 公文 too, so an issue's own is the better guess)."""
    from fangzhi_desktop.storage.office import load_profile

    profile = load_profile(conn)
    name = (name or "").strip() or default_name(conn, profile)
    previous = store.latest_issue(conn, name)
    before = previous.tail if previous and previous.tail else TailFields()
    numbers = store.next_issue_numbers(conn, name, when.year)
    tail = TailFields(
        printer=before.printer or profile.printer_name,
        print_date=when, bao=before.bao, song=before.song, fa=before.fa,
        copies=before.copies, disclosure=before.disclosure or DISCLOSURE_DEFAULT)
    return BriefingDraft(
        name=name, year=when.year, issue=numbers.issue, total_issue=numbers.total_issue,
        date=when,
        publisher=(profile.briefing_publisher.strip()
                   or (previous.publisher if previous else "") or profile.full_name),
        articles=list(articles), tail=tail,
        confidential=previous.confidential if previous else "")


def _title(title: str) -> str:
    """A title of two phrases (``…学习会 传达学习…``) is printed on two lines when each fits."""
    parts = title.split()
    if len(parts) == 2 and all(sum(0.55 if ch.isascii() else 1.0 for ch in p) <= TITLE_LINE_CHARS
                               for p in parts):
        return "\n".join(parts)
    return title


def build_briefing(issue: BriefingDraft, profile: OfficeProfile, *,
                   full_numbers: bool = False) -> Briefing:
    """The engine's model of an issue; an issue without 报尾 gets the office's 印发机关.
    Without ``full_numbers`` an ID or mobile number in an article is masked."""
    tail = issue.tail or TailFields()

    def text(value: str) -> str:
        return shown_text(value, full_numbers)

    return Briefing(
        name=issue.name, issue=issue.issue, total_issue=issue.total_issue,
        publisher=issue.publisher or profile.briefing_publisher or profile.full_name,
        date=issue.date,
        articles=[BriefingArticle(text(_title(a.title)), [text(p) for p in a.paragraphs],
                                  a.column, text(a.attribution))
                  for a in issue.articles],
        tail=BriefingTail(
            printer=tail.printer or profile.printer_name, print_date=tail.print_date or issue.date,
            bao=tail.bao, song=tail.song, fa=tail.fa, copies=tail.copies,
            disclosure=tail.disclosure),
        confidential=issue.confidential)


def tail_warnings(model: Briefing) -> list[str]:
    """What the 报尾 lacks (a 简报 names where it goes and how many copies were printed)."""
    tail = model.tail
    missing = [label for label, value in (("“报：”单位", tail and tail.bao),
                                          ("“发：”单位", tail and tail.fa),
                                          ("印数（共印N份）", tail and tail.copies)) if not value]
    return [f"报尾缺少{'、'.join(missing)}，请在简报中补上后重新导出。"] if missing else []


def write_briefing(conn: sqlite3.Connection, issue_id: int, path: Path,
                   progress: Progress = no_progress, *,
                   full_numbers: bool = False) -> ExportedBriefing:
    """Render one stored issue as .docx (简报 layout); warnings name what the 报尾 lacks.
    ID and mobile numbers in the articles are masked unless ``full_numbers``."""
    from fangzhi_desktop.exporters.official_docx.render_jianbao import render_jianbao
    from fangzhi_desktop.storage.office import load_profile

    progress(0.05, "正在读取简报……")
    issue = store.get_issue(conn, issue_id)
    if issue is None:
        raise FangzhiError(f"没有编号为{issue_id}的简报（可能已被删除），未导出。")
    model = build_briefing(issue, load_profile(conn), full_numbers=full_numbers)
    progress(0.3, "正在生成文档……")
    written = render_jianbao(model, path)
    return ExportedBriefing(written, tail_warnings(model))
