"""A year's holiday schedule typed in by the office, as a JSON file.

The shape is that of one entry of ``resources/cn-holidays.json`` with its year::

    {"year": 2027, "notice": "国办发明电〔2026〕…号",
     "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-01"}, …],
     "workdays": [{"date": "2027-02-07", "for": "春节"}, …]}

A whole ``cn-holidays.json``-shaped file (``{"years": {"2027": {…}}}``) is accepted too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fangzhi_desktop.domain.calendar import schedule_from_json
from fangzhi_desktop.errors import FangzhiError, UnusableInput

MAX_BYTES = 1024 * 1024


def read_year_file(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """The years in the file with their entries, each checked with ``schedule_from_json``.

    Raises ``UnusableInput`` naming the file for anything that is not such a file, and for
    the first year with bad entries.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise UnusableInput(f"{path}：文件不存在。")
    if path.stat().st_size > MAX_BYTES:
        raise UnusableInput(f"{name}：文件过大，不是节假日安排文件。")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput(f"{name}：请以 UTF-8 编码保存 JSON 文件。") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnusableInput(f"{name}：不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）。"
                            ) from None
    if not isinstance(data, dict):
        raise UnusableInput(f"{name}：内容应为一个 JSON 对象（{{\"year\": …, \"holidays\": […]}}）。")
    if isinstance(data.get("years"), dict):
        entries = list(data["years"].items())
    elif "year" in data:
        entries = [(data["year"], data)]
    else:
        raise UnusableInput(f"{name}：没有写明年份（应有 \"year\": 2027 这样的一项）。")
    out = []
    for raw_year, entry in entries:
        try:
            year = int(raw_year)
        except (TypeError, ValueError):
            raise UnusableInput(f"{name}：年份“{raw_year}”不是数字。") from None
        if not isinstance(entry, dict):
            raise UnusableInput(f"{name}：{year}年的内容应为一个 JSON 对象。")
        try:
            schedule_from_json(year, {k: v for k, v in entry.items() if k != "year"})
        except FangzhiError as exc:
            raise UnusableInput(f"{name}：{exc.message}") from None
        out.append((year, entry))
    if not out:
        raise UnusableInput(f"{name}：文件里没有任何年份。")
    return out
