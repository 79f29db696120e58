"""Receiving manuscripts (来稿): preview a batch of files and folders, then save it in one
transaction.

``preview_manuscripts`` reads every file and says which 条目 each one goes to, which files it
could not match (reported, not saved) and which files cannot be used at all. ``save_manuscripts``
writes the whole batch, or — when any file was refused — nothing. The command line and the
window run the same two steps.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fangzhi_desktop.domain.yearbook import ReceivedFile, Volume, build_tree, entries_of, path_of
from fangzhi_desktop.domain.yearbook_keys import parse_entry_key
from fangzhi_desktop.errors import FangzhiError, Problem, UnusableInput
from fangzhi_desktop.importers.manuscripts import (
    MANUSCRIPT_SUFFIXES,
    Candidate,
    best_match,
    file_names,
    read_manuscript,
    unit_in_path,
    unit_spellings,
)
from fangzhi_desktop.importers.yearbook_package import PackageSheet, is_package, read_package
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.yearbook import get_volume, volume_token
from fangzhi_desktop.storage.yearbook_manuscripts import (
    Receipt,
    Received,
    manuscript_hashes,
    receive,
)
from fangzhi_desktop.storage.yearbook_tree import list_nodes

BY_PACKAGE = "组稿任务表"
BY_NAME = "名称"
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class FileMatch:
    """A file and the 条目 it goes to."""

    path: Path
    file: ReceivedFile
    candidate: Candidate
    how: str  # 组稿任务表 / 名称
    score: float
    outcome: str  # new / replaced / unchanged
    note: str = ""  # 撰稿人, 备注 from the package

    def describe(self) -> str:
        what = {"new": "新收", "replaced": "更新（新版本）", "unchanged": "与已收文件相同，不变"}
        where = "→".join(self.candidate.path) or self.candidate.title
        by = "组稿任务表" if self.how == BY_PACKAGE else f"名称相似度{self.score:.2f}"
        return (f"{self.path.name} → {where}（{self.candidate.unit or '未分配单位'}，{by}）"
                f"：{self.file.words}字，图片{self.file.photos}幅，{what[self.outcome]}")

    def as_json(self) -> dict[str, object]:
        return {"file": self.path.name, "node_id": self.candidate.node_id,
                "entry": self.candidate.title, "path": list(self.candidate.path),
                "unit": self.candidate.unit or None, "matched_by": self.how,
                "score": round(self.score, 3), "outcome": self.outcome,
                "words": self.file.words, "photos": self.file.photos,
                "count": self.file.count.as_json()}


@dataclass
class ManuscriptPreview:
    """What a batch would record, what it could not match and what it cannot use."""

    volume: Volume
    matches: list[FileMatch] = field(default_factory=list)
    unmatched: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected: list[FangzhiError] = field(default_factory=list)
    packages: list[PackageSheet] = field(default_factory=list)

    @property
    def changes(self) -> list[FileMatch]:
        return [m for m in self.matches if m.outcome != "unchanged"]

    def as_json(self) -> dict[str, object]:
        return {
            "year": self.volume.year, "volume": self.volume.title,
            "matched": [m.as_json() for m in self.matches],
            "unmatched": [_problem_json(p) for p in self.unmatched],
            "warnings": [_problem_json(p) for p in self.warnings],
            "rejected": [e.message for e in self.rejected],
            "packages": [{"file": p.name, "unit": p.unit, "rows": len(p.rows)}
                         for p in self.packages],
        }


def _problem_json(problem: Problem) -> dict[str, object]:
    return {"file": Path(problem.file).name if problem.file else None, "row": problem.row,
            "message": problem.message}


# --- Files of the batch ----------------------------------------------------------------------


def _skipped(path: Path) -> bool:
    return path.name.startswith(("~$", ".~", ".")) or path.name in ("Thumbs.db", "desktop.ini")


def collect(paths: Sequence[str | Path], preview: ManuscriptPreview
            ) -> tuple[list[Path], list[Path]]:
    """(manuscript files, package workbooks) named or found in folders (recursively). Files
    named explicitly must be usable; other files found in folders are reported and skipped."""
    manuscripts: list[Path] = []
    sheets: list[Path] = []
    for given in (Path(p) for p in paths):
        if not given.exists():
            preview.rejected.append(UnusableInput(f"{given}：文件或文件夹不存在。"))
            continue
        if given.is_file():
            suffix = given.suffix.lower()
            if suffix in SHEET_SUFFIXES:
                sheets.append(given)
            elif suffix in MANUSCRIPT_SUFFIXES or suffix == ".doc":
                manuscripts.append(given)
            else:
                preview.rejected.append(UnusableInput(
                    f"{given.name}：来稿只支持 Word（.docx）和文本（.txt）文件，组稿任务表为 .xlsx。"))
            continue
        for path in sorted(given.rglob("*")):
            if not path.is_file() or _skipped(path):
                continue
            suffix = path.suffix.lower()
            if suffix in MANUSCRIPT_SUFFIXES:
                manuscripts.append(path)
            elif suffix in SHEET_SUFFIXES:
                if is_package(path):
                    sheets.append(path)
                else:
                    preview.warnings.append(Problem("不是组稿任务表，已跳过。", file=str(path)))
            else:
                why = ("旧版 Word（.doc）无法读取，请另存为 .docx 后再导入" if suffix == ".doc"
                       else "不是来稿文件（.docx、.txt），已跳过")
                preview.unmatched.append(Problem(why + "。", file=str(path)))
    return list(dict.fromkeys(manuscripts)), list(dict.fromkeys(sheets))


# --- Preview ---------------------------------------------------------------------------------


@dataclass
class _Listed:
    """A package row naming a file: the 条目 and who wrote it."""

    node_id: int
    package: PackageSheet
    row: int
    note: str


def preview_manuscripts(conn: sqlite3.Connection, year: int, paths: Sequence[str | Path], *,
                        unit: str | None = None,
                        progress: Progress = no_progress) -> ManuscriptPreview:
    """Read and match every file (nothing is written). ``unit``: all files are from it."""
    from fangzhi_desktop.storage.units import find_unit, list_units

    volume = get_volume(conn, year)
    preview = ManuscriptPreview(volume)
    roots = build_tree(list_nodes(conn, volume.id), {})
    paths_of = path_of(roots)
    entries = [Candidate(e.id, e.title, e.unit_id, e.unit, paths_of[e.id])
               for e in entries_of(roots)]
    by_node = {c.node_id: c for c in entries}
    used_units = {c.unit_id for c in entries if c.unit_id is not None}
    spellings = [(u.id, (u.name, *u.aliases)) for u in list_units(conn) if u.id in used_units]
    all_names = [n for _, names in spellings for n in unit_spellings(names)]
    given_unit: int | None = None
    if unit:
        given_unit = find_unit(conn, unit)
        if given_unit is None or given_unit not in used_units:
            raise FangzhiError(f"“{unit}”不是{volume.quoted}的供稿单位（没有承担任何条目）。")
    manuscript_paths, sheet_paths = collect(paths, preview)
    listed = _read_packages(conn, volume, sheet_paths, by_node, preview)
    hashes = manuscript_hashes(conn, volume.id)
    chosen: dict[int, FileMatch] = {}
    total = max(1, len(manuscript_paths))
    for n, path in enumerate(manuscript_paths, start=1):
        progress((n - 1) / total, f"正在读取{path.name}")
        try:
            received = read_manuscript(path)
        except UnusableInput as exc:
            preview.rejected.append(exc)
            continue
        match = _match_file(path, received, listed, entries, by_node, spellings, all_names,
                            given_unit, preview)
        if match is None:
            continue
        candidate, how, score, note = match
        outcome = ("new" if candidate.node_id not in hashes else
                   "unchanged" if hashes[candidate.node_id] == received.sha256 else "replaced")
        found = FileMatch(path, received, candidate, how, score, outcome, note)
        rival = chosen.get(candidate.node_id)
        if rival is not None:
            keep, drop = (rival, found) if _rank(rival) >= _rank(found) else (found, rival)
            chosen[candidate.node_id] = keep
            preview.unmatched.append(Problem(
                f"与{keep.path.name}对应同一条目“{candidate.title}”，已保留后者，本文件未导入。",
                file=str(drop.path)))
            continue
        chosen[candidate.node_id] = found
    preview.matches = sorted(chosen.values(), key=lambda m: str(m.path))
    present = {_file_key(path.name) for path in manuscript_paths}
    for key, rows in listed.items():
        for row in rows:
            if key not in present:
                preview.warnings.append(Problem(
                    f"任务表第{row.row}行列出的稿件“{key}”没有一并提供，该条目仍按未交稿计。",
                    file=str(row.package.path), row=row.row))
    progress(1.0, "已读取全部来稿")
    return preview


def _rank(match: FileMatch) -> tuple[int, float]:
    return (1 if match.how == BY_PACKAGE else 0, match.score)


def _read_packages(conn: sqlite3.Connection, volume: Volume, sheets: Sequence[Path],
                   by_node: dict[int, Candidate],
                   preview: ManuscriptPreview) -> dict[str, list[_Listed]]:
    """Package rows naming a file, by the file name as compared (see ``_file_key``)."""
    token = volume_token(conn, volume.id)
    assert token is not None
    listed: dict[str, list[_Listed]] = {}
    for path in sheets:
        try:
            sheet = read_package(path)
            if sheet.volume_id != volume.id or not sheet.identity_valid(token):
                raise UnusableInput(
                    f"{path.name}：这份组稿任务表不是本数据文件中{volume.quoted}导出的（可能属于其他"
                    "年卷、其他数据文件，或识别信息被改动），未导入。")
            rows = []
            for row in sheet.rows:
                key = parse_entry_key(row.key) if row.key else None
                if row.key and (key is None or key.volume_id != volume.id
                                or not key.valid(token)):
                    raise UnusableInput(
                        f"{path.name}：第{row.row}行{sheet.key_column}列的校验码与条目不符（可能被"
                        "改动，或从其他表格复制而来），整个任务表未导入。",
                        [Problem("校验码与条目不符", file=str(path), row=row.row,
                                 column=sheet.key_column)])
                rows.append((row, key))
        except UnusableInput as exc:
            preview.rejected.append(exc)
            continue
        preview.packages.append(sheet)
        for row, key in rows:
            if not row.file:
                continue
            if key is None or key.node_id not in by_node:
                preview.unmatched.append(Problem(
                    f"第{row.row}行的条目“{row.entry}”已不在篇目中，其稿件“{row.file}”未导入。",
                    file=str(path), row=row.row))
                continue
            note = "；".join(x for x in (f"撰稿人：{row.writer}" if row.writer else "",
                                         f"备注：{row.remark}" if row.remark else "") if x)
            listed.setdefault(_file_key(row.file), []).append(
                _Listed(key.node_id, sheet, row.row, note))
    return listed


def _file_key(name: str) -> str:
    """A file name as a unit may write it: any case, with or without the extension."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    for suffix in MANUSCRIPT_SUFFIXES:
        text = text.removesuffix(suffix)
    return text


def _match_file(path: Path, received: ReceivedFile, listed: dict[str, list[_Listed]],
                entries: Sequence[Candidate], by_node: dict[int, Candidate],
                spellings: Sequence[tuple[int, Sequence[str]]], all_names: Sequence[str],
                given_unit: int | None,
                preview: ManuscriptPreview) -> tuple[Candidate, str, float, str] | None:
    """The 条目 of one file: by a package listing it, else by name among its unit's 条目."""
    rows = listed.get(_file_key(path.name), [])
    if rows:  # a package in the same folder wins over one elsewhere
        row = next((r for r in rows if r.package.path.parent == path.parent), rows[0])
        return by_node[row.node_id], BY_PACKAGE, 1.0, row.note
    unit_id = given_unit
    if unit_id is None:
        here = [p for p in preview.packages if p.path.parent == path.parent]
        if here:
            unit_id = next((uid for uid, names in spellings if here[0].unit in names), None)
    if unit_id is None:
        unit_id = unit_in_path(path, spellings)
    pool = [c for c in entries if unit_id is None or c.unit_id == unit_id]
    unit_name = next((c.unit for c in pool), "")
    match, close = best_match(file_names(path, received.heading), pool, all_names)
    if match is not None:
        return match.candidate, BY_NAME, match.score, ""
    if close:
        names = "、".join(f"“{m.candidate.title}”" for m in close)
        message = f"无法确定对应哪个条目（{names}同样接近），未导入。请把文件名改为条目名称后重新导入。"
    elif unit_id is not None:
        message = (f"在{unit_name or '该单位'}承担的条目中找不到与文件名或首行标题“"
                   f"{received.heading[:20]}”相近的条目，未导入。")
    else:
        message = (f"找不到与文件名或首行标题“{received.heading[:20]}”相近的条目，未导入。"
                   "请把文件名改为条目名称，或放在以供稿单位命名的文件夹中。")
    preview.unmatched.append(Problem(message, file=str(path)))
    return None


# --- Saving ----------------------------------------------------------------------------------


def save_manuscripts(conn: sqlite3.Connection, preview: ManuscriptPreview, received_on: date,
                     progress: Progress = no_progress) -> list[Received]:
    """Record the whole batch in one transaction; nothing when any file was refused."""
    if preview.rejected:
        first = preview.rejected[0]
        raise UnusableInput(
            f"有{len(preview.rejected)}份文件不能导入，整批未保存：" + first.message,
            [p for e in preview.rejected for p in e.problems])
    receipts = [Receipt(m.candidate.node_id, m.file, m.candidate.unit_id,
                        m.how + (f"（{m.note}）" if m.note else ""))
                for m in preview.changes]
    progress(0.5, f"正在保存{len(receipts)}份来稿")
    with audit.action(conn, "收稿"):
        done = receive(conn, receipts, received_on) if receipts else []
    progress(1.0, "来稿已保存")
    return done
