"""The briefing parser: the text of an existing issue (简报 / 简讯) → masthead, articles, 报尾.

Issues arrive as text copied from a PDF (lines broken mid-sentence, page numbers, stray spaces
inside dates), from a saved web page (navigation, several timestamps, 【打印】【关闭】) or as
.docx. The parser reads:

- the masthead: the name (a line ending in 简讯/简报/快报/动态/信息…), ``第2期（总第2期）`` with
  or without a year and with spaces anywhere, the issuing body and the date; on a web page the
  date is the one labelled 发布时间/发布日期, never an 更新时间/打印/浏览次数 one;
- articles: a title (one to four short lines) and its paragraphs, rejoined where a PDF broke
  them; column headers (【工作动态】) and attribution lines (``（XX办公室）``, ``供稿：XX``),
  which close an article;
- the 报尾: 信息公开选项, 报：/送：/发：, ``…YYYY年M月D日印发`` and （共印N份）, as fields.
"""

from __future__ import annotations

from pathlib import Path

from fangzhi_desktop.domain.briefings import ParsedBriefing
from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.briefing_articles import read_articles
from fangzhi_desktop.importers.briefing_lines import strip_web_furniture
from fangzhi_desktop.importers.briefing_masthead import read_masthead, settle_date
from fangzhi_desktop.importers.briefing_tail import find_tail, read_tail
from fangzhi_desktop.importers.text_lines import clean_lines
from fangzhi_desktop.importers.text_source import SourceLine, read_lines, split_lines


def read_briefing(path: str | Path) -> ParsedBriefing:
    """Read and parse an issue (.txt in any encoding, or .docx)."""
    path = Path(path)
    # A .docx paragraph is a paragraph; plain text may be broken lines (PDF) to rejoin.
    reflow = path.suffix.lower() not in (".docx", ".docm")
    return parse_lines(read_lines(path), source=str(path), reflow=reflow)


def parse_text(text: str, source: str = "") -> ParsedBriefing:
    """Parse the text of an issue."""
    return parse_lines(split_lines(text), source=source)


def parse_lines(raw: list[SourceLine], source: str = "", *, reflow: bool = True) -> ParsedBriefing:
    """Parse numbered source lines into an issue; problems are collected, not raised.

    Raises ``UnusableInput`` only when the file holds no article at all.
    """
    name = Path(source).name if source else "输入文本"
    parsed = ParsedBriefing(source=source)
    lines, meta_dates = strip_web_furniture(clean_lines(raw))
    start = read_masthead(lines, parsed)
    end = find_tail(lines, start)
    if end < len(lines):
        parsed.tail = read_tail(lines[end:], parsed)
    read_articles(lines[start:end], parsed, reflow)
    if not parsed.articles:
        raise UnusableInput(f"{name}：没有找到简报文章（应有文章标题和正文）。")
    settle_date(parsed, meta_dates)
    return parsed
