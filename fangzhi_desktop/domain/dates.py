"""Dates as official documents write them."""

from __future__ import annotations

from datetime import date


def cn_date(value: date) -> str:
    """``2023年3月21日``: Arabic digits, the year in full, no padding (GB/T 9704 7.3.5.4)."""
    return f"{value.year}年{value.month}月{value.day}日"
