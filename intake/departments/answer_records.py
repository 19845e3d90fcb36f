"""A department's answer as records: one row per record of its file, keyed by the child's ID.

`records_frame(profile, tables) -> (frame, notes)`. Columns:
  sheet, row         where the record is in the department's file (Excel row)
  id                 the valid 18-character ID number (from the ID column, else from the
                     残疾人证号), None when there is none
  key                the number as written (ID column, else card), for the department to find it
  key_code           why the number is wrong (a finding code: id.checksum, card.category …)
  key_note           the clerk's message about it (masked: no full number)
  prefix             the first 17 digits of a wrong number (to name the child it was meant for)
  known              the record says something about the child: not 查无此人, and a result
                     (一致 …) or an answer column or a card filled in (a returned list's row
                     left blank is a child the department did not find)
  <answer key>       each answer column's value normalised (intake.departments.values)
  raw:<answer key>   ... and as written (cleaned): the department's words in the report
  card_category, card_level   decoded from a valid 残疾人证号
The same ID twice: the first record counts (said in the notes). Values are normalised once per
distinct text.
"""
from __future__ import annotations

from typing import Iterable

import polars as pl

from intake.departments.profile import CARD_PARTS, DepartmentProfile
from intake.departments.values import clean, normalise
from intake.table import SheetTable
from validators import disability_card, idnumber
from validators.codes import make
from validators.errors import ValidationError

NO_KEY = "这条记录没有证件号码（身份证号和残疾人证号都空着）"
NO_KEY_CODE = "dept.no_key"          # blank, unlike a wrong number (a finding code): kind NO_ID
CARD_NOT_ID = "残疾人证号的前18位与身份证号不一致"
NOT_FOUND = "查无此人"
META = {"sheet": pl.Utf8, "row": pl.Int64, "id": pl.Utf8, "key": pl.Utf8, "key_code": pl.Utf8,
        "key_note": pl.Utf8, "prefix": pl.Utf8, "known": pl.Boolean}


def value_keys(profile: DepartmentProfile) -> list[str]:
    return [a.key for a in profile.answer if a.role not in ("id", "card")]


def schema(profile: DepartmentProfile) -> dict:
    keys = value_keys(profile)
    return {**META, **{k: pl.Utf8 for k in keys}, **{f"raw:{k}": pl.Utf8 for k in keys},
            **{k: pl.Utf8 for k in CARD_PARTS}}


def records_frame(profile: DepartmentProfile, tables: Iterable[SheetTable]) -> tuple[pl.DataFrame, list[str]]:
    parts = [_table_frame(profile, t) for t in tables]
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema(profile))
    return _first_of_each(frame)


KEY_PARTS = ("id", "key", "key_code", "key_note", "prefix", "card_category", "card_level")
NO_KEY_PARTS = (None, None, NO_KEY_CODE, NO_KEY, None, None, None)


def _table_frame(profile: DepartmentProfile, t: SheetTable) -> pl.DataFrame:
    """One table's records, column by column (values normalised and cleaned once per distinct text)."""
    keys = value_keys(profile)
    id_key = next((a.key for a in profile.answer if a.role == "id"), None)
    card_key = next((a.key for a in profile.answer if a.role == "card"), None)
    asked = [a.key for a in profile.asked if a.role not in ("result", "id", "card")]
    result_key = next((a.key for a in profile.answer if a.role == "result"), None)
    values, numeric, n = t.data.values, t.data.numeric, t.n_rows
    blank = [None] * n
    ids, cards = values.get(id_key, blank), values.get(card_key, blank)
    number_cells = numeric.get(id_key, set()) | numeric.get(card_key, set())
    found = [_key(ids[i], cards[i], i in number_cells) for i in range(n)]
    normalised = {k: _normalised(profile, k, values.get(k, blank)) for k in keys}
    filled = [c for c in (values.get(k) for k in keys) if c is not None]
    keep = [i for i in range(n) if found[i] is not None or any(c[i] for c in filled)]    # not a blank line
    cols: dict[str, list] = {"sheet": [t.sheet] * len(keep), "row": [t.row_numbers[i] for i in keep]}
    for part, name in enumerate(KEY_PARTS):
        cols[name] = [(found[i] or NO_KEY_PARTS)[part] for i in keep]
    for k in keys:
        cols[k] = [normalised[k][i] for i in keep]
        cols[f"raw:{k}"] = _cleaned(values.get(k, blank), keep)
    said = [any(normalised[k][i] for k in asked) or bool(cards[i] and cards[i].strip()) for i in keep]
    results = cols[result_key] if result_key else [None] * len(keep)
    cols["known"] = [r != NOT_FOUND and (s or r is not None) for s, r in zip(said, results)]
    return pl.DataFrame(cols, schema=schema(profile))


def _cleaned(raw: list[str | None], keep: list[int]) -> list[str | None]:
    memo = {v: clean(v) for v in set(raw)}
    return [memo[raw[i]] for i in keep]


def _normalised(profile: DepartmentProfile, key: str, raw: list[str | None]) -> list[str | None]:
    column = profile.column(key)
    memo = {v: normalise(column, v) for v in set(raw)}
    return [memo[v] for v in raw]


def _key(id_text: str | None, card_text: str | None, number_cell: bool):
    """(id, key as written, code, note, prefix, card category, card level), or None when the
    record has neither number."""
    card = _card(card_text) if card_text and card_text.strip() else None
    if id_text and id_text.strip():
        number, code, note, prefix = _id(id_text, number_cell)
        if card is not None and number and card[0] and card[0] != number:
            code, note = code or "dept.card_not_id", note or CARD_NOT_ID
        category, level = (card[3], card[4]) if card and card[0] == number else (None, None)
        return number, id_text.strip(), code, note, prefix, category, level
    if card is not None:
        number, text, code, note, category, level, prefix = card[0], card_text.strip(), card[1], card[2], \
            card[3], card[4], card[5]
        return number, text, code, note, prefix, category, level
    return None


def _id(text: str, number_cell: bool) -> tuple[str | None, str | None, str | None, str | None]:
    """(valid number, code, note, prefix)."""
    if number_cell:
        return None, "id.excel_number", make("id.excel_number", 0, None).message, None
    try:
        return idnumber.parse(text).number, None, None, None
    except ValidationError as exc:
        return None, exc.code, _note(exc, "身份证号"), _prefix(text)


def _card(text: str):
    """(id number, code, note, category, level, prefix) of a 残疾人证号: the ID when its part is
    valid even if the category or level digit is not."""
    try:
        info = disability_card.parse(text)
        return info.id_number, None, None, info.category, info.level, None
    except ValidationError as exc:
        holder = disability_card.id_part(text)
        number = holder if exc.part in ("category", "level") and holder and idnumber.is_valid(holder) else None
        return number, exc.code, _note(exc, "残疾人证号"), None, None, None if number else _prefix(text)


def _note(exc: ValidationError, label: str) -> str:
    return make(exc.code, 0, None, label=label, **exc.params).message if exc.code else f"{label}有误"


def _prefix(text: str) -> str | None:
    digits = "".join(text.split()).upper()
    return digits[:17] if len(digits) >= 17 and digits[:17].isascii() and digits[:17].isdigit() else None


def _first_of_each(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    with_id = frame.filter(pl.col("id").is_not_null())
    repeated = with_id.height - with_id["id"].n_unique()
    notes = [f"有{repeated}条记录的身份证号与前面的记录重复，只按第一条核对"] if repeated else []
    keep = frame.with_row_index("_n").filter(
        pl.col("id").is_null() | (pl.col("_n") == pl.col("_n").min().over("id"))).drop("_n")
    return keep, notes
