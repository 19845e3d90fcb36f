"""Turn check_cell's parsed values into the facts row rules read (validators.rules.row).

The bulk path builds the same facts directly from cells that passed the schema's checks
(`id_facts_from_number`), so both paths must agree; tests/test_engine_consistency.py checks it.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from validators import divisions
from validators.form import Field
from validators.rules.row import IdFacts, PlaceFacts


def id_facts_from_number(number: str) -> IdFacts | None:
    """Facts of a normalised 18-character (or legacy 15-digit) ID number."""
    if len(number) == 18:
        birth_text, sex_digit = number[6:14], number[16]
    elif len(number) == 15:
        birth_text, sex_digit = "19" + number[6:12], number[14]
    else:
        return None
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:8]))
    except ValueError:
        birth = None
    sex = ("男" if int(sex_digit) % 2 else "女") if "0" <= sex_digit <= "9" else None
    return IdFacts(number=number, birth=birth, sex=sex, area=number[:6])


def _id_facts(parsed: Any) -> IdFacts | None:
    if isinstance(parsed, IdFacts):
        return parsed
    number = parsed if isinstance(parsed, str) else None
    for attr in ("number", "compact", "value", "normalized", "normalised"):
        if number is None and isinstance(getattr(parsed, attr, None), str):
            number = getattr(parsed, attr)
    return id_facts_from_number(number) if number else None


def _place_facts(parsed: Any) -> PlaceFacts | None:
    if isinstance(parsed, PlaceFacts) or parsed is None:
        return parsed
    county = parsed.county          # ResolvedAddress: the county-level unit (东莞市 for itself)
    prefecture = divisions.prefecture_of(county) if county else parsed.prefecture_code
    return PlaceFacts(county=county, prefecture=prefecture, county_name=parsed.full_name,
                      is_district=parsed.is_district, township=parsed.township)


def to_facts(field: Field, parsed: Any) -> Any:
    """The fact stored for a cell: IdFacts, PlaceFacts, a date, an option, a tuple, a text."""
    if parsed is None:
        return None
    if field.type == "id":
        return _id_facts(parsed)
    if field.type == "address":
        return _place_facts(parsed)
    if field.type == "multi" and isinstance(parsed, list):
        return tuple(parsed)
    return parsed
