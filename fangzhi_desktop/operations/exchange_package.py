"""Exchange packages (交换包, ``.fzpkg``): a county office sends chosen years and areas of its
database to the city office, which merges many counties' packages.

A package is a zip of ``data.db`` (the chosen subset, same schema), ``manifest.json`` (format,
app and schema versions, origin, years, areas, whether full ID numbers are included, row counts,
the SHA-256 of every member) and ``manifest.sha256`` (the manifest's own hash). Any mismatch is
refused before anything is written. With a password the whole zip is encrypted
(``crypto.encrypt_file``: AES-GCM, scrypt), which also makes it tamper-proof against someone who
recomputes the hashes. The command line and the window call these same functions.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from fangzhi_desktop import __version__
from fangzhi_desktop.errors import FangzhiError, UnusableInput
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage.exchange_spec import AREAS, area_key

SUFFIX = ".fzpkg"
FORMAT = "fangzhi-exchange-package"
FORMAT_VERSION = 1
MANIFEST, MANIFEST_HASH, DATA = "manifest.json", "manifest.sha256", "data.db"

# Rows per table the summary shows, in this order.
SUMMARY = (("work_items", "工作要点条目"), ("campaign_activities", "专项活动"),
           ("campaign_tasks", "专项任务"), ("yearbook_volumes", "年鉴卷"),
           ("yearbook_manuscripts", "年鉴稿件"), ("people", "人员"),
           ("learning_activities", "学习活动"), ("briefing_issues", "简报"))


class PackageError(FangzhiError):
    """The file is not a usable exchange package (damaged, tampered, incompatible)."""


class PasswordNeeded(FangzhiError):
    """The package is encrypted and no password was given."""


@dataclass(frozen=True)
class Manifest:
    """What a package says about itself."""

    data: dict[str, Any]
    encrypted: bool = False

    @property
    def origin(self) -> str:
        return str(self.data["origin"]["uuid"])

    @property
    def origin_name(self) -> str:
        return str(self.data["origin"].get("name", ""))

    @property
    def created(self) -> str:
        return str(self.data.get("created", ""))

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.data.get("years", [])]

    @property
    def areas(self) -> list[str]:
        return [str(a) for a in self.data.get("areas", [])]

    @property
    def full_ids(self) -> bool:
        return bool(self.data.get("full_ids"))

    @property
    def counts(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in self.data.get("counts", {}).items()}

    def summary_lines(self) -> list[str]:
        counts = self.counts
        parts = [f"{label}{counts[t]}条" for t, label in SUMMARY if counts.get(t)]
        return [
            f"来源单位：{self.origin_name or '（未填写单位名称）'}",
            f"导出时间：{self.created.replace('T', ' ')[:19]}",
            f"年度：{'、'.join(map(str, self.years)) or '无'}",
            f"方面：{'、'.join(AREAS.get(a, a) for a in self.areas)}",
            f"内容：{'，'.join(parts) or '无记录'}",
            "身份证号和电话：" + ("已包含完整号码" if self.full_ids else "未包含"),
            "加密：" + ("已用密码加密" if self.encrypted else "未加密"),
        ]


@dataclass
class ImportOutcome:
    manifest: Manifest
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    same_origin: bool = False
    dry_run: bool = False

    def describe(self) -> str:
        if self.same_origin:
            return "这个交换包是从本数据库导出的，无需导入，未做任何改动。"
        added, updated = sum(self.added.values()), sum(self.updated.values())
        verb = "将新增" if self.dry_run else "新增"
        text = f"{verb}{added}条记录，{'将' if self.dry_run else ''}更新{updated}条记录"
        return text + ("（试导入，未做任何改动）。" if self.dry_run else "。")


def parse_areas(names: Iterable[str] | None) -> list[str]:
    """Area keys from keys or Chinese names; every area when none given."""
    if not names:
        return list(AREAS)
    keys = []
    for name in names:
        key = area_key(name.strip())
        if key is None:
            raise UnusableInput(f"没有“{name}”这个方面，可选：{'、'.join(AREAS.values())}。")
        keys.append(key)
    return [k for k in AREAS if k in keys]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _copy_hashing(source: BinaryIO, target: BinaryIO | None = None) -> str:
    """SHA-256 of a stream read in 1 MiB pieces (copied to ``target`` when given): a package
    with years of manuscripts never has to fit in memory."""
    digest = hashlib.sha256()
    while piece := source.read(1 << 20):
        digest.update(piece)
        if target is not None:
            target.write(piece)
    return digest.hexdigest()


def export_package(conn: sqlite3.Connection, out: str | Path, *,
                   years: Iterable[int] | None = None, areas: Iterable[str] | None = None,
                   full_ids: bool = False, password: str | None = None,
                   progress: Progress = no_progress, log_n: int | None = None) -> Manifest:
    """Write an exchange package of ``years`` × ``areas`` (all when None) to ``out``."""
    from fangzhi_desktop.storage.database import applied_migrations, transaction
    from fangzhi_desktop.storage.exchange_export import area_years, origin_uuid, write_subset
    from fangzhi_desktop.storage.office import load_profile

    out = Path(out)
    chosen_areas = parse_areas(areas)
    available = area_years(conn)
    if years is None:
        chosen_years = sorted({y for a in chosen_areas for y in available[a]})
    else:
        chosen_years = sorted(set(years))
    if not any(set(available[a]) & set(chosen_years) for a in chosen_areas):
        raise FangzhiError(f"所选年度（{'、'.join(map(str, chosen_years)) or '无'}）和方面"
                           "没有任何记录，未导出交换包。")
    with transaction(conn):
        origin = origin_uuid(conn)
    progress(0.1, "正在整理数据")
    with tempfile.TemporaryDirectory(prefix="fangzhi-pkg-") as tmp_name:
        tmp = Path(tmp_name)
        db_file = tmp / DATA
        counts = write_subset(conn, db_file, years=chosen_years, areas=chosen_areas,
                              full_ids=full_ids)
        progress(0.6, "正在打包")
        with db_file.open("rb") as fh:
            data_hash = _copy_hashing(fh)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
            "schema": applied_migrations(conn),
            "origin": {"uuid": origin, "name": load_profile(conn).full_name},
            "created": datetime.now().isoformat(timespec="seconds"),
            "years": chosen_years, "areas": chosen_areas, "full_ids": full_ids,
            "counts": {t: n for t, n in counts.items() if not t.startswith("_")},
            "members": {DATA: data_hash},
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        zipped = tmp / "package.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, manifest_bytes)
            zf.writestr(MANIFEST_HASH, _sha256(manifest_bytes) + "\n")
            zf.write(db_file, DATA)
        progress(0.8, "正在写入")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            if password:
                from fangzhi_desktop.crypto import DEFAULT_LOG_N, encrypt_file

                encrypt_file(zipped, out, password, log_n=log_n or DEFAULT_LOG_N)
            else:
                part = out.with_name(out.name + ".part")
                shutil.copyfile(zipped, part)
                with contextlib.suppress(OSError):
                    os.chmod(part, 0o600)  # it holds the office's records: the user's only
                part.replace(out)
        except OSError as exc:
            raise FangzhiError(f"无法写入 {out}（{exc.strerror or exc}）。") from exc
    progress(1.0, "完成")
    return Manifest(manifest, encrypted=bool(password))


@contextlib.contextmanager
def open_package(path: str | Path, password: str | None = None) -> Iterator[tuple[Manifest, Path]]:
    """Check a package completely and yield its manifest and a private copy of its database
    (upgraded to this schema when it is older). Every problem is a ``FangzhiError``."""
    path = Path(path)
    if not path.is_file():
        raise UnusableInput(f"找不到交换包 {path}。")
    from fangzhi_desktop.crypto import is_encrypted

    encrypted = is_encrypted(path)
    if encrypted and not password:
        raise PasswordNeeded(f"{path.name} 已用密码加密，请输入密码。")
    with tempfile.TemporaryDirectory(prefix="fangzhi-pkg-") as tmp_name:
        tmp = Path(tmp_name)
        zipped = path
        if encrypted:
            from fangzhi_desktop.crypto import decrypt_file

            zipped = decrypt_file(path, tmp / "package.zip", password or "")
        manifest = Manifest(_read_zip(zipped, path.name, tmp / DATA), encrypted)
        _check_schema(manifest, tmp / DATA, path.name)
        yield manifest, tmp / DATA


def _damaged(name: str, what: str) -> PackageError:
    return PackageError(f"{name} 已损坏或被改动过（{what}），不能导入，未做任何改动。"
                        "请让对方重新导出交换包。")


def _read_zip(zipped: Path, name: str, data_out: Path) -> dict[str, Any]:
    if not zipfile.is_zipfile(zipped):
        raise PackageError(f"{name} 不是方志办公桌面的交换包（文件格式不对或已损坏），未做任何改动。")
    try:
        with zipfile.ZipFile(zipped) as zf:
            members = set(zf.namelist())
            if MANIFEST not in members or MANIFEST_HASH not in members:
                raise PackageError(f"{name} 不是方志办公桌面的交换包（缺少清单），未做任何改动。")
            manifest_bytes = zf.read(MANIFEST)
            if zf.read(MANIFEST_HASH).decode("ascii", "replace").strip() != _sha256(
                    manifest_bytes):
                raise _damaged(name, "清单的校验值不符")
            try:
                manifest = json.loads(manifest_bytes.decode("utf-8"))
                listed = dict(manifest["members"])
                str(manifest["origin"]["uuid"])  # must be present
            except (ValueError, KeyError, TypeError) as exc:
                raise _damaged(name, "清单无法读取") from exc
            if manifest.get("format") != FORMAT:
                raise PackageError(f"{name} 不是方志办公桌面的交换包，未做任何改动。")
            if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
                raise PackageError(f"{name} 由更新版本的方志办公桌面导出（交换包格式 "
                                   f"{manifest.get('format_version')}），请升级本程序后再导入。")
            if set(listed) != members - {MANIFEST, MANIFEST_HASH} or DATA not in listed:
                raise _damaged(name, "文件清单不符")
            for member, digest in listed.items():
                with zf.open(member) as fh, contextlib.ExitStack() as stack:
                    out = stack.enter_context(data_out.open("wb")) if member == DATA else None
                    if _copy_hashing(fh, out) != digest:
                        raise _damaged(name, f"{member} 的校验值不符")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _damaged(name, "压缩数据不完整") from exc
    return dict(manifest)


def _check_schema(manifest: Manifest, db_file: Path, name: str) -> None:
    from fangzhi_desktop.storage.exchange_import import package_check, upgrade_package_db
    from fangzhi_desktop.storage.migrations import known_migrations

    known = known_migrations()
    schema = [str(s) for s in manifest.data.get("schema", [])]
    newer = [s for s in schema if s not in known]
    if newer:
        raise PackageError(
            f"{name} 由更新版本的方志办公桌面导出（数据结构版本 {len(schema)}，本程序支持到 "
            f"{len(known)}），为保护数据未做任何改动。请升级本程序后再导入。")
    try:
        verdict, recorded = package_check(db_file)
    except sqlite3.DatabaseError as exc:
        raise _damaged(name, "数据库无法读取") from exc
    if verdict != "ok" or recorded != schema:
        raise _damaged(name, "数据库与清单不符")
    if not schema or schema[0] != known[0]:
        raise PackageError(f"{name} 的数据结构与本程序不兼容，未做任何改动。")
    if set(schema) != set(known):  # an older version: its missing migrations, by name
        upgrade_package_db(db_file)


def inspect_package(path: str | Path, password: str | None = None) -> Manifest:
    """Check a package and return its manifest (the import dialog shows it first)."""
    with open_package(path, password) as (manifest, _db):
        return manifest


def import_package(conn: sqlite3.Connection, path: str | Path, *, password: str | None = None,
                   dry_run: bool = False, backup_folder: Path | None = None,
                   progress: Progress = no_progress) -> ImportOutcome:
    """Check and merge a package into ``conn``: one transaction after a backup, all or nothing.
    ``dry_run`` merges inside the transaction and rolls it back (the counts are real)."""
    from fangzhi_desktop.storage.backup import backup_before
    from fangzhi_desktop.storage.database import transaction
    from fangzhi_desktop.storage.exchange_import import (
        local_origin,
        merge_rows,
        read_rows,
        record_import,
    )

    path = Path(path)
    progress(0.05, "正在检查交换包")
    with open_package(path, password) as (manifest, db_file):
        outcome = ImportOutcome(manifest, dry_run=dry_run)
        if manifest.origin == local_origin(conn):
            outcome.same_origin = True
            return outcome
        try:
            rows = read_rows(db_file)
        except sqlite3.DatabaseError as exc:
            raise _damaged(path.name, "数据库无法读取") from exc
        progress(0.3, "正在备份当前数据")
        if not dry_run:
            outcome.backup = backup_before(conn, "导入交换包", backup_folder)
        progress(0.5, "正在合并")
        try:
            with transaction(conn):
                result = merge_rows(conn, rows, origin=manifest.origin,
                                    full_ids=manifest.full_ids)
                outcome.added, outcome.updated = result.added, result.updated
                if dry_run:
                    raise _DryRun
                record_import(conn, origin=manifest.origin, origin_name=manifest.origin_name,
                              created=manifest.created, years=manifest.years,
                              areas=manifest.areas, file_name=path.name)
        except _DryRun:
            pass
    progress(1.0, "完成")
    return outcome


class _DryRun(Exception):
    """Rolls the dry run's transaction back."""
