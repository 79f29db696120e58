"""Counting words the way yearbook editors do: Word's 字数 (审阅 → 字数统计 → 字数).

Word reports 字数 = 中文字符和朝鲜语单词 + 非中文单词, and editors quote that figure when they
say a 条目 has "1500字". The rule implemented here, character by character:

- East Asian characters count one each: Chinese characters (汉字, incl. 〇), kana, Hangul,
  full-width letters and digits (``ＧＤＰ`` is 3) — ``chinese_chars``;
- Chinese punctuation and symbols count one each: full-width and CJK punctuation (，。、；：？！
  “”‘’（）《》【】〔〕——……·％ …), circled numbers, ℃, ※ — ``chinese_punct``;
- a run of other non-space characters (Latin letters, ASCII digits and the half-width
  punctuation stuck to them) counts one word: ``GDP`` 1, ``BTX`` 1, ``PM2.5`` 1 —
  ``latin_words`` when the run holds a letter; ``2023`` 1, ``12.5%`` 1, ``1,234`` 1,
  ``2023-2024`` 1 — ``digits_runs`` when it holds digits only;
- half-width punctuation on its own (``-`` between spaces, ``(`` before a Chinese character)
  does not count, as in Word, where half-width punctuation adds to 字符数 but not to 字数;
- spaces (also the full-width U+3000), tabs, line breaks and zero-width characters do not count.

So ``2023年GDP增长12.5%。`` is 2023(1) + 年(1) + GDP(1) + 增长(2) + 12.5%(1) + 。(1) = 7.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_IGNORED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@dataclass(frozen=True)
class WordCount:
    """The parts of a 字数 count; ``total`` is Word's 字数."""

    chinese_chars: int = 0
    chinese_punct: int = 0
    latin_words: int = 0
    digits_runs: int = 0

    @property
    def total(self) -> int:
        return self.chinese_chars + self.chinese_punct + self.latin_words + self.digits_runs

    def __add__(self, other: WordCount) -> WordCount:
        return WordCount(self.chinese_chars + other.chinese_chars,
                         self.chinese_punct + other.chinese_punct,
                         self.latin_words + other.latin_words,
                         self.digits_runs + other.digits_runs)

    def as_json(self) -> dict[str, int]:
        return {"chinese_chars": self.chinese_chars, "chinese_punct": self.chinese_punct,
                "latin_words": self.latin_words, "digits_runs": self.digits_runs,
                "total": self.total}


def _is_east_asian_char(ch: str, code: int) -> bool:
    """A character Word counts as 中文字符 (not punctuation)."""
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3134F or code == 0x3007
            or 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF  # kana
            or 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF  # Hangul
            or 0x3100 <= code <= 0x312F  # bopomofo
            or (0xFF10 <= code <= 0xFF19) or (0xFF21 <= code <= 0xFF3A)
            or (0xFF41 <= code <= 0xFF5A))  # full-width digits and letters


def _kind(ch: str) -> str:
    """``c`` Chinese character, ``p`` Chinese punctuation, ``l`` letter, ``d`` digit,
    ``a`` half-width punctuation, ``s`` space, ``i`` ignored."""
    code = ord(ch)
    if code < 0x80:
        if ch.isalpha():
            return "l"
        if ch.isdigit():
            return "d"
        return "s" if ch.isspace() else "a"
    if ch in _IGNORED:
        return "i"
    if ch.isspace():
        return "s"
    if _is_east_asian_char(ch, code):
        return "c"
    category = unicodedata.category(ch)
    if category[0] == "L":
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            return "c"
        return "l"  # é, ß, α: letters of a Latin-like word
    if category == "Nd" and unicodedata.east_asian_width(ch) not in ("W", "F"):
        return "d"
    if category[0] in ("M", "C"):
        return "i"  # combining marks and control characters
    return "p"


def count_words(text: str) -> WordCount:
    """Word's 字数 of ``text`` and its parts (see the module docstring for the rule)."""
    chinese = punct = latin = digits = 0
    run_letters = run_digits = False
    for ch in text:
        kind = _kind(ch)
        if kind in ("l", "d", "a"):
            run_letters |= kind == "l"
            run_digits |= kind == "d"
            continue
        if kind == "i":
            continue
        if run_letters:
            latin += 1
        elif run_digits:
            digits += 1
        run_letters = run_digits = False
        if kind == "c":
            chinese += 1
        elif kind == "p":
            punct += 1
    if run_letters:
        latin += 1
    elif run_digits:
        digits += 1
    return WordCount(chinese, punct, latin, digits)
