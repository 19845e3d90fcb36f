"""Header mappings the clerk confirmed, remembered per header layout and reused on the next read.

The key is a hash of the normalised header texts in sheet order, so the same layout (the county
template a township copies every year) maps the same way. Stored as JSON in the app's data
folder (intake.paths.data_dir()), written atomically.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from intake.atomic import write_text_atomic
from intake.paths import data_dir
from intake.reader.mapping import normalise

FILE_NAME = "header_mappings.json"


@dataclass(frozen=True)
class Remembered:
    form: str
    fields: list[str | None]       # field of each header, in header order (None: confirmed ignored)


def layout_key(headers: list[str]) -> str:
    text = "\x1f".join(normalise(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_path() -> Path:
    return data_dir() / FILE_NAME


def _load() -> dict:
    try:
        data = json.loads(store_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}        # no file yet, or unreadable: start again rather than fail an import


def _save(store: dict) -> None:
    write_text_atomic(store_path(), json.dumps(store, ensure_ascii=False, indent=1))


def remember(headers: list[str], fields: list[str | None], form: str) -> None:
    """Remember that, for this header layout (the header texts in sheet order), header i is
    fields[i] of form `form` (None: the clerk chose to ignore that column)."""
    if len(headers) != len(fields):
        raise ValueError("headers and fields must have the same length")
    store = _load()
    store[layout_key(headers)] = {"form": form, "headers": list(headers), "fields": list(fields)}
    _save(store)


def remember_mapping(table) -> None:
    """Remember a SheetTable's current column mapping (after the clerk confirmed it)."""
    remember([c.header for c in table.columns], [c.field for c in table.columns], table.form)


def forget(headers: list[str]) -> None:
    store = _load()
    if store.pop(layout_key(headers), None) is not None:
        _save(store)


def recall(headers: list[str]) -> Remembered | None:
    entry = _load().get(layout_key(headers))
    if not isinstance(entry, dict) or not isinstance(entry.get("fields"), list):
        return None
    fields = entry["fields"]
    if len(fields) != len(headers) or not all(f is None or isinstance(f, str) for f in fields):
        return None
    return Remembered(str(entry.get("form", "")), fields)
