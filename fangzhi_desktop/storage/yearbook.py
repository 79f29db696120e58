"""Yearbook volumes in the database: the volume, its stages (and the office's stage template)
and its 供稿单位 with contact, phone and deadline.

The 篇目 tree is in ``storage.yearbook_tree``, manuscripts in ``storage.yearbook_manuscripts``
and what the tab shows in one read in ``storage.yearbook_view``. Every function that writes
does so in one transaction; editing functions return the previous values (for undo).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fangzhi_desktop.domain.campaign_keys import new_token
from fangzhi_desktop.domain.yearbook import DEFAULT_TOLERANCE, Volume, VolumeUnit, county_of
from fangzhi_desktop.domain.yearbook import volume_title as make_title
from fangzhi_desktop.domain.yearbook_stages import (
    DEFAULT_TEMPLATE,
    Stage,
    TemplateStage,
    shift_year,
    valid_month_day,
)
from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.units import ensure_unit

# --- Volumes ---------------------------------------------------------------------------------

_VOLUME_SELECT = ("SELECT id, year, title, deadline, tolerance, copied_from"
                  " FROM yearbook_volumes")


def _volume(row: Sequence[object]) -> Volume:
    return Volume(int(row[0]), int(row[1]), str(row[2]), _date(row[3]), float(row[4]),
                  int(row[5]) if row[5] is not None else None)


def list_volumes(conn: sqlite3.Connection) -> list[Volume]:
    """Every volume, the newest year first."""
    return [_volume(r) for r in conn.execute(_VOLUME_SELECT + " ORDER BY year DESC")]


def volume_years(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT year FROM yearbook_volumes ORDER BY year")]


def find_volume(conn: sqlite3.Connection, year: int) -> Volume | None:
    row = conn.execute(_VOLUME_SELECT + " WHERE year = ?", (year,)).fetchone()
    return _volume(row) if row else None


def get_volume(conn: sqlite3.Connection, year: int) -> Volume:
    """The volume of ``year``; ``FangzhiError`` naming the years there are otherwise."""
    found = find_volume(conn, year)
    if found is None:
        years = "、".join(str(y) for y in volume_years(conn)) or "无"
        raise FangzhiError(f"没有{year}年卷的年鉴（已有年卷：{years}）。可用“yearbook new-volume"
                           f" --year {year}”新建。")
    return found


def volume_by_id(conn: sqlite3.Connection, volume_id: int) -> Volume:
    row = conn.execute(_VOLUME_SELECT + " WHERE id = ?", (volume_id,)).fetchone()
    if row is None:
        raise FangzhiError("该年卷已不存在（可能已被删除）。")
    return _volume(row)


def volume_token(conn: sqlite3.Connection, volume_id: int) -> str | None:
    """The secret that signs the volume's 组稿 packages (None: no such volume)."""
    row = conn.execute("SELECT token FROM yearbook_volumes WHERE id = ?",
                       (volume_id,)).fetchone()
    return str(row[0]) if row else None


def default_title(conn: sqlite3.Connection, year: int) -> str:
    """``某县年鉴（2026）`` from the office's name in the profile."""
    from fangzhi_desktop.storage.office import load_profile

    return make_title(county_of(load_profile(conn).full_name), year)


@dataclass(frozen=True)
class VolumeFields:
    """The editable fields of a volume."""

    title: str
    deadline: date | None = None
    tolerance: float = DEFAULT_TOLERANCE


def _check_year(year: int) -> None:
    if not 1990 <= year <= 2100:
        raise FangzhiError(f"年卷{year}不对（应为1990—2100年之间）。")


def _check_fields(fields: VolumeFields) -> None:
    if not fields.title.strip():
        raise FangzhiError("年鉴名称不能为空。")
    if not 0 <= fields.tolerance < 1:
        raise FangzhiError(f"字数允许偏差{fields.tolerance:.0%}不对（应在0%—99%之间）。")


def create_volume(conn: sqlite3.Connection, year: int, title: str | None = None, *,
                  deadline: date | None = None) -> int:
    """A new volume with its stages from the office's template and an empty 篇目."""
    _check_year(year)
    fields = VolumeFields(title or default_title(conn, year), deadline)
    _check_fields(fields)
    template = stage_template(conn)
    with transaction(conn):
        _refuse_existing(conn, year)
        volume_id = _insert_volume(conn, year, fields, None)
        conn.executemany(
            """INSERT INTO yearbook_stages (volume_id, position, name, planned_start,
                   planned_end, owner, publication) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(volume_id, n, t.name, *(d.isoformat() for d in t.dates(year)), t.owner,
              int(t.publication)) for n, t in enumerate(template, start=1)])
    return volume_id


def _refuse_existing(conn: sqlite3.Connection, year: int) -> None:
    if find_volume(conn, year) is not None:
        raise FangzhiError(f"{year}年卷的年鉴已经存在，未做改动。")


def _insert_volume(conn: sqlite3.Connection, year: int, fields: VolumeFields,
                   copied_from: int | None) -> int:
    cur = conn.execute(
        """INSERT INTO yearbook_volumes (year, title, deadline, tolerance, token, copied_from)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (year, fields.title.strip(), _iso(fields.deadline), fields.tolerance, new_token(),
         copied_from))
    return int(cur.lastrowid or 0)


@dataclass(frozen=True)
class NewVolume:
    """What ``new_volume`` made: the volume and what it copied (0 when started empty)."""

    volume_id: int
    year: int
    title: str
    copied_from: int | None
    nodes: int = 0
    units: int = 0
    stages: int = 0


def new_volume(conn: sqlite3.Connection, year: int, *, from_year: int | None = None,
               title: str | None = None) -> NewVolume:
    """Start the volume of ``year`` from the latest earlier one (or ``from_year``): its 篇目
    tree with units and budgets, its 供稿单位 with contacts (deadlines a year later) and its
    stages with the planned dates a year later. Manuscripts and reviews are not copied.
    Without an earlier volume the stages come from the template and the tree is empty."""
    _check_year(year)
    if from_year is None:
        earlier = [y for y in volume_years(conn) if y < year]
        from_year = earlier[-1] if earlier else None
    if from_year is None:
        volume_id = create_volume(conn, year, title)
        return NewVolume(volume_id, year, volume_by_id(conn, volume_id).title, None,
                         stages=len(list_stages(conn, volume_id)))
    source = get_volume(conn, from_year)
    shift = year - from_year
    new_title = title or _retitle(source.title, from_year, year) or default_title(conn, year)
    fields = VolumeFields(new_title, shift_year(source.deadline, shift), source.tolerance)
    _check_fields(fields)
    with transaction(conn):
        _refuse_existing(conn, year)
        volume_id = _insert_volume(conn, year, fields, from_year)
        stages = list_stages(conn, source.id)
        conn.executemany(
            """INSERT INTO yearbook_stages (volume_id, position, name, planned_start,
                   planned_end, owner, remarks, publication) VALUES (?, ?, ?, ?, ?, ?, '', ?)""",
            [(volume_id, s.position, s.name, _iso(shift_year(s.planned_start, shift)),
              _iso(shift_year(s.planned_end, shift)), s.owner, int(s.publication))
             for s in stages])
        units = list_volume_units(conn, source.id)
        conn.executemany(
            """INSERT INTO yearbook_units (volume_id, unit_id, position, contact, phone,
                   deadline, remarks) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(volume_id, u.unit_id, n, u.contact, u.phone, _iso(shift_year(u.deadline, shift)),
              u.remarks) for n, u in enumerate(units, start=1)])
        from fangzhi_desktop.storage.yearbook_tree import copy_tree

        nodes = copy_tree(conn, source.id, volume_id)
    return NewVolume(volume_id, year, new_title, from_year, nodes, len(units), len(stages))


def _retitle(title: str, old: int, new: int) -> str:
    """``某县年鉴（2025）`` → ``某县年鉴（2026）``; empty when the year is not in the title."""
    return title.replace(str(old), str(new)) if str(old) in title else ""


def volume_fields(conn: sqlite3.Connection, volume_id: int) -> VolumeFields:
    volume = volume_by_id(conn, volume_id)
    return VolumeFields(volume.title, volume.deadline, volume.tolerance)


def update_volume(conn: sqlite3.Connection, volume_id: int,
                  fields: VolumeFields) -> VolumeFields:
    """Change the title, default deadline or tolerance; returns the previous fields."""
    before = volume_fields(conn, volume_id)
    _check_fields(fields)
    with transaction(conn):
        conn.execute(
            """UPDATE yearbook_volumes SET title = ?, deadline = ?, tolerance = ?,
                   updated_at = datetime('now', 'localtime') WHERE id = ?""",
            (fields.title.strip(), _iso(fields.deadline), fields.tolerance, volume_id))
    return before


def delete_volume(conn: sqlite3.Connection, volume_id: int) -> None:
    """Delete a volume with its stages, tree, manuscripts and reviews."""
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_volumes WHERE id = ?", (volume_id,))


# --- The stage template ----------------------------------------------------------------------


def stage_template(conn: sqlite3.Connection) -> list[TemplateStage]:
    rows = conn.execute("SELECT position, name, start_md, end_md, publication, owner"
                        " FROM yearbook_stage_templates ORDER BY position, id")
    return [TemplateStage(int(r[0]), str(r[1]), str(r[2]), str(r[3]), bool(r[4]), str(r[5]))
            for r in rows]


def save_stage_template(conn: sqlite3.Connection,
                        stages: Sequence[TemplateStage]) -> list[TemplateStage]:
    """Replace the office's template (used by volumes created from now on); returns the old."""
    before = stage_template(conn)
    if not stages:
        raise FangzhiError("编纂阶段模板至少要有一个阶段。")
    for stage in stages:
        if not stage.name.strip():
            raise FangzhiError("阶段名称不能为空。")
        if not (valid_month_day(stage.start_md) and valid_month_day(stage.end_md)):
            raise FangzhiError(f"阶段“{stage.name}”的日期应写成“月-日”，如 03-15。")
        if stage.end_md < stage.start_md:
            raise FangzhiError(f"阶段“{stage.name}”的结束日期早于开始日期。")
    if sum(s.publication for s in stages) > 1:
        raise FangzhiError("只能有一个阶段标记为“出版”。")
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_stage_templates")
        conn.executemany(
            """INSERT INTO yearbook_stage_templates (position, name, start_md, end_md,
                   publication, owner) VALUES (?, ?, ?, ?, ?, ?)""",
            [(n, s.name.strip(), s.start_md, s.end_md, int(s.publication), s.owner.strip())
             for n, s in enumerate(stages, start=1)])
    return before


def reset_stage_template(conn: sqlite3.Connection) -> list[TemplateStage]:
    """Back to the stages this version ships; returns the old template."""
    return save_stage_template(conn, [TemplateStage(n, name, start, end, publication)
                                      for n, (name, start, end, publication)
                                      in enumerate(DEFAULT_TEMPLATE, start=1)])


# --- Stages ----------------------------------------------------------------------------------

_STAGE_SELECT = ("SELECT id, volume_id, position, name, planned_start, planned_end,"
                 " actual_start, actual_end, owner, remarks, publication FROM yearbook_stages")


def _stage(r: Sequence[object]) -> Stage:
    return Stage(int(r[0]), int(r[1]), int(r[2]), str(r[3]), _date(r[4]), _date(r[5]),
                 _date(r[6]), _date(r[7]), str(r[8]), str(r[9]), bool(r[10]))


def list_stages(conn: sqlite3.Connection, volume_id: int) -> list[Stage]:
    rows = conn.execute(_STAGE_SELECT + " WHERE volume_id = ? ORDER BY position, id",
                        (volume_id,))
    return [_stage(r) for r in rows]


def get_stage(conn: sqlite3.Connection, stage_id: int) -> Stage:
    row = conn.execute(_STAGE_SELECT + " WHERE id = ?", (stage_id,)).fetchone()
    if row is None:
        raise FangzhiError("该编纂阶段已不存在（可能已被删除）。")
    return _stage(row)


@dataclass(frozen=True)
class StageFields:
    """The editable fields of a stage."""

    name: str
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    owner: str = ""
    remarks: str = ""
    publication: bool = False


def _check_stage(fields: StageFields) -> None:
    name = fields.name.strip()
    if not name:
        raise FangzhiError("阶段名称不能为空。")
    if (fields.planned_start and fields.planned_end
            and fields.planned_end < fields.planned_start):
        raise FangzhiError(f"阶段“{name}”的计划结束日期早于计划开始日期。")
    if fields.actual_end and not fields.actual_start:
        raise FangzhiError(f"阶段“{name}”有实际结束日期却没有实际开始日期。")
    if fields.actual_start and fields.actual_end and fields.actual_end < fields.actual_start:
        raise FangzhiError(f"阶段“{name}”的实际结束日期早于实际开始日期。")


def stage_fields(conn: sqlite3.Connection, stage_id: int) -> StageFields:
    s = get_stage(conn, stage_id)
    return StageFields(s.name, s.planned_start, s.planned_end, s.actual_start, s.actual_end,
                       s.owner, s.remarks, s.publication)


def _clear_other_publication(conn: sqlite3.Connection, volume_id: int, keep: int) -> None:
    conn.execute("UPDATE yearbook_stages SET publication = 0 WHERE volume_id = ? AND id != ?",
                 (volume_id, keep))


def add_stage(conn: sqlite3.Connection, volume_id: int, fields: StageFields,
              position: int | None = None) -> int:
    """Add a stage at ``position`` (1-based; default last); returns its id."""
    volume_by_id(conn, volume_id)
    _check_stage(fields)
    with transaction(conn):
        (count,) = conn.execute("SELECT count(*) FROM yearbook_stages WHERE volume_id = ?",
                                (volume_id,)).fetchone()
        where = count + 1 if position is None else max(1, min(position, count + 1))
        conn.execute("UPDATE yearbook_stages SET position = position + 1"
                     " WHERE volume_id = ? AND position >= ?", (volume_id, where))
        cur = conn.execute(
            """INSERT INTO yearbook_stages (volume_id, position, name, planned_start,
                   planned_end, actual_start, actual_end, owner, remarks, publication)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (volume_id, where, *_stage_values(fields)))
        stage_id = int(cur.lastrowid or 0)
        if fields.publication:
            _clear_other_publication(conn, volume_id, stage_id)
    return stage_id


def _stage_values(fields: StageFields) -> tuple[object, ...]:
    return (fields.name.strip(), _iso(fields.planned_start), _iso(fields.planned_end),
            _iso(fields.actual_start), _iso(fields.actual_end), fields.owner.strip(),
            fields.remarks.strip(), int(fields.publication))


def update_stage(conn: sqlite3.Connection, stage_id: int, fields: StageFields) -> StageFields:
    """Rename, re-plan or record the actual dates of a stage; returns the previous fields."""
    before = stage_fields(conn, stage_id)
    stage = get_stage(conn, stage_id)
    _check_stage(fields)
    with transaction(conn):
        conn.execute(
            """UPDATE yearbook_stages SET name = ?, planned_start = ?, planned_end = ?,
                   actual_start = ?, actual_end = ?, owner = ?, remarks = ?, publication = ?
               WHERE id = ?""", (*_stage_values(fields), stage_id))
        if fields.publication:
            _clear_other_publication(conn, stage.volume_id, stage_id)
    return before


def start_stage(conn: sqlite3.Connection, stage_id: int, on: date) -> StageFields:
    """Record that a stage began on ``on``; returns the previous fields."""
    f = stage_fields(conn, stage_id)
    return update_stage(conn, stage_id, StageFields(
        f.name, f.planned_start, f.planned_end, on, f.actual_end, f.owner, f.remarks,
        f.publication))


def finish_stage(conn: sqlite3.Connection, stage_id: int, on: date) -> StageFields:
    """Record that a stage ended on ``on`` (started then too, if no start was recorded)."""
    f = stage_fields(conn, stage_id)
    return update_stage(conn, stage_id, StageFields(
        f.name, f.planned_start, f.planned_end, f.actual_start or on, on, f.owner, f.remarks,
        f.publication))


def move_stage(conn: sqlite3.Connection, stage_id: int, position: int) -> int:
    """Move a stage to ``position`` (1-based) among its volume's; returns the old position."""
    stage = get_stage(conn, stage_id)
    ids = [s.id for s in list_stages(conn, stage.volume_id)]
    old = ids.index(stage_id) + 1
    ids.remove(stage_id)
    ids.insert(max(0, min(position - 1, len(ids))), stage_id)
    with transaction(conn):
        conn.executemany("UPDATE yearbook_stages SET position = ? WHERE id = ?",
                         [(n, i) for n, i in enumerate(ids, start=1)])
    return old


def delete_stage(conn: sqlite3.Connection, stage_id: int) -> None:
    stage = get_stage(conn, stage_id)
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_stages WHERE id = ?", (stage_id,))
        conn.execute("UPDATE yearbook_stages SET position = position - 1"
                     " WHERE volume_id = ? AND position > ?", (stage.volume_id, stage.position))


# --- 供稿单位 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFields:
    """A 供稿单位's details in a volume; ``deadline`` None: the volume's."""

    contact: str = ""
    phone: str = ""
    deadline: date | None = None
    remarks: str = ""


_UNIT_SELECT = """
SELECT yu.unit_id, u.name, yu.contact, yu.phone, yu.deadline, yu.remarks
FROM yearbook_units yu JOIN units u ON u.id = yu.unit_id
"""


def list_volume_units(conn: sqlite3.Connection, volume_id: int) -> list[VolumeUnit]:
    """The 供稿单位 of a volume in the order they were added."""
    rows = conn.execute(_UNIT_SELECT + " WHERE yu.volume_id = ? ORDER BY yu.position, u.name",
                        (volume_id,))
    return [VolumeUnit(int(r[0]), str(r[1]), str(r[2]), str(r[3]), _date(r[4]), str(r[5]))
            for r in rows]


def join_volume(conn: sqlite3.Connection, volume_id: int, unit_id: int) -> None:
    """Make a unit one of the volume's 供稿单位 (no-op when it already is)."""
    conn.execute(
        """INSERT OR IGNORE INTO yearbook_units (volume_id, unit_id, position)
           VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM yearbook_units
                          WHERE volume_id = ?))""", (volume_id, unit_id, volume_id))


def set_volume_unit(conn: sqlite3.Connection, volume_id: int, name: str,
                    fields: UnitFields) -> tuple[int, UnitFields | None]:
    """Add a 供稿单位 (from the shared unit directory) or change its details; returns the unit
    id and its previous fields (None when it was new to the volume)."""
    volume_by_id(conn, volume_id)
    with transaction(conn):
        unit_id = ensure_unit(conn, name)
        before = unit_fields(conn, volume_id, unit_id)
        join_volume(conn, volume_id, unit_id)
        conn.execute(
            """UPDATE yearbook_units SET contact = ?, phone = ?, deadline = ?, remarks = ?
               WHERE volume_id = ? AND unit_id = ?""",
            (fields.contact.strip(), fields.phone.strip(), _iso(fields.deadline),
             fields.remarks.strip(), volume_id, unit_id))
    return unit_id, before


def unit_fields(conn: sqlite3.Connection, volume_id: int, unit_id: int) -> UnitFields | None:
    row = conn.execute("SELECT contact, phone, deadline, remarks FROM yearbook_units"
                       " WHERE volume_id = ? AND unit_id = ?", (volume_id, unit_id)).fetchone()
    return UnitFields(str(row[0]), str(row[1]), _date(row[2]), str(row[3])) if row else None


def remove_volume_unit(conn: sqlite3.Connection, volume_id: int, unit_id: int) -> None:
    """Take a unit off the volume's list; refused while 篇目 nodes are assigned to it."""
    (used,) = conn.execute("SELECT count(*) FROM yearbook_nodes WHERE volume_id = ?"
                           " AND unit_id = ?", (volume_id, unit_id)).fetchone()
    if used:
        raise FangzhiError(f"该单位还承担{used}个篇目，请先改派后再移除。")
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_units WHERE volume_id = ? AND unit_id = ?",
                     (volume_id, unit_id))


# --- Helpers ---------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None
