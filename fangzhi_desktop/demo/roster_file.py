"""A small made-up 花名册 .xlsx, for the roster-import screenshot in the manual."""

from __future__ import annotations

from pathlib import Path

HEADER = ("序号", "姓名", "性别", "出生年月", "政治面貌", "学历", "参加工作时间", "科室", "职务")
PEOPLE = (
    ("王建国", "男", "1972.03", "中共党员", "大学", "1994.07", "办公室", "主任"),
    ("李秀英", "女", "1980.11", "中共党员", "研究生", "2005.08", "年鉴编辑部", "副主任"),
    ("张明", "男", "1988.05", "共青团员", "大学", "2011.09", "编研科", "科员"),
    ("刘芳", "女", "1991.02", "中共党员", "大学", "2014.07", "资料科", "科长"),
    ("陈磊", "男", "1985.09", "群众", "大专", "2008.12", "方志馆", "馆员"),
    ("杨静", "女", "1995.06", "中共党员", "研究生", "2020.08", "年鉴编辑部", "编辑"),
)


def write_demo_roster(path: Path) -> Path:
    """A roster the way offices send them: a title line, a header, one row per person."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["某某县地方志办公室干部花名册"])
    sheet.append(list(HEADER))
    for number, person in enumerate(PEOPLE, 1):
        sheet.append([number, *person])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
