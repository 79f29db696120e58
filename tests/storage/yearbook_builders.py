"""Small builders for the yearbook tests: manuscripts of a given length, a volume with a tree."""

from __future__ import annotations

from fangzhi_desktop.domain.yearbook import ReceivedFile
from fangzhi_desktop.importers.manuscripts import manuscript_from_bytes


def manuscript_text(title: str, words: int) -> str:
    """``title`` on the first line, then Chinese characters up to ``words`` in all."""
    return title + "\n" + "年" * max(0, words - len(title)) + "\n"


def received_file(title: str, words: int, name: str | None = None) -> ReceivedFile:
    """A .txt manuscript of exactly ``words`` (Word's 字数)."""
    text = manuscript_text(title, words)
    received = manuscript_from_bytes(name or f"{title}.txt", text.encode("utf-8"))
    assert received.words == words
    return received
