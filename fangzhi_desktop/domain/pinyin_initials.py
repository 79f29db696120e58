"""拼音 initials of a name for the search index: 张三丰 → ``zsf``.

A surname or given name read two ways (曾 céng/zēng, 单 shàn/dān) gives every reading, space
separated (at most ``MAX_VARIANTS``), so the office finds 曾 under both ``z`` and ``c``.
pypinyin (a large dictionary) is imported on the first call, never at start-up.
"""

from __future__ import annotations

import itertools

MAX_VARIANTS = 8


def initials(name: str | None) -> str:
    """Lower-case initials of the Chinese characters (other letters kept, the rest dropped)."""
    if not name:
        return ""
    from pypinyin import Style, pinyin

    options: list[list[str]] = []
    for readings in pinyin(name.strip(), style=Style.FIRST_LETTER, heteronym=True,
                           errors=lambda chars: list(chars)):
        letters = []
        for reading in readings:
            letter = reading[:1].lower()
            if letter.isascii() and letter.isalnum() and letter not in letters:
                letters.append(letter)
        if letters:
            options.append(letters)
    if not options:
        return ""
    variants = ["".join(combo) for combo in itertools.islice(itertools.product(*options),
                                                              MAX_VARIANTS)]
    return " ".join(variants)
