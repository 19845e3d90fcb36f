"""Dates and times as the app's workbooks and screens write them: 2025年12月31日, 2025年12月31日 09:30."""
from __future__ import annotations

from datetime import date, datetime


def zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def zh_time(iso: str) -> str:
    """An ISO timestamp as 2025年12月31日 09:30 (text that is not one is given back as it is)."""
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{zh_date(t.date())} {t:%H:%M}"
