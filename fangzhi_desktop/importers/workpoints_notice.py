"""The work-point parser: a 通知 (or its attachment alone) → sections and numbered items.

Real notices arrive as text copied from a PDF or a web page, or as .docx. The parser copes with
the notice wrapper before the attachment (文号, 主送, body, signature, date), titles broken over
lines, page numbers (``—4—``), items spanning several lines, parentheses inside an item
(``区（县级市）``), unit annotations in every common form, sub-headings ``（一）…`` that are not
items, numbers such as ``11.121人才梯队项目`` (item 11) and half-/full-width punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain import deadlines
from fangzhi_desktop.domain.units import (
    ALL_LABELS,
    LEAD_MARKERS,
    SUPPORT_MARKERS,
    looks_like_unit_list,
    names_units,
    parse_annotation,
)
from fangzhi_desktop.domain.workpoints import ParsedItem, ParsedPlan, ParsedSection
from fangzhi_desktop.errors import Problem, UnusableInput, YearUnknown
from fangzhi_desktop.importers.text_lines import (
    FULL_DIGITS,
    ITEM,
    SECTION,
    SUBHEADING,
    clean_lines,
    compact,
)
from fangzhi_desktop.importers.text_source import SourceLine, read_lines, split_lines

_TITLE = re.compile(
    r"^(?!关于)(?P<head>[^《》“”]{0,60}?)(?P<year>(?:19|20)\d\d)\s*年\s*度?\s*"
    r"(?P<kind>工作要点|工作计划|重点工作安排|工作任务|重点工作|工作安排)$"
)
_DATE_LINE = re.compile(r"^((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*((?:19|20)\d\d)\s*[〕\]］)）]\s*\d{1,4}\s*号")
# The end of the attachment: the 版记 (抄送：…, "…2023年3月21日印发") or the next attachment.
_STOP = re.compile(
    r"^(?:抄送[：:]|附件\s*[2-9２-９]\s*$|.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$)")
_ATTACHMENT_MARK = re.compile(r"^附\s*件\s*[1１]?\s*[：:]?$")
_TERMINAL = "。；;！!？?）)〕］]】"
_SENTENCE_END = "。；;！!？?"
_OPEN = "（(〔［[【"
_CLOSE = {"（": "）", "(": ")", "〔": "〕", "［": "］", "[": "]", "【": "】"}
_CLOSERS = "）)〕］]】"




@dataclass
class _ItemDraft:
    no: int
    line: int
    parts: list[str]
    subsection: str
    annotations: list[str] = field(default_factory=list)  # ``责任单位：…`` lines

    def text(self) -> str:
        # Lines broken by PDF extraction join without a space: Chinese has none, and a break
        # inside a number or an acronym (2 022, B TX) must not gain one.
        return "".join(self.parts)

    def complete(self) -> bool:
        """Whether the text so far ends like a finished item (so a new number can follow)."""
        return bool(self.annotations) or (bool(self.parts) and self.parts[-1][-1] in _TERMINAL)


def read_notice(path: str | Path, year: int | None = None) -> ParsedPlan:
    """Read and parse a notice file (.txt in any encoding, or .docx)."""
    path = Path(path)
    return parse_lines(read_lines(path), year=year, source=str(path))


def parse_text(text: str, year: int | None = None, source: str = "") -> ParsedPlan:
    """Parse the text of a notice."""
    return parse_lines(split_lines(text), year=year, source=source)


def parse_lines(raw: list[SourceLine], year: int | None = None, source: str = "") -> ParsedPlan:
    """Parse numbered source lines into a plan; problems are collected, not raised.

    Raises ``UnusableInput`` only when the file holds no work points at all, or when the year
    cannot be told and was not given.
    """
    name = Path(source).name if source else "输入文本"
    lines = clean_lines(raw)
    title_at, title, title_year = _find_title(lines)
    plan = ParsedPlan(year=year or title_year or 0, title=title, source=source)
    if title_at is not None:
        _read_wrapper(lines[:title_at], plan)
        body = lines[title_at + 1:]
    else:
        body = lines
        _read_wrapper(_before_first_section(lines), plan)
    if not plan.year:
        if plan.issued_on:
            plan.year = plan.issued_on.year
        else:
            raise YearUnknown(f"{name}：无法从标题判断工作要点的年度，请指定年度。")
    if year and title_year and year != title_year:
        plan.problems.append(Problem(
            f"标题写的是{title_year}年，已按指定的{year}年导入。", file=source,
            severity="warning"))
    _read_body(body, plan, source)
    if not plan.items:
        raise UnusableInput(
            f"{name}：没有找到工作要点条目（应有“一、……”的部分标题和“1.……”的编号条目）。")
    if not plan.title:
        plan.title = f"{plan.year}年工作要点"
    return plan


# --- Lines -----------------------------------------------------------------------------------




def _find_title(lines: list[SourceLine]) -> tuple[int | None, str, int | None]:
    """Index of the work-points title line (joining a title broken over two lines)."""
    for i, line in enumerate(lines[:400]):
        text = compact(line.text)
        if len(text) > 70 or text[-1:] in _SENTENCE_END:
            continue
        candidates = [(text, i)]
        if i + 1 < len(lines) and not _DATE_LINE.match(text):
            nxt = compact(lines[i + 1].text)
            if len(text) + len(nxt) <= 70 and not _is_structural(nxt):
                candidates.append((text + nxt, i + 1))
        for candidate, end in candidates:
            m = _TITLE.match(candidate)
            if m:
                return end, candidate, int(m["year"])
    return None, "", None


def _is_structural(text: str) -> bool:
    return bool(SECTION.match(text) or ITEM.match(text) or SUBHEADING.match(text))


def _before_first_section(lines: list[SourceLine]) -> list[SourceLine]:
    for i, line in enumerate(lines):
        if SECTION.match(line.text):
            return lines[:i]
    return []


def _read_wrapper(lines: list[SourceLine], plan: ParsedPlan) -> None:
    """The notice around the attachment: 文号, signature and date."""
    for i, line in enumerate(lines):
        text = compact(line.text)
        if not plan.doc_no:
            m = _DOC_NO.search(text)
            if m:
                plan.doc_no = m.group(0).replace(" ", "")
        m = _DATE_LINE.match(text)
        if m:
            try:
                plan.issued_on = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if i > 0:
                prev = compact(lines[i - 1].text)
                if len(prev) <= 30 and not any(c in prev for c in "，。：；"):
                    plan.issuer = prev


# --- Body ------------------------------------------------------------------------------------


def _read_body(lines: list[SourceLine], plan: ParsedPlan, source: str) -> None:
    section: ParsedSection | None = None
    title_open = False  # the section title may continue on the next line
    subsection = ""
    draft: _ItemDraft | None = None
    last_no = 0
    preamble: list[str] = []

    def close_item() -> None:
        nonlocal draft
        if draft is not None and section is not None:
            section.items.append(_finish_item(draft, plan, source))
        draft = None

    for line in lines:
        text = line.text
        flat = compact(text)
        if _ATTACHMENT_MARK.match(flat):
            continue
        if _STOP.match(flat) and (draft is None or draft.complete()):
            break
        m = SECTION.match(flat)
        if m and (draft is None or draft.complete()):
            close_item()
            title = m[2].rstrip("。：:；;")
            section = ParsedSection(title=title, ordinal=m[1], line=line.number)
            plan.sections.append(section)
            title_open = bool(title) and title[-1] not in _TERMINAL
            subsection = ""
            continue
        m = ITEM.match(text)
        if m:
            no = int(m[1].translate(FULL_DIGITS))
            rest = m[2]
            accepted = _accept_number(no, last_no, draft, section, rest)
            if accepted:
                close_item()
                if section is None:
                    section = ParsedSection(title="", line=line.number)
                    plan.sections.append(section)
                if no != last_no + 1 and not (no == 1 and not section.items):
                    _number_problem(no, last_no, line.number, plan, source)
                draft = _ItemDraft(no, line.number, [rest] if rest else [], subsection)
                last_no = no
                title_open = False
                continue
        m = SUBHEADING.match(flat)
        if m and (draft is None or draft.complete()) and len(flat) <= 60:
            close_item()
            subsection = m[2].rstrip("。：:；;")
            title_open = False
            continue
        if draft is not None and _is_label_line(flat):
            draft.annotations.append(flat)
            continue
        if draft is not None:
            draft.parts.append(text)
            continue
        if section is not None and title_open and len(flat) <= 20 \
                and not any(c in flat for c in "。；，"):
            section.title += flat
            title_open = flat[-1] not in _TERMINAL
            continue
        if section is None:
            preamble.append(flat)
        else:
            plan.problems.append(Problem(
                f"这段文字不属于任何编号条目，未导入：“{flat[:20]}…”", file=source,
                line=line.number, severity="warning"))
    close_item()
    plan.preamble = "".join(preamble)
    plan.sections = [s for s in plan.sections if s.items or s.title]
    for s in plan.sections:
        if not s.items:
            plan.problems.append(Problem(f"“{s.ordinal}、{s.title}”下没有编号条目。", file=source,
                                         line=s.line, severity="warning"))


def _accept_number(no: int, last_no: int, draft: _ItemDraft | None,
                   section: ParsedSection | None, rest: str) -> bool:
    """Whether ``N.`` at the start of a line opens a new item (or continues a broken line)."""
    complete = draft is None or draft.complete()
    starts_with_digit = rest[:1].isdigit()
    if no == last_no + 1:
        return complete or not starts_with_digit
    if no == 1 and section is not None and not section.items and complete:
        return True  # numbering restarts in each section
    if last_no < no <= last_no + 5 or (0 < no < last_no):
        return complete and not starts_with_digit
    return False


def _number_problem(no: int, last_no: int, line: int, plan: ParsedPlan, source: str) -> None:
    if no > last_no + 1:
        missing = "、".join(str(n) for n in range(last_no + 1, no))
        message = f"条目编号从{last_no}跳到{no}，缺少第{missing}条。"
    else:
        message = f"条目编号{no}重复或倒序（上一条是{last_no}）。"
    plan.problems.append(Problem(message, file=source, line=line, item=no))


def _is_label_line(text: str) -> bool:
    """``责任单位：…`` / ``牵头单位：X；配合单位：Y`` on its own line (maybe bracketed)."""
    inner = text.strip("（(〔［[【）)〕］]】")
    return any(inner.startswith(label) for label in ALL_LABELS) and len(inner) <= 120


def _finish_item(draft: _ItemDraft, plan: ParsedPlan, source: str) -> ParsedItem:
    text = draft.text()
    annotations = [a.strip("（(〔［[【）)〕］]】") for a in draft.annotations]
    deadline_phrases: list[str] = []
    # Trailing bracket groups: units (and perhaps a deadline) — peel from the end.
    for _ in range(3):
        found = _trailing_bracket(text)
        if found is None:
            break
        start, inner = found
        units_part, deadline_part = _split_deadline(inner, plan.year)
        before = text[:start].rstrip()
        if not units_part and deadline_part:
            deadline_phrases.append(deadline_part)
            text = before
            continue
        explicit = any(k in inner for k in ALL_LABELS + LEAD_MARKERS + SUPPORT_MARKERS)
        boundary = not before or before[-1] in _SENTENCE_END or before[-1] in _CLOSERS
        if explicit or (looks_like_unit_list(units_part)
                        and (boundary or names_units(units_part))):
            annotations.insert(0, units_part)
            if deadline_part:
                deadline_phrases.append(deadline_part)
            text = before
            continue
        break
    lead: list[str] = []
    support: list[str] = []
    for annotation in annotations:
        units_part, deadline_part = _split_deadline(annotation, plan.year)
        if deadline_part:
            deadline_phrases.append(deadline_part)
        assignment = parse_annotation(units_part)
        lead += [u for u in assignment.lead if u not in lead]
        support += [u for u in assignment.support if u not in support and u not in lead]
    if deadline_phrases:
        found_deadline = deadlines.find(deadline_phrases[0], plan.year)
        deadline = found_deadline or deadlines.resolve(text, plan.year)
    else:
        deadline = deadlines.resolve(text, plan.year)
    item = ParsedItem(no=draft.no, text=text.strip(), lead=lead, support=support,
                      deadline=deadline, line=draft.line, subsection=draft.subsection)
    if not lead and not support:
        plan.problems.append(Problem("没有找到责任单位（牵头/配合），请在预览中补上。",
                                     file=source, line=draft.line, item=draft.no,
                                     severity="warning"))
    if not item.text:
        plan.problems.append(Problem("条目内容为空。", file=source, line=draft.line,
                                     item=draft.no))
    return item


def _trailing_bracket(text: str) -> tuple[int, str] | None:
    """The last bracket group at the end of ``text`` (nested brackets allowed)."""
    stripped = text.rstrip().rstrip("。.；;")
    if not stripped or stripped[-1] not in _CLOSERS:
        return None
    depth = 0
    for i in range(len(stripped) - 1, -1, -1):
        c = stripped[i]
        if c in _CLOSERS:
            depth += 1
        elif c in _OPEN:
            depth -= 1
            if depth == 0:
                return i, stripped[i + 1:-1]
    return None


_DEADLINE_LABEL = re.compile(r"^(?:完成时限|完成时间|时限要求|时限|时间节点|时间)\s*[：:]\s*")


def _split_deadline(text: str, year: int) -> tuple[str, str]:
    """Split ``研究室牵头，6月底前完成`` into the units part and the deadline phrase."""
    units: list[str] = []
    phrase = ""
    for clause in re.split(r"[，,；;]", text):
        clause = clause.strip()
        if not clause:
            continue
        labelled = _DEADLINE_LABEL.match(clause)
        if labelled:
            phrase = phrase or clause[labelled.end():]
            continue
        if not any(label in clause for label in ALL_LABELS) and deadlines.find(clause, year):
            phrase = phrase or clause
            continue
        units.append(clause)
    return "，".join(units), phrase
