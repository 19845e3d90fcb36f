"""残疾人证号 (the second-generation disabled person's card number), python-stdnum style.

20 characters: the holder's 18-character 公民身份号码, then the category (1 视力 2 听力 3 言语
4 肢体 5 智力 6 精神 7 多重) and the level (1-4, 一级 the most severe). Each part is checked:
the ID part as validators.idnumber checks any ID (characters, length, birth date, area code,
check character), then the category and the level digits.

`compact(value)` (half-width, no spaces or dashes, upper-case X), `parse(value) -> CardInfo`,
`validate(value)` (the compact number) raise a ValidationError naming the failed part
(`part`: 'length', 'characters', 'id', 'category', 'level'; the ID part's own error keeps its
code, e.g. id.checksum); `is_valid(value)` never raises, whatever it is given.
"""
from __future__ import annotations

from dataclasses import dataclass

from validators import idnumber
from validators.errors import InvalidCharacters, InvalidComponent, InvalidLength, ValidationError
from validators.text import no_spaces, require_text

LENGTH = 20
CATEGORIES = {"1": "视力残疾", "2": "听力残疾", "3": "言语残疾", "4": "肢体残疾", "5": "智力残疾",
              "6": "精神残疾", "7": "多重残疾"}
LEVELS = {"1": "一级", "2": "二级", "3": "三级", "4": "四级"}
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True, slots=True)
class CardInfo:
    number: str          # the compact 20 characters
    id_number: str       # the holder's 18-character ID number
    category: str        # 视力残疾 … 多重残疾 (the form's option)
    level: str           # 一级 … 四级 (the form's option)


def compact(value: str) -> str:
    """Half-width, without whitespace or dashes, upper-case X."""
    return no_spaces(require_text(value, "card.characters")).replace("-", "").upper()


def id_part(value: object) -> str | None:
    """The first 18 characters of a card number that has at least that many (None otherwise):
    what to look a child up by when the rest of the number is wrong."""
    try:
        number = compact(value)
    except ValidationError:
        return None
    return number[:18] if len(number) >= 18 else None


def parse(value: str) -> CardInfo:
    number = compact(value)
    bad = "".join(dict.fromkeys(c for c in number if c not in _DIGITS and c != "X"))
    if bad:
        raise InvalidCharacters(code="card.characters", bad=bad)
    if len(number) != LENGTH:
        raise InvalidLength(code="card.length", length=len(number))
    try:
        holder = idnumber.parse(number[:18])
    except ValidationError as exc:
        exc.part = "id"          # the code (id.checksum …) still says what failed in it
        raise
    category, level = number[18], number[19]
    if category not in CATEGORIES:
        raise InvalidComponent(part="category", code="card.category", digit=category)
    if level not in LEVELS:
        raise InvalidComponent(part="level", code="card.level", digit=level)
    return CardInfo(number, holder.number, CATEGORIES[category], LEVELS[level])


def validate(value: str) -> str:
    """The compact card number, or a ValidationError naming the failed part."""
    return parse(value).number


def is_valid(value: object) -> bool:
    try:
        return bool(parse(value))
    except ValidationError:
        return False
