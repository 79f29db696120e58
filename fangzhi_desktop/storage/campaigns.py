"""Campaigns (专项活动) in the database: the campaign, its phases, its task ledger and steps.

Follow-up — progress, status, 销号, extensions and returned feedback — is in
``storage.campaign_followup``. Every function that writes does so in one transaction; the
editing functions return the previous values (for undo).

Deadlines: a task's ``deadline_phrase`` (``第12周``, ``3月第2周``, ``3月20日``, ``6月底前``…) is
resolved in the campaign year on the office's working calendar when the caller gives no date;
an unknown year raises ``ScheduleUnknown``, never a guess.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.calendar import WorkingCalendar
from fangzhi_desktop.domain.campaign_keys import new_token
from fangzhi_desktop.domain.campaigns import (
    CampaignInfo,
    CampaignTask,
    ParsedCampaign,
    Phase,
    PhaseToday,
    TaskStep,
    phase_today,
)
from fangzhi_desktop.domain.deadlines import Deadline
from fangzhi_desktop.domain.week_deadlines import find_deadline
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.errors import FangzhiError, InputErrors
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.units import ensure_unit

FINISHED = (Status.DONE.value, Status.CLOSED.value)
RULE_MANUAL = "人工指定"
_SEP = "\x1f"


@dataclass(frozen=True)
class TaskFilter:
    """What the ledger shows: all filters are combined with AND."""

    unit_id: int | None = None
    status: Status | None = None
    overdue_on: date | None = None  # only tasks overdue on this day
    phase_id: int | None = None
    search: str = ""


class _Calendar:
    """The working calendar, built on first use and kept for one operation."""

    def __init__(self, conn: sqlite3.Connection, calendar: WorkingCalendar | None = None) -> None:
        self.conn = conn
        self._calendar = calendar

    def get(self) -> WorkingCalendar:
        if self._calendar is None:
            from fangzhi_desktop.storage.calendar import working_calendar

            self._calendar = working_calendar(self.conn)
        return self._calendar


# --- Campaigns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignFields:
    """The editable fields of a campaign."""

    title: str
    year: int
    issuer: str = ""
    purpose: str = ""
    contents: tuple[str, ...] = ()


_CAMPAIGN_SELECT = """
SELECT c.id, c.title, c.year, c.issuer, c.purpose, c.contents, c.source_file,
       (SELECT count(*) FROM campaign_tasks t WHERE t.campaign_id = c.id)
FROM campaign_activities c
"""


def _campaign(row: Sequence[object]) -> CampaignInfo:
    return CampaignInfo(int(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]),
                        tuple(json.loads(str(row[5]))), str(row[6]), int(row[7]))


def list_campaigns(conn: sqlite3.Connection) -> list[CampaignInfo]:
    """Every campaign, the newest year first, then in the order they were created."""
    rows = conn.execute(_CAMPAIGN_SELECT + " ORDER BY c.year DESC, c.id").fetchall()
    return [_campaign(row) for row in rows]


def get_campaign(conn: sqlite3.Connection, campaign_id: int) -> CampaignInfo:
    row = conn.execute(_CAMPAIGN_SELECT + " WHERE c.id = ?", (campaign_id,)).fetchone()
    if row is None:
        raise FangzhiError(f"没有编号为{campaign_id}的专项活动（可能已被删除）。")
    return _campaign(row)


def find_campaign(conn: sqlite3.Connection, title: str) -> int | None:
    row = conn.execute("SELECT id FROM campaign_activities WHERE title = ? ORDER BY id",
                       (title.strip(),)).fetchone()
    return int(row[0]) if row else None


def campaign_token(conn: sqlite3.Connection, campaign_id: int) -> str | None:
    """The secret that signs the campaign's feedback templates (None: no such campaign)."""
    row = conn.execute("SELECT token FROM campaign_activities WHERE id = ?",
                       (campaign_id,)).fetchone()
    return str(row[0]) if row else None


def _check_campaign(fields: CampaignFields) -> None:
    if not fields.title.strip():
        raise FangzhiError("专项活动的名称不能为空。")
    if not 1990 <= fields.year <= 2100:
        raise FangzhiError(f"活动年度{fields.year}不对。")


def create_campaign(conn: sqlite3.Connection, fields: CampaignFields,
                    source_file: str = "") -> int:
    """A campaign made by hand (phases and tasks are added afterwards); returns its id."""
    _check_campaign(fields)
    with transaction(conn):
        cur = conn.execute(
            """INSERT INTO campaign_activities (title, year, issuer, purpose, contents,
                   source_file, token) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (fields.title.strip(), fields.year, fields.issuer.strip(), fields.purpose.strip(),
             json.dumps(list(fields.contents), ensure_ascii=False), source_file, new_token()),
        )
    return int(cur.lastrowid or 0)


def campaign_fields(conn: sqlite3.Connection, campaign_id: int) -> CampaignFields:
    info = get_campaign(conn, campaign_id)
    return CampaignFields(info.title, info.year, info.issuer, info.purpose, info.contents)


def update_campaign(conn: sqlite3.Connection, campaign_id: int,
                    fields: CampaignFields) -> CampaignFields:
    """Change the title, year or text of a campaign; returns the previous fields.

    Deadlines already resolved are kept when the year changes (edit them to re-resolve).
    """
    before = campaign_fields(conn, campaign_id)
    _check_campaign(fields)
    with transaction(conn):
        conn.execute(
            """UPDATE campaign_activities SET title = ?, year = ?, issuer = ?, purpose = ?,
                   contents = ?, updated_at = datetime('now', 'localtime') WHERE id = ?""",
            (fields.title.strip(), fields.year, fields.issuer.strip(), fields.purpose.strip(),
             json.dumps(list(fields.contents), ensure_ascii=False), campaign_id),
        )
    return before


def rename_campaign(conn: sqlite3.Connection, campaign_id: int, title: str) -> str:
    """Rename a campaign; returns the old title."""
    before = campaign_fields(conn, campaign_id)
    update_campaign(conn, campaign_id, CampaignFields(
        title, before.year, before.issuer, before.purpose, before.contents))
    return before.title


def delete_campaign(conn: sqlite3.Connection, campaign_id: int) -> None:
    """Delete a campaign with its phases, tasks, steps and records."""
    with transaction(conn):
        conn.execute("DELETE FROM campaign_activities WHERE id = ?", (campaign_id,))


def save_campaign(conn: sqlite3.Connection, plan: ParsedCampaign, *, year: int | None = None,
                  replace: bool = False, progress: Progress = no_progress) -> int:
    """Save an imported 实施方案 — the campaign, its phases and tasks — in one transaction.

    Tasks are numbered continuously across phases; a task's deadline is its phase's end (an
    open-ended phase's task has none). Refuses a plan with errors, and a title already
    imported unless ``replace`` (which deletes that campaign with its records).
    """
    if plan.errors:
        raise InputErrors(f"{plan.source or '实施方案'}有 {len(plan.errors)} 处错误，未导入。",
                          plan.errors)
    campaign_year = year or plan.year or _year_in(plan.title) or date.today().year
    fields = CampaignFields(plan.title, campaign_year, plan.issuer, plan.purpose,
                            tuple(plan.contents))
    total = max(1, sum(len(p.tasks) for p in plan.phases))
    source = Path(plan.source).name if plan.source else ""
    with audit.bulk(conn, "导入实施方案", table="campaign_activities",
                    source=source) as note:
        existing = find_campaign(conn, plan.title)
        if existing is not None and not replace:
            raise InputErrors(
                f"专项活动“{plan.title}”已经导入过（编号{existing}），未做改动。如确需重新导入，"
                "请选择“替换”（命令行加 --replace），原有任务及其进展记录将被删除。")
        if existing is not None:
            delete_campaign(conn, existing)
        campaign_id = create_campaign(conn, fields, source_file=plan.source)
        no = 0
        rows = []
        for position, parsed in enumerate(plan.phases, start=1):
            span = parsed.span
            cur = conn.execute(
                """INSERT INTO campaign_phases (campaign_id, position, name, start_date,
                       end_date, phrase) VALUES (?, ?, ?, ?, ?, ?)""",
                (campaign_id, position, parsed.name, _iso(span.start if span else None),
                 _iso(span.end if span else None), span.phrase if span else ""),
            )
            phase_id = int(cur.lastrowid or 0)
            end = span.end if span else None
            rule = (f"未写明时限，按所属阶段（{parsed.name}）结束日计" if end else
                    f"所属阶段（{parsed.name}）未设结束时间，不设完成时限")
            for task in parsed.tasks:
                no += 1
                rows.append((campaign_id, phase_id, no, no, task.text, rule, _iso(end),
                             _iso(end)))
                progress(no / total, f"正在保存第{no}项任务")
        conn.executemany(
            """INSERT INTO campaign_tasks (campaign_id, phase_id, no, position, text,
                   deadline_rule, deadline_issued, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        note.record_id = campaign_id
        note.summary = (f"{'重新' if existing is not None else ''}导入实施方案“{plan.title}”："
                        f"{len(plan.phases)} 个阶段、{no} 项任务")
    return campaign_id


def _year_in(text: str) -> int | None:
    m = re.search(r"((?:19|20)\d\d)\s*年", text)
    return int(m[1]) if m else None


# --- Phases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseFields:
    """The editable fields of a phase; ``end`` None for an open-ended phase (…以后)."""

    name: str
    start: date | None
    end: date | None = None
    phrase: str = ""


def _phase(row: Sequence[object]) -> Phase:
    return Phase(int(row[0]), int(row[1]), int(row[2]), str(row[3]), _date(row[4]),
                 _date(row[5]), str(row[6]))


_PHASE_SELECT = ("SELECT id, campaign_id, position, name, start_date, end_date, phrase"
                 " FROM campaign_phases")


def list_phases(conn: sqlite3.Connection, campaign_id: int) -> list[Phase]:
    rows = conn.execute(_PHASE_SELECT + " WHERE campaign_id = ? ORDER BY position, id",
                        (campaign_id,))
    return [_phase(row) for row in rows]


def get_phase(conn: sqlite3.Connection, phase_id: int) -> Phase:
    row = conn.execute(_PHASE_SELECT + " WHERE id = ?", (phase_id,)).fetchone()
    if row is None:
        raise FangzhiError("该阶段已不存在（可能已被删除）。")
    return _phase(row)


def _check_phase(fields: PhaseFields) -> None:
    if not fields.name.strip():
        raise FangzhiError("阶段名称不能为空。")
    if fields.end is not None and fields.start is None:
        raise FangzhiError(f"阶段“{fields.name}”有结束日期却没有开始日期。")
    if fields.start and fields.end and fields.end < fields.start:
        raise FangzhiError(f"阶段“{fields.name}”的结束日期早于开始日期。")


def add_phase(conn: sqlite3.Connection, campaign_id: int, fields: PhaseFields) -> int:
    """Add a phase after the last one; returns its id."""
    get_campaign(conn, campaign_id)
    _check_phase(fields)
    with transaction(conn):
        (position,) = conn.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM campaign_phases WHERE campaign_id = ?",
            (campaign_id,)).fetchone()
        cur = conn.execute(
            """INSERT INTO campaign_phases (campaign_id, position, name, start_date, end_date,
                   phrase) VALUES (?, ?, ?, ?, ?, ?)""",
            (campaign_id, position, fields.name.strip(), _iso(fields.start), _iso(fields.end),
             fields.phrase),
        )
    return int(cur.lastrowid or 0)


def update_phase(conn: sqlite3.Connection, phase_id: int, fields: PhaseFields) -> PhaseFields:
    """Rename or re-date a phase; returns the previous fields."""
    old = get_phase(conn, phase_id)
    _check_phase(fields)
    with transaction(conn):
        conn.execute(
            "UPDATE campaign_phases SET name = ?, start_date = ?, end_date = ?, phrase = ?"
            " WHERE id = ?",
            (fields.name.strip(), _iso(fields.start), _iso(fields.end), fields.phrase,
             phase_id),
        )
    return PhaseFields(old.name, old.start, old.end, old.phrase)


def delete_phase(conn: sqlite3.Connection, phase_id: int) -> None:
    """Delete a phase; its tasks stay in the ledger, without a phase."""
    with transaction(conn):
        conn.execute("DELETE FROM campaign_phases WHERE id = ?", (phase_id,))


def campaign_phase_today(conn: sqlite3.Connection, campaign_id: int,
                         today: date) -> PhaseToday:
    return phase_today(list_phases(conn, campaign_id), today)


def campaigns_today(conn: sqlite3.Connection,
                    today: date) -> list[tuple[CampaignInfo, PhaseToday]]:
    """Every campaign with the phase it is in on ``today`` (or why it is in none)."""
    phases: dict[int, list[Phase]] = {}
    for row in conn.execute(_PHASE_SELECT + " ORDER BY campaign_id, position, id"):
        phase = _phase(row)
        phases.setdefault(phase.campaign_id, []).append(phase)
    return [(c, phase_today(phases.get(c.id, []), today)) for c in list_campaigns(conn)]


# --- Tasks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepFields:
    """An implementation step as entered: its node phrase is resolved like a deadline when
    ``deadline`` is None."""

    text: str
    node_phrase: str = ""
    deadline: date | None = None
    node_rule: str | None = None
    done: bool = False
    done_on: date | None = None


@dataclass(frozen=True)
class TaskFields:
    """The editable fields of a ledger task.

    ``deadline`` None with a ``deadline_phrase`` means "resolve the phrase" (on the working
    calendar, in the campaign year); None without a phrase means no time limit. A date given
    with ``deadline_rule`` None is recorded as 人工指定.
    """

    text: str
    unit: str = ""
    person: str = ""
    deadline_phrase: str = ""
    deadline: date | None = None
    deadline_rule: str | None = None
    phase_id: int | None = None
    group: str = ""
    steps: tuple[StepFields, ...] = ()


def resolve_deadline(conn: sqlite3.Connection, campaign_id: int, phrase: str) -> Deadline:
    """The date a deadline phrase stands for in this campaign; ``FangzhiError`` when the
    phrase names no deadline, ``ScheduleUnknown`` when its year's holidays are not known."""
    campaign = get_campaign(conn, campaign_id)
    return _resolve(phrase, campaign.year, _Calendar(conn))


def _resolve(phrase: str, year: int, calendar: _Calendar) -> Deadline:
    found = find_deadline(phrase, year, calendar.get())
    if found is None:
        raise FangzhiError(f"无法识别完成时限“{phrase}”。可以写“第12周”“3月第2周”“3月20日”"
                           "“6月底前”等。")
    return found


def _deadline_of(fields: TaskFields | StepFields, phrase: str, year: int,
                 calendar: _Calendar) -> tuple[date | None, str]:
    given = fields.deadline
    rule = fields.deadline_rule if isinstance(fields, TaskFields) else fields.node_rule
    if given is not None:
        return given, rule if rule is not None else RULE_MANUAL
    if not phrase.strip():
        return None, rule or ""
    found = _resolve(phrase, year, calendar)
    return found.date, found.rule


def _check_task(conn: sqlite3.Connection, campaign_id: int, fields: TaskFields) -> None:
    if not fields.text.strip():
        raise FangzhiError("任务内容不能为空。")
    if fields.phase_id is not None:
        row = conn.execute("SELECT campaign_id FROM campaign_phases WHERE id = ?",
                           (fields.phase_id,)).fetchone()
        if row is None or row[0] != campaign_id:
            raise FangzhiError("所选阶段不属于这项专项活动。")


def add_task(conn: sqlite3.Connection, campaign_id: int, fields: TaskFields, *,
             no: int | None = None, calendar: WorkingCalendar | None = None) -> int:
    """Add a task (with its steps) at the end of the ledger; numbered after the last one
    unless ``no`` is given. Returns its id."""
    campaign = get_campaign(conn, campaign_id)
    _check_task(conn, campaign_id, fields)
    cal = _Calendar(conn, calendar)
    deadline, rule = _deadline_of(fields, fields.deadline_phrase, campaign.year, cal)
    steps = [_step_row(step, campaign.year, cal) for step in fields.steps]
    with transaction(conn):
        last_no, last_pos = conn.execute(
            "SELECT coalesce(max(no), 0), coalesce(max(position), 0) FROM campaign_tasks"
            " WHERE campaign_id = ?", (campaign_id,)).fetchone()
        unit_id = ensure_unit(conn, fields.unit) if fields.unit.strip() else None
        cur = conn.execute(
            """INSERT INTO campaign_tasks (campaign_id, phase_id, no, position, group_name, text,
                   unit_id, person, deadline_phrase, deadline_rule, deadline_issued, deadline)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (campaign_id, fields.phase_id, no if no is not None else last_no + 1,
             last_pos + 1, fields.group.strip(), fields.text.strip(), unit_id,
             fields.person.strip(), fields.deadline_phrase.strip(), rule, _iso(deadline),
             _iso(deadline)),
        )
        task_id = int(cur.lastrowid or 0)
        _write_steps(conn, task_id, steps)
    return task_id


def task_fields(conn: sqlite3.Connection, task_id: int) -> TaskFields:
    """The stored fields of a task (dates explicit, so writing them back changes nothing)."""
    task = get_task(conn, task_id)
    steps = tuple(StepFields(s.text, s.node_phrase, s.deadline, s.node_rule, s.done, s.done_on)
                  for s in task_steps(conn, task_id))
    return TaskFields(task.text, task.unit, task.person, task.deadline_phrase, task.deadline,
                      task.deadline_rule, task.phase_id, task.group, steps)


def update_task(conn: sqlite3.Connection, task_id: int, fields: TaskFields, *,
                steps: bool = True) -> TaskFields:
    """Correct a task (and, with ``steps``, replace its steps); returns the previous fields.

    A changed deadline here is a correction of the issued one: while no extension has been
    granted the baseline moves with it; extensions go through ``extend_task_deadline``.
    """
    before = task_fields(conn, task_id)
    task = get_task(conn, task_id)
    campaign = get_campaign(conn, task.campaign_id)
    _check_task(conn, task.campaign_id, fields)
    cal = _Calendar(conn)
    deadline, rule = _deadline_of(fields, fields.deadline_phrase, campaign.year, cal)
    step_rows = [_step_row(step, campaign.year, cal) for step in fields.steps]
    with transaction(conn):
        unit_id = ensure_unit(conn, fields.unit) if fields.unit.strip() else None
        conn.execute(
            """UPDATE campaign_tasks SET text = ?, unit_id = ?, person = ?, group_name = ?,
                   phase_id = ?, deadline_phrase = ?, deadline_rule = ?, deadline = ?,
                   deadline_issued = CASE WHEN EXISTS (SELECT 1 FROM campaign_task_extensions e
                       WHERE e.task_id = campaign_tasks.id) THEN deadline_issued ELSE ? END,
                   updated_at = datetime('now', 'localtime')
               WHERE id = ?""",
            (fields.text.strip(), unit_id, fields.person.strip(), fields.group.strip(),
             fields.phase_id, fields.deadline_phrase.strip(), rule, _iso(deadline),
             _iso(deadline), task_id),
        )
        if steps:
            conn.execute("DELETE FROM campaign_task_steps WHERE task_id = ?", (task_id,))
            _write_steps(conn, task_id, step_rows)
    return before


def delete_task(conn: sqlite3.Connection, task_id: int) -> None:
    """Delete a task with its steps and records."""
    with transaction(conn):
        conn.execute("DELETE FROM campaign_tasks WHERE id = ?", (task_id,))


_TASK_SELECT = """
SELECT t.id, t.campaign_id, t.no, t.position, t.text, t.group_name, t.phase_id,
       coalesce(p.name, ''), coalesce(u.name, ''), t.unit_id, t.person, t.deadline_phrase,
       t.deadline_rule, t.deadline, t.deadline_issued,
       (SELECT count(*) FROM campaign_task_extensions e WHERE e.task_id = t.id),
       (SELECT group_concat(x.reason, char(31)) FROM (SELECT e.reason FROM
           campaign_task_extensions e WHERE e.task_id = t.id ORDER BY e.id) x),
       t.status, t.status_date, t.status_remark, t.closed_by,
       (SELECT l.text FROM campaign_task_log l WHERE l.task_id = t.id AND l.kind = '进展'
         ORDER BY l.entry_date DESC, l.id DESC LIMIT 1),
       (SELECT l.entry_date FROM campaign_task_log l WHERE l.task_id = t.id AND l.kind = '进展'
         ORDER BY l.entry_date DESC, l.id DESC LIMIT 1),
       (SELECT count(*) FROM campaign_task_steps s WHERE s.task_id = t.id),
       (SELECT count(*) FROM campaign_task_steps s WHERE s.task_id = t.id AND s.done)
FROM campaign_tasks t
LEFT JOIN campaign_phases p ON p.id = t.phase_id
LEFT JOIN units u ON u.id = t.unit_id
"""


def _tasks(conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[CampaignTask]:
    return [CampaignTask(
        id=r[0], campaign_id=r[1], no=r[2], position=r[3], text=r[4], group=r[5],
        phase_id=r[6], phase_name=r[7], unit=r[8], unit_id=r[9], person=r[10],
        deadline_phrase=r[11], deadline_rule=r[12], deadline=_date(r[13]),
        deadline_issued=_date(r[14]), extensions=r[15],
        extension_reasons=tuple(x for x in (r[16] or "").split(_SEP) if x),
        status=Status(r[17]), status_date=_date(r[18]), status_remark=r[19], closed_by=r[20],
        last_progress=r[21] or "", last_progress_date=_date(r[22]), steps_total=r[23],
        steps_done=r[24]) for r in conn.execute(sql, list(params))]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_tasks(conn: sqlite3.Connection, campaign_id: int,
               flt: TaskFilter | None = None) -> list[CampaignTask]:
    """The ledger of a campaign in order, filtered in SQL."""
    flt = flt or TaskFilter()
    where = ["t.campaign_id = ?"]
    params: list[object] = [campaign_id]
    if flt.unit_id is not None:
        where.append("t.unit_id = ?")
        params.append(flt.unit_id)
    if flt.status is not None:
        where.append("t.status = ?")
        params.append(flt.status.value)
    if flt.phase_id is not None:
        where.append("t.phase_id = ?")
        params.append(flt.phase_id)
    if flt.overdue_on is not None:
        where.append("t.status NOT IN (?, ?) AND t.deadline < ?")
        params += [*FINISHED, flt.overdue_on.isoformat()]
    for word in flt.search.split():
        pattern = f"%{_escape_like(word)}%"
        where.append(
            """(t.text LIKE ? ESCAPE '\\' OR t.person LIKE ? ESCAPE '\\'
                OR t.group_name LIKE ? ESCAPE '\\' OR CAST(t.no AS TEXT) = ?
                OR u.name LIKE ? ESCAPE '\\'
                OR EXISTS (SELECT 1 FROM campaign_task_log l
                           WHERE l.task_id = t.id AND l.text LIKE ? ESCAPE '\\'))""")
        params += [pattern, pattern, pattern, word, pattern, pattern]
    sql = _TASK_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY t.position, t.id"
    return _tasks(conn, sql, params)


def get_task(conn: sqlite3.Connection, task_id: int) -> CampaignTask:
    found = _tasks(conn, _TASK_SELECT + " WHERE t.id = ?", [task_id])
    if not found:
        raise FangzhiError("该任务已不存在（可能已被删除）。")
    return found[0]


def overdue_tasks(conn: sqlite3.Connection, today: date) -> list[CampaignTask]:
    """Unfinished tasks of every campaign past their deadline, oldest deadline first."""
    sql = (_TASK_SELECT + " WHERE t.status NOT IN (?, ?) AND t.deadline < ?"
           " ORDER BY t.deadline, t.campaign_id, t.position")
    return _tasks(conn, sql, [*FINISHED, today.isoformat()])


def due_between(conn: sqlite3.Connection, start: date, end: date) -> list[CampaignTask]:
    """Unfinished tasks of every campaign due within ``start..end`` (inclusive)."""
    sql = (_TASK_SELECT + " WHERE t.status NOT IN (?, ?) AND t.deadline BETWEEN ? AND ?"
           " ORDER BY t.deadline, t.campaign_id, t.position")
    return _tasks(conn, sql, [*FINISHED, start.isoformat(), end.isoformat()])


def campaign_units(conn: sqlite3.Connection, campaign_id: int) -> list[tuple[int, str]]:
    """The responsible units named in a campaign's tasks (id, name), by first appearance."""
    rows = conn.execute(
        """SELECT u.id, u.name FROM campaign_tasks t JOIN units u ON u.id = t.unit_id
           WHERE t.campaign_id = ? GROUP BY u.id ORDER BY min(t.position)""", (campaign_id,))
    return [(int(r[0]), str(r[1])) for r in rows]


# --- Steps -----------------------------------------------------------------------------------

_StepRow = tuple[str, str, str, str | None, int, str | None]


def _step_row(step: StepFields, year: int, calendar: _Calendar) -> _StepRow:
    if not step.text.strip():
        raise FangzhiError("实施步骤的内容不能为空。")
    deadline, rule = _deadline_of(step, step.node_phrase, year, calendar)
    done_on = step.done_on if step.done else None
    return (step.text.strip(), step.node_phrase.strip(), rule, _iso(deadline),
            int(step.done), _iso(done_on))


def _write_steps(conn: sqlite3.Connection, task_id: int, rows: Sequence[_StepRow]) -> None:
    conn.executemany(
        """INSERT INTO campaign_task_steps (task_id, position, text, node_phrase, node_rule,
               deadline, done, done_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [(task_id, n, *row) for n, row in enumerate(rows, start=1)],
    )


_STEP_SELECT = ("SELECT id, task_id, position, text, node_phrase, node_rule, deadline, done,"
                " done_on FROM campaign_task_steps")


def _step(r: Sequence[object]) -> TaskStep:
    return TaskStep(int(r[0]), int(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5]),
                    _date(r[6]), bool(r[7]), _date(r[8]))


def task_steps(conn: sqlite3.Connection, task_id: int) -> list[TaskStep]:
    rows = conn.execute(_STEP_SELECT + " WHERE task_id = ? ORDER BY position", (task_id,))
    return [_step(r) for r in rows]


def steps_of_campaign(conn: sqlite3.Connection, campaign_id: int) -> dict[int, list[TaskStep]]:
    """The steps of every task of a campaign, by task id."""
    out: dict[int, list[TaskStep]] = {}
    rows = conn.execute(
        _STEP_SELECT + " WHERE task_id IN (SELECT id FROM campaign_tasks WHERE campaign_id = ?)"
        " ORDER BY task_id, position", (campaign_id,))
    for r in rows:
        step = _step(r)
        out.setdefault(step.task_id, []).append(step)
    return out


def set_steps(conn: sqlite3.Connection, task_id: int,
              steps: Sequence[StepFields]) -> tuple[StepFields, ...]:
    """Replace the steps of a task; returns the previous ones."""
    before = task_fields(conn, task_id)
    update_task(conn, task_id, TaskFields(
        before.text, before.unit, before.person, before.deadline_phrase, before.deadline,
        before.deadline_rule, before.phase_id, before.group, tuple(steps)))
    return before.steps


def mark_step(conn: sqlite3.Connection, step_id: int, done: bool,
              done_on: date | None = None) -> tuple[bool, date | None]:
    """Tick a step done (on ``done_on``) or not; returns the previous (done, done_on)."""
    row = conn.execute("SELECT done, done_on FROM campaign_task_steps WHERE id = ?",
                       (step_id,)).fetchone()
    if row is None:
        raise FangzhiError("该实施步骤已不存在（可能已被删除）。")
    with transaction(conn):
        conn.execute("UPDATE campaign_task_steps SET done = ?, done_on = ? WHERE id = ?",
                     (int(done), _iso(done_on) if done else None, step_id))
    return bool(row[0]), _date(row[1])


# --- Helpers ---------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None
