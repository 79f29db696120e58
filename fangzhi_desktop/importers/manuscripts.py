"""Manuscripts (来稿) sent by the 供稿单位: read a .docx/.txt file (its text, Word's 字数 and its
photos) and match files to the 条目 they were written for.

A file is matched, in this order of trust, by
1. a returned 组稿 package that lists its file name against a 条目 (by the row's key);
2. its name and its first line (the 条目 title it is headed with), compared with the titles
   of the 条目 of its unit — the unit given by the user, by a package in the same folder, or
   named in its path (``县教育局/基础教育.docx``, ``县教育局-基础教育（定稿）.docx``) — or of all
   条目 when the unit is unknown.

Titles are compared without spaces, punctuation, numbering and draft marks (初稿, 修改稿,
定稿 …): the same title scores 1; a file name holding the whole title scores 0.8 and more; a
title holding the whole name 0.6 and more; otherwise difflib's ratio. A score below 0.6, or two
条目 within 0.05 of each other, leaves the file unmatched.

Word's 字数 leaves out automatic list numbers and counts text boxes, so the text of a .docx
is read from its XML (stdlib only): every ``w:t`` of the document body, paragraphs as lines.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from xml.etree import ElementTree

from fangzhi_desktop.domain.word_count import count_words
from fangzhi_desktop.domain.yearbook import ReceivedFile
from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.text_source import decode_text

MANUSCRIPT_SUFFIXES = (".docx", ".txt")
MAX_MANUSCRIPT_BYTES = 60 * 1024 * 1024  # photos make a 条目 a few MB; refuse the absurd
MIN_SCORE = 0.6
AMBIGUITY = 0.05

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"


# --- Reading a file --------------------------------------------------------------------------


def read_manuscript(path: str | Path) -> ReceivedFile:
    """The file's bytes, text figures and heading; ``UnusableInput`` naming it otherwise."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise UnusableInput(f"{path}：文件不存在。" if not path.exists()
                            else f"{path}：这是一个文件夹，不是文件。")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise UnusableInput(f"{name}：不支持旧版 Word（.doc）文件，请让供稿单位另存为 .docx 后再发，"
                            "或在 Word/WPS 中另存后再导入。")
    if suffix not in MANUSCRIPT_SUFFIXES:
        raise UnusableInput(f"{name}：来稿只支持 Word（.docx）和文本（.txt）文件。")
    try:
        size = path.stat().st_size
        if size > MAX_MANUSCRIPT_BYTES:
            raise UnusableInput(f"{name}：文件过大（{size // 1024 // 1024} MB），请压缩图片后再导入。")
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(f"{name}：无法读取文件（{exc.strerror or exc}）。") from exc
    return manuscript_from_bytes(name, data)


def manuscript_from_bytes(name: str, data: bytes) -> ReceivedFile:
    """A manuscript from its name and bytes (.docx by content, else text in any encoding)."""
    if not data:
        raise UnusableInput(f"{name}：文件是空的（0字节）。")
    if name.lower().endswith(".docx") or data[:4] == b"PK\x03\x04":
        text, photos = docx_text_and_photos(data, name)
    else:
        text, photos = decode_text(data, name), 0
    heading = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return ReceivedFile(name, data, hashlib.sha256(data).hexdigest(), count_words(text), photos,
                        heading.lstrip("\ufeff")[:80])


def docx_text_and_photos(data: bytes, name: str = "") -> tuple[str, int]:
    """The text of a .docx body (paragraphs as lines) and its number of pictures."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnusableInput(f"{name}：不是有效的 Word（.docx）文件，或文件已损坏。") from exc
    lines: list[str] = []
    current: list[str] = []
    photos = 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag in (_A_BLIP, _V_IMAGEDATA):
                    photos += 1
                continue
            if tag == _W + "t" and element.text:
                current.append(element.text)
            elif tag in (_W + "tab", _W + "br", _W + "cr") and element.text is None:
                current.append("\t" if tag == _W + "tab" else "\n")
            elif tag == _W + "p":
                lines.append("".join(current))
                current = []
                element.clear()
    except ElementTree.ParseError as exc:
        raise UnusableInput(f"{name}：Word 文件已损坏，无法读取正文。") from exc
    return "\n".join(lines), photos


# --- Matching files to 条目 ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A 条目 a file may be for."""

    node_id: int
    title: str
    unit_id: int | None
    unit: str
    path: tuple[str, ...] = ()  # 类目 → 分目 → 条目


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    score: float
    how: str


_DRAFT = re.compile(r"(?:初稿|二稿|三稿|修改稿|修订稿|送审稿|审定稿|定稿|终稿|最终稿|最终版|修改版|"
                    r"正式稿|盖章版|盖章|电子版|word版|稿件|来稿|年鉴|条目|供稿|材料|"
                    r"v\d+|\d{8}|\d{4}年(?:度)?|\(\d+\)|（\d+）)", re.I)
_NOISE = re.compile(r"[\s\u3000\-_—－·.．,，、;；:：!！?？'\"“”‘’()（）\[\]【】《》〈〉<>/\\|｜]+")
_NUMBERING = re.compile(r"^(?:(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})[、.]"
                        r"|[(][0-9一二三四五六七八九十]{1,3}[)])\s*")


def normalize_title(text: str, units: Iterable[str] = ()) -> str:
    """A title as compared: NFKC, lower case, without numbering, unit names, draft marks,
    spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _NUMBERING.sub("", text)
    for unit in sorted(units, key=len, reverse=True):
        if unit and len(unit) >= 2:
            text = text.replace(unit, " ")
    text = _DRAFT.sub(" ", text)
    return _NOISE.sub("", text).lower()


def similarity(candidate: str, title: str) -> float:
    """How well a normalised file name or heading fits a normalised title (0–1)."""
    if not candidate or not title:
        return 0.0
    if candidate == title:
        return 1.0
    if len(title) >= 2 and title in candidate:
        return 0.8 + 0.2 * len(title) / len(candidate)
    if len(candidate) >= 2 and candidate in title:
        return 0.6 + 0.3 * len(candidate) / len(title)
    matcher = SequenceMatcher(None, candidate, title, autojunk=False)
    if matcher.real_quick_ratio() < MIN_SCORE or matcher.quick_ratio() < MIN_SCORE:
        return 0.0
    return matcher.ratio()


def file_names(path: Path, heading: str) -> list[str]:
    """What a file says it is about: its name (whole and in parts) and its first line."""
    stem = path.stem
    names = [stem, *re.split(r"[-_—－·\s]+", stem)]
    if heading:
        names.append(heading)
    return [n for n in dict.fromkeys(names) if n.strip()]


def best_match(names: Sequence[str], candidates: Sequence[Candidate],
               unit_names: Sequence[str] = ()) -> tuple[Match | None, list[Match]]:
    """The 条目 the names fit best, or None with the close runners-up when none fits or two
    fit equally well."""
    normalised = [n for n in (normalize_title(name, unit_names) for name in names) if n]
    scored: list[Match] = []
    for candidate in candidates:
        title = normalize_title(candidate.title)
        score = max((similarity(name, title) for name in normalised), default=0.0)
        if score >= MIN_SCORE:
            scored.append(Match(candidate, score, "名称"))
    scored.sort(key=lambda m: -m.score)
    if not scored:
        return None, []
    if len(scored) > 1 and scored[0].score - scored[1].score < AMBIGUITY:
        return None, scored[:3]
    return scored[0], []


def unit_in_path(path: Path, units: Sequence[tuple[int, Sequence[str]]],
                 root: Path | None = None) -> int | None:
    """The unit whose name (or alias, or the name without its 县/市/区 prefix) appears in the
    file's name or in a folder below ``root``; the longest name wins."""
    parts = [path.stem]
    parent = path.parent
    while parent != parent.parent and (root is None or parent != root.parent):
        parts.append(parent.name)
        if root is not None and parent == root:
            break
        parent = parent.parent
    text = normalize_plain(" ".join(parts))
    best: tuple[int, int] | None = None
    for unit_id, names in units:
        for name in unit_spellings(names):
            if len(name) >= 2 and name in text and (best is None or len(name) > best[0]):
                best = (len(name), unit_id)
    return best[1] if best else None


def normalize_plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def unit_spellings(names: Sequence[str]) -> list[str]:
    """``县教育局`` → [县教育局, 教育局]: a unit's names as they appear in file names."""
    out: list[str] = []
    for name in names:
        plain = normalize_plain(name)
        out.append(plain)
        for prefix in ("中共", "县委", "县", "市", "区", "旗"):
            if plain.startswith(prefix) and len(plain) - len(prefix) >= 3:
                out.append(plain[len(prefix):])
                break
    return [n for n in dict.fromkeys(out) if n]
