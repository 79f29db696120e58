"""Rebuild Word's automatic list numbers (``numPr``), which are not part of paragraph text."""

from __future__ import annotations

from typing import Any

from fangzhi_desktop.domain.workpoints import section_ordinal

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional",
                    "japaneseCounting", "taiwaneseCounting", "ideographDigital"}


def _format(n: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return section_ordinal(n) if n <= 99 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth …


class ListNumberer:
    """Counts list paragraphs in document order and returns the label Word would show."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        self._styles: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering.iter(_W + "abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText") or ""
                start = int(_val(lvl, "start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(_W + "abstractNumId", "")] = levels
        for num in numbering.iter(_W + "num"):
            ref = _val(num, "abstractNumId")
            self._levels[num.get(_W + "numId", "")] = abstract.get(ref or "", {})
        try:
            for style in document.styles.element.iter(_W + "style"):
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr, "numId") or ""
                    self._styles[style.get(_W + "styleId", "")] = (
                        num_id, int(_val(num_pr, "ilvl") or "0"))
        except AttributeError:
            pass

    def label(self, paragraph: Any) -> str:
        """The list label of ``paragraph`` (``"1."``, ``"一、"``) or ``""``."""
        if not self._levels:
            return ""
        p_pr = paragraph._p.pPr
        num_id, ilvl = "", 0
        num_pr = p_pr.find(_W + "numPr") if p_pr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or ""
            ilvl = int(_val(num_pr, "ilvl") or "0")
        elif p_pr is not None and p_pr.find(_W + "pStyle") is not None:
            num_id, ilvl = self._styles.get(_val(p_pr, "pStyle") or "", ("", 0))
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        label = text
        for k in range(ilvl, -1, -1):
            k_fmt, _, k_start = levels.get(k, ("decimal", "", 1))
            label = label.replace(f"%{k + 1}", _format(counters[k] or k_start, k_fmt))
        return label if fmt not in ("bullet", "none") else ""


def _val(node: Any, child: str) -> str | None:
    found = node.find(_W + child)
    return found.get(_W + "val") if found is not None else None
