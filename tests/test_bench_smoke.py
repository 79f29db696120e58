"""A quick smoke benchmark of the table hot paths (issue 9): 20,000 people, the paged table
opened, searched key by key, sorted. It fails only when a step is at least 3× slower than the
issue's target (open 100 ms, keystroke 100 ms, sort 200 ms), so noise never turns CI red
while a return to in-memory filtering (seconds at this size on slow machines) does. The full
numbers come from ``make bench`` (bench/bench_big_table.py, bench/bench_scaling.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.big_data import INSERT_PEOPLE, people_rows
from bench.table_cases import NAME, RANK, open_table, sort_by, timed_open, type_keys
from fangzhi_desktop.storage import open_database, transaction

ROWS = 20_000
MARGIN = 3.0
TARGETS_MS = {"open": 100.0, "keystroke": 100.0, "sort": 200.0}


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("smoke") / "people.db"
    conn = open_database(path)
    with transaction(conn):
        conn.executemany(INSERT_PEOPLE, people_rows(ROWS))
    conn.close()
    return path


def _best(samples: list[float]) -> float:
    return min(samples)  # the best of a few: what the code can do, not what the machine did


def test_paged_table_hot_paths_within_three_times_the_targets(big_db: Path, qtbot) -> None:
    conn = open_database(big_db)
    try:
        opened = _best([timed_open(conn) for _ in range(3)])
        table = open_table(conn)
        assert table.model.rowCount() == ROWS
        assert table.model.pages_read <= 2  # the first screen, never the whole table
        keys = [type_keys(table) for _ in range(3)]
        keystroke = max(_best([k[n] for k in keys]) for n in range(len(keys[0])))
        sort = max(_best([sort_by(table, column, descending) for descending in (False, True)])
                   for column in (NAME, RANK))
        table.close()
    finally:
        conn.close()
    measured = {"open": opened, "keystroke": keystroke, "sort": sort}
    ratios = {step: measured[step] / TARGETS_MS[step] for step in measured}
    assert all(ratio < MARGIN for ratio in ratios.values()), (measured, ratios)
