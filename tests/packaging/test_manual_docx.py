"""packaging/manual_docx.py: the Markdown manual becomes a Word file with its screenshots."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
MANUAL = REPO / "docs" / "manual.md"


def _module():
    spec = importlib.util.spec_from_file_location("manual_docx", REPO / "packaging" / "manual_docx.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_blocks_of_a_small_page() -> None:
    blocks = _module().parse("""# 标题

## 一、安装
第一行接着
第二行。

1. 第一步，
   续行。

   ![入门向导](images/x.png)
- 要点 **加粗**

| 系统 | 支持 |
|---|---|
| Windows 10 | 是 |

```
sudo apt install ./a.deb
```
""")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading1", "标题"), ("heading2", "一、安装"), ("para", "第一行接着第二行。"),
        ("number", "第一步，续行。"), ("image", "入门向导"), ("bullet", "要点 **加粗**"),
        ("table", ""), ("code", "sudo apt install ./a.deb")]
    assert blocks[4].marker == "images/x.png"
    assert blocks[6].rows == [["系统", "支持"], ["Windows 10", "是"]]


def test_every_screenshot_the_manual_shows_exists() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", MANUAL.read_text("utf-8"))
    assert len(pictures) >= 15
    missing = [p for p in pictures if not (MANUAL.parent / p).is_file()]
    assert missing == []


def test_the_manual_covers_each_tab_and_every_tab_screenshot() -> None:
    text = MANUAL.read_text("utf-8")
    for words in ("安装", "入门向导", "总览", "年度工作要点", "催办", "延期", "公文", "专项活动",
                  "作战图", "年鉴编纂", "接收来稿", "花名册", "学时", "政工简讯", "备份与恢复",
                  "恢复所选备份", "字体", "损坏"):
        assert words in text, words
    for tab in ("dashboard", "workpoints", "campaigns", "yearbook", "learning"):
        assert f"images/manual/tab-{tab}.png" in text


@pytest.mark.slow
def test_converts_the_real_manual(tmp_path: Path) -> None:
    from docx import Document

    out = _module().convert(MANUAL, tmp_path / "手册.docx")
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "一、安装" in headings and "四、备份与恢复" in headings
    assert len(document.inline_shapes) == MANUAL.read_text("utf-8").count("![")
    assert document.tables[0].rows[0].cells[0].paragraphs[0].runs[0].bold
