"""Responsible units (单位) and the annotations that name them.

``（研究室牵头，其他处室、单位配合）`` → lead 研究室, supporting 其他处室 and 单位;
``（省直指导处、市县指导处）`` → two leads; ``牵头单位：X；配合单位：Y``; ``责任单位：X、Y``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

LEAD_MARKERS = ("牵头", "负责", "主责")
SUPPORT_MARKERS = ("配合", "协助", "参与", "协同")
LABELS_LEAD = ("牵头单位", "牵头部门", "主责单位", "负责单位", "牵头处室", "牵头科室")
LABELS_SUPPORT = ("配合单位", "配合部门", "协助单位", "参与单位", "配合处室", "配合科室")
LABELS_RESPONSIBLE = ("责任单位", "责任部门", "责任处室", "责任科室", "承办单位")
ALL_LABELS = LABELS_LEAD + LABELS_SUPPORT + LABELS_RESPONSIBLE

_SPLIT = re.compile(r"[、，,；;／/\s]+")
# Half-width forms that officials type by mistake inside Chinese text.
_PUNCT = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})


@dataclass
class UnitAssignment:
    """Lead and supporting units of one item, in the order written."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lead or self.support)


def normalize_unit_name(name: str) -> str:
    """The canonical spelling of a unit name: no spaces, full-width brackets, no trailing 等."""
    name = unicodedata.normalize("NFC", name).translate(_PUNCT)
    name = re.sub(r"[\s\u3000]+", "", name)
    name = name.strip("。.，、；：")
    if name.endswith("等") and len(name) > 2:
        name = name[:-1]
    return name


def alias_key(name: str) -> str:
    """The key under which two spellings of a unit are the same unit (NFKC, no spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower()


def split_units(text: str) -> list[str]:
    """``其他处室、单位`` → [其他处室, 单位]; empty parts dropped, order kept, no repeats."""
    out: list[str] = []
    for part in _SPLIT.split(text.translate(_PUNCT)):
        name = normalize_unit_name(part)
        if name and name not in out:
            out.append(name)
    return out


def _strip_marker(text: str, markers: tuple[str, ...]) -> tuple[str, bool]:
    for marker in markers:
        for suffix in (marker + "单位", marker + "部门", marker):
            if text.endswith(suffix):
                return text[: -len(suffix)], True
    return text, False


def parse_annotation(text: str) -> UnitAssignment:
    """Parse the inside of a unit annotation (brackets already removed)."""
    text = text.translate(_PUNCT).strip()
    labelled = _parse_labelled(text)
    if labelled is not None:
        return labelled
    result = UnitAssignment()
    # Clauses separated by ，or ； each end with a marker (X、Y牵头，Z配合) or are plain lists.
    clauses = [c for c in re.split(r"[，；]", text) if c.strip()]
    marked = any(c.rstrip().endswith(m) or c.rstrip().endswith(m + "单位")
                 for c in clauses for m in LEAD_MARKERS + SUPPORT_MARKERS)
    if not marked:
        result.lead = split_units(text)
        return result
    pending: list[str] = []
    for clause in clauses:
        clause = clause.strip()
        body, is_lead = _strip_marker(clause, LEAD_MARKERS)
        if is_lead:
            result.lead += [u for u in pending + split_units(body) if u not in result.lead]
            pending = []
            continue
        body, is_support = _strip_marker(clause, SUPPORT_MARKERS)
        if is_support:
            result.support += [u for u in pending + split_units(body) if u not in result.support]
            pending = []
            continue
        pending += split_units(clause)
    if pending:  # units listed before any marker clause ("X，Y牵头" is rare): treat as leads
        result.lead += [u for u in pending if u not in result.lead]
    return result


_LABEL_RE = re.compile("(" + "|".join(sorted(ALL_LABELS, key=len, reverse=True)) + r")\s*[：]?")


def _parse_labelled(text: str) -> UnitAssignment | None:
    """``牵头单位：X，配合单位：Y`` / ``责任单位：X、Y``; None when no label is present."""
    matches = list(_LABEL_RE.finditer(text))
    if not matches:
        return None
    result = UnitAssignment()
    has_lead_label = any(m.group(1) in LABELS_LEAD for m in matches)
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        units = split_units(text[m.end():end])
        label = m.group(1)
        if label in LABELS_LEAD or (label in LABELS_RESPONSIBLE and not has_lead_label):
            result.lead += [u for u in units if u not in result.lead]
        else:
            result.support += [u for u in units if u not in result.support]
    return result


_UNIT_SUFFIX = re.compile(
    r"(?:室|科|处|办|馆|局|委|会|部|中心|组|队|站|所|院|校|社|厅|府|团|党委|纪委|工会|支部|单位|部门)$")


def names_units(text: str) -> bool:
    """True when every part ends like the name of an office unit (研究室, 年鉴科, 方志馆…)."""
    parts = split_units(text.translate(_PUNCT))
    return bool(parts) and all(_UNIT_SUFFIX.search(part) for part in parts)


def looks_like_unit_list(text: str) -> bool:
    """True when bracket content reads as a list of units rather than prose (``县级市``…)."""
    text = text.translate(_PUNCT)
    if any(label in text for label in ALL_LABELS):
        return True
    if any(m in text for m in LEAD_MARKERS + SUPPORT_MARKERS):
        return True
    parts = split_units(text)
    if not parts:
        return False
    return all(len(part) <= 20 and not re.search(r"[0-9０-９。？！]", part) for part in parts)
