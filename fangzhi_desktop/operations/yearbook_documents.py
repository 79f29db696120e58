"""Exporting a yearbook volume: the 组稿通知 and the 供稿情况通报 (公文), the progress table
(Excel) and the 组稿 packages for the units. The command line and the window call these.

A 发文字号 is recorded as used only once its file has been written, so a target locked by
Word/WPS uses up nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from enum import StrEnum
from pathlib import Path

from fangzhi_desktop.exporters.yearbook_package import UnitPackage
from fangzhi_desktop.operations.workpoint_documents import Exported
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage.yearbook_view import load_view


class YearbookDocument(StrEnum):
    NOTICE = "notice"  # 组稿通知
    BULLETIN = "bulletin"  # 供稿情况通报


def write_document(conn: sqlite3.Connection, kind: YearbookDocument, year: int, path: Path,
                   when: date, serial: int | None = None,
                   progress: Progress = no_progress) -> Exported:
    """Build and write the notice or the bulletin (as of ``when``), numbered with ``serial``
    (default: the next free one of ``when``'s year), recorded once the file is written."""
    from fangzhi_desktop.exporters import yearbook_docx as docs
    from fangzhi_desktop.exporters.workpoints_docx import write_docx
    from fangzhi_desktop.storage.office import load_profile, next_doc_serial, take_doc_serial

    progress(0.05, "正在读取年鉴编纂情况……")
    view = load_view(conn, year, when)
    profile = load_profile(conn)
    if serial is None:
        serial = next_doc_serial(conn, when.year)
    doc_no = profile.doc_no(when.year, serial)
    if kind is YearbookDocument.NOTICE:
        model = docs.build_notice(view, profile, doc_no, when)
    else:
        model = docs.build_bulletin(view, profile, doc_no, when)
    progress(0.3, "正在生成文档……")
    # No progress report from here on: a late 取消 must not hide a written file.
    written = write_docx(model, path)
    take_doc_serial(conn, when.year, model.title.replace("\n", ""), serial)
    return Exported(written, doc_no)


def write_progress_xlsx(conn: sqlite3.Connection, year: int, path: Path, today: date,
                        progress: Progress = no_progress, *,
                        full_numbers: bool = False) -> Exported:
    """The progress table: per unit, per 篇目 node and the stages (phones masked unless
    ``full_numbers``)."""
    from fangzhi_desktop.exporters.yearbook_xlsx import write_yearbook_xlsx

    return Exported(write_yearbook_xlsx(path, load_view(conn, year, today), progress,
                                        full_numbers=full_numbers))


def write_packages(conn: sqlite3.Connection, year: int, folder: Path, today: date,
                   progress: Progress = no_progress, *,
                   full_numbers: bool = False) -> list[UnitPackage]:
    """One 组稿 package per unit with 条目, written into ``folder``."""
    from fangzhi_desktop.domain.yearbook import path_of
    from fangzhi_desktop.exporters.yearbook_package import write_packages as write
    from fangzhi_desktop.storage.yearbook import volume_token

    view = load_view(conn, year, today)
    token = volume_token(conn, view.volume.id)
    assert token is not None  # the volume exists
    return write(folder, view.volume, token, view.units, path_of(view.roots), today, progress,
                 full_numbers=full_numbers)
