"""GB/T 9704-2012 figures, in the units OOXML wants (twips = 1/20 pt, half-points, eighths).

Sources and the measurements behind the derived values: ``docs/official-format.md``.
"""

from __future__ import annotations

MM_PER_INCH = 25.4
TWIPS_PER_PT = 20


def mm_to_twips(mm: float) -> int:
    return round(mm / MM_PER_INCH * 72 * TWIPS_PER_PT)


# Paper and margins (天头 37, 订口 28, 版心 156 × 225 → right 26, bottom 35).
A4_WIDTH_MM, A4_HEIGHT_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37.0, 35.0
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28.0, 26.0
TEXT_WIDTH_MM = A4_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_WIDTH_TWIPS = 8844
FOOTER_DISTANCE_MM = 25.5  # puts the page-number dash ≈ 7 mm below the 版心 (measured)

# 22 lines × 28 characters: exact 28.95 pt line pitch, −0.25 pt character spacing
# (no document grid: LibreOffice mis-renders character grids and snaps lines to line grids).
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_TWIPS = 579  # 28.95 pt
CHAR_SPACING_TWIPS = -5  # −0.25 pt

# Type sizes in points (号).
SIZE_XIAOCHU = 36.0  # 小初
SIZE_ERHAO = 22.0  # 2号: titles
SIZE_SANHAO = 16.0  # 3号: body
SIZE_SIHAO = 14.0  # 4号: 版记, page numbers
SIZE_XIAOSI = 12.0  # 小四: table cells

# Border widths in eighths of a point: 版记 first/last 0.35 mm, middle 0.25 mm; 版头 red rule.
BANJI_THICK = 8
BANJI_THIN = 6
RED_RULE = 12
RED = "FF0000"

# Fonts: the names Chinese offices have installed; fallbacks written as w:altName.
FONT_FANGSONG = "仿宋_GB2312"
FONT_KAI = "楷体_GB2312"
FONT_HEI = "黑体"
FONT_XBS = "方正小标宋简体"
FONT_SONG = "宋体"
FONT_FALLBACKS = {
    FONT_FANGSONG: "仿宋",
    FONT_KAI: "楷体",
    FONT_XBS: "宋体",
}

# Landscape ledger (台账): A4 turned, margins that leave room to bind on the left.
LEDGER_MARGIN_TOP_MM, LEDGER_MARGIN_BOTTOM_MM = 25.0, 20.0
LEDGER_MARGIN_LEFT_MM, LEDGER_MARGIN_RIGHT_MM = 25.0, 20.0
LEDGER_TEXT_WIDTH_MM = A4_HEIGHT_MM - LEDGER_MARGIN_LEFT_MM - LEDGER_MARGIN_RIGHT_MM  # 252
