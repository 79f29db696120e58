"""What an official document says, before any layout: pure data, no python-docx."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Block:
    """A paragraph of body text. Its heading level (一、/（一）/1./（1）) is read from the text."""

    text: str
    center: bool = False
    no_indent: bool = False


@dataclass
class TableBlock:
    """A small table inside a 公文 body (header row + rows), widths in mm."""

    columns: list[tuple[str, float]]
    rows: list[list[str]]


@dataclass
class ImageBlock:
    """A picture (PNG bytes) centred on its own line, ``width_mm`` wide, its caption below."""

    png: bytes
    caption: str = ""
    width_mm: float = 150.0


BodyBlock = Block | TableBlock | ImageBlock


@dataclass
class Attachment:
    """附件N: on its own page, label 顶格 in 黑体, title centred on the third line."""

    title: str
    blocks: list[BodyBlock] = field(default_factory=list)


@dataclass
class Banji:
    """版记: 抄送 and 印发机关 + 印发日期 between the rules."""

    printer: str
    print_date: date
    cc: list[str] = field(default_factory=list)


@dataclass
class Gongwen:
    """A 公文 (GB/T 9704-2012)."""

    title: str
    blocks: list[BodyBlock]
    recipient: str = ""
    issuer_mark: str = ""  # 发文机关标志 (red 版头); empty → no 版头
    doc_no: str = ""  # 发文字号: 某志办发〔2023〕3号
    signature: str = ""
    date: date | None = None
    attachments: list[Attachment] = field(default_factory=list)
    banji: Banji | None = None
    note: str = ""  # 附注


@dataclass
class BriefingArticle:
    title: str
    paragraphs: list[str]
    column: str = ""  # 【工作动态】 header printed before the article when it changes
    attribution: str = ""  # （XX办公室）


@dataclass
class BriefingTail:
    """简报 报尾: 报/送/发, the 印发 line and the copy count."""

    printer: str
    print_date: date
    bao: str = ""
    song: str = ""
    fa: str = ""
    copies: int | None = None
    disclosure: str = ""  # 信息公开选项：主动公开


@dataclass
class Briefing:
    """A 简报 issue."""

    name: str
    issue: int
    total_issue: int | None
    publisher: str
    date: date
    articles: list[BriefingArticle]
    tail: BriefingTail | None = None
    confidential: str = ""  # e.g. 内部资料


@dataclass
class LedgerDocument:
    """A landscape 台账: title, subtitle line, columns (name, width mm) and rows of text."""

    title: str
    columns: list[tuple[str, float]]
    rows: list[list[str]]
    subtitle: str = ""
    note: str = ""
