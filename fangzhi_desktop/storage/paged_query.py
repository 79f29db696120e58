"""Tables read a page at a time: count, one page of rows, a filter and a sort, all in SQL.

A ``PagedSource`` describes a table once (its FROM clause, the row id, the values a row shows,
the sort keys per column, the searchable text); a ``PagedQuery`` holds the current filter and
sort and answers ``count()``, ``page(offset, limit)`` and ``row_of(id)``. Every expression
comes from code, never from the user: user text is always a parameter.

Search: text of three characters or more goes through the source's FTS5 trigram index (the
cost follows the number of hits); shorter text scans with ``LIKE`` (the cost follows the table).
A full exact value of an ``exact`` column (a whole 公民身份号码) also finds its row.
Sorting is by the column's keys, ties broken by the default order and the id, all in the same
direction, so one index serves both directions (docs/performance.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

FTS_MIN_CHARS = 3  # a trigram index cannot answer shorter text
_WILDCARDS = frozenset("%_")
FEW_MATCHES = 2000  # fewer hits than this: collect and sort them rather than walk the order


@dataclass(frozen=True)
class PagedSource:
    """A pageable table. ``sort_keys`` maps a sort name to its SQL key expressions (unknown
    names sort by the default order); ``filters`` maps a filter name to an expression compared
    with ``= ?`` (an expression holding its own ``?`` is used as it stands, the value its
    parameter); ``fts`` names an FTS5 trigram table whose rowid is the row id and whose
    ``fts_column`` holds the text of ``search``; ``search_table`` is the table of ``search``
    (its rowid the row id), scanned on its own when few rows match. ``exact`` columns of
    ``exact_table`` (rowid = row id) find a row by their whole value. ``search_terms`` are
    further conditions OR-ed with the search, each holding one ``?`` for the same ``LIKE``
    pattern (e.g. a look-up in a small table instead of a join on every row). With
    ``collect_hits`` a search that scans (no FTS) collects its hits while counting when they
    are few, and the pages sort those ids instead of scanning again."""

    table: str
    id_column: str
    values: tuple[str, ...]
    default_order: tuple[str, ...]
    sort_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    search: str = ""
    search_table: str = ""
    fts: str = ""
    fts_column: str = "name"
    exact_table: str = ""
    exact: tuple[str, ...] = ()
    filters: Mapping[str, str] = field(default_factory=dict)
    search_terms: tuple[str, ...] = ()
    collect_hits: bool = False


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PagedQuery:
    """The current filter and sort of one ``PagedSource`` over one connection."""

    def __init__(self, conn: sqlite3.Connection, source: PagedSource) -> None:
        self.conn = conn
        self.source = source
        self.search_text = ""
        self.filter_values: dict[str, object] = {}
        self.sort_key: str | None = None
        self.descending = False
        self.matches = -1  # the last count of this filter (-1: not counted yet)
        self._hits: str | None = None  # the ids of a search with few hits (a JSON array)

    # --- State -------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Whitespace is ignored (``王 丽`` finds 王丽)."""
        self.search_text = "".join(text.split())
        self.matches = -1
        self._hits = None

    def set_filter(self, name: str, value: object | None) -> None:
        """``None`` removes the filter."""
        if name not in self.source.filters:
            raise KeyError(name)
        if value is None:
            self.filter_values.pop(name, None)
        else:
            self.filter_values[name] = value
        self.matches = -1
        self._hits = None

    def set_sort(self, key: str | None, descending: bool = False) -> None:
        """``None`` (or a name without keys): the default order."""
        self.sort_key = key
        self.descending = descending

    # --- SQL ---------------------------------------------------------------------------------

    def _where(self) -> tuple[str, list[object]]:
        src = self.source
        if self._hits is not None:  # the filter and search already applied while counting
            return f" WHERE {src.id_column} IN (SELECT value FROM json_each(?))", [self._hits]
        clauses: list[str] = []
        params: list[object] = []
        for name, value in self.filter_values.items():
            expression = src.filters[name]
            clauses.append(expression if "?" in expression else f"{expression} = ?")
            params.append(value)
        text = self.search_text
        if text and src.search:
            if src.fts and len(text) >= FTS_MIN_CHARS and not _WILDCARDS & set(text):
                # The trigram index answers LIKE without ESCAPE only: wildcards take the scan.
                terms = [f"{src.id_column} IN (SELECT rowid FROM {src.fts}"
                         f" WHERE {src.fts_column} LIKE ?)"]
                params.append(f"%{text}%")
            elif src.search_table and 0 <= self.matches <= FEW_MATCHES:
                # Few hits: find them first, then sort them (walking the whole order to fill
                # a page would read nearly every row).
                column = src.search.split(".")[-1]
                terms = [f"{src.id_column} IN (SELECT rowid FROM {src.search_table}"
                         f" WHERE {column} LIKE ? ESCAPE '\\')"]
                params.append(_like_pattern(text))
            else:
                terms = [f"{src.search} LIKE ? ESCAPE '\\'"]
                params.append(_like_pattern(text))
            for term in src.search_terms:
                terms.append(term)
                params.append(_like_pattern(text))
            exact = self._exact_ids(text)
            if exact:
                terms.append(f"{src.id_column} IN ({', '.join('?' * len(exact))})")
                params.extend(exact)
            clauses.append("(" + " OR ".join(terms) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _collecting(self) -> bool:
        src = self.source
        text = self.search_text
        fts = src.fts and len(text) >= FTS_MIN_CHARS and not _WILDCARDS & set(text)
        return bool(src.collect_hits and text and src.search and not fts)

    def _exact_ids(self, text: str) -> list[object]:
        """Rows whose exact column holds the whole text (a unique index answers at once; kept
        out of the main query so its plan stays the plain search's)."""
        src = self.source
        found: list[object] = []
        for column in src.exact:
            sql = f"SELECT rowid FROM {src.exact_table} WHERE {column} IN (?, ?)"
            found += [row[0] for row in self.conn.execute(sql, (text, text.upper()))]
        return found

    def _order_keys(self) -> tuple[str, ...]:
        src = self.source
        keys = src.sort_keys.get(self.sort_key, ()) if self.sort_key is not None else ()
        return (*keys, *src.default_order, src.id_column)

    def _order_by(self) -> str:
        direction = " DESC" if self.descending else ""
        return " ORDER BY " + ", ".join(f"{key}{direction}" for key in self._order_keys())

    # --- Answers -----------------------------------------------------------------------------

    def count(self) -> int:
        """Rows passing the filter."""
        self._hits = None
        if self._collecting():  # one scan counts and collects: pages sort just the hits
            where, params = self._where()
            sql = (f"SELECT count(*), json_group_array({self.source.id_column})"
                   f" FROM {self.source.table}{where}")
            count, hits = self.conn.execute(sql, params).fetchone()
            self.matches = int(count)
            if self.matches <= FEW_MATCHES:
                self._hits = str(hits)
            return self.matches
        where, params = self._where()
        sql = f"SELECT count(*) FROM {self.source.table}{where}"
        self.matches = int(self.conn.execute(sql, params).fetchone()[0])
        return self.matches

    def page(self, offset: int, limit: int) -> list[tuple[object, ...]]:
        """Rows ``offset..offset+limit`` in the current order: (id, *values)."""
        src = self.source
        where, params = self._where()
        columns = ", ".join((src.id_column, *src.values))
        sql = (f"SELECT {columns} FROM {src.table}{where}{self._order_by()}"
               " LIMIT ? OFFSET ?")
        return [tuple(row) for row in self.conn.execute(sql, [*params, limit, offset])]

    def row_of(self, row_id: int) -> int:
        """The position of a row in the current filter and order; -1 when filtered out."""
        src = self.source
        where, params = self._where()
        keys = self._order_keys()
        joiner = " AND " if where else " WHERE "
        sql = f"SELECT {', '.join(keys)} FROM {src.table}{where}{joiner}{src.id_column} = ?"
        found = self.conn.execute(sql, [*params, row_id]).fetchone()
        if found is None:
            return -1
        before = ">" if self.descending else "<"
        marks = ", ".join("?" * len(keys))
        sql = (f"SELECT count(*) FROM {src.table}{where}{joiner}"
               f"({', '.join(keys)}) {before} ({marks})")
        return int(self.conn.execute(sql, [*params, *found]).fetchone()[0])
