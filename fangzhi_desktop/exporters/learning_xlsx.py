"""A year's learning hours as .xlsx: per person (学时统计), per 科室 (科室汇总) and the activities
(学习活动). Hours are numbers, dates are dates; ID numbers are masked unless ``full_numbers``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.learning import LearningYear, format_hours
from fangzhi_desktop.domain.privacy import shown_id
from fangzhi_desktop.exporters.files import atomic_output
from fangzhi_desktop.exporters.xlsx_cells import set_text
from fangzhi_desktop.exporters.xlsx_ledger import finish_sheet, sheet_frame, write_row
from fangzhi_desktop.progress import Progress, no_progress

PERSON_HEAD: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("姓名", 10), ("公民身份号码", 21), ("科室", 16), ("职级", 14),
    ("应完成学时", 10))
PERSON_TAIL: tuple[tuple[str, float], ...] = (
    ("本年学时", 10), ("上年结转", 10), ("合计", 10), ("差额", 10), ("完成情况", 10),
    ("参加人次", 10), ("请假次数", 10))
TYPE_WIDTH = 11
DEPARTMENT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("科室", 18), ("人数", 8), ("参加人次", 10), ("学时合计", 12), ("人均学时", 10),
    ("已完成人数", 12), ("完成率", 10))
ACTIVITY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("开始日期", 12), ("结束日期", 12), ("学习类型", 18), ("活动名称", 40),
    ("主持", 12), ("地点", 16), ("学习内容", 60), ("每人学时", 10), ("应到", 8), ("实到", 8),
    ("请假", 8))
SHORT_FILL = "FFC7CE"


def write_learning_xlsx(path: str | Path, stats: LearningYear, title: str = "",
                        progress: Progress = no_progress, *, full_numbers: bool = False) -> Path:
    """Write the three sheets of ``stats`` to ``path`` (atomically) and return it; ID numbers
    in full only with ``full_numbers``."""
    from openpyxl import Workbook  # heavy, only when exporting

    wb = Workbook()
    title = title or f"{stats.year}年度干部学习学时统计"
    _people_sheet(wb.active, stats, title, full_numbers)
    progress(0.5, "已写学时统计")
    _department_sheet(wb.create_sheet(), stats, title)
    _activity_sheet(wb.create_sheet(), stats, title)
    progress(0.9, "已写学习活动")
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _subtitle(stats: LearningYear) -> str:
    policy = stats.policy
    ranks = "、".join(f"{rank}{format_hours(hours)}学时" for rank, hours in
                      sorted(policy.by_rank.items(), key=lambda kv: (-kv[1], kv[0])))
    parts = [f"年度学时要求：一般{format_hours(policy.default_hours)}学时"]
    if ranks:
        parts[0] += f"，{ranks}"
    if stats.as_of is not None:
        parts.insert(0, f"统计截至：{stats.as_of.year}年{stats.as_of.month}月{stats.as_of.day}日")
    parts.append(f"上年结转最多{format_hours(policy.carry_cap)}学时"
                 if policy.carry_cap else "不结转")
    return "；".join(parts)


def _people_sheet(ws: Any, stats: LearningYear, title: str, full_numbers: bool) -> None:
    from openpyxl.styles import PatternFill

    ws.title = "学时统计"
    types = stats.type_names
    columns = [*PERSON_HEAD, *((name, TYPE_WIDTH) for name in types), *PERSON_TAIL]
    header_row = sheet_frame(ws, title, _subtitle(stats), columns, header_height=32)
    short = PatternFill("solid", fgColor=SHORT_FILL)
    for n, p in enumerate(stats.people, start=1):
        values: list[object] = [n, p.person.name, shown_id(p.person.id_number, full_numbers),
                                p.person.department, p.person.rank, p.requirement]
        values += [p.by_type.get(name, 0.0) for name in types]
        values += [p.earned, p.carried_in, p.total, p.shortfall,
                   "已完成" if p.complete else "未完成", p.attendances, p.leaves]
        row = header_row + n
        write_row(ws, row, values)
        if not p.complete:
            ws.cell(row=row, column=len(columns) - 3).fill = short
            ws.cell(row=row, column=len(columns) - 2).fill = short
    finish_sheet(ws, header_row, len(columns), len(stats.people), keep_columns=2)


def _department_sheet(ws: Any, stats: LearningYear, title: str) -> None:
    ws.title = "科室汇总"
    header_row = sheet_frame(ws, title, _subtitle(stats), DEPARTMENT_COLUMNS,
                             header_height=32)
    departments = stats.departments()
    for n, d in enumerate(departments, start=1):
        write_row(ws, header_row + n, [d.department, d.people, d.attendances, d.hours,
                                        d.average, d.completed, d.rate])
    total_row = header_row + len(departments) + 1
    write_row(ws, total_row, ["全办合计", stats.headcount, stats.attendances, stats.total_hours,
                               stats.average_hours, stats.completed, stats.completion_rate])
    from openpyxl.styles import Font

    for col in range(1, len(DEPARTMENT_COLUMNS) + 1):
        ws.cell(row=total_row, column=col).font = Font(name="仿宋", bold=True)
    for row in range(header_row + 1, total_row + 1):
        ws.cell(row=row, column=len(DEPARTMENT_COLUMNS)).number_format = "0.0%"
    set_text(ws.cell(row=total_row + 2, column=1),
             f"参加人数（至少参加一次）：{stats.participants}人；参加人次：{stats.attendances}人次。")
    finish_sheet(ws, header_row, len(DEPARTMENT_COLUMNS), len(departments) + 1)


def _activity_sheet(ws: Any, stats: LearningYear, title: str) -> None:
    ws.title = "学习活动"
    header_row = sheet_frame(ws, title, _subtitle(stats), ACTIVITY_COLUMNS,
                             header_height=32)
    for n, item in enumerate(stats.activities, start=1):
        a = item.activity
        write_row(ws, header_row + n, [
            n, a.start, a.last_day, a.type_name, a.title, a.host, a.place, "；".join(a.studied),
            a.hours, item.invited, item.present, item.leave])
    finish_sheet(ws, header_row, len(ACTIVITY_COLUMNS), len(stats.activities))
