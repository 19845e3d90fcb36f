"""The app's settings, declared once (key, type, default) and read through typed helpers.

QSettings stores everything as text on some platforms (INI files, the Windows registry returns
strings for numbers), so every read converts to the declared type and falls back to the default
when the stored value cannot be used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "mopai"
APPLICATION = "摸排助手"
MAX_RECENT = 10

REFERENCE_SHEET = "sheet"     # reference date: each sheet's 填报日期 (default)
REFERENCE_FIXED = "fixed"     # reference date: one date set by the user


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any


COUNTY_CODE = Setting("county/code", str, "")
COUNTY_ASKED = Setting("county/asked", bool, False)
REFERENCE_MODE = Setting("reference/mode", str, REFERENCE_SHEET)
REFERENCE_DATE = Setting("reference/date", str, "")
COUNTY_AS_OF = Setting("county/as_of", str, "")           # 县级汇总's reference date when not fixed
COUNTY_OPEN = Setting("county/page_open", bool, False)     # 县级汇总 was open at the last exit
RECENT_FILES = Setting("files/recent", list, [])
OPEN_SHEETS = Setting("workspace/open_sheets", list, [])   # workspace sheet ids open in tabs
SHEET_SPLITTER = Setting("window/sheet_splitter", QByteArray, QByteArray())   # table | side panel
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())

ALL_SETTINGS = (COUNTY_CODE, COUNTY_ASKED, REFERENCE_MODE, REFERENCE_DATE, COUNTY_AS_OF, COUNTY_OPEN,
                RECENT_FILES, OPEN_SHEETS, SHEET_SPLITTER, WINDOW_GEOMETRY, WINDOW_STATE)


def _convert(setting: Setting, raw: Any) -> Any:
    if raw is None:
        return setting.default
    if setting.type is bool:
        if isinstance(raw, str):
            return raw.strip().lower() in ("1", "true", "yes")
        return bool(raw)
    if setting.type is list:
        if isinstance(raw, str):
            return [raw] if raw else []
        return [str(x) for x in raw] if isinstance(raw, (list, tuple)) else setting.default
    if setting.type is QByteArray:
        return raw if isinstance(raw, QByteArray) else setting.default
    return setting.type(raw)


class AppSettings:
    """Typed access to QSettings. `store` may be given (tests use an INI file in a temp dir)."""

    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings(ORGANIZATION, APPLICATION)

    def get(self, setting: Setting) -> Any:
        try:
            return _convert(setting, self.store.value(setting.key))
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self.store.setValue(setting.key, value)
        self.store.sync()

    def get_raw(self, key: str) -> str:
        """The text under a key made at run time ('' when there is none or it is not text)."""
        value = self.store.value(key, "")
        return value if isinstance(value, str) else ""

    def set_raw(self, key: str, value: str) -> None:
        """A value under a key made at run time (e.g. columns/<layout>: the widths of a layout)."""
        self.store.setValue(key, value)
        self.store.sync()

    # --- county and reference date ------------------------------------------------------------
    @property
    def county_code(self) -> str | None:
        code = self.get(COUNTY_CODE).strip()
        return code if len(code) == 6 and code.isdigit() else None

    @county_code.setter
    def county_code(self, code: str | None) -> None:
        self.set(COUNTY_CODE, code or "")
        self.set(COUNTY_ASKED, True)

    @property
    def county_asked(self) -> bool:
        return self.get(COUNTY_ASKED)

    @property
    def fixed_reference_date(self) -> date | None:
        """The user's reference date when the mode is 'fixed', else None (use each sheet's)."""
        if self.get(REFERENCE_MODE) != REFERENCE_FIXED:
            return None
        try:
            return date.fromisoformat(self.get(REFERENCE_DATE))
        except ValueError:
            return None

    def set_reference(self, mode: str, when: date | None) -> None:
        self.set(REFERENCE_MODE, mode)
        self.set(REFERENCE_DATE, when.isoformat() if when else "")

    # --- recent files -------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return self.get(RECENT_FILES)[:MAX_RECENT]

    def add_recent_file(self, path: str) -> list[str]:
        files = [path] + [p for p in self.recent_files() if p != path]
        self.set(RECENT_FILES, files[:MAX_RECENT])
        return files[:MAX_RECENT]

    def clear_recent_files(self) -> None:
        self.set(RECENT_FILES, [])

    # --- sheets open in tabs (reopened at the next start, even after a crash) ------------------
    def open_sheets(self) -> list[int]:
        return [int(x) for x in self.get(OPEN_SHEETS) if str(x).isdigit()]

    def set_open_sheets(self, ids: list[int]) -> None:
        self.set(OPEN_SHEETS, [str(i) for i in ids])
