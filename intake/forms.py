"""Load the form templates from templates/*.toml (and the code tables they reference)."""
from __future__ import annotations

import csv
import tomllib
from functools import lru_cache
from pathlib import Path

from templates import TEMPLATES_DIR
from validators.form import FormTemplate

FORM_KEYS = ("liudong", "liushou")


def read_code_table(path: Path) -> list[dict[str, str]]:
    """Read a TSV code table (comment lines start with #) into rows with 'code' and 'name'."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for parts in csv.reader(fh, delimiter="\t"):
            if not parts or parts[0].startswith("#") or not parts[0].strip():
                continue
            if not parts[0].strip().isdigit():   # a column-title line
                continue
            padded = parts + [""] * (6 - len(parts))
            rows.append({"code": padded[0].strip(), "name": padded[1].strip(),
                         "short_name": padded[2].strip(), "seen_alias": padded[5].strip()})
    return rows


@lru_cache(maxsize=None)
def load_form(key: str, directory: Path | None = None) -> FormTemplate:
    """The form template `key` (liudong or liushou)."""
    base = directory or TEMPLATES_DIR
    path = base / f"{key}.toml"
    if not path.is_file():
        raise KeyError(f"没有名为 {key} 的表单模板")
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    tables = {f["options_table"]: read_code_table(base / f["options_table"])
              for f in data["fields"] if "options_table" in f}
    return FormTemplate.from_dict(data, tables)


def load_forms() -> dict[str, FormTemplate]:
    return {k: load_form(k) for k in FORM_KEYS}
