"""Read a yearbook outline (篇目) from .txt, .docx or a spreadsheet into a three-level tree.

Text and Word outlines give the level of a line by

- its numbering: ``第一类目``/``类目：`` (absolute levels 类目/分目/条目), or the usual heading
  numbers ``第一编`` > ``一、`` > ``（一）`` > ``1.`` > ``（1）`` > ``①`` — the styles a file uses
  are ranked in that order and each line goes under the nearest line before it that ranks
  higher: ``一、经济`` → ``（一）农业`` → ``1.粮食生产``, and ``一、特载`` → ``1.政府工作报告``
  (a 条目 directly under its 类目). An unnumbered line goes just below the numbered line
  before it (deeper again when indented more than the unnumbered line before it);
- or, when no line is numbered, its indentation (tabs, full-width or ASCII spaces; in Word the
  heading style 标题 1/2/3, the list level or the left indent): the distinct indents, ranked.

A line may carry its unit and budgets after the title, in brackets or in columns separated by a
tab, ``|`` or several spaces: ``基础教育（县教育局，1500字，图片2幅）``,
``粮食生产	县农业农村局	1200字	2``. A spreadsheet has columns 类目 | 分目 | 条目 | 供稿单位 | 字数 |
图片 (found by their headers); blank or merged cells repeat the row above, left to right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.units import normalize_unit_name
from fangzhi_desktop.domain.yearbook import MAX_DEPTH
from fangzhi_desktop.domain.yearbook_outline import OutlineNode, ParsedOutline
from fangzhi_desktop.errors import Problem, UnusableInput
from fangzhi_desktop.importers.text_lines import PAGE_NUMBER

HOW_NUMBERING = "编号"
HOW_INDENT = "缩进"
HOW_COLUMNS = "表格列"

# --- Lines -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineLine:
    """A line (or Word paragraph) with what hints at its level besides its numbering."""

    number: int
    text: str  # without the indentation
    indent: float = 0.0  # in columns (a tab 4, a full-width space 2)
    heading: int | None = None  # Word's 标题 1/2/3 (or outline level + 1)


_NUM = r"[0-9０-９]{1,3}"
_CN = r"[一二三四五六七八九十百零〇]{1,4}"
# (style, pattern); the order is the heading hierarchy.
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("第X编", re.compile(rf"^第\s*(?:{_CN}|{_NUM})\s*(?:编|篇|部分|卷)\s*[、.．:：]?\s*")),
    ("X、", re.compile(rf"^{_CN}\s*[、.．]\s*")),
    ("（X）", re.compile(rf"^[（(]\s*{_CN}\s*[）)]\s*[、.．]?\s*")),
    ("1.", re.compile(rf"^{_NUM}\s*(?:[、．]|\.(?![0-9]))\s*")),
    ("（1）", re.compile(rf"^[（(]\s*{_NUM}\s*[）)]\s*")),
    ("①", re.compile(r"^[\u2460-\u2473\u3251-\u325f]\s*")),
)
_ABSOLUTE = re.compile(rf"^(?:第\s*(?:{_CN}|{_NUM})\s*(类目|分目|条目)\s*[：:、.．]?"
                       r"|(类目|分目|条目)\s*[：:、.．\s])\s*")
_LEVEL_OF = {"类目": 1, "分目": 2, "条目": 3}
_COLUMN_SPLIT = re.compile(r"\t+|\s*[|｜]\s*|[ \u3000]{2,}")
_ANNOTATION = re.compile(r"[（(]([^（）()]*)[）)]\s*$")
_WORDS = re.compile(r"(?:约|计)?\s*([0-9０-９][0-9０-９,，.．]*)\s*(?:[-－~～至—]+\s*"
                    r"([0-9０-９][0-9０-９,，.．]*))?\s*(万|千)?\s*字")
_PHOTOS = re.compile(r"(?:图片?|照片|彩图|图照)\s*[:：]?\s*([0-9０-９]{1,3})\s*(?:幅|张|帧)?"
                     r"|([0-9０-９]{1,3})\s*(?:幅|张|帧)(?:图片?|照片)?")
_UNIT_LABEL = re.compile(r"^(?:供稿单位|承编单位|供稿部门|责任单位|撰稿单位|单位)\s*[：:]\s*")
_BARE_NUMBER = re.compile(r"^[0-9０-９][0-9０-９,，]*$")


def numbering(text: str) -> tuple[str | None, int | None, str]:
    """(style, absolute level, title) of a line: ``（一）农业`` → (``（X）``, None, ``农业``)."""
    m = _ABSOLUTE.match(text)
    if m:
        return None, _LEVEL_OF[m[1] or m[2]], text[m.end():].strip()
    for style, pattern in STYLES:
        m = pattern.match(text)
        if m and text[m.end():].strip():
            return style, None, text[m.end():].strip()
    return None, None, text.strip()


def indentation(raw: str) -> tuple[float, str]:
    """Columns of leading whitespace (tab 4, full-width space 2, other 1) and the rest."""
    width = 0.0
    for k, ch in enumerate(raw):
        if ch == "\t":
            width += 4
        elif ch == "\u3000":
            width += 2
        elif ch.isspace():
            width += 1
        elif ch not in "\ufeff\u200b":
            return width, raw[k:]
    return width, ""


# --- Annotations: unit and budgets -----------------------------------------------------------


@dataclass
class Annotation:
    title: str
    unit: str = ""
    words: int | None = None
    photos: int | None = None
    problems: tuple[str, ...] = ()


def _number(text: str) -> float:
    return float(unicodedata.normalize("NFKC", text).replace(",", "").replace("，", ""))


def parse_words(text: str) -> int | None:
    """``1500字`` → 1500, ``约1,500字`` → 1500, ``1000～1500字`` → 1500, ``0.3万字`` → 3000."""
    m = _WORDS.search(text)
    if not m:
        return None
    value = _number(m[2] or m[1])
    scale = {"万": 10000, "千": 1000}.get(m[3] or "", 1)
    return round(value * scale)


def parse_photos(text: str) -> int | None:
    """``图片2幅`` / ``2幅`` / ``照片3张`` → the number."""
    m = _PHOTOS.search(text)
    return int(unicodedata.normalize("NFKC", m[1] or m[2])) if m else None


def _classify(parts: Iterable[str], note: Annotation, *, columns: bool) -> bool:
    """Fill ``note`` from annotation parts; False when a part is neither a budget nor a unit.

    In columns (``columns``) a bare number is the word budget, a second one the photos; in
    brackets only ``1500字`` / ``图片2幅`` count, and a unit must look like one (县教育局…)
    unless a budget is written beside it.
    """
    parts = [p.strip() for p in parts if p.strip()]
    budget_beside = any(parse_words(p) is not None or parse_photos(p) is not None
                        for p in parts)
    bare = 0
    for part in parts:
        if (words := parse_words(part)) is not None and note.words is None:
            note.words = words
            continue
        if (photos := parse_photos(part)) is not None and note.photos is None:
            note.photos = photos
            continue
        if columns and _BARE_NUMBER.match(unicodedata.normalize("NFKC", part)):
            value = int(_number(part))
            if bare == 0 and note.words is None:
                note.words = value
            elif note.photos is None:
                note.photos = value
            bare += 1
            continue
        labelled = bool(_UNIT_LABEL.match(part))
        unit = normalize_unit_name(_UNIT_LABEL.sub("", part))
        if unit and not note.unit and (labelled or columns or budget_beside
                                       or _looks_like_unit(unit)):
            note.unit = unit
            continue
        return False
    return True


_UNIT_END = re.compile(r"(?:委|办|局|院|会|部|厅|处|科|室|馆|中心|站|所|队|社|团|公司|集团|银行|"
                       r"分局|支队|大队|政府|人大|政协|法院|检察院|学校|中学|小学|医院|街道|镇|乡|"
                       r"总工会|团委|妇联|残联|武装部|海关|协会|分行|支行|组|局办|办公室)$")


def _looks_like_unit(text: str) -> bool:
    return 2 <= len(text) <= 30 and bool(_UNIT_END.search(text)) and not re.search(r"[。？！]", text)


def annotate(title: str) -> Annotation:
    """Split a title from the unit and budgets written after it."""
    parts = [p for p in _COLUMN_SPLIT.split(title) if p.strip()]
    if len(parts) > 1:
        note = Annotation(parts[0].strip())
        if _classify(parts[1:], note, columns=True):
            return _bracket(note)
        return _bracket(Annotation(" ".join(p.strip() for p in parts)))
    return _bracket(Annotation(title.strip()))


def _bracket(note: Annotation) -> Annotation:
    """A trailing ``（县教育局，1500字，2幅）``; brackets that are part of the title stay."""
    m = _ANNOTATION.search(note.title)
    if not m:
        return note
    trial = Annotation(note.title[: m.start()].strip(), note.unit, note.words, note.photos)
    parts = [p for p in re.split(r"[，,；;\s]+", m[1]) if p]
    if not parts or not trial.title:
        return note
    if "、" in parts[0]:
        units = [normalize_unit_name(_UNIT_LABEL.sub("", u)) for u in parts[0].split("、")]
        if all(_looks_like_unit(u) for u in units):
            parts = [units[0], *parts[1:]]
            trial.problems = (f"括注列出了{len(units)}个单位，以“{units[0]}”为供稿单位，"
                              "其余单位请在备注中说明。",)
    return trial if _classify(parts, trial, columns=False) else note


_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])[\s\u3000]+(?=[\u3400-\u9fff])")


def clean_title(text: str) -> str:
    """No spaces between Chinese characters (``特　载`` → ``特载``), one elsewhere, no trailing
    punctuation."""
    text = unicodedata.normalize("NFC", text)
    text = _CJK_GAP.sub("", text.strip())
    text = re.sub(r"[\s\u3000]+", " ", text).strip()
    return text.rstrip("：:。；;，,").strip()


# --- Parsing lines ---------------------------------------------------------------------------


@dataclass
class _Item:
    line: OutlineLine
    style: str | None
    absolute: int | None
    title: str
    rank: float = 0.0  # smaller is higher; a line goes under the nearest line ranked higher


def parse_lines(lines: Iterable[OutlineLine], source: str = "") -> ParsedOutline:
    """The tree of an outline's lines (page numbers and blank lines skipped)."""
    outline = ParsedOutline(source=source)
    items = []
    for line in lines:
        text = line.text.strip()
        if not text or PAGE_NUMBER.match(text):
            continue
        style, absolute, title = numbering(text)
        items.append(_Item(line, style, absolute, title))
    if not items:
        outline.problems.append(Problem("文件中没有内容。", file=source))
        return outline
    if any(i.style or i.absolute for i in items):
        outline.how = HOW_NUMBERING
        items = _skip_title_lines(items, outline, source, lambda i: bool(i.style or i.absolute))
        _rank_by_numbering(items)
    else:
        outline.how = HOW_INDENT
        if any(i.line.heading for i in items):
            items = _skip_title_lines(items, outline, source, lambda i: bool(i.line.heading))
        _rank_by_indent(items)
    _build(items, outline, source)
    if not outline.errors and not outline.roots:
        outline.problems.append(Problem("没有识别出篇目。", file=source))
    return outline


def _skip_title_lines(items: list[_Item], outline: ParsedOutline, source: str,
                      structured: Callable[[_Item], bool]) -> list[_Item]:
    """Lines before the first numbered (or heading) line are the document's title
    (``某县年鉴篇目``)."""
    first = next(k for k, i in enumerate(items) if structured(i))
    outline.title = " ".join(i.line.text.strip() for i in items[:first])
    for item in items[:first]:
        outline.problems.append(Problem(f"“{item.title}”在第一个篇目之前，作为标题跳过。",
                                        file=source, line=item.line.number, severity="warning"))
    return items[first:]


def _rank_by_numbering(items: list[_Item]) -> None:
    """Styles in the heading order; an unnumbered line just below the numbered line before it
    (and below an unnumbered line indented less)."""
    order = [style for style, _ in STYLES]
    last = 0.0
    run_indents: list[float] = []
    for item in items:
        if item.absolute or item.style:
            item.rank = last = float(item.absolute or 1 + order.index(item.style or ""))
            run_indents = []
            continue
        if item.line.indent not in run_indents:
            run_indents.append(item.line.indent)
            run_indents.sort()
        item.rank = last + 0.5 + 0.01 * run_indents.index(item.line.indent)


def _rank_by_indent(items: list[_Item]) -> None:
    """Word headings (body paragraphs below the last heading), else the indent."""
    if any(i.line.heading for i in items):
        last = 0.0
        for item in items:
            if item.line.heading:
                item.rank = last = float(item.line.heading)
            else:
                item.rank = last + 0.5
        return
    for item in items:
        item.rank = item.line.indent


def _build(items: list[_Item], outline: ParsedOutline, source: str) -> None:
    """Each line goes under the nearest line before it that ranks higher; a line that would
    be a fourth level is an error."""
    stack: list[tuple[float, OutlineNode]] = []
    for item in items:
        note = annotate(item.title)
        title = clean_title(note.title)
        for message in note.problems:
            outline.problems.append(Problem(message, file=source, line=item.line.number,
                                            severity="warning"))
        if not title:
            outline.problems.append(Problem("篇目名称为空。", file=source, line=item.line.number))
            continue
        while stack and stack[-1][0] >= item.rank:
            stack.pop()
        if len(stack) >= MAX_DEPTH:
            outline.problems.append(Problem(
                f"“{title}”在“{stack[-1][1].title}”之下，成了第{len(stack) + 1}级：篇目最多三级"
                "（类目、分目、条目），请检查编号或缩进后再导入。", file=source,
                line=item.line.number))
            continue
        node = OutlineNode(title, note.unit, note.words, note.photos, item.line.number)
        siblings = stack[-1][1].children if stack else outline.roots
        twin = next((s for s in siblings if s.title == title), None)
        if twin is not None:
            outline.problems.append(Problem(
                f"“{title}”与第{twin.line}行重名，已合并为一项。", file=source,
                line=item.line.number, severity="warning"))
            _merge(twin, node)
            node = twin
        else:
            siblings.append(node)
        stack.append((item.rank, node))


def _merge(into: OutlineNode, other: OutlineNode) -> None:
    into.unit = into.unit or other.unit
    into.word_budget = into.word_budget if into.word_budget is not None else other.word_budget
    into.photo_budget = (into.photo_budget if into.photo_budget is not None
                         else other.photo_budget)


# --- Files -----------------------------------------------------------------------------------


def read_outline(path: str | Path) -> ParsedOutline:
    """An outline file (.txt, .docx, .xlsx, .xls); ``UnusableInput`` when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        from fangzhi_desktop.importers.yearbook_outline_sheet import read_outline_sheet

        return read_outline_sheet(path)
    if suffix in (".docx", ".docm"):
        return read_docx_outline(path)
    from fangzhi_desktop.importers.text_source import read_lines

    raw = read_lines(path)  # .txt in any common encoding; refuses .doc, .pdf …
    if raw and raw[0].text.startswith("\ufeff"):
        raw[0] = type(raw[0])(raw[0].number, raw[0].text[1:])
    lines = []
    for line in raw:
        indent, text = indentation(line.text)
        lines.append(OutlineLine(line.number, text, indent))
    return parse_lines(lines, path.name)


def read_docx_outline(path: Path) -> ParsedOutline:
    """A Word outline: a table with 类目/分目/条目 columns if it has one, else its paragraphs."""
    from fangzhi_desktop.importers.yearbook_outline_sheet import find_outline_header, parse_rows

    document = _open_docx(path)
    for table in document.tables:
        rows: list[list[Any]] = [[cell.text.strip() for cell in row.cells]
                                 for row in table.rows]
        header = find_outline_header(rows)
        if header is not None:
            return parse_rows(rows, header, path.name)
    return parse_lines(docx_outline_lines(document), path.name)


def _open_docx(path: Path) -> Any:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise UnusableInput("缺少 python-docx 组件，无法读取 .docx 文件。") from exc
    if not path.exists():
        raise UnusableInput(f"{path}：文件不存在。")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnusableInput(f"{path.name}：不是有效的 Word（.docx）文件，或文件已损坏。") from exc
    except Exception as exc:  # lxml errors of a damaged part
        raise UnusableInput(f"{path.name}：Word 文件已损坏，无法读取（{type(exc).__name__}）。") from exc
    return document


def docx_outline_lines(document: Any) -> list[OutlineLine]:
    """Paragraphs of a Word outline with their list labels, heading levels and indents."""
    from fangzhi_desktop.importers.docx_numbering import ListNumberer

    numberer = ListNumberer(document)
    lines = []
    for number, paragraph in enumerate(_paragraphs(document), start=1):
        label = numberer.label(paragraph)
        indent, text = indentation(paragraph.text)
        indent += _paragraph_indent(paragraph)
        lines.append(OutlineLine(number, label + text, indent, _heading_level(paragraph)))
    return lines


def _paragraphs(document: Any) -> Iterable[Any]:
    """Body paragraphs, and the paragraphs of table cells (an outline typed in a table)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # merged cells repeat
                        seen.add(id(cell._tc))
                        yield from cell.paragraphs


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _heading_level(paragraph: Any) -> int | None:
    p_pr = paragraph._p.pPr
    if p_pr is not None:
        outline = p_pr.find(_W + "outlineLvl")
        if outline is not None and outline.get(_W + "val", "9").isdigit():
            value = int(outline.get(_W + "val"))
            if value < 9:
                return value + 1
    style = paragraph.style
    while style is not None:
        m = re.match(r"^(?:heading|标题)\s*([1-9])$", (style.name or "").strip(), re.I)
        if m:
            return int(m[1])
        style = style.base_style
    return None


def _paragraph_indent(paragraph: Any) -> float:
    """Columns of indentation from the list level and the left indent (a 字 of 12 pt: 2)."""
    width = 0.0
    p_pr = paragraph._p.pPr
    if p_pr is not None:
        num_pr = p_pr.find(_W + "numPr")
        ilvl = num_pr.find(_W + "ilvl") if num_pr is not None else None
        if ilvl is not None and str(ilvl.get(_W + "val", "0")).isdigit():
            width += 4 * int(ilvl.get(_W + "val", "0"))
        ind = p_pr.find(_W + "ind")
        if ind is not None and ilvl is None:
            chars = ind.get(_W + "leftChars") or ind.get(_W + "startChars")
            twips = ind.get(_W + "left") or ind.get(_W + "start")
            if chars and chars.lstrip("-").isdigit():
                width += 2 * round(int(chars) / 100)
            elif twips and twips.lstrip("-").isdigit():
                width += 2 * round(int(twips) / 240)
    return max(0.0, width)
