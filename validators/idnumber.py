"""公民身份号码 (Chinese resident identity number), python-stdnum style.

The check character (ISO 7064 MOD 11-2) is computed here (`int(first17, 13)` does the weighted
sum in C: about 1 µs); python-stdnum's cn/loc.dat gives the area codes with their years of
validity, parsed once into a dict (stdnum's own lookup raises KeyError for an unknown county under
a known province and costs ~110 µs an ID).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from validators.errors import (InvalidCharacters, InvalidChecksum, InvalidComponent,
                               InvalidLength, ValidationError)
from validators.text import is_ascii_digits, no_spaces, require_text

_ID_CHARS = re.compile(r"[0-9X]*")
_LAST = frozenset("0123456789X") | {""}
_SCIENTIFIC = re.compile(r"[0-9]+(\.[0-9]+)?E\+?[0-9]+")
_FLOAT_TEXT = re.compile(r"[0-9]{16,18}\.0*")     # a float printed in full: 411302201503021012.0
MIN_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True)
class IdInfo:
    number: str      # normalised 18 characters (a legacy number upgraded)
    area: str        # 6 digits
    birth: date
    sex: str         # '男' / '女'
    legacy15: bool = False


def compact(value: str) -> str:
    """Half-width, without any whitespace, upper-case X."""
    return no_spaces(require_text(value, "id.characters")).upper()


def calc_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of 17 digits."""
    # the weights are 2^(18-i) mod 11; int(digits, 13) ≡ Σ d_i·2^(17-i) (mod 11) as 13 ≡ 2
    return "10X98765432"[(int(first17, 13) * 2) % 11]


def looks_like_excel_number(text: str) -> bool:
    """'4.11302201503021E+17', '411302201503021012.0', or 15 significant digits then 000
    with a failing checksum: an ID that went through a number cell."""
    if "E" in text and _SCIENTIFIC.fullmatch(text):
        return True
    if "." in text and _FLOAT_TEXT.fullmatch(text):
        return True
    return len(text) == 18 and is_ascii_digits(text) and text.endswith("000") and \
        calc_check_char(text[:17]) != text[17]


def upgrade15(number: str) -> str:
    """The 18-character form of a 15-digit legacy number: '19' before the year, check char."""
    first17 = number[:6] + "19" + number[6:]
    return first17 + calc_check_char(first17)


def birth_date(number: str) -> date:
    """The birth date in a normalised 18-character number; InvalidComponent(part='birth_date')."""
    segment = number[6:14]
    try:
        born = date(int(segment[:4]), int(segment[4:6]), int(segment[6:8]))
    except ValueError:
        born = None
    if born is None or born.year < MIN_BIRTH_YEAR:
        raise InvalidComponent(part="birth_date", code="id.birth_date", segment=segment)
    return born


def parse(value: str) -> IdInfo:
    """IdInfo of a valid 18-character number, or a ValidationError naming the failed part:
    characters, length, birth date, area code (unknown in every period), checksum."""
    require_text(value, "id.characters")
    number = value if len(value) == 18 and value.isascii() and value[:17].isdigit() \
        else compact(value)
    if not (number[:17].isdigit() and number.isascii() and number[17:] in _LAST) \
            and not _ID_CHARS.fullmatch(number):
        bad = "".join(dict.fromkeys(c for c in number if not ("0" <= c <= "9" or c == "X")))
        raise InvalidCharacters(code="id.characters", bad=bad)
    if len(number) != 18:
        raise InvalidLength(code="id.length", length=len(number))
    if "X" in number[:17]:
        raise InvalidCharacters(code="id.characters", bad="X")
    born = birth_date(number)
    check_area(number[:6])
    expected = calc_check_char(number[:17])
    if number[17] != expected:
        raise InvalidChecksum(code="id.checksum", expected=expected)
    return IdInfo(number, number[:6], born, "男" if int(number[16]) % 2 else "女")


def validate(value: str) -> str:
    """The normalised 18-character number, or a ValidationError naming the failed part."""
    return parse(value).number


def is_valid(value: object) -> bool:
    try:
        return bool(parse(value))
    except ValidationError:
        return False


def info(number: str, legacy15: bool = False) -> IdInfo:
    """IdInfo of a normalised 18-character number (birth date already valid)."""
    return IdInfo(number=number, area=number[:6], birth=birth_date(number),
                  sex="男" if int(number[16]) % 2 else "女", legacy15=legacy15)


# --- area codes ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AreaPeriod:
    name: str
    start: int | None   # first year the code was in use (None: before records)
    end: int | None     # last year (None: still in use)


def check_area(area: str) -> None:
    """Raise InvalidComponent(part='area') when the code never existed. A code that existed in
    other years only is not an error here (see `area_period_issue`)."""
    if area not in _area_table():
        raise InvalidComponent(part="area", code="id.area_unknown", area=area)


def area_period_issue(area: str, year: int, until: int | None = None) -> dict[str, object] | None:
    """When the code was not in use in any year of [year, until] (until defaults to year):
    params for the id.area_period warning. A child's number is given at birth registration, so
    its window is the birth year; an adult's number was given when the first ID card was issued
    (at 16, and from 1984 on for people born earlier), so a code created after the birth year but
    within that window is normal and not worth a warning."""
    periods = _area_table().get(area)
    if not periods:
        return None
    last = year if until is None else max(year, until)
    for p in periods:
        if (p.start is None or last >= p.start) and (p.end is None or year <= p.end):
            return None
    latest = max(periods, key=lambda p: p.start or 0)
    if latest.start and year < latest.start and all((p.start or 0) > year for p in periods):
        why = f"尚未设立（{latest.start}年起使用）"
    else:
        ended = max(p.end for p in periods if p.end is not None)
        why = f"已撤销（{ended}年停用）"
    return {"area": area, "area_name": latest.name, "year": year, "why": why}


def issue_window_end(role: str | None, birth_year: int) -> int:
    """Last year a number may have been assigned in: a child's at birth registration, an
    adult's by the first ID card (age 16; the cards were introduced in 1984)."""
    if role in (None, "child"):
        return birth_year
    return max(birth_year + 16, 1990)


def area_name(area: str) -> str | None:
    periods = _area_table().get(area)
    return max(periods, key=lambda p: p.start or 0).name if periods else None


_PERIOD = re.compile(r"\[(\d*)-(\d*)\](.*)")


@lru_cache(maxsize=1)
def _area_table() -> dict[str, tuple[AreaPeriod, ...]]:
    """area code → its periods, from stdnum's cn/loc.dat plus today's county table."""
    import stdnum.cn
    table: dict[str, tuple[AreaPeriod, ...]] = {}
    province = ""
    for line in (Path(stdnum.cn.__file__).parent / "loc.dat").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line[:2]
            continue
        code, _, rest = line.strip().partition(" ")
        names = rest.partition("=")[2].strip().strip('"')
        table[province + code] = tuple(_parse_period(n) for n in names.split(","))
    from validators import divisions
    for code in divisions.county_level_codes():
        table.setdefault(code, (AreaPeriod(divisions.name(code), None, None),))
    return table


def _parse_period(text: str) -> AreaPeriod:
    m = _PERIOD.fullmatch(text)
    if not m:
        return AreaPeriod(text, None, None)
    return AreaPeriod(m[3], int(m[1]) if m[1] else None, int(m[2]) if m[2] else None)
