"""The values the county's matching and board read for each record of a sheet ("keys"),
computed once per sheet (in the child process that validated it, or again after an edit) and
stored packed beside the sheet's cells, so reopening a county workspace re-validates nothing.

Keys, one list per name, one entry per record (None when unknown):
  id     the child's ID number compacted (half-width, no spaces, upper-case X) when it looks
         like one (17 digits + digit/X, or 15 digits) and was not a number cell (digits lost)
  name   the name compacted (validators.text.compact_name); sound: its names.sound_key
  birth  出生日期 as YYYY-MM-DD, else the birth date in the ID
  sex    男/女 (canonical option)
  hukou  the 户籍 county: the county of 户籍地址, else the ID's area code when it is a county
  place  the county of the address the form is kept by (流动: 现居住地, 留守: 户籍地址)
  town   the 9-digit township that address names (validators.townships.match), if any
  rdate  the row's 填报日期 as YYYY-MM-DD
  errors the row's error codes joined by '|' (None: no error)
Stored as one Arrow IPC blob per sheet (zstd; with the Excel row of each record), which polars
reads back in a few milliseconds: a county workspace reopens without re-validating anything.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Callable

import polars as pl

from intake.county.names import sound_key
from intake.forms import load_form
from intake.table import SheetTable
from validators import address, dates, divisions, idnumber, townships
from validators.cells import check_cell
from validators.errors import ValidationError
from validators.text import compact_name

KEYS = ("id", "name", "sound", "birth", "sex", "hukou", "place", "town", "rdate", "errors")
KEY_ADDRESS = {"liudong": "current_address", "liushou": "hukou_address"}
_USABLE_ID = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")
_DETAIL_LEAD = " ,，、.。:：;；-—_/"


def usable_id(raw: str | None, number_cell: bool = False) -> str | None:
    if not raw or number_cell:
        return None
    number = idnumber.compact(raw)
    return number if _USABLE_ID.fullmatch(number) else None


def _cached(fn: Callable[[str], object]) -> Callable[[str | None], object]:
    memo: dict[str, object] = {}

    def get(value: str | None) -> object:
        if value is None:
            return None
        if value not in memo:
            memo[value] = fn(value)
        return memo[value]
    return get


def _iso(value: str) -> str | None:
    try:
        return dates.validate(value).isoformat()
    except ValidationError:
        return None


def _id_birth(number: str) -> str | None:
    if len(number) != 18:
        return None
    try:
        return idnumber.birth_date(number).isoformat()
    except ValidationError:
        return None


def _id_county(number: str) -> str | None:
    d = divisions.get(number[:6])
    return d.code if d is not None and d.level in (2, 3) else None


def _county(value: str) -> str | None:
    resolved = address.resolve(value).resolved
    return resolved.county if resolved is not None else None


@lru_cache(maxsize=4096)
def _longest_name(unit: str) -> int:
    """How many characters of an address detail can decide its township in this unit."""
    return max((len(d.name) for d in townships.townships_of(unit)), default=0) + max(map(len, townships.SUFFIXES))


@lru_cache(maxsize=100_000)
def _town(unit: str, head: str) -> str | None:
    found = townships.match(unit, head)
    return found.code if found else None


def _place(value: str) -> tuple[str | None, str | None]:
    """(county unit, township code) an address names. The township depends only on the start
    of the detail, so it is looked up once per distinct start (details differ in house numbers)."""
    resolved = address.resolve(value).resolved
    if resolved is None or resolved.county is None:
        return None, None
    unit = resolved.county
    head = "".join(resolved.detail.split()).lstrip(_DETAIL_LEAD)[:_longest_name(unit)]
    return unit, _town(unit, head)


address_place = _place      # public: (county unit, township code) of an address (department checks)


def record_keys(table: SheetTable, error_codes: Callable[[int], list[str]] | None = None) -> dict[str, list]:
    """The keys of every record. error_codes(i): the codes of record i's errors."""
    form = load_form(table.form)
    values, numeric = table.data.values, table.data.numeric
    n = table.n_rows
    blank = [None] * n
    raw_ids = values.get("id_number", blank)
    number_cells = numeric.get("id_number", set())
    ids = [usable_id(v, i in number_cells) for i, v in enumerate(raw_ids)]
    names = list(map(_cached(lambda v: compact_name(v) or None), values.get("name", blank)))
    sound = _cached(sound_key)
    iso = _cached(_iso)
    id_birth, id_county = _cached(_id_birth), _cached(_id_county)
    births = [iso(v) or id_birth(ids[i]) for i, v in enumerate(values.get("birth_date", blank))]
    sex_field = form.field("sex")
    sex = _cached(lambda v: check_cell(sex_field, v, 0).parsed)
    place, county = _cached(_place), _cached(_county)
    hukou = [county(v) or id_county(ids[i]) for i, v in enumerate(values.get("hukou_address", blank))]
    kept_by = [place(v) or (None, None) for v in values.get(KEY_ADDRESS[table.form], blank)]
    errors = ["|".join(codes) or None for codes in map(error_codes, range(n))] if error_codes else blank
    return {"id": ids, "name": names, "sound": [sound(v) for v in names], "birth": births,
            "sex": [sex(v) for v in values.get("sex", blank)], "hukou": hukou,
            "place": [p[0] for p in kept_by], "town": [p[1] for p in kept_by],
            "rdate": [iso(v) for v in values.get("report_date", blank)], "errors": errors}


def error_codes_of(findings) -> Callable[[int], list[str]]:
    """error_codes for record_keys from a FindingSet."""
    rows = set(findings.rows_with_errors())

    def codes(i: int) -> list[str]:
        if i not in rows:
            return []
        return list(dict.fromkeys(f.code for f in findings.for_row(i) if f.is_error))
    return codes


KEY_SCHEMA = {"row": pl.Int64, **{k: pl.Utf8 for k in KEYS}}


def keys_blob(keys: dict[str, list], rows: list[int]) -> bytes:
    """A sheet's keys (and Excel rows) as stored in the workspace."""
    frame = pl.DataFrame({"row": rows, **{k: keys[k] for k in KEYS}}, schema=KEY_SCHEMA)
    buffer = io.BytesIO()
    frame.write_ipc(buffer, compression="zstd")
    return buffer.getvalue()


def keys_frame(blob: bytes | None, n_rows: int) -> pl.DataFrame:
    """The stored keys; all unknown (None) when there are none (an older county workspace)."""
    if blob:
        return pl.read_ipc(io.BytesIO(blob))
    return pl.DataFrame({"row": [None] * n_rows, **{k: [None] * n_rows for k in KEYS}}, schema=KEY_SCHEMA)
