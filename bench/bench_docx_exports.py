"""Official .docx exports: a 2,000-row landscape ledger and the 40-item notice.

Targets (issue 4): ledger ≤ 0.55 s median, notice ≤ 0.3 s median. Baseline in the same run:
raw python-docx building the same 2,000-row, 7-column table by cloning one row (the least any
exporter must do), so the ratio shows what the official layout costs on top.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, report
from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.exporters.official_docx.model import LedgerDocument
from fangzhi_desktop.exporters.workpoints_docx import LEDGER_COLUMNS, build_notice, write_docx
from fangzhi_desktop.importers.workpoints_notice import read_notice
from fangzhi_desktop.paths import sample_path
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.storage.workpoints import get_plan, list_items, save_plan

ROWS = 2000


def rows() -> list[list[str]]:
    return [[str(n), f"第{n}项工作任务：按照年度工作要点要求推进地方志资源开发利用和信息化建设。",
             "研究室", "办公室、资料科", "12月31日", "已制定工作方案，明确责任人和时间节点。",
             "推进中"] for n in range(1, ROWS + 1)]


def main() -> int:
    tmp = Path(tempfile.mkdtemp())
    data = rows()
    import docx  # imported before timing: both sides pay it once

    def raw_clone() -> None:
        document = docx.Document()
        table = document.add_table(rows=2, cols=7)
        for cell, (name, _) in zip(table.rows[0].cells, LEDGER_COLUMNS, strict=True):
            cell.text = name
        for cell in table.rows[1].cells:
            cell.paragraphs[0].add_run("x")
        template = table.rows[1]._tr
        tbl = table._tbl
        tbl.remove(template)
        t_path = ".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
        for values in data:
            tr = copy.deepcopy(template)
            for t, value in zip(tr.iterfind(t_path), values, strict=False):
                t.text = value
            tbl.append(tr)
        document.save(str(tmp / "raw.docx"))

    def ledger() -> None:
        write_docx(LedgerDocument("台账", LEDGER_COLUMNS, data, subtitle="统计日期"),
                   tmp / "ledger.docx")

    conn = open_database(tmp / "db.db")
    save_plan(conn, read_notice(sample_path("003_4e59df0e3bf8976e.txt")))
    plan = get_plan(conn, 2023)
    assert plan is not None
    items = list_items(conn, 2023)

    def notice() -> None:
        model = build_notice(plan, items, OfficeProfile(), "某志办发〔2023〕1号", date(2023, 3, 21))
        write_docx(model, tmp / "notice.docx")

    timings = [
        measure(f"baseline: raw python-docx, clone {ROWS} rows", raw_clone, runs=7),
        measure(f"landscape ledger, {ROWS} rows", ledger, runs=7),
        measure("40-item notice (公文 with attachment)", notice, runs=11),
    ]
    base, led, note = (t.median_ms for t in timings)
    checks = [
        ("ledger seconds", led / 1000, 0.55),
        ("ledger ÷ raw clone", led / base, 4.0),
        ("notice seconds", note / 1000, 0.3),
    ]
    return 0 if report("docx_exports", timings, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
