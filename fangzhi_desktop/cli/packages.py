"""``fangzhi packages [--json]``: the exchange packages (交换包) imported into this file —
when, from which office, which years and areas, and the file's name."""

from __future__ import annotations

import argparse
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, print_table
from fangzhi_desktop.errors import EXIT_OK

HEADER = ("导入时间", "来源单位", "年度", "范围", "文件")


def register(sub: Any) -> None:
    parser = add_subparser(sub, "packages", "查看交换包导入记录（何时导入了哪个单位的哪些数据）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from fangzhi_desktop.storage.exchange_history import list_imports

    conn = open_db(args)
    try:
        imports = list_imports(conn)
    finally:
        conn.close()
    if args.json:
        print_json([{"imported_at": i.imported_at, "office": i.office, "origin": i.origin,
                     "package_created": i.package_created, "years": list(i.years),
                     "areas": i.areas_text.split("、") if i.areas else [],
                     "file_name": i.file_name} for i in imports])
        return EXIT_OK
    print_table(HEADER, [(i.imported_at, i.office, i.years_text, i.areas_text, i.file_name)
                         for i in imports], "还没有导入过交换包。")
    return EXIT_OK
