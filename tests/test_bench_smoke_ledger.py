"""A quick smoke benchmark of the 专项活动 台账 (issue 9): a campaign of 20,000 tasks, the flat
paged table opened, searched key by key, sorted by every column. It fails only when a step is
at least 3× slower than the issue's target (open 100 ms, keystroke 100 ms, sort 200 ms); the
full numbers come from bench/bench_campaign_ledger.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.big_campaign import fill_campaign
from bench.ledger_cases import open_ledger, sort_by, timed_open, type_keys
from fangzhi_desktop.storage import open_database, transaction
from fangzhi_desktop.ui.campaign_ledger_model import LedgerColumn

TASKS = 20_000
MARGIN = 3.0
TARGETS_MS = {"open": 100.0, "keystroke": 100.0, "sort": 200.0}


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("smoke") / "campaign.db"
    conn = open_database(path)
    with transaction(conn):
        fill_campaign(conn, TASKS)
    conn.close()
    return path


def test_ledger_hot_paths_within_three_times_the_targets(big_db: Path, qtbot) -> None:
    conn = open_database(big_db)
    try:
        opened = min(timed_open(conn) for _ in range(3))
        ledger = open_ledger(conn)
        assert ledger.view.ledger.rowCount() == TASKS
        assert ledger.view.ledger.pages_read <= 2  # the first screen, never the whole table
        keys = [type_keys(ledger) for _ in range(3)]
        keystroke = max(min(k[n] for k in keys) for n in range(len(keys[0])))
        sort = max(min(sort_by(ledger, column, descending) for descending in (False, True))
                   for column in LedgerColumn)
        ledger.close()
    finally:
        conn.close()
    measured = {"open": opened, "keystroke": keystroke, "sort": sort}
    ratios = {step: measured[step] / TARGETS_MS[step] for step in measured}
    assert all(ratio < MARGIN for ratio in ratios.values()), (measured, ratios)
