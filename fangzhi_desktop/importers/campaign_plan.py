"""The 实施方案 parser: title, purpose, content items, and the phases of its 时间安排 with their
date ranges and numbered tasks.

Numbered lists elsewhere (有关要求, 保障措施…) are not tasks; a phase without numbered tasks
has its body as one task; a plan issued by a 通知 (关于印发《…方案》的通知) is read from its
attachment.
"""

from __future__ import annotations

import re
from pathlib import Path

from fangzhi_desktop.domain.campaigns import ParsedCampaign, ParsedPhase, ParsedTask
from fangzhi_desktop.domain.date_ranges import parse_range
from fangzhi_desktop.errors import Problem, UnusableInput
from fangzhi_desktop.importers.text_lines import (
    FULL_DIGITS,
    ITEM,
    SECTION,
    SUBHEADING,
    clean_lines,
    compact,
)
from fangzhi_desktop.importers.text_source import SourceLine, read_lines, split_lines

TIME_SECTION = re.compile(r"时间安排|实施步骤|方法步骤|步骤安排|进度安排|时间步骤|阶段安排|工作步骤")
PURPOSE_SECTION = re.compile(r"宗旨|指导思想|总体要求|目标任务|工作目标|活动目标|目的意义")
CONTENT_SECTION = re.compile(r"活动内容|主要内容|重点任务|工作任务|主要任务|工作内容")
PHASE_ORDINAL = re.compile(r"^第[一二三四五六七八九十]+阶段\s*[：:，,]?\s*(.*)$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TITLE_END = re.compile(r"(?:实施|工作|活动)?方案$")


def read_plan(path: str | Path) -> ParsedCampaign:
    path = Path(path)
    return parse_lines(read_lines(path), source=str(path))


def parse_text(text: str, source: str = "") -> ParsedCampaign:
    return parse_lines(split_lines(text), source=source)


def parse_lines(raw: list[SourceLine], source: str = "") -> ParsedCampaign:
    name = Path(source).name if source else "输入文本"
    lines = clean_lines(raw)
    title_at, title = _find_title(lines)
    if title_at is None:
        raise UnusableInput(f"{name}：没有找到实施方案的标题（应以“方案”结尾）。")
    plan = ParsedCampaign(title=title, source=source)
    if title_at > 0:
        before = compact(lines[title_at - 1].text)
        if len(before) <= 30 and not any(c in before for c in "，。：；《"):
            plan.issuer = before
    sections = _split_sections(lines[title_at + 1:])
    default_year = _default_year(title, lines)
    for heading, body in sections:
        if TIME_SECTION.search(heading):
            plan.phases = _phases(body, default_year, plan, source)
        elif PURPOSE_SECTION.search(heading) and not plan.purpose:
            plan.purpose = "".join(compact(line.text) for line in body)
        elif CONTENT_SECTION.search(heading) and not plan.contents:
            plan.contents = _contents(body)
    if not plan.phases:
        plan.problems.append(Problem(
            "没有找到“时间安排/实施步骤”中的阶段，请在预览中添加。", file=source,
            severity="warning"))
    return plan


def _find_title(lines: list[SourceLine]) -> tuple[int | None, str]:
    for i, line in enumerate(lines[:60]):
        text = compact(line.text)
        inner = re.search(r"《([^《》]*方案)》", text)
        if text.startswith("关于印发") and inner:
            continue  # the notice's title; the attachment's title follows
        if _TITLE_END.search(text) and len(text) <= 80 and not text.endswith("。"):
            return i, text
        if i + 1 < len(lines) and not any(c in text for c in "。；："):
            following = compact(lines[i + 1].text)
            if _TITLE_END.search(following) and len(following) >= 8:
                continue  # the next line is the whole title; this one is the issuer
            joined = text + following
            if _TITLE_END.search(joined) and len(joined) <= 80 and not SECTION.match(
                    compact(lines[i + 1].text)):
                return i + 1, joined
    return None, ""


def _default_year(title: str, lines: list[SourceLine]) -> int:
    for text in [title] + [line.text for line in lines]:
        m = _YEAR.search(text.translate(FULL_DIGITS))
        if m:
            return int(m[1])
    return 2000


def _split_sections(lines: list[SourceLine]) -> list[tuple[str, list[SourceLine]]]:
    """``一、…`` sections with their lines (text before the first section is dropped)."""
    sections: list[tuple[str, list[SourceLine]]] = []
    for line in lines:
        m = SECTION.match(compact(line.text))
        if m:
            sections.append((m[2], []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def _phase_heading(text: str) -> str | None:
    """The heading text of a phase line (without its ordinal), or None."""
    flat = compact(text)
    m = SUBHEADING.match(flat) or PHASE_ORDINAL.match(flat)
    if m:
        return m.group(m.lastindex or 1)
    m = ITEM.match(flat)
    if m and "阶段" in m[2][:20]:
        return m[2]
    if "阶段" in flat[:20] and parse_range(flat, 2000) is not None and len(flat) <= 60:
        return flat
    return None


def _split_name(heading: str, year: int) -> tuple[str, str]:
    """``宣传发动阶段（2021年1-3月）。转发…`` → name ``宣传发动阶段`` and the rest."""
    span = parse_range(heading, year)
    rest = ""
    name = heading
    cut = re.search(r"[。：:]", heading)
    if cut:
        name, rest = heading[:cut.start()], heading[cut.end():]
    if span is not None:
        name = name.replace(span.phrase, "")
    name = re.sub(r"[（(]\s*[）)]", "", name).strip("，,、 ")
    return name, rest.strip()


def _phases(body: list[SourceLine], year: int, plan: ParsedCampaign,
            source: str) -> list[ParsedPhase]:
    phases: list[ParsedPhase] = []
    bodies: list[list[str]] = []
    task_open = False
    for line in body:
        heading = _phase_heading(line.text)
        if heading is not None:
            name, rest = _split_name(heading, year)
            span = parse_range(heading, year)
            if span is not None:
                year = span.start.year
            phases.append(ParsedPhase(name=name, span=span, line=line.number))
            bodies.append([rest] if rest else [])
            task_open = False
            if span is None:
                plan.problems.append(Problem(f"阶段“{name}”没有写明时间，请在预览中补上。",
                                             file=source, line=line.number,
                                             severity="warning"))
            continue
        if not phases:
            continue
        phase = phases[-1]
        m = ITEM.match(compact(line.text))
        expected = len(phase.tasks) + 1
        if m and int(m[1].translate(FULL_DIGITS)) == expected:
            phase.tasks.append(ParsedTask(expected, m[2], line.number))
            task_open = True
        elif task_open:
            phase.tasks[-1].text += compact(line.text)
        else:
            bodies[-1].append(compact(line.text))
    for phase, text in zip(phases, bodies, strict=True):
        if not phase.tasks and text:
            phase.tasks.append(ParsedTask(1, "".join(text), phase.line))
    return phases


def _contents(body: list[SourceLine]) -> list[str]:
    """Content items: the （一）… headings, or the numbered items when there are none."""
    headings = [m[2] for line in body if (m := SUBHEADING.match(compact(line.text)))]
    if headings:
        return headings
    return [m[2] for line in body if (m := ITEM.match(compact(line.text)))]
