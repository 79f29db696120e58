"""Synthetic databases of 10³–10⁶ people for the table benchmarks, cached under bench/.cache/.

People of 150 made-up counties with valid 公民身份号码 (checksum right, unique), names from
common surnames and given-name characters, five 科室. Rows go in with one plain ``executemany``
in one transaction (the import path is measured by bench_roster_import.py, not here).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.database import transaction

CACHE = Path(__file__).resolve().parent / ".cache"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志文玉兰红梅海燕晓东雪琴"
DEPARTMENTS = ("办公室", "年鉴编辑部", "编研科", "资料科", "方志馆")
RANKS = ("一级科员", "四级主任科员", "三级主任科员", "二级主任科员", "正科", "副科")
COUNTIES = 150
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_FIRST_BORN = date(1962, 1, 1)
_DAYS = 14_600  # forty years of birthdays


def id_number(region: int, born: date, serial: int) -> str:
    first17 = f"{region:06d}{born:%Y%m%d}{serial:03d}"
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def people_rows(count: int) -> Iterator[tuple[object, ...]]:
    """``count`` distinct people as rows of ``people`` (name … roster_order)."""
    for i in range(count):
        county, j = i % COUNTIES, i // COUNTIES
        born = _FIRST_BORN + timedelta(days=j % _DAYS)
        serial = j // _DAYS * 2 + i % 2
        name = (SURNAMES[i % len(SURNAMES)] + GIVEN[i // 7 % len(GIVEN)]
                + ("" if i % 3 == 0 else GIVEN[i // 53 % len(GIVEN)]))
        yield (name, "男" if serial % 2 else "女", "汉族", f"{born:%Y-%m}",
               id_number(510100 + county, born, serial), DEPARTMENTS[i % 5], "科员",
               RANKS[i % len(RANKS)], f"{born.year + 22}-07", f"139{i:08d}", i + 1)


INSERT_PEOPLE = ("INSERT INTO people (name, sex, ethnicity, birth, id_number, department, position,"
           " rank, work_start, phone, roster_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def people_db(count: int) -> Path:
    """A migrated database holding ``count`` people (made once, then reused from the cache)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"people-{count}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(f"{partial.name}*"):
        leftover.unlink()
    conn = open_database(partial)
    try:
        with transaction(conn):
            conn.executemany(INSERT_PEOPLE, people_rows(count))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    partial.rename(path)
    return path


if __name__ == "__main__":
    for n in map(int, sys.argv[1:] or ["1000"]):
        print(people_db(n))
