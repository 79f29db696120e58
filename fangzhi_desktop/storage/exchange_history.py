"""The exchange packages (交换包) this file has imported, newest first: when, from which
office, which years and areas, and the file's name."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class PackageImport:
    """One row of ``exchange_imports``."""

    imported_at: str  # ``2026-11-23 18:20:05``, local time
    origin: str  # the exporting database's random id
    origin_name: str  # the exporting office, as its profile named it
    package_created: str
    years: tuple[int, ...]
    areas: str  # Chinese labels joined with ``,``
    file_name: str

    @property
    def office(self) -> str:
        """The office the package came from (``未署名单位（1a2b3c4d）`` when unnamed)."""
        return self.origin_name or f"未署名单位（{self.origin[:8]}）"

    @property
    def years_text(self) -> str:
        return "、".join(map(str, self.years))

    @property
    def areas_text(self) -> str:
        return "、".join(a for a in self.areas.split(",") if a)


def list_imports(conn: sqlite3.Connection) -> list[PackageImport]:
    """Every package imported into this file, newest first."""
    rows = conn.execute(
        """SELECT imported_at, origin, origin_name, package_created, years, areas, file_name
           FROM exchange_imports ORDER BY imported_at DESC, id DESC""").fetchall()
    return [PackageImport(str(r[0]), str(r[1]), str(r[2]), str(r[3]),
                          tuple(int(y) for y in str(r[4]).split(",") if y.strip().isdigit()),
                          str(r[5]), str(r[6])) for r in rows]
