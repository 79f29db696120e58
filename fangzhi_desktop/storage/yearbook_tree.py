"""The 篇目 tree of a volume (类目 → 分目 → 条目): add, rename, assign, move (reparent and
reorder, as drag and drop does), delete, copy to the next volume, and save an imported outline.

Siblings are numbered 1, 2, 3 … by ``position`` after every change. The tree is at most three
levels deep. Assigning a unit makes it one of the volume's 供稿单位.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from fangzhi_desktop.domain.yearbook import MAX_DEPTH, Node
from fangzhi_desktop.domain.yearbook_outline import OutlineNode, ParsedOutline
from fangzhi_desktop.errors import FangzhiError, InputErrors
from fangzhi_desktop.progress import Progress, no_progress
from fangzhi_desktop.storage import audit
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.units import ensure_unit
from fangzhi_desktop.storage.yearbook import join_volume, volume_by_id

_NODE_SELECT = """
SELECT n.id, n.volume_id, n.parent_id, n.position, n.title, n.unit_id, coalesce(u.name, ''),
       n.word_budget, n.photo_budget, n.note
FROM yearbook_nodes n LEFT JOIN units u ON u.id = n.unit_id
"""


def _node(r: Sequence[object]) -> Node:
    return Node(*r)


def list_nodes(conn: sqlite3.Connection, volume_id: int) -> list[Node]:
    """Every node of a volume: the 类目 first (a NULL parent sorts first), then the children of
    each node in order (the order of the index, so SQLite does not sort)."""
    rows = conn.execute(_NODE_SELECT + " WHERE n.volume_id = ?"
                        " ORDER BY n.parent_id, n.position, n.id", (volume_id,))
    return [Node(*r) for r in rows]


def get_node(conn: sqlite3.Connection, node_id: int) -> Node:
    row = conn.execute(_NODE_SELECT + " WHERE n.id = ?", (node_id,)).fetchone()
    if row is None:
        raise FangzhiError("该篇目已不存在（可能已被删除）。")
    return _node(row)


@dataclass(frozen=True)
class NodeFields:
    """The editable fields of a node; ``unit`` empty: none of its own (inherits)."""

    title: str
    unit: str = ""
    word_budget: int | None = None
    photo_budget: int | None = None
    note: str = ""


def node_fields(conn: sqlite3.Connection, node_id: int) -> NodeFields:
    n = get_node(conn, node_id)
    return NodeFields(n.title, n.unit, n.word_budget, n.photo_budget, n.note)


def _check_fields(fields: NodeFields) -> None:
    if not fields.title.strip():
        raise FangzhiError("篇目名称不能为空。")
    for label, value in (("字数", fields.word_budget), ("图片数", fields.photo_budget)):
        if value is not None and value < 0:
            raise FangzhiError(f"{label}不能为负数。")


def _unit_id(conn: sqlite3.Connection, volume_id: int, unit: str) -> int | None:
    if not unit.strip():
        return None
    unit_id = ensure_unit(conn, unit)
    join_volume(conn, volume_id, unit_id)
    return unit_id


def depth_of(conn: sqlite3.Connection, node_id: int | None) -> int:
    """1 for a 类目, 2 below it …; 0 for ``None`` (the root)."""
    if node_id is None:
        return 0
    (depth,) = conn.execute(
        """WITH RECURSIVE up(id, parent_id) AS (
               SELECT id, parent_id FROM yearbook_nodes WHERE id = ?
               UNION ALL SELECT n.id, n.parent_id FROM yearbook_nodes n JOIN up ON n.id = up.parent_id)
           SELECT count(*) FROM up""", (node_id,)).fetchone()
    return int(depth)


def subtree_ids(conn: sqlite3.Connection, node_id: int) -> list[int]:
    """The node and everything below it."""
    rows = conn.execute(
        """WITH RECURSIVE down(id) AS (
               SELECT ? UNION ALL SELECT n.id FROM yearbook_nodes n JOIN down ON n.parent_id = down.id)
           SELECT id FROM down""", (node_id,))
    return [int(r[0]) for r in rows]


def _height(conn: sqlite3.Connection, node_id: int) -> int:
    """Levels in the subtree of ``node_id`` (1 for a leaf)."""
    (height,) = conn.execute(
        """WITH RECURSIVE down(id, level) AS (
               SELECT ?, 1 UNION ALL
               SELECT n.id, down.level + 1 FROM yearbook_nodes n JOIN down ON n.parent_id = down.id)
           SELECT max(level) FROM down""", (node_id,)).fetchone()
    return int(height)


def _parent_in(conn: sqlite3.Connection, volume_id: int, parent_id: int | None) -> None:
    if parent_id is None:
        return
    parent = get_node(conn, parent_id)
    if parent.volume_id != volume_id:
        raise FangzhiError("上级篇目不属于这一卷年鉴。")


def _sibling_ids(conn: sqlite3.Connection, volume_id: int, parent_id: int | None) -> list[int]:
    rows = conn.execute("SELECT id FROM yearbook_nodes WHERE volume_id = ? AND parent_id IS ?"
                        " ORDER BY position, id", (volume_id, parent_id))
    return [int(r[0]) for r in rows]


def _renumber(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    conn.executemany("UPDATE yearbook_nodes SET position = ? WHERE id = ?",
                     [(n, i) for n, i in enumerate(ids, start=1)])


def add_node(conn: sqlite3.Connection, volume_id: int, parent_id: int | None,
             fields: NodeFields, position: int | None = None) -> int:
    """Add a node under ``parent_id`` (None: a 类目) at ``position`` (1-based, default last)."""
    volume_by_id(conn, volume_id)
    _check_fields(fields)
    _parent_in(conn, volume_id, parent_id)
    if depth_of(conn, parent_id) + 1 > MAX_DEPTH:
        raise FangzhiError("篇目最多三级（类目、分目、条目），条目下不能再加下级。")
    with transaction(conn):
        siblings = _sibling_ids(conn, volume_id, parent_id)
        cur = conn.execute(
            """INSERT INTO yearbook_nodes (volume_id, parent_id, position, title, unit_id,
                   word_budget, photo_budget, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (volume_id, parent_id, len(siblings) + 1, fields.title.strip(),
             _unit_id(conn, volume_id, fields.unit), fields.word_budget, fields.photo_budget,
             fields.note.strip()))
        node_id = int(cur.lastrowid or 0)
        if position is not None:
            siblings.insert(max(0, min(position - 1, len(siblings))), node_id)
            _renumber(conn, siblings)
    return node_id


def update_node(conn: sqlite3.Connection, node_id: int, fields: NodeFields) -> NodeFields:
    """Rename, (re)assign or re-budget a node; returns the previous fields."""
    before = node_fields(conn, node_id)
    node = get_node(conn, node_id)
    _check_fields(fields)
    with transaction(conn):
        conn.execute(
            """UPDATE yearbook_nodes SET title = ?, unit_id = ?, word_budget = ?,
                   photo_budget = ?, note = ? WHERE id = ?""",
            (fields.title.strip(), _unit_id(conn, node.volume_id, fields.unit),
             fields.word_budget, fields.photo_budget, fields.note.strip(), node_id))
    return before


def rename_node(conn: sqlite3.Connection, node_id: int, title: str) -> str:
    """Rename a node; returns the old title."""
    f = node_fields(conn, node_id)
    update_node(conn, node_id, NodeFields(title, f.unit, f.word_budget, f.photo_budget, f.note))
    return f.title


def assign_unit(conn: sqlite3.Connection, node_ids: Sequence[int],
                unit: str) -> dict[int, str]:
    """Give several nodes to one unit (empty: take their own unit away); returns each node's
    previous unit."""
    nodes = [get_node(conn, i) for i in node_ids]
    before = {n.id: n.unit for n in nodes}
    with transaction(conn):
        for n in nodes:
            conn.execute("UPDATE yearbook_nodes SET unit_id = ? WHERE id = ?",
                         (_unit_id(conn, n.volume_id, unit), n.id))
    return before


def move_node(conn: sqlite3.Connection, node_id: int, parent_id: int | None,
              position: int) -> tuple[int | None, int]:
    """Move a node (with everything below it) under ``parent_id`` at ``position`` (1-based;
    past the end: last). Returns the old parent and position, so the move can be undone."""
    node = get_node(conn, node_id)
    _parent_in(conn, node.volume_id, parent_id)
    if parent_id is not None and parent_id in subtree_ids(conn, node_id):
        raise FangzhiError(f"不能把“{node.title}”移到它自己的下级里。")
    if depth_of(conn, parent_id) + _height(conn, node_id) > MAX_DEPTH:
        raise FangzhiError(f"移动后“{node.title}”及其下级将超过三级（类目、分目、条目），未移动。")
    old_siblings = _sibling_ids(conn, node.volume_id, node.parent_id)
    old_position = old_siblings.index(node_id) + 1
    with transaction(conn):
        old_siblings.remove(node_id)
        _renumber(conn, old_siblings)
        siblings = [i for i in _sibling_ids(conn, node.volume_id, parent_id) if i != node_id]
        siblings.insert(max(0, min(position - 1, len(siblings))), node_id)
        conn.execute("UPDATE yearbook_nodes SET parent_id = ? WHERE id = ?",
                     (parent_id, node_id))
        _renumber(conn, siblings)
    return node.parent_id, old_position


def count_manuscripts_below(conn: sqlite3.Connection, node_id: int) -> int:
    ids = subtree_ids(conn, node_id)
    (count,) = conn.execute(
        f"SELECT count(*) FROM yearbook_manuscripts WHERE node_id IN ({','.join('?' * len(ids))})",
        ids).fetchone()
    return int(count)


def delete_node(conn: sqlite3.Connection, node_id: int, *, force: bool = False) -> int:
    """Delete a node and everything below it; returns how many nodes went. Refused when
    manuscripts were received below it, unless ``force`` (they are deleted too)."""
    node = get_node(conn, node_id)
    received = count_manuscripts_below(conn, node_id)
    if received and not force:
        raise FangzhiError(f"“{node.title}”及其下级已收到{received}份来稿，删除会一并删除来稿，"
                           "请确认后再删除。")
    ids = subtree_ids(conn, node_id)
    with transaction(conn):
        conn.execute("DELETE FROM yearbook_nodes WHERE id = ?", (node_id,))
        _renumber(conn, _sibling_ids(conn, node.volume_id, node.parent_id))
    return len(ids)


# --- Whole trees -----------------------------------------------------------------------------


def _next_id(conn: sqlite3.Connection) -> int:
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM yearbook_nodes").fetchone()
    return int(last) + 1


def copy_tree(conn: sqlite3.Connection, from_volume: int, to_volume: int) -> int:
    """Copy a volume's tree (titles, units, budgets, notes) into an empty volume; returns the
    number of nodes (call inside a transaction)."""
    nodes = list_nodes(conn, from_volume)
    first = _next_id(conn)
    new_ids = {n.id: first + k for k, n in enumerate(nodes)}
    conn.executemany(
        """INSERT INTO yearbook_nodes (id, volume_id, parent_id, position, title, unit_id,
               word_budget, photo_budget, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(new_ids[n.id], to_volume, new_ids[n.parent_id] if n.parent_id else None, n.position,
          n.title, n.unit_id, n.word_budget, n.photo_budget, n.note) for n in nodes])
    conn.executemany(
        "INSERT OR IGNORE INTO yearbook_units (volume_id, unit_id, position) VALUES (?, ?, ?)",
        [(to_volume, unit_id, 10_000 + k) for k, unit_id in enumerate(
            dict.fromkeys(n.unit_id for n in nodes if n.unit_id is not None))])
    return len(nodes)


def count_nodes(conn: sqlite3.Connection, volume_id: int) -> int:
    (count,) = conn.execute("SELECT count(*) FROM yearbook_nodes WHERE volume_id = ?",
                            (volume_id,)).fetchone()
    return int(count)


def count_manuscripts(conn: sqlite3.Connection, volume_id: int) -> int:
    (count,) = conn.execute(
        "SELECT count(*) FROM yearbook_manuscripts m JOIN yearbook_nodes n ON n.id = m.node_id"
        " WHERE n.volume_id = ?", (volume_id,)).fetchone()
    return int(count)


def save_outline(conn: sqlite3.Connection, volume_id: int, outline: ParsedOutline, *,
                 replace: bool = False, progress: Progress = no_progress) -> int:
    """Save an imported outline as the volume's tree, in one transaction; returns the number
    of nodes. Refuses an outline with errors, and a volume that already has a tree unless
    ``replace`` — which is refused too once manuscripts have been received."""
    volume = volume_by_id(conn, volume_id)
    source = outline.source or "篇目"
    if outline.errors:
        raise InputErrors(f"{source}有{len(outline.errors)}处错误，未导入。", outline.errors)
    if not outline.roots:
        raise InputErrors(f"{source}中没有识别出篇目，未导入。")
    with audit.bulk(conn, "导入篇目", table="yearbook_volumes",
                    record_id=volume_id, source=outline.source) as note:
        existing = count_nodes(conn, volume_id)
        if existing and not replace:
            raise InputErrors(
                f"{source}未导入：{volume.quoted}已有{existing}个篇目，未做改动。如确需用新篇目"
                "整体替换，请选择“替换”（命令行加 --replace）。")
        received = count_manuscripts(conn, volume_id)
        if existing and received:
            raise InputErrors(
                f"{source}未导入：{volume.quoted}已收到{received}份来稿，不能整体替换篇目（来稿会"
                "随之丢失），未做改动。请在篇目中逐项增删改。")
        if existing:
            conn.execute("DELETE FROM yearbook_nodes WHERE volume_id = ?", (volume_id,))
        units: dict[str, int | None] = {}
        rows = []
        next_id = _next_id(conn)
        total = sum(1 for root in outline.roots for _ in root.walk())

        def add(item: OutlineNode, parent: int | None, position: int) -> None:
            nonlocal next_id
            node_id = next_id
            next_id += 1
            if item.unit and item.unit not in units:
                units[item.unit] = _unit_id(conn, volume_id, item.unit)
            rows.append((node_id, volume_id, parent, position, item.title,
                         units.get(item.unit) if item.unit else None, item.word_budget,
                         item.photo_budget))
            if len(rows) % 200 == 0:
                progress(len(rows) / max(1, total), f"正在保存第{len(rows)}个篇目")
            for n, child in enumerate(item.children, start=1):
                add(child, node_id, n)

        for n, root in enumerate(outline.roots, start=1):
            add(root, None, n)
        conn.executemany(
            """INSERT INTO yearbook_nodes (id, volume_id, parent_id, position, title, unit_id,
                   word_budget, photo_budget) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        note.summary = (f"{'重新' if existing else ''}导入{volume.quoted}篇目：{len(rows)} 个"
                        + (f"（{outline.source}）" if outline.source else ""))
    progress(1.0, "篇目已保存")
    return len(rows)
