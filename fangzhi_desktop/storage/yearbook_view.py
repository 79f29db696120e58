"""Everything the yearbook tab shows, read in one go: the volume, its stages, the 篇目 tree
with manuscripts (never their files), the 供稿单位 — four queries, then ``domain.yearbook``
assembles the figures."""

from __future__ import annotations

import sqlite3
from datetime import date

from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.yearbook_progress import VolumeView, volume_view
from fangzhi_desktop.storage.yearbook import get_volume, list_stages, list_volume_units
from fangzhi_desktop.storage.yearbook_manuscripts import manuscripts_of_volume
from fangzhi_desktop.storage.yearbook_tree import list_nodes


def load_view(conn: sqlite3.Connection, year: int, today: date, *,
              working_days: bool = False,
              calendar: WorkingCalendar | None = None) -> VolumeView:
    """The volume of ``year`` as of ``today``; with ``working_days`` the forecast counts
    working days on the office's calendar (``calendar`` when given)."""
    volume = get_volume(conn, year)
    if working_days and calendar is None:
        from fangzhi_desktop.storage.calendar import working_calendar

        calendar = working_calendar(conn)
    return volume_view(volume, list_stages(conn, volume.id), list_nodes(conn, volume.id),
                       manuscripts_of_volume(conn, volume.id),
                       list_volume_units(conn, volume.id), today,
                       calendar if working_days else None)
