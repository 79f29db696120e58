"""docs/manual.md → a Word manual for the dist folder, with python-docx only (the build must not
need LibreOffice). Handles what the manual uses: headings, paragraphs, bullet and numbered items
with continuation lines, images on their own line, pipe tables, code blocks, **bold** and `code`.

    .venv/bin/python packaging/manual_docx.py docs/manual.md build/manual/方志办公桌面使用手册.docx
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)]+)\)$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
INLINE = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`)")
IMAGE_WIDTH_CM = 15.5
BODY_FONT, HEADING_FONT, CODE_FONT = "宋体", "黑体", "Consolas"


@dataclass
class Block:
    """One piece of the document: kind is heading1-3, para, bullet, number, image, table, code."""

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    marker: str = ""


def parse(markdown: str) -> list[Block]:
    """The blocks of ``markdown``, in order (only the subset the manual uses)."""
    blocks: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    open_para: Block | None = None  # a paragraph or list item that continuation lines extend
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        i += 1
        if not line:
            open_para = None
            continue
        if line.startswith("```"):
            code: list[str] = []
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i].strip())
                i += 1
            i += 1
            blocks.append(Block("code", "\n".join(code)))
            open_para = None
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block(f"heading{min(level, 3)}", line[level:].strip()))
            open_para = None
            continue
        image = IMAGE.match(line)
        if image:
            blocks.append(Block("image", image[1], marker=image[2]))
            open_para = None
            continue
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                if not all(set(cell) <= set("-: ") for cell in cells):
                    blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
            open_para = None
            continue
        numbered = NUMBERED.match(line)
        if line.startswith("- ") or numbered:
            indent = len(raw) - len(raw.lstrip())
            kind = "bullet" if line.startswith("- ") else "number"
            text = line[2:] if kind == "bullet" else numbered[2]  # type: ignore[index]
            marker = "" if kind == "bullet" else f"{numbered[1]}."  # type: ignore[index]
            open_para = Block(kind, text, marker=marker + ("  " * (indent // 3)))
            blocks.append(open_para)
            continue
        if open_para is not None:  # a hard-wrapped line: Chinese joins without a space
            open_para.text += line
            continue
        open_para = Block("para", line)
        blocks.append(open_para)
    return blocks


def _font(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _inline(paragraph: Any, text: str) -> None:
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            run = paragraph.add_run(part[2:-2])
            run.bold = True
        elif part.startswith("`"):
            run = paragraph.add_run(part[1:-1])
            _font(run, CODE_FONT)
            continue
        else:
            run = paragraph.add_run(part)
        _font(run, BODY_FONT)


def convert(source: Path, target: Path) -> Path:
    """Write ``target`` (.docx) from the manual at ``source``; images relative to it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _font(normal, BODY_FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _font(document.styles[name], HEADING_FONT)
    for block in parse(source.read_text(encoding="utf-8")):
        if block.kind.startswith("heading"):
            level = int(block.kind[-1]) - 1
            heading = document.add_heading("", level=level)
            _font(heading.add_run(block.text), HEADING_FONT)
        elif block.kind == "image":
            picture = source.parent / block.marker
            if not picture.is_file():
                raise SystemExit(f"手册引用的截图不存在：{picture}（请先运行 make manual-images）")
            document.add_picture(str(picture), width=Cm(IMAGE_WIDTH_CM))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption = document.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _inline(caption, f"图：{block.text}")
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for number, (row, cells) in enumerate(zip(table.rows, block.rows, strict=True)):
                for cell, text in zip(row.cells, cells, strict=False):
                    _inline(cell.paragraphs[0], f"**{text}**" if number == 0 else text)
            document.add_paragraph()
        elif block.kind == "code":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(1)
            _font(paragraph.add_run(block.text), CODE_FONT)
        elif block.kind == "bullet":
            _inline(document.add_paragraph(style="List Bullet"), block.text)
        elif block.kind == "number":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.75)
            paragraph.paragraph_format.first_line_indent = Cm(-0.75)
            _inline(paragraph, f"{block.marker.strip()} {block.text}")
        else:
            _inline(document.add_paragraph(), block.text)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("用法：manual_docx.py 手册.md 输出.docx", file=sys.stderr)
        return 2
    written = convert(Path(argv[0]), Path(argv[1]))
    print(f"已生成：{written}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
