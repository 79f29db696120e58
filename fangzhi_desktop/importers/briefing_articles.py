"""The articles of a briefing: titles (one to four short lines), paragraphs rejoined where a PDF
or a page break split them, column headers (【工作动态】) and attribution lines (``（XX办公室）``,
``供稿：XX``) that close an article."""

from __future__ import annotations

import re

from fangzhi_desktop.domain.briefings import BriefingDraftArticle, ParsedBriefing
from fangzhi_desktop.importers.briefing_lines import Line, problem, text_width
from fangzhi_desktop.importers.text_lines import compact

MAX_TITLE_LINES = 4

_STRUCTURAL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、]"
    r"|[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[，,、]|首先|其次|再次|最后[，,]|此外"
    r"|\d{1,2}月\d{1,2}日|近日|日前|近期|今年以来|年初以来|当前|目前)")
_COLUMN = re.compile(r"^[【\[〖〔](?P<column>[^】\]〗〕]{1,16})[】\]〗〕](?P<rest>.*)$")
_ATTRIBUTION_PAREN = re.compile(r"^[（(](?P<inner>[^（）()]{2,40})[）)]$")
_ATTRIBUTION_LABEL = re.compile(r"^(?:供稿|撰稿|稿件来源|供稿单位|来源|作者|通讯员|文/图|文／图|摄影)[：:]")
_NUMBERING = re.compile(r"^[一二三四五六七八九十\d]{1,3}$|期$|^注[：:]")

_SENTENCE_END = "。！？!?…"
_PARAGRAPH_END = _SENTENCE_END + "：:"  # a line ending in ；or ， runs on
_CLOSERS = "”’」』）)】"
# Where a title broken over lines is two phrases (学习会 / 传达学习…), keep a space between.
_PHRASE_END = re.compile(r"(?:会|会议|活动|讲座|培训|培训班|仪式|座谈|工作|精神|调研|检查|评审|赛|典礼|行动|学习)$")
_PHRASE_START = re.compile(
    r"^(?:传达|学习|部署|推进|研究|贯彻|召开|开展|举办|举行|深入|扎实|全力|助力|聚焦|强化|加强|推动|落实|凝聚"
    r"|奋力|持续|着力|全面|确保|打造|探索|专题|动员|安排|总结|谋划|压实|筑牢|守牢|彰显|汇聚|提升|激发|服务"
    r"|护航|赋能|共同|以|为|再)")


def read_articles(lines: list[Line], parsed: ParsedBriefing, reflow: bool) -> None:
    """Add the articles of ``lines`` (the body between masthead and 报尾) to ``parsed``.

    ``reflow``: plain text whose paragraphs may be split over lines (a .docx paragraph is one).
    """
    _Articles(lines, parsed, reflow).read()


def _ends_paragraph(flat: str) -> bool:
    """Whether a line ends a paragraph: 。！？… or ：, also before a closing quote or bracket.
    A line ending in ； or ， runs on."""
    text = flat.rstrip(_CLOSERS)
    if text != flat and text and text[-1] in _SENTENCE_END:
        return True
    return bool(flat) and flat[-1] in _PARAGRAPH_END


def _tidy(text: str) -> str:
    """No space next to a Chinese character: PDF text puts them inside dates and numbers."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text).strip()


def _tidy_title(text: str) -> str:
    """Spaces between Chinese and digits go; a space between two phrases stays."""
    text = re.sub(r"(?<=[\x00-\x7f])\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+(?=[\x00-\x7f])",
                  "", text)
    return re.sub(r"\s+", " ", text).strip()


def _join_title(parts: list[str]) -> str:
    """The lines of a title as one; two phrases (…学习会 / 传达学习…) keep a space between."""
    title = parts[0]
    for part in parts[1:]:
        phrase = _PHRASE_END.search(title) and _PHRASE_START.match(part)
        title += (" " if phrase else "") + part
    return title


def _attribution(text: str) -> str | None:
    """``（XX办公室）`` → ``XX办公室``; ``供稿：XX`` → itself; else None."""
    text = _tidy_title(text)
    flat = compact(text)
    m = _ATTRIBUTION_PAREN.match(text)
    if m:
        inner = m["inner"]
        labelled = _ATTRIBUTION_LABEL.match(inner) is not None
        if "。" in inner or _NUMBERING.search(inner) or (not labelled and (
                len(inner) > 25 or "，" in inner)):
            return None
        return inner.strip()
    if _ATTRIBUTION_LABEL.match(flat) and text_width(flat) <= 30 and "。" not in flat:
        return text
    return None


class _Articles:
    """Walks the body lines: titles, paragraphs (rejoined), columns and attributions."""

    def __init__(self, lines: list[Line], parsed: ParsedBriefing, reflow: bool) -> None:
        self.lines = [line for line in lines if line.flat != parsed.name]
        self.parsed = parsed
        self.reflow = reflow
        self.full, self.pdf = self._line_width()
        self.column = ""
        self.need_title = False  # after a column header, the next text must be a title
        self.article: BriefingDraftArticle | None = None
        self.paragraph: list[str] = []
        self.paragraph_line = 0  # source line of the open paragraph's first line
        self.previous: Line | None = None  # the last line of the open paragraph

    def _line_width(self) -> tuple[float, bool]:
        """The width of a full line, and whether the text keeps a PDF's line breaks."""
        widths = sorted(line.width for line in self.lines if line.width >= 12)
        if not self.reflow or len(widths) < 8:
            return 0.0, False
        full = widths[int(0.8 * (len(widths) - 1))]
        near = sum(1 for w in widths if full - 3 <= w <= full + 1)
        return full, near >= 0.5 * len(widths)

    # Line classes

    def _title_like(self, line: Line) -> bool:
        flat = line.flat
        if not flat or _ends_paragraph(flat) or any(ch in flat for ch in "。；;！？!?"):
            return False
        if _STRUCTURAL.match(flat) or _attribution(flat) is not None or _COLUMN.match(flat):
            return False
        limit = 0.85 * self.full if self.pdf else 50
        if "，" in flat or "," in flat:  # 凝心聚力，砥砺前行: a title's commas part short phrases
            limit = min(limit, 25)
        return line.width <= limit

    def _continues(self, line: Line, *, after_full_stop: bool) -> bool:
        """Whether ``line`` continues the open paragraph (a PDF or page break split it)."""
        prev = self.previous
        if not self.reflow or prev is None or not self.paragraph:
            return False
        if not after_full_stop:
            if self.pdf:  # a short unfinished line is a heading, a longer one runs on
                return prev.width > 0.85 * self.full
            # One paragraph per line: only a page break splits one, inside a long paragraph.
            return prev.width > 50 and not _STRUCTURAL.match(line.flat)
        # A PDF line that ends a sentence at the margin, followed by another full line (not an
        # indented first line), is the middle of a paragraph.
        return (self.pdf and min(prev.width, line.width) >= self.full - 1
                and not _STRUCTURAL.match(line.flat) and not self._title_like(line))

    # Building

    def _close_paragraph(self) -> None:
        if self.paragraph and self.article is not None and not self.need_title:
            self.article.paragraphs.append(_tidy("".join(self.paragraph)))
        elif self.paragraph:
            self._start_article("", self.paragraph_line)
            self._close_paragraph()
            return
        self.paragraph = []
        self.previous = None

    def _start_article(self, title: str, number: int | None) -> None:
        if not title:
            problem(self.parsed, "这段正文前没有找到文章标题（标题应单独成行）。", number)
        self.need_title = False
        self.article = BriefingDraftArticle(title=title, column=self.column)
        self.parsed.articles.append(self.article)
        self.parsed.article_lines.append(number or 0)

    def read(self) -> None:
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            open_unfinished = self.previous is not None and not _ends_paragraph(
                self.previous.flat)
            if open_unfinished and self._continues(line, after_full_stop=False):
                self._append(line)
                i += 1
                continue
            column = _COLUMN.match(line.flat)
            if column and (not column["rest"] or not open_unfinished):
                self._close_paragraph()
                self.column = column["column"]
                self.need_title = True
                if column["rest"]:
                    lines[i] = Line(line.number, column["rest"], column["rest"])
                else:
                    i += 1
                continue
            attribution = _attribution(line.text)
            if attribution is not None and self.article is not None:
                self._close_paragraph()
                self.article.attribution = attribution
                i += 1
                continue
            if self._continues(line, after_full_stop=True):
                self._append(line)
                i += 1
                continue
            run = self._title_run(i)
            if run:
                self._close_paragraph()
                parts = [_tidy_title(lines[j].text) for j in range(i, i + run)]
                self._start_article(_join_title(parts), line.number)
                i += run
                continue
            self._close_paragraph()
            self._append(line)
            i += 1
        self._close_paragraph()

    def _append(self, line: Line) -> None:
        if not self.paragraph:
            self.paragraph_line = line.number
        self.paragraph.append(line.text)
        self.previous = line

    def _title_run(self, i: int) -> int:
        """How many lines from ``i`` form a title (0: none)."""
        run = 0
        while i + run < len(self.lines) and self._title_like(self.lines[i + run]):
            run += 1
            if run > MAX_TITLE_LINES:
                return 0
        if run == 0 or i + run >= len(self.lines):
            return 0
        following = self.lines[i + run]
        if _attribution(following.flat) is not None or _COLUMN.match(following.flat):
            return 0
        return run
