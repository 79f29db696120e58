"""Read a document as numbered lines: ``.txt`` in any common encoding, or ``.docx``.

Officials save text as UTF-8 (with or without BOM), GB18030/GBK (Windows Notepad before 2019,
WPS) or UTF-16 ("Unicode" in Notepad), with CRLF or LF line ends.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fangzhi_desktop.errors import UnusableInput

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a notice is a few dozen KB; refuse anything absurd


@dataclass(frozen=True)
class SourceLine:
    """One line (or .docx paragraph) and its 1-based number in the source."""

    number: int
    text: str


def decode_text(data: bytes, name: str = "") -> str:
    """Decode bytes of a text file, trying the encodings Chinese offices use."""
    unreadable = UnusableInput(
        f"{name}：无法识别文件编码（支持 UTF-8、GB18030/GBK、UTF-16），或文件已损坏。")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise unreadable from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise unreadable from exc
    if b"\x00" in data[:4096]:
        raise UnusableInput(f"{name}：不是文本文件（含有二进制内容），无法读取。")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise unreadable


def split_lines(text: str) -> list[SourceLine]:
    """Numbered lines; CRLF, CR and LF all end a line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [SourceLine(i, line) for i, line in enumerate(lines, start=1)]


def read_lines(path: str | Path) -> list[SourceLine]:
    """The lines of a .txt or .docx file; ``UnusableInput`` when it cannot be read."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise UnusableInput(f"{path}：文件不存在。")
    if path.is_dir():
        raise UnusableInput(f"{path}：这是一个文件夹，不是文件。")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise UnusableInput(f"{name}：不支持旧版 Word（.doc）文件，请在 Word/WPS 中另存为 .docx 后再导入。")
    if suffix in (".docx", ".docm"):
        return read_docx_lines(path)
    if suffix in (".xlsx", ".xls", ".pdf", ".wps", ".et"):
        raise UnusableInput(f"{name}：不支持此类文件，请导入 .txt 或 .docx 文件。")
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise UnusableInput(f"{name}：文件过大（{size // 1024 // 1024} MB），不像是一份通知。")
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(f"{name}：无法读取文件（{exc.strerror or exc}）。") from exc
    if data[:4] == b"PK\x03\x04":  # a .docx saved with another extension
        return read_docx_lines(path)
    if not data.strip():
        raise UnusableInput(f"{name}：文件是空的，没有内容。")
    return split_lines(decode_text(data, name))


def read_docx_lines(path: Path) -> list[SourceLine]:
    """Paragraphs of a .docx (body and table cells) as lines, with Word's list numbers.

    Word's automatic numbering (``numPr``) is not part of the paragraph text; it is rebuilt here
    for the usual formats (``1.``, ``一、``, ``（一）``) so numbered items are not lost.
    """
    try:
        import docx  # heavy, imported when a .docx is read
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise UnusableInput("缺少 python-docx 组件，无法读取 .docx 文件。") from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnusableInput(f"{path.name}：不是有效的 Word（.docx）文件，或文件已损坏。") from exc
    except Exception as exc:  # lxml errors of a damaged part
        raise UnusableInput(f"{path.name}：Word 文件已损坏，无法读取（{type(exc).__name__}）。") from exc
    from fangzhi_desktop.importers.docx_numbering import ListNumberer

    numberer = ListNumberer(document)
    lines: list[SourceLine] = []
    for block in _iter_blocks(document):
        for paragraph in block:
            label = numberer.label(paragraph)
            lines.append(SourceLine(len(lines) + 1, label + paragraph.text))
    return lines


def _iter_blocks(document):  # type: ignore[no-untyped-def]
    """Body paragraphs and table-cell paragraphs in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield [Paragraph(child, document)]
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    yield list(cell.paragraphs)
