"""``fangzhi person list [--full-ids]`` and ``fangzhi person delete ID [--yes]``: the roster,
and removing one person's personal data (a backup is taken first)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_table, say
from fangzhi_desktop.errors import EXIT_OK, FangzhiError, UnusableInput


def register(sub: Any) -> None:
    from fangzhi_desktop.cli.parser import ChineseArgumentParser, add_db_argument

    parser = add_subparser(sub, "person", "花名册人员：列出人员、删除某人的个人信息")
    actions = parser.add_subparsers(title="操作", metavar="操作",
                                    parser_class=ChineseArgumentParser)
    listing = actions.add_parser("list", help="列出人员（身份证号和电话默认打码）",
                                 description="列出人员（身份证号和电话默认打码）", add_help=False)
    removal = actions.add_parser(
        "delete", help="删除某人的个人信息（有学习记录的保留为“已删除人员”，学时统计不变）",
        description="删除某人的个人信息（先自动备份；有学习记录的保留为“已删除人员”）",
        add_help=False)
    for action in (listing, removal):
        action.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        add_db_argument(action)
    listing.add_argument("--full-ids", action="store_true", help="显示完整的身份证号和电话")
    listing.set_defaults(run=run_list)
    removal.add_argument("person", metavar="ID",
                         help="人员编号（person list 第一列），或完整的公民身份号码")
    removal.add_argument("--yes", action="store_true", help="不再询问，直接删除")
    removal.set_defaults(run=run_delete)
    parser.set_defaults(run=run_without_action)


def run_without_action(args: argparse.Namespace) -> int:
    raise UnusableInput("用法错误：请指定操作：list 或 delete（用 person --help 查看）。")


def run_list(args: argparse.Namespace) -> int:
    from fangzhi_desktop.domain.privacy import shown_id, shown_phone
    from fangzhi_desktop.storage.people import list_people

    conn = open_db(args)
    try:
        people = list_people(conn)
    finally:
        conn.close()
    print_table((), [(str(p.id), p.name, p.department, p.rank, shown_id(p.id_number, args.full_ids),
                      shown_phone(p.phone, args.full_ids)) for p in people], "花名册中还没有人员。")
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from fangzhi_desktop.operations.people_removal import (
        CONFIRM_TEXT,
        records_note,
        remove_with_backup,
    )
    from fangzhi_desktop.storage.people import find_person, list_people
    from fangzhi_desktop.storage.people_removal import count_attendance

    conn = open_db(args)
    try:
        key = args.person.strip().upper()
        if key.isdigit() and len(key) < 18:
            person = next((p for p in list_people(conn) if p.id == int(key)), None)
        else:
            person = find_person(conn, key)
        if person is None or person.id is None:
            raise FangzhiError(f"花名册中没有“{args.person}”这个人员编号或身份证号，未做改动。")
        if not args.yes:
            if not sys.stdin.isatty():
                raise FangzhiError("删除无法撤销（只能恢复备份）；非交互运行时请加 --yes 确认。")
            text = CONFIRM_TEXT.format(name=person.name,
                                       records=records_note(count_attendance(conn, person.id)))
            if input(f"{text}\n[y/N] ").strip().lower() not in ("y", "yes", "是"):
                say("已取消，未做改动。")
                return EXIT_OK
        removal, backup = remove_with_backup(conn, person.id)
    finally:
        conn.close()
    what = (f"已保留为“{removal.placeholder}”（{removal.attendances}条学习记录，学时统计不变）"
            if removal.placeholder else "已整条删除")
    say(f"已删除该人员的个人信息，{what}。删除前的数据已备份到：{backup}")
    return EXIT_OK
