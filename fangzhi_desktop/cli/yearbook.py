"""``fangzhi yearbook new-volume --year Y [--from-year X] [--title T]`` and ``fangzhi yearbook
status [--year Y] [--date D] [--working-days] [--json]``: yearbook volumes."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from fangzhi_desktop.cli.common import add_subparser, open_db, print_json, say
from fangzhi_desktop.errors import EXIT_OK, UnusableInput


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def register(sub: Any) -> None:
    from fangzhi_desktop.cli.parser import ChineseArgumentParser, add_db_argument

    parser = add_subparser(sub, "yearbook", "年鉴编纂：新建年卷、查看编纂进度")
    actions = parser.add_subparsers(title="操作", metavar="操作",
                                    parser_class=ChineseArgumentParser)
    for name, help_text, run in (
            ("new-volume", "新建年卷：沿用上一卷的篇目、供稿单位、联系人和字数定额，编纂阶段顺延一年",
             run_new_volume),
            ("status", "查看年卷的当前阶段、能否当年出版、逾期单位和字数", run_status)):
        action = actions.add_parser(name, help=help_text, description=help_text, add_help=False)
        action.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        add_db_argument(action)
        if name == "new-volume":
            action.add_argument("--year", type=int, required=True, help="新年卷（如 2027）")
            action.add_argument("--from-year", type=int, help="沿用哪一卷（默认最近的上一卷）")
            action.add_argument("--title", help="年鉴名称（默认沿用上一卷并改年份）")
        else:
            action.add_argument("--year", type=int, help="年卷（默认最近一卷）")
            action.add_argument("--date", type=_parse_date, metavar="YYYY-MM-DD",
                                help="统计日期（默认今天）")
            action.add_argument("--working-days", action="store_true",
                                help="按工作日（含调休）计算阶段工期")
            action.add_argument("--json", action="store_true", help="以 JSON 输出")
        action.set_defaults(run=run)
    parser.set_defaults(run=run_without_action)


def run_without_action(args: argparse.Namespace) -> int:
    raise UnusableInput("用法错误：请指定操作：new-volume 或 status（用 yearbook --help 查看）。")


def run_new_volume(args: argparse.Namespace) -> int:
    from fangzhi_desktop.storage.yearbook import new_volume

    conn = open_db(args)
    try:
        made = new_volume(conn, args.year, from_year=args.from_year, title=args.title)
    finally:
        conn.close()
    if made.copied_from is None:
        say(f"已新建《{made.title}》：没有更早的年卷可沿用，编纂阶段按模板排定（{made.stages}个），"
            "篇目为空，请导入篇目（import-outline）。")
    else:
        say(f"已新建《{made.title}》：沿用{made.copied_from}年卷的篇目{made.nodes}个、供稿单位"
            f"{made.units}个和编纂阶段{made.stages}个（计划日期顺延一年）；来稿和审稿记录不沿用。")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from fangzhi_desktop.cli.export_yearbook import volume_year
    from fangzhi_desktop.storage.yearbook_view import load_view

    today = args.date or date.today()
    conn = open_db(args)
    try:
        view = load_view(conn, volume_year(conn, args.year), today,
                         working_days=args.working_days)
    finally:
        conn.close()
    late = view.late_units()
    if args.json:
        print_json({
            "year": view.volume.year, "title": view.volume.title, "date": today.isoformat(),
            "stage": view.stage_today.current.name if view.stage_today.current else None,
            "stage_state": view.stage_today.state,
            "late_stages": [s.name for s in view.stage_today.late],
            "deadline": view.forecast.deadline.isoformat(),
            "publication": (view.forecast.publication.isoformat()
                            if view.forecast.publication else None),
            "slack": view.forecast.slack, "slack_unit": view.forecast.unit,
            "holds": view.forecast.holds, "totals": view.totals.as_json(),
            "late_units": [{"unit": u.name, "missing": len(u.missing),
                            "days_late": u.days_late(today)} for u in late],
        })
        return EXIT_OK
    t = view.totals
    print(f"{view.volume.quoted}（记述{view.volume.recorded_year}年）  统计日期：{today.isoformat()}")
    print(f"当前阶段：{view.stage_today.text()}")
    for stage in view.stage_today.late:
        print(f"  逾期阶段：{stage.name}（计划{stage.planned_end}结束，已逾期{stage.days_late(today)}天）")
    print(view.forecast.text())
    print(f"篇目：类目{t.categories}个、分目{t.sections}个、条目{t.entries}个，供稿单位{t.units}个")
    print(f"来稿：已交{t.received}条、已采用{t.accepted}条、退改中{t.returned}条、未交{t.missing}条；"
          f"{t.words}字" + (f"（定额{t.word_budget}字）" if t.word_budget else "")
          + f"；字数超出{t.over_budget}条、不足{t.under_budget}条")
    for unit in late:
        print(f"  逾期单位：{unit.name}，未交{len(unit.missing)}条，已逾期{unit.days_late(today)}天")
    return EXIT_OK
