"""Schema versions: one small function per change, applied with sqlite-utils ``Migrations``.

``known_migrations()`` needs no sqlite-utils import, so opening an up-to-date database at
start-up stays fast; sqlite-utils is imported only when something must be applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "fangzhi"
MIGRATIONS_TABLE = "_sqlite_migrations"


def _run(db: Database, script: str) -> None:
    """Execute a DDL script statement by statement (``executescript`` would COMMIT)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def m0001_work_points(db: Database) -> None:
    """Units directory and annual work points with their log, extensions and status."""
    _run(db, """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE unit_aliases (
    alias_key TEXT PRIMARY KEY,
    alias TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);
CREATE TABLE work_plans (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    doc_no TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    preamble TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE work_sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    ordinal TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL
);
CREATE INDEX work_sections_plan ON work_sections(plan_id, position);
CREATE TABLE work_items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES work_sections(id) ON DELETE CASCADE,
    no INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    subsection TEXT NOT NULL DEFAULT '',
    deadline_phrase TEXT NOT NULL DEFAULT '',
    deadline_rule TEXT NOT NULL DEFAULT '',
    deadline_issued TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '未启动'
        CHECK (status IN ('未启动', '推进中', '已完成', '已销号')),
    status_date TEXT,
    status_remark TEXT NOT NULL DEFAULT '',
    carried_from INTEGER REFERENCES work_items(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX work_items_plan ON work_items(plan_id, position);
CREATE INDEX work_items_deadline ON work_items(deadline, status);
CREATE INDEX work_items_carried ON work_items(carried_from);
CREATE TABLE work_item_units (
    item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    position INTEGER NOT NULL,
    PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX work_item_units_unit ON work_item_units(unit_id);
CREATE TABLE work_item_log (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    entry_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('进展', '催办')),
    text TEXT NOT NULL,
    reporter TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX work_item_log_item ON work_item_log(item_id, entry_date);
CREATE TABLE work_item_extensions (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    old_deadline TEXT NOT NULL,
    new_deadline TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX work_item_extensions_item ON work_item_extensions(item_id);
""")


def m0002_office_profile(db: Database) -> None:
    """The office profile (names printed on documents) and 发文字号 serials per year."""
    _run(db, """
CREATE TABLE office_profile (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE doc_serials (
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL,
    title TEXT NOT NULL,
    issued_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    PRIMARY KEY (year, serial)
);
""")


def m0003_people(db: Database) -> None:
    """Staff from the 花名册: one row per person, matched by 公民身份号码 on re-import.

    Dates are ``YYYY-MM``; absent text is ``''``; an unknown ID number is NULL (so several people
    may lack one). ``roster_order`` is the person's place in the last imported roster. No index
    besides the ID number's: an office has tens to hundreds of people, matched in Python.
    """
    _run(db, """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sex TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    birth TEXT NOT NULL DEFAULT '',
    id_number TEXT UNIQUE,
    political_status TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    degree TEXT NOT NULL DEFAULT '',
    work_start TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    rank TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    roster_order INTEGER NOT NULL DEFAULT 0,
    source_file TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
""")


def m0004_learning(db: Database) -> None:
    """Staff learning: activity types with their 学时 rules, yearly requirements per 职级 and
    the carry-over limit (each applying from a year on), activities and attendance.

    The default types and requirements (``from_year`` 0: every year until the office sets a
    year of its own) are stored here as this version ships them; the office edits them.
    ``studied`` holds one document or speech per line. A person with learning records cannot
    be deleted (RESTRICT): the records are the office's history.
    """
    _run(db, """
CREATE TABLE learning_types (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    basis TEXT NOT NULL CHECK (basis IN ('per_session', 'per_half_day', 'per_day', 'by_length')),
    hours REAL NOT NULL CHECK (hours > 0),
    yearly_cap REAL CHECK (yearly_cap IS NULL OR yearly_cap >= 0),
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE learning_policies (
    from_year INTEGER PRIMARY KEY,
    default_hours REAL NOT NULL CHECK (default_hours >= 0),
    carry_cap REAL NOT NULL DEFAULT 0 CHECK (carry_cap >= 0)
);
CREATE TABLE learning_requirements (
    from_year INTEGER NOT NULL REFERENCES learning_policies(from_year) ON DELETE CASCADE,
    rank TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours >= 0),
    PRIMARY KEY (from_year, rank)
);
CREATE TABLE learning_activities (
    id INTEGER PRIMARY KEY,
    type_id INTEGER NOT NULL REFERENCES learning_types(id) ON DELETE RESTRICT,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    title TEXT NOT NULL,
    host TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    studied TEXT NOT NULL DEFAULT '',
    units REAL,
    hours REAL NOT NULL CHECK (hours >= 0),
    hours_manual INTEGER NOT NULL DEFAULT 0 CHECK (hours_manual IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    CHECK (end_date >= start_date)
);
CREATE INDEX learning_activities_dates ON learning_activities(start_date, end_date);
CREATE INDEX learning_activities_type ON learning_activities(type_id);
CREATE TABLE learning_attendance (
    activity_id INTEGER NOT NULL REFERENCES learning_activities(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    position INTEGER NOT NULL,
    on_leave INTEGER NOT NULL DEFAULT 0 CHECK (on_leave IN (0, 1)),
    hours REAL CHECK (hours IS NULL OR hours >= 0),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX learning_attendance_person ON learning_attendance(person_id);
INSERT INTO learning_types (name, basis, hours, yearly_cap, note, position) VALUES
    ('理论学习中心组学习', 'per_session', 3, NULL, '每次集中学习3学时', 1),
    ('专题讲座', 'per_half_day', 4, NULL, '每半天4学时', 2),
    ('脱产培训', 'per_day', 8, NULL, '每天6—8学时，默认8学时', 3),
    ('网络学习', 'by_length', 1, NULL, '按课程学时计', 4),
    ('主题党日', 'per_session', 2, NULL, '', 5),
    ('三会一课', 'per_session', 2, NULL, '', 6),
    ('自学', 'by_length', 1, 20, '按实际学时计，每年最多20学时', 7),
    ('业务培训', 'per_half_day', 4, NULL, '', 8),
    ('法治培训', 'per_half_day', 4, NULL, '', 9);
INSERT INTO learning_policies (from_year, default_hours, carry_cap) VALUES (0, 90, 20);
INSERT INTO learning_requirements (from_year, rank, hours) VALUES
    (0, '正处', 110), (0, '副处', 110), (0, '正科', 110), (0, '副科', 110);
""")


def m0005_briefings(db: Database) -> None:
    """Briefings (简报): issues with their 期号 (per year) and 总期号 (never reset), and articles.

    ``series_key`` is the briefing's name without spaces: numbers are unique within a series.
    An article's paragraphs are stored one per line in ``body``. ``has_tail`` 0 means the issue
    printed no 报尾 (the export then fills it from the office profile).
    """
    _run(db, """
CREATE TABLE briefing_issues (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    series_key TEXT NOT NULL,
    year INTEGER NOT NULL,
    issue INTEGER NOT NULL CHECK (issue > 0),
    total_issue INTEGER CHECK (total_issue IS NULL OR total_issue > 0),
    issued_on TEXT NOT NULL,
    publisher TEXT NOT NULL DEFAULT '',
    confidential TEXT NOT NULL DEFAULT '',
    has_tail INTEGER NOT NULL DEFAULT 1 CHECK (has_tail IN (0, 1)),
    printer TEXT NOT NULL DEFAULT '',
    print_date TEXT,
    bao TEXT NOT NULL DEFAULT '',
    song TEXT NOT NULL DEFAULT '',
    fa TEXT NOT NULL DEFAULT '',
    copies INTEGER CHECK (copies IS NULL OR copies > 0),
    disclosure TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    UNIQUE (series_key, year, issue)
);
CREATE UNIQUE INDEX briefing_issues_total ON briefing_issues(series_key, total_issue)
    WHERE total_issue IS NOT NULL;
CREATE INDEX briefing_issues_date ON briefing_issues(issued_on);
CREATE TABLE briefing_articles (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES briefing_issues(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    column_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    attribution TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT ''
);
CREATE INDEX briefing_articles_issue ON briefing_articles(issue_id, position);
""")


def m0006_campaigns(db: Database) -> None:
    """Campaigns (专项活动): phases, the task ledger with steps, log, extensions and 销号; and
    the holiday schedules of years the office adds (``calendar_years``).

    Dates are ISO text; a task or step without a time limit has NULL dates. ``token`` is a
    random secret per campaign that signs the keys of its feedback templates. When two
    spellings of a unit are merged (the alias rows move first, then the unit is deleted), the
    trigger moves the tasks to the unit that now owns the deleted unit's name.
    """
    _run(db, """
CREATE TABLE campaign_activities (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    contents TEXT NOT NULL DEFAULT '[]',
    source_file TEXT NOT NULL DEFAULT '',
    token TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE campaign_phases (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign_activities(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    phrase TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaign_phases_campaign ON campaign_phases(campaign_id, position);
CREATE TABLE campaign_tasks (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign_activities(id) ON DELETE CASCADE,
    phase_id INTEGER REFERENCES campaign_phases(id) ON DELETE SET NULL,
    no INTEGER NOT NULL,
    position INTEGER NOT NULL,
    group_name TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    person TEXT NOT NULL DEFAULT '',
    deadline_phrase TEXT NOT NULL DEFAULT '',
    deadline_rule TEXT NOT NULL DEFAULT '',
    deadline_issued TEXT,
    deadline TEXT,
    status TEXT NOT NULL DEFAULT '未启动'
        CHECK (status IN ('未启动', '推进中', '已完成', '已销号')),
    status_date TEXT,
    status_remark TEXT NOT NULL DEFAULT '',
    closed_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX campaign_tasks_campaign ON campaign_tasks(campaign_id, position);
CREATE INDEX campaign_tasks_deadline ON campaign_tasks(deadline, status);
CREATE INDEX campaign_tasks_unit ON campaign_tasks(unit_id);
CREATE INDEX campaign_tasks_phase ON campaign_tasks(phase_id);
CREATE TABLE campaign_task_steps (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES campaign_tasks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    node_phrase TEXT NOT NULL DEFAULT '',
    node_rule TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_on TEXT
);
CREATE INDEX campaign_task_steps_task ON campaign_task_steps(task_id, position);
CREATE TABLE campaign_task_log (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES campaign_tasks(id) ON DELETE CASCADE,
    entry_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('进展', '催办')),
    text TEXT NOT NULL,
    reporter TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX campaign_task_log_task ON campaign_task_log(task_id, entry_date);
CREATE TABLE campaign_task_extensions (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES campaign_tasks(id) ON DELETE CASCADE,
    old_deadline TEXT NOT NULL,
    new_deadline TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX campaign_task_extensions_task ON campaign_task_extensions(task_id);
CREATE TRIGGER campaign_tasks_follow_unit_merge BEFORE DELETE ON units
BEGIN
    UPDATE campaign_tasks SET unit_id = (
        SELECT a.unit_id FROM unit_aliases a WHERE a.alias = OLD.name AND a.unit_id != OLD.id)
    WHERE unit_id = OLD.id AND EXISTS (
        SELECT 1 FROM unit_aliases a WHERE a.alias = OLD.name AND a.unit_id != OLD.id);
END;
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    data TEXT NOT NULL,
    source_file TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
""")


def m0007_yearbook(db: Database) -> None:
    """Yearbooks (年鉴): the office's stage template, volumes with their stages, 供稿单位
    (contact and deadline per volume), the 篇目 tree, manuscripts (the file in its own table, so
    listing them never reads blobs) and their reviews.

    Template dates are ``MM-DD`` in the volume year. ``token`` signs the keys of the 组稿
    packages. A node's ``unit_id`` is its own assignment (its 条目 inherit it). When two
    spellings of a unit are merged, the trigger moves the yearbook's references first.
    """
    _run(db, """
CREATE TABLE yearbook_stage_templates (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_md TEXT NOT NULL,
    end_md TEXT NOT NULL,
    publication INTEGER NOT NULL DEFAULT 0 CHECK (publication IN (0, 1)),
    owner TEXT NOT NULL DEFAULT '',
    CHECK (end_md >= start_md)
);
INSERT INTO yearbook_stage_templates (position, name, start_md, end_md, publication) VALUES
    (1, '印发组稿通知', '01-05', '01-20', 0),
    (2, '篇目设计/审定', '01-21', '02-10', 0),
    (3, '组稿', '02-11', '04-10', 0),
    (4, '收稿', '04-11', '04-30', 0),
    (5, '初审', '05-01', '05-31', 0),
    (6, '复审', '06-01', '06-30', 0),
    (7, '终审', '07-01', '07-20', 0),
    (8, '送审', '07-21', '08-10', 0),
    (9, '出版社三审三校', '08-11', '09-30', 0),
    (10, '排版校对', '10-01', '10-31', 0),
    (11, '出版审批/书号', '11-01', '11-15', 0),
    (12, '印刷', '11-16', '12-10', 0),
    (13, '出版发行', '12-11', '12-25', 1),
    (14, '报送/上网', '12-26', '12-31', 0);
CREATE TABLE yearbook_volumes (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1990 AND 2100),
    title TEXT NOT NULL,
    deadline TEXT,
    tolerance REAL NOT NULL DEFAULT 0.1 CHECK (tolerance >= 0 AND tolerance < 1),
    token TEXT NOT NULL,
    copied_from INTEGER,
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE yearbook_stages (
    id INTEGER PRIMARY KEY,
    volume_id INTEGER NOT NULL REFERENCES yearbook_volumes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    planned_start TEXT,
    planned_end TEXT,
    actual_start TEXT,
    actual_end TEXT,
    owner TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    publication INTEGER NOT NULL DEFAULT 0 CHECK (publication IN (0, 1)),
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
    CHECK (actual_end IS NULL OR (actual_start IS NOT NULL AND actual_end >= actual_start))
);
CREATE INDEX yearbook_stages_volume ON yearbook_stages(volume_id, position);
CREATE TABLE yearbook_units (
    volume_id INTEGER NOT NULL REFERENCES yearbook_volumes(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    position INTEGER NOT NULL DEFAULT 0,
    contact TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    remarks TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (volume_id, unit_id)
);
CREATE INDEX yearbook_units_unit ON yearbook_units(unit_id);
CREATE TABLE yearbook_nodes (
    id INTEGER PRIMARY KEY,
    volume_id INTEGER NOT NULL REFERENCES yearbook_volumes(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES yearbook_nodes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    word_budget INTEGER CHECK (word_budget IS NULL OR word_budget >= 0),
    photo_budget INTEGER CHECK (photo_budget IS NULL OR photo_budget >= 0),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX yearbook_nodes_volume ON yearbook_nodes(volume_id, parent_id, position);
CREATE INDEX yearbook_nodes_parent ON yearbook_nodes(parent_id);
CREATE INDEX yearbook_nodes_unit ON yearbook_nodes(unit_id);
CREATE TABLE yearbook_manuscripts (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL UNIQUE REFERENCES yearbook_nodes(id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    words INTEGER NOT NULL CHECK (words >= 0),
    chinese_chars INTEGER NOT NULL DEFAULT 0,
    chinese_punct INTEGER NOT NULL DEFAULT 0,
    latin_words INTEGER NOT NULL DEFAULT 0,
    digits_runs INTEGER NOT NULL DEFAULT 0,
    photos INTEGER NOT NULL DEFAULT 0 CHECK (photos >= 0),
    sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
    sealed_on TEXT,
    review_level TEXT NOT NULL DEFAULT '' CHECK (review_level IN ('', '初审', '复审', '终审')),
    review_result TEXT NOT NULL DEFAULT '' CHECK (review_result IN ('', '通过', '退改')),
    accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1)),
    accepted_on TEXT,
    source TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
CREATE INDEX yearbook_manuscripts_unit ON yearbook_manuscripts(unit_id);
CREATE TABLE yearbook_manuscript_files (
    manuscript_id INTEGER PRIMARY KEY REFERENCES yearbook_manuscripts(id) ON DELETE CASCADE,
    content BLOB NOT NULL
);
CREATE TABLE yearbook_reviews (
    id INTEGER PRIMARY KEY,
    manuscript_id INTEGER NOT NULL REFERENCES yearbook_manuscripts(id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN ('初审', '复审', '终审')),
    result TEXT NOT NULL CHECK (result IN ('通过', '退改')),
    reason TEXT NOT NULL DEFAULT '',
    reviewed_on TEXT NOT NULL,
    reviewer TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX yearbook_reviews_manuscript ON yearbook_reviews(manuscript_id);
CREATE TRIGGER yearbook_follow_unit_merge BEFORE DELETE ON units
WHEN EXISTS (SELECT 1 FROM unit_aliases a WHERE a.alias = OLD.name AND a.unit_id != OLD.id)
BEGIN
    UPDATE yearbook_nodes SET unit_id = (
        SELECT a.unit_id FROM unit_aliases a WHERE a.alias = OLD.name AND a.unit_id != OLD.id)
    WHERE unit_id = OLD.id;
    UPDATE yearbook_manuscripts SET unit_id = (
        SELECT a.unit_id FROM unit_aliases a WHERE a.alias = OLD.name AND a.unit_id != OLD.id)
    WHERE unit_id = OLD.id;
    UPDATE yearbook_units SET
        contact = coalesce(nullif(contact, ''), (SELECT o.contact FROM yearbook_units o
            WHERE o.volume_id = yearbook_units.volume_id AND o.unit_id = OLD.id), ''),
        phone = coalesce(nullif(phone, ''), (SELECT o.phone FROM yearbook_units o
            WHERE o.volume_id = yearbook_units.volume_id AND o.unit_id = OLD.id), '')
    WHERE unit_id = (SELECT a.unit_id FROM unit_aliases a
                     WHERE a.alias = OLD.name AND a.unit_id != OLD.id);
    INSERT OR IGNORE INTO yearbook_units (volume_id, unit_id, position, contact, phone,
        deadline, remarks)
    SELECT volume_id, (SELECT a.unit_id FROM unit_aliases a
                       WHERE a.alias = OLD.name AND a.unit_id != OLD.id),
           position, contact, phone, deadline, remarks
    FROM yearbook_units WHERE unit_id = OLD.id;
    DELETE FROM yearbook_units WHERE unit_id = OLD.id;
END;
""")

def m0010_search_index(db: Database) -> None:
    """Global search: one FTS5 trigram index over work items, campaign tasks, yearbook nodes,
    people and learning activities, kept in sync by triggers and filled from existing rows.

    A row's rowid is ``kind * 10**12 + id`` (1 item, 2 task, 3 node, 4 person, 5 activity), so
    keeping it in sync and searching one kind are rowid look-ups. ``initials`` holds a
    person's 拼音 initials from ``fz_initials`` (registered on every connection by
    ``database.connect``). ID numbers are not indexed: search finds a person by the exact
    full number in ``people`` instead.
    """
    _run(db, """
CREATE VIRTUAL TABLE search_index USING fts5(title, body, initials, tokenize = 'trigram');
CREATE TRIGGER work_items_search_insert AFTER INSERT ON work_items BEGIN
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (1000000000000 + NEW.id, NEW.text, NEW.subsection, '');
END;
CREATE TRIGGER work_items_search_update AFTER UPDATE OF text, subsection ON work_items BEGIN
    DELETE FROM search_index WHERE rowid = 1000000000000 + OLD.id;
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (1000000000000 + NEW.id, NEW.text, NEW.subsection, '');
END;
CREATE TRIGGER work_items_search_delete AFTER DELETE ON work_items BEGIN
    DELETE FROM search_index WHERE rowid = 1000000000000 + OLD.id;
END;
INSERT INTO search_index (rowid, title, body, initials)
SELECT 1000000000000 + work_items.id, work_items.text, work_items.subsection, '' FROM work_items;
CREATE TRIGGER campaign_tasks_search_insert AFTER INSERT
    ON campaign_tasks BEGIN
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (2000000000000 + NEW.id, NEW.text, NEW.group_name || ' ' || NEW.person, '');
END;
CREATE TRIGGER campaign_tasks_search_update AFTER UPDATE OF text, group_name, person
    ON campaign_tasks BEGIN
    DELETE FROM search_index WHERE rowid = 2000000000000 + OLD.id;
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (2000000000000 + NEW.id, NEW.text, NEW.group_name || ' ' || NEW.person, '');
END;
CREATE TRIGGER campaign_tasks_search_delete AFTER DELETE
    ON campaign_tasks BEGIN
    DELETE FROM search_index WHERE rowid = 2000000000000 + OLD.id;
END;
INSERT INTO search_index (rowid, title, body, initials)
SELECT 2000000000000 + campaign_tasks.id,
       campaign_tasks.text, campaign_tasks.group_name || ' ' || campaign_tasks.person, ''
FROM campaign_tasks;
CREATE TRIGGER yearbook_nodes_search_insert AFTER INSERT ON yearbook_nodes BEGIN
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (3000000000000 + NEW.id, NEW.title, NEW.note, '');
END;
CREATE TRIGGER yearbook_nodes_search_update AFTER UPDATE OF title, note ON yearbook_nodes BEGIN
    DELETE FROM search_index WHERE rowid = 3000000000000 + OLD.id;
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (3000000000000 + NEW.id, NEW.title, NEW.note, '');
END;
CREATE TRIGGER yearbook_nodes_search_delete AFTER DELETE ON yearbook_nodes BEGIN
    DELETE FROM search_index WHERE rowid = 3000000000000 + OLD.id;
END;
INSERT INTO search_index (rowid, title, body, initials)
SELECT 3000000000000 + yearbook_nodes.id,
       yearbook_nodes.title, yearbook_nodes.note, ''
FROM yearbook_nodes;
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (4000000000000 + NEW.id,
            NEW.name, NEW.department || ' ' || NEW.position, fz_initials(NEW.name));
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF name, department, position ON people BEGIN
    DELETE FROM search_index WHERE rowid = 4000000000000 + OLD.id;
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (4000000000000 + NEW.id,
            NEW.name, NEW.department || ' ' || NEW.position, fz_initials(NEW.name));
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = 4000000000000 + OLD.id;
END;
INSERT INTO search_index (rowid, title, body, initials)
SELECT 4000000000000 + people.id,
       people.name, people.department || ' ' || people.position, fz_initials(people.name)
FROM people;
CREATE TRIGGER learning_activities_search_insert AFTER INSERT
    ON learning_activities BEGIN
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (5000000000000 + NEW.id,
            NEW.title, NEW.host || ' ' || NEW.place || ' ' || NEW.studied || ' ' || NEW.note, '');
END;
CREATE TRIGGER learning_activities_search_update AFTER UPDATE OF title, host, place, studied, note
    ON learning_activities BEGIN
    DELETE FROM search_index WHERE rowid = 5000000000000 + OLD.id;
    INSERT INTO search_index (rowid, title, body, initials)
    VALUES (5000000000000 + NEW.id,
            NEW.title, NEW.host || ' ' || NEW.place || ' ' || NEW.studied || ' ' || NEW.note, '');
END;
CREATE TRIGGER learning_activities_search_delete AFTER DELETE
    ON learning_activities BEGIN
    DELETE FROM search_index WHERE rowid = 5000000000000 + OLD.id;
END;
INSERT INTO search_index (rowid, title, body, initials)
SELECT 5000000000000 + a.id,
       a.title, a.host || ' ' || a.place || ' ' || a.studied || ' ' || a.note, ''
FROM learning_activities a;
""")


def m0009_audit_log(db: Database) -> None:
    """The audit trail (修改记录): one row per changed record row, or one summary per bulk action.

    ``table_name``/``row_id`` name the row that changed; ``record_table``/``record_id`` the
    record a person sees it under (a work item's log entry belongs to the work item).
    ``before``/``after`` are JSON objects of the changed columns (all columns for an insert or
    a delete) with ID and phone numbers masked. The rows are written by per-connection TEMP
    triggers (``storage.audit_triggers``), so no edit path can forget them.
    """
    _run(db, """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    user TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'summary')),
    table_name TEXT NOT NULL,
    row_id INTEGER,
    record_table TEXT NOT NULL,
    record_id INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_record ON audit_log(record_table, record_id, id);
CREATE INDEX audit_log_at ON audit_log(at);
""")


def m0012_paging_indexes(db: Database) -> None:
    """Indexes for tables paged from SQL at 10⁵–10⁶ rows (docs/performance.md): the people list
    in roster order, and a trigram full-text index over names (FTS5, external content, kept in
    sync by triggers) for searches of three characters or more. Every further index on
    ``people`` was measured to double a 100,000-person import (with the index's rebuild).

    A bulk import sets the ``meta`` key ``people_fts_bulk`` inside its transaction: the triggers
    stand aside and the import rebuilds the index once (per row they cost 4× the import).
    """
    _run(db, """
CREATE INDEX people_roster_order ON people(roster_order, id);
CREATE VIRTUAL TABLE people_fts USING fts5(
    name, content='people', content_rowid='id', tokenize='trigram');
INSERT INTO people_fts(people_fts) VALUES ('rebuild');
CREATE TRIGGER people_fts_insert AFTER INSERT ON people
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'people_fts_bulk') BEGIN
    INSERT INTO people_fts(rowid, name) VALUES (NEW.id, NEW.name);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'people_fts_bulk') BEGIN
    INSERT INTO people_fts(people_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF name ON people
WHEN OLD.name IS NOT NEW.name
    AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'people_fts_bulk') BEGIN
    INSERT INTO people_fts(people_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
    INSERT INTO people_fts(rowid, name) VALUES (NEW.id, NEW.name);
END;
""")


def m0008_exchange(db: Database) -> None:
    """Exchange packages (交换包): the map from another office's record ids to the local ones
    (so a re-imported package updates instead of duplicating) and the packages imported. The
    database's random origin id is written to ``meta`` (key ``origin_uuid``) on first use.
    """
    _run(db, """
CREATE TABLE exchange_map (
    origin TEXT NOT NULL,
    table_name TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    local_id INTEGER NOT NULL,
    PRIMARY KEY (origin, table_name, source_id)
);
CREATE INDEX exchange_map_local ON exchange_map(table_name, local_id);
CREATE TABLE exchange_imports (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    origin_name TEXT NOT NULL DEFAULT '',
    package_created TEXT NOT NULL DEFAULT '',
    years TEXT NOT NULL DEFAULT '',
    areas TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);
""")


MIGRATIONS: tuple[tuple[str, Callable[[Any], None]], ...] = (
    ("0001_work_points", m0001_work_points),
    ("0002_office_profile", m0002_office_profile),
    ("0003_people", m0003_people),
    ("0004_learning", m0004_learning),
    ("0005_briefings", m0005_briefings),
    ("0006_campaigns", m0006_campaigns),
    ("0007_yearbook", m0007_yearbook),
    ("0008_exchange", m0008_exchange),
    ("0009_audit_log", m0009_audit_log),
    ("0010_search_index", m0010_search_index),
    ("0012_paging_indexes", m0012_paging_indexes),
)


def known_migrations() -> list[str]:
    return [name for name, _ in MIGRATIONS]


def apply_pending(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration (each in its own transaction); return their names."""
    from sqlite_utils import Database  # heavy; only when upgrading
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    from fangzhi_desktop.storage import audit_triggers

    audit_triggers.uninstall(conn)  # they name columns; back, up to date, at the next write
    db = Database(conn, execute_plugins=False)
    names = [m.name for m in migrations.pending(db)]
    fresh = len(names) == len(MIGRATIONS)
    migrations.apply(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    if names:
        from fangzhi_desktop.storage.audit import record_summary

        record_summary(conn, "新建数据文件" if fresh else f"升级数据结构（{'、'.join(names)}）",
                       table="_sqlite_migrations")
    return names
