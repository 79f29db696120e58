"""Demo briefings: 四川省地方志办政工简讯 第2期（总第2期）rebuilt from seed 002 by the importer,
and 第1期（总第1期）from seed 001's text under a masthead supplied here, dated as its 印发 line
says. A new issue is then 第3期（总第3期）in 2020, or 第1期 with 总期号 3 in a later year."""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.importers.briefing import parse_text, read_briefing
from fangzhi_desktop.paths import sample_path
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import briefings as store

SEED_FULL_ISSUE = "002_df6267391c5c8d51.txt"
SEED_ISSUE_BODY = "001_8f8c403cddf73fcf.txt"
NAME = "四川省地方志办政工简讯"
PUBLISHER = "四川省地方志工作办公室"


def add(conn: sqlite3.Connection, today: date, progress: Progress) -> None:
    """Save both issues (``today`` plays no part: the issues keep their printed dates)."""
    store.save_issue(conn, read_briefing(sample_path(SEED_FULL_ISSUE)).to_draft())
    progress(0.5, "已导入政工简讯第2期")
    path = sample_path(SEED_ISSUE_BODY)
    body = path.read_text(encoding="utf-8")
    printed = parse_text(body, source=str(path)).tail
    when = printed.print_date if printed and printed.print_date else date(2021, 1, 13)
    masthead = f"{NAME}\n第1期（总第1期）\n{PUBLISHER}\n{cn_date(when)}\n\n"
    store.save_issue(conn, parse_text(masthead + body, source=str(path)).to_draft())
    progress(1.0, "已导入政工简讯第1期")
