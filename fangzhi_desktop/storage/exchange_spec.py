"""What an exchange package (交换包) carries: the areas, and for every table how its rows hang
together, so export and import share one description of the schema.

*Owned* tables hold the origin office's records: they have an integer ``id`` and are matched on
import through ``exchange_map`` (origin, table, source id → local id). *Links* have no id of
their own and are replaced as a whole under each imported parent. Reference tables (units,
people, learning types, …) merge by natural key in ``exchange_import``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

AREAS: dict[str, str] = {
    "workpoints": "工作要点",
    "campaigns": "专项活动",
    "yearbook": "年鉴",
    "learning": "干部学习",
}


def area_key(text: str) -> str | None:
    """``workpoints`` or ``工作要点`` → ``workpoints``; None when unknown."""
    if text in AREAS:
        return text
    return next((key for key, label in AREAS.items() if label == text), None)


@dataclass(frozen=True)
class Owned:
    """A table of records the origin owns."""

    table: str
    area: str
    parent: tuple[str, str] | None = None  # (column, parent table); None for a root
    refs: dict[str, str] = field(default_factory=dict)  # other id columns → table
    late_refs: dict[str, str] = field(default_factory=dict)  # filled after all rows exist
    unique_year: bool = False  # a root with a year-unique row per database


@dataclass(frozen=True)
class Link:
    """A link table without an id: replaced as a whole under each imported parent."""

    table: str
    area: str
    parent: tuple[str, str]
    refs: dict[str, str] = field(default_factory=dict)
    replace: bool = False  # INSERT OR REPLACE (one row per parent) instead of OR IGNORE


# Parents before children.
OWNED: tuple[Owned, ...] = (
    Owned("work_plans", "workpoints", unique_year=True),
    Owned("work_sections", "workpoints", ("plan_id", "work_plans")),
    Owned("work_items", "workpoints", ("section_id", "work_sections"),
          refs={"plan_id": "work_plans"}, late_refs={"carried_from": "work_items"}),
    Owned("work_item_log", "workpoints", ("item_id", "work_items")),
    Owned("work_item_extensions", "workpoints", ("item_id", "work_items")),
    Owned("campaign_activities", "campaigns"),
    Owned("campaign_phases", "campaigns", ("campaign_id", "campaign_activities")),
    Owned("campaign_tasks", "campaigns", ("campaign_id", "campaign_activities"),
          refs={"phase_id": "campaign_phases", "unit_id": "units"}),
    Owned("campaign_task_steps", "campaigns", ("task_id", "campaign_tasks")),
    Owned("campaign_task_log", "campaigns", ("task_id", "campaign_tasks")),
    Owned("campaign_task_extensions", "campaigns", ("task_id", "campaign_tasks")),
    Owned("yearbook_volumes", "yearbook", unique_year=True,
          late_refs={"copied_from": "yearbook_volumes"}),
    Owned("yearbook_stages", "yearbook", ("volume_id", "yearbook_volumes")),
    Owned("yearbook_nodes", "yearbook", ("volume_id", "yearbook_volumes"),
          refs={"unit_id": "units"}, late_refs={"parent_id": "yearbook_nodes"}),
    Owned("yearbook_manuscripts", "yearbook", ("node_id", "yearbook_nodes"),
          refs={"unit_id": "units"}),
    Owned("yearbook_reviews", "yearbook", ("manuscript_id", "yearbook_manuscripts")),
    Owned("learning_activities", "learning", refs={"type_id": "learning_types"}),
    Owned("briefing_issues", "learning"),
    Owned("briefing_articles", "learning", ("issue_id", "briefing_issues")),
)

LINKS: tuple[Link, ...] = (
    Link("work_item_units", "workpoints", ("item_id", "work_items"), {"unit_id": "units"}),
    Link("yearbook_units", "yearbook", ("volume_id", "yearbook_volumes"), {"unit_id": "units"}),
    Link("yearbook_manuscript_files", "yearbook", ("manuscript_id", "yearbook_manuscripts"),
         replace=True),
    Link("learning_attendance", "learning", ("activity_id", "learning_activities"),
         {"person_id": "people"}),
)

# Reference tables merged by natural key (see ``exchange_import``).
REFERENCE_TABLES = ("units", "unit_aliases", "people", "learning_types", "learning_policies",
                    "learning_requirements", "calendar_years")

# Tables of the office itself that never leave it.
LOCAL_ONLY = ("meta", "office_profile", "doc_serials", "yearbook_stage_templates",
              "exchange_map", "exchange_imports",
              "audit_log")  # who changed what in this office stays in this office


def data_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables holding records: not SQLite's own, nor full-text indexes and their shadow
    tables (``search_index_data`` …), which are derived and rebuilt from the records."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                        " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [name for name, _ in rows
            if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)]


# Columns holding personal numbers: left out unless the user includes them explicitly.
PERSONAL_COLUMNS = (("people", "id_number", None), ("people", "phone", ""),
                    ("yearbook_units", "phone", ""))

DATA_TABLES = tuple(o.table for o in OWNED) + tuple(link.table for link in LINKS) + \
    REFERENCE_TABLES
