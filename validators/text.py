"""Text clean-up shared by every validator: full-width → half-width, trimming, spaces; names."""
from __future__ import annotations

import re

from validators.errors import InvalidCharacters, InvalidFormat, ValidationError

# full-width ASCII block (！..～) → ASCII, ideographic and no-break spaces → space
_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_HALF.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
              0x200B: None, 0xFEFF: None})
_NEEDS_HALF = re.compile("[\uff01-\uff5e\u3000\xa0\u2002\u2003\u2009\u200b\ufeff]")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])")
# middle dots seen in minority names: U+00B7, U+2022, U+2027, U+30FB, U+FF65, U+FF0E, '.'
_DOTS = re.compile(r"[\u00b7\u2022\u2027\u30fb\uff65\uff0e.\u2219\u22c5\u0387]")
_NAME_OK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·A-Za-z ]+")


def require_text(value: object, code: str) -> str:
    """`value` when it is a str; otherwise InvalidFormat with `code` (so the validators' public
    functions answer any Python object with their own error, never a TypeError)."""
    if isinstance(value, str):
        return value
    raise InvalidFormat(f"expected text, got {type(value).__name__}", code=code)


def is_ascii_digits(text: str) -> bool:
    """Only 0-9: str.isdigit() alone also takes ٢٠١٥ (Arabic-Indic), २०१५ (Devanagari) …"""
    return text.isascii() and text.isdigit()


def to_half_width(value: str) -> str:
    """Full-width digits, letters and punctuation and odd spaces as their ASCII forms."""
    return value.translate(_HALF) if _NEEDS_HALF.search(value) else value


def collapse_spaces(value: str) -> str:
    """Trim and turn every run of whitespace (line breaks too) into one space."""
    return " ".join(value.split())


def compact(value: str) -> str:
    """Half-width, trimmed, inner spaces collapsed."""
    return collapse_spaces(to_half_width(require_text(value, "text.whitespace")))


def no_spaces(value: str) -> str:
    """Half-width with every whitespace removed (IDs, phones, option values)."""
    return "".join(to_half_width(value).split())


def clean_text(value: str) -> str:
    """A free-text cell as it should be stored: trimmed, one space between words.

    Full-width punctuation is kept: （）、：are normal in Chinese text."""
    return collapse_spaces(value)


def compact_name(value: str) -> str:
    """A person's name: trimmed, no spaces between Chinese characters, one kind of middle dot."""
    text = _DOTS.sub("·", collapse_spaces(to_half_width(value)))
    text = re.sub(r"\s*·\s*", "·", text)
    return _SPACE_BETWEEN_CJK.sub("", text)


def validate_name(value: str) -> str:
    """The normalised name, or InvalidCharacters when it holds digits or symbols.

    Chinese names (also long ethnic-minority names with ·) and Latin letters are accepted."""
    name = compact_name(require_text(value, "name.invalid"))
    if not name or not _NAME_OK.fullmatch(name) or name.startswith("·") or name.endswith("·"):
        raise InvalidCharacters(code="name.invalid")
    return name


def is_valid_name(value: object) -> bool:
    try:
        return bool(validate_name(value))
    except ValidationError:
        return False
