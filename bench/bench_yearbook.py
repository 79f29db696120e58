"""The yearbook tab's data: a volume of 3,000 条目 written by 300 units, half of them received.

Target (issue): the tab opens in ≤ 150 ms; the data path — the tree with its figures, every
unit's progress, the stages with the current stage and the “当年卷当年出版” forecast, read
through ``storage.yearbook_view.load_view`` from a file database — must stay ≤ 60 ms (median)
so the Qt side has room. Also timed: the same with working days on the office's calendar, and
one drag-and-drop move in the tree.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, report
from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult
from fangzhi_desktop.domain.yearbook_outline import OutlineNode, ParsedOutline
from fangzhi_desktop.importers.manuscripts import manuscript_from_bytes
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts
from fangzhi_desktop.storage.calendar import working_calendar
from fangzhi_desktop.storage.yearbook_tree import list_nodes, move_node, save_outline
from fangzhi_desktop.storage.yearbook_view import load_view

ENTRIES = 3000
UNITS = 300
CATEGORIES = 12
SECTIONS_PER_CATEGORY = 25  # 300 分目 of 10 条目 each
TODAY = date(2026, 11, 23)
YEAR = 2026


def build(path: Path) -> None:
    conn = open_database(path)
    volume_id = store.create_volume(conn, YEAR, "测试县年鉴（2026）",
                                    deadline=TODAY + timedelta(days=20))
    per_section = ENTRIES // (CATEGORIES * SECTIONS_PER_CATEGORY)
    roots = []
    n = 0
    for c in range(CATEGORIES):
        category = OutlineNode(f"第{c + 1}类目")
        for s in range(SECTIONS_PER_CATEGORY):
            unit = f"测试单位{(c * SECTIONS_PER_CATEGORY + s) % UNITS + 1:03d}局"
            section = OutlineNode(f"分目{c + 1}-{s + 1}", unit=unit)
            for _ in range(per_section):
                n += 1
                section.children.append(OutlineNode(f"条目{n}", word_budget=1000,
                                                    photo_budget=1))
            category.children.append(section)
        roots.append(category)
    save_outline(conn, volume_id, ParsedOutline(roots, "bench"))
    rng = random.Random(1)
    receipts = []
    for node in list_nodes(conn, volume_id):
        if node.title.startswith("条目") and rng.random() < 0.5:
            text = f"{node.title}\n" + "全年完成投资12.5亿元，同比增长8.3%，GDP稳步增长。" * 30
            receipts.append(manuscripts.Receipt(
                node.id, manuscript_from_bytes(f"{node.title}.txt", text.encode())))
    received = manuscripts.receive(conn, receipts, TODAY - timedelta(days=10))
    for k, done in enumerate(received):
        if k % 3 == 0:
            manuscripts.record_review(conn, done.manuscript_id, ReviewLevel.FIRST,
                                      ReviewResult.RETURNED, TODAY, "请压缩字数")
        elif k % 3 == 1:
            manuscripts.record_review(conn, done.manuscript_id, ReviewLevel.FINAL,
                                      ReviewResult.PASSED, TODAY)
    conn.close()


def main() -> int:
    path = Path(tempfile.mkdtemp()) / "bench.db"
    build(path)
    conn = open_database(path)
    view = load_view(conn, YEAR, TODAY)
    assert view.totals.entries == ENTRIES and view.totals.units == UNITS, view.totals
    calendar = working_calendar(conn)
    nodes = list_nodes(conn, view.volume.id)
    entry = next(n for n in nodes if n.title == "条目1")
    sections = [n for n in nodes if n.title.startswith("分目")]
    flip = iter(range(10_000))

    def drag() -> None:
        target = sections[1] if next(flip) % 2 == 0 else sections[0]
        move_node(conn, entry.id, target.id, 1)

    timings = [
        measure(f"tab data: {ENTRIES} 条目, {UNITS} units (calendar days)",
                lambda: load_view(conn, YEAR, TODAY), runs=21),
        measure("tab data, working days on the calendar",
                lambda: load_view(conn, YEAR, TODAY, working_days=True, calendar=calendar),
                runs=21),
        measure("one drag-and-drop move of a 条目", drag, runs=21),
    ]
    conn.close()
    checks = [
        ("tab data ms (calendar days)", timings[0].median_ms, 60),
        ("tab data ms (working days)", timings[1].median_ms, 60),
        ("move ms", timings[2].median_ms, 30),
    ]
    return 0 if report("yearbook", timings, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
