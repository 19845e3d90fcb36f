"""公民身份号码 (Chinese resident identity number), python-stdnum style.

The check character (ISO 7064 MOD 11-2) is computed here (`int(first17, 13)` does the weighted
sum in C: about 1 µs); python-stdnum's cn/loc.dat gives the area codes with their years of
validity, parsed once into a dict (stdnum's own lookup raises KeyError for an unknown county under
a known province and costs ~110 µs an ID); validators.id_areas holds that table and the rules on
it (area history, 港澳台居民居住证 codes, earlier codes of a county).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from validators.errors import (InvalidCharacters, InvalidChecksum, InvalidComponent,
                               InvalidLength, ValidationError)
# the area codes and their history live in validators.id_areas; their names are used from here
from validators.id_areas import (PERMIT_REGIONS, AreaPeriod, area_findings, area_name,  # noqa: F401
                                 area_period_issue, check_area, is_child_role, permit_label,
                                 permit_region, same_county)
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
