"""Exporting a year's staff learning: the hours workbook and the 学时完成情况通报.

The command line and the window call these same functions. A 发文字号 is recorded as used only
once its file has been written, so a target locked by Word/WPS uses up nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.learning import LearningYear
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.operations.workpoint_documents import Exported
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.storage.people import count_people


def as_of_for(year: int, when: date) -> date:
    """The statistics date of a year exported on ``when``: that day within the year, the year
    end for a past year."""
    return min(when, date(year, 12, 31))


def default_year(conn: sqlite3.Connection, today: date) -> int:
    """This year when it has activities, otherwise the latest year that has."""
    years = store.learning_years(conn)
    if not years:
        raise FangzhiError("数据库中还没有学习活动，请先录入或导入（import-activity）。")
    return today.year if today.year in years else years[-1]


def load_stats(conn: sqlite3.Connection, year: int, when: date) -> LearningYear:
    if not count_people(conn):
        raise FangzhiError("花名册中还没有人员，请先导入花名册（import-roster）。")
    return store.load_year(conn, year, as_of_for(year, when))


def write_hours_xlsx(conn: sqlite3.Connection, year: int, path: Path, when: date,
                     progress: Progress = no_progress, *, full_numbers: bool = False) -> Exported:
    """Per person, per 科室 and per activity, as .xlsx (ID numbers masked unless
    ``full_numbers``)."""
    from fangzhi_desktop.exporters.learning_xlsx import write_learning_xlsx

    progress(0.05, "正在统计学时……")
    stats = load_stats(conn, year, when)
    return Exported(write_learning_xlsx(path, stats, progress=progress,
                                        full_numbers=full_numbers))


def write_roster_xlsx(conn: sqlite3.Connection, path: Path, progress: Progress = no_progress,
                      *, full_numbers: bool = False) -> Exported:
    """The 花名册 (every field of everyone) as .xlsx; ID and phone numbers masked unless
    ``full_numbers``. Removed people (已删除人员) are left out: they are no longer staff."""
    from fangzhi_desktop.domain.people import is_placeholder
    from fangzhi_desktop.exporters.roster_xlsx import write_roster_xlsx as write
    from fangzhi_desktop.storage.people import list_people

    progress(0.05, "正在读取花名册……")
    people = [p for p in list_people(conn) if not is_placeholder(p)]
    if not people:
        raise FangzhiError("花名册中还没有人员，请先导入花名册（import-roster）。")
    return Exported(write(path, people, full_numbers=full_numbers))


def write_report(conn: sqlite3.Connection, year: int, path: Path, when: date,
                 serial: int | None = None, progress: Progress = no_progress) -> Exported:
    """The 通报 dated ``when`` with 发文字号 ``serial`` (default: the next free one of
    ``when``'s year), recorded as used once the file is written."""
    from fangzhi_desktop.exporters import learning_docx as docs
    from fangzhi_desktop.storage.office import load_profile, next_doc_serial, take_doc_serial

    progress(0.05, "正在统计学时……")
    stats = load_stats(conn, year, when)
    profile = load_profile(conn)
    if serial is None:
        serial = next_doc_serial(conn, when.year)
    doc_no = profile.doc_no(when.year, serial)
    model = docs.build_learning_report(stats, profile, doc_no, when)
    progress(0.3, "正在生成文档……")
    # No progress report from here on: a late 取消 must not hide a written file.
    written = docs.write_docx(model, path)
    take_doc_serial(conn, when.year, model.title, serial)
    return Exported(written, doc_no)
