"""Importing a 花名册 of 10,000 synthetic people (``--big``: 100,000) against a bare baseline.

Both sides run in the same process on the same file, median of several runs:

(a) baseline: calamine opens the workbook and turns the sheet into Python rows, then a bare
    sqlite3 ``executemany`` inserts those rows into a fresh file database (WAL, one transaction);
(b) ours: ``parse_roster`` (sheet and header detection, merged cells, normalisation, ID checksum,
    dates, duplicates) then ``save_people`` into a fresh migrated database. Creating the schema
    is done in setup (not timed): a real import writes into an existing database.

Targets: (b) ÷ (a) ≤ 2.5 at 10,000 rows, ≤ 2 at 100,000.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timing, measure, report
from fangzhi_desktop.importers.roster import parse_roster
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.people import count_people, save_people

HEADER = ["序号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "政治面貌", "学历", "学位",
          "参加工作时间", "科室", "职务", "职级", "联系电话", "备注"]
REGIONS = ("220102", "510104", "220104", "510107", "370102")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂"
DEPARTMENTS = ("办公室", "年鉴编辑部", "编研科", "资料科", "方志馆")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id(region: str, born: date, serial: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def synthetic_people(count: int) -> list[list[object]]:
    """Distinct made-up people with valid IDs, dates in the usual spellings."""
    rows: list[list[object]] = []
    for i in range(count):
        born = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        serial = (i // 840) * 2 + i % 2  # unique with (born, region); odd = male
        given = GIVEN[i // len(SURNAMES) % len(GIVEN)] + GIVEN[i // 7 % len(GIVEN)]
        name = SURNAMES[i % len(SURNAMES)] + given
        birth: object = f"{born:%Y.%m}" if i % 3 else f"{born.year}年{born.month}月"
        rows.append([i + 1, name, "男" if serial % 2 else "女", "汉族", birth,
                     _id(REGIONS[i % 5], born, serial), "中共党员", "大学", "学士",
                     f"{born.year + 22}.07", DEPARTMENTS[i % 5], "科员", "一级科员",
                     f"139{i:08d}", ""])
    return rows


def write_roster(path: Path, count: int) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(["某某县地方志办公室干部花名册"])
    sheet.append(HEADER)
    for row in synthetic_people(count):
        sheet.append(row)
    book.save(path)
    return path


def run(count: int, runs: int, target: float, tmp: Path) -> bool:
    roster = write_roster(tmp / f"roster-{count}.xlsx", count)
    template = tmp / "template.db"
    open_database(template).close()  # the schema, once
    counter = iter(range(1_000_000))
    fresh: list[Path] = []

    def bare() -> None:
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(roster).get_sheet_by_name("花名册").to_python(
            skip_empty_area=False)
        conn = sqlite3.connect(tmp / f"bare-{count}-{next(counter)}.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"CREATE TABLE people ({', '.join(f'c{i}' for i in range(len(HEADER)))})")
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO people VALUES ({', '.join('?' * len(HEADER))})", rows[2:])
        conn.execute("COMMIT")
        conn.close()

    def new_database() -> None:
        target_db = tmp / f"app-{count}-{next(counter)}.db"
        shutil.copy(template, target_db)
        fresh.append(target_db)

    def ours() -> None:
        parsed = parse_roster(roster)
        conn = open_database(fresh[-1])
        save_people(conn, parsed.people(), source=str(roster))
        conn.close()

    new_database()
    ours()  # warm up (imports) and check the result once
    check = open_database(fresh[-1])
    if count_people(check) != count:
        raise SystemExit(f"the import saved {count_people(check)} of {count} people")
    check.close()
    timings: list[Timing] = [
        measure(f"baseline: calamine read + bare executemany, {count:,} rows", bare, runs=runs),
        measure(f"ours: parse_roster + save_people, {count:,} rows", ours, runs=runs,
                setup=new_database),
    ]
    ratio = timings[1].median_ms / timings[0].median_ms
    title = "roster_import" if count <= 10_000 else "roster_import_big"
    return report(title, timings, [(f"full import ÷ baseline ({count:,} rows)", ratio, target)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", action="store_true", help="also 100,000 rows (target ≤ 2×)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    try:
        ok = run(10_000, args.runs, 2.5, tmp)
        if args.big:
            ok &= run(100_000, max(5, args.runs - 2), 2.0, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
