"""The small error tree the per-format validators raise (python-stdnum style).

Every error knows which part of the value failed (`part`: 'length', 'characters', 'checksum',
'birth_date', 'area', 'format', 'date', 'province', 'county', …), the finding code that explains
it to the clerk (`code`) and the parameters that code's message template needs (`params`).
"""
from __future__ import annotations


class ValidationError(ValueError):
    """Base class: the value is not valid."""

    default_part = "value"
    default_code: str | None = None

    def __init__(self, message: str = "", *, part: str | None = None, code: str | None = None,
                 suggestion: str | None = None, **params: object) -> None:
        super().__init__(message or self.__class__.__name__)
        self.part = part or self.default_part
        self.code = code or self.default_code
        self.suggestion = suggestion
        self.params = params


class InvalidLength(ValidationError):
    """The value has the wrong number of characters."""

    default_part = "length"


class InvalidFormat(ValidationError):
    """The value does not have the expected shape."""

    default_part = "format"


class InvalidCharacters(InvalidFormat):
    """The value holds characters that are not allowed."""

    default_part = "characters"


class InvalidChecksum(ValidationError):
    """The check character does not match."""

    default_part = "checksum"


class InvalidComponent(ValidationError):
    """One part of the value (birth date, area code, county …) is wrong; `part` names it."""

    default_part = "component"
