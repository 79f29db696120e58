"""What a dropped file is, from its extension and its first lines or header rows.

``sniff(path)`` answers one ``FileKind``: the year's 工作要点 notice, a campaign 实施方案, a
花名册, a yearbook 篇目, a 简报 issue, a news report of a learning activity, or a yearbook
manuscript (来稿); ``UNKNOWN`` with the reason when none fits. Only the beginning of a file is
read (stdlib for text and Word, calamine for spreadsheets), so a wrong guess costs nothing: the
import dialog that opens shows the full parse before anything is saved.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from xml.etree import ElementTree

from fangzhi_desktop.errors import FangzhiError
from fangzhi_desktop.importers.text_lines import ITEM, SECTION, SUBHEADING

TEXT_SUFFIXES = {".txt", ".docx"}
SHEET_SUFFIXES = {".xlsx", ".xls", ".xlsm"}
HEAD_LINES = 60  # the masthead, title and first sections are near the top
MAX_PEEK_BYTES = 256 * 1024
SHEET_ROWS = 15
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_SPACES = re.compile(r"[\s\u3000\xa0\ufeff\u200b]+")
_ISSUE = re.compile(r"第[0-9０-９一二三四五六七八九十百零〇]{1,6}期")
_BRIEFING_NAME = re.compile(r"(?:简讯|简报|快报|快讯|专报|动态|通讯)(?:[（(](?:增刊|特刊|专刊)[）)])?$")
_WORK_POINTS = re.compile(r"工作要点")
_PLAN = re.compile(r"方案")
_PHASES = re.compile(r"阶段|时间安排|实施步骤|方法步骤|步骤安排|进度安排")
_LEARNING = re.compile(r"学习|讲座|培训|党课|中心组|主题党日|三会一课|研讨")
_OUTLINE_HEADERS = ("类目", "分目", "条目")
_ROSTER_ID_HEADERS = ("身份证", "公民身份号码", "身份号码")


class FileKind(Enum):
    WORKPOINTS = "年度工作要点通知"
    CAMPAIGN_PLAN = "专项活动实施方案"
    ROSTER = "花名册"
    OUTLINE = "年鉴篇目"
    BRIEFING = "简报"
    NEWS = "学习活动新闻稿"
    MANUSCRIPT = "年鉴来稿"
    UNKNOWN = "无法识别"


@dataclass(frozen=True)
class Sniffed:
    kind: FileKind
    reason: str  # one Chinese phrase: why this kind (or why none)


def sniff(path: str | Path) -> Sniffed:
    """Guess what ``path`` is; never raises for an unreadable or unexpected file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return Sniffed(FileKind.UNKNOWN, "不是文件")
    try:
        if suffix in SHEET_SUFFIXES:
            return _sniff_sheet(path)
        if suffix in TEXT_SUFFIXES:
            return sniff_lines(_head_lines(path), path.stem)
    except FangzhiError as exc:
        return Sniffed(FileKind.UNKNOWN, exc.message.rstrip("。"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return Sniffed(FileKind.UNKNOWN, "文件已损坏，或不是 Word 文档（.docx）")
    except (OSError, ValueError) as exc:
        return Sniffed(FileKind.UNKNOWN, f"文件无法读取（{exc}）")
    return Sniffed(FileKind.UNKNOWN, f"不支持{suffix or '无扩展名'}文件")


def sniff_lines(lines: list[str], name: str = "") -> Sniffed:
    """The kind of a text or Word document from its first lines (spaces removed)."""
    head = [compact for line in lines[:HEAD_LINES] if (compact := _SPACES.sub("", line))]
    if not head:
        return Sniffed(FileKind.UNKNOWN, "文件是空的")
    top = head[:12]
    title = "".join(top[:4]) + name
    if any(_BRIEFING_NAME.search(line) for line in top) and any(_ISSUE.search(line)
                                                                for line in top):
        return Sniffed(FileKind.BRIEFING, "开头有简报名称和期号")
    sections = sum(1 for line in head if SECTION.match(line))
    items = sum(1 for line in head if ITEM.match(line) or SUBHEADING.match(line))
    if _WORK_POINTS.search(title) and sections:
        return Sniffed(FileKind.WORKPOINTS, "标题是工作要点，正文分“一、二、……”列出")
    if (_PLAN.search(title) and any(_PHASES.search(line) for line in head)) \
            or (_PLAN.search(title) and sections):
        return Sniffed(FileKind.CAMPAIGN_PLAN, "标题是实施方案，正文有阶段安排")
    if _WORK_POINTS.search(title):
        return Sniffed(FileKind.WORKPOINTS, "标题是工作要点")
    if "篇目" in title:
        return Sniffed(FileKind.OUTLINE, "标题是年鉴篇目")
    if _LEARNING.search("".join(top[:2]) + name) and not (sections and items > 3):
        return Sniffed(FileKind.NEWS, "报道了一次学习活动")
    return Sniffed(FileKind.MANUSCRIPT, "一篇文稿（按年鉴来稿接收）")


def _head_lines(path: Path) -> list[str]:
    if path.suffix.lower() == ".docx":
        return _docx_lines(path)
    from fangzhi_desktop.importers.text_source import decode_text

    with path.open("rb") as fh:
        data = fh.read(MAX_PEEK_BYTES)
    return decode_text(data, path.name).splitlines()


def _docx_lines(path: Path) -> list[str]:
    """The first paragraphs of a .docx (its ``w:t`` text), read from the XML with the stdlib."""
    with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as xml:
        lines: list[str] = []
        for _event, element in ElementTree.iterparse(xml):
            if element.tag == f"{_W}p":
                lines.append("".join(t.text or "" for t in element.iter(f"{_W}t")))
                element.clear()
                if len(lines) >= HEAD_LINES * 2:
                    break
    return lines


def _sniff_sheet(path: Path) -> Sniffed:
    from fangzhi_desktop.importers.excel_sheet import open_workbook

    with open_workbook(path) as book:
        for name in book.candidates()[:5]:
            for row in book.grid(name, SHEET_ROWS).rows:
                cells = [_SPACES.sub("", str(cell)) for cell in row if cell not in (None, "")]
                if "姓名" in cells and any(h in cell for cell in cells
                                          for h in _ROSTER_ID_HEADERS):
                    return Sniffed(FileKind.ROSTER, "表头有姓名和身份证号")
                if sum(1 for h in _OUTLINE_HEADERS if h in cells) >= 2:
                    return Sniffed(FileKind.OUTLINE, "表头有类目、分目、条目")
                if "姓名" in cells and any(h in cells for h in ("职级", "职务", "科室", "部门")):
                    return Sniffed(FileKind.ROSTER, "表头有姓名和职务")
    return Sniffed(FileKind.UNKNOWN, "表格里没有花名册或篇目的表头（姓名、身份证号；类目、分目、条目）")
