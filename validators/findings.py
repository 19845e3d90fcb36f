"""Findings: what the engine reports about a cell or a row.

A finding has a stable machine `code` (the GUI filters and colours by it), a severity, the
record it concerns (0-based index into the table's rows) and the field (None for the whole row),
a plain Chinese message, the offending value and, when the fix is certain, a suggestion.
Sheet coordinates (Excel row and column) are added by intake, which knows the layout.

Stored compactly, as a sheet full of problems holds hundreds of thousands of them: a Finding is
its record index plus a shared `FindingBody` (code, severity, field, value, suggestion, message).
The same result on another record (a cached rule, a repeated cell value) is `finding.at(index)`,
which shares the body instead of copying it. A body made by `validators.codes.make` formats its
message only when it is first read, through `codes.message` (the GUI reads a few of them; the
JSON report reads each once). Finding still behaves as the frozen dataclass it was: the same
fields, equality and hash over them, `dataclasses.replace` / `fields` / `asdict` work.
"""
from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"        # blocks the upload file: must be fixed
    WARNING = "warning"    # a person must check it (shown amber, listed in the exports)
    HINT = "hint"          # understood and only written differently: a quiet mark, bulk-fixable


class FindingBody:
    """Everything about a finding except its record; shared by every record with the same one."""

    __slots__ = ("code", "severity", "field", "value", "suggestion", "_text", "_params")

    def __init__(self, code: str, severity: Severity, field: str | None, message: str | None,
                 value: str | None, suggestion: str | None, params: dict | None = None):
        self.code, self.severity, self.field = code, severity, field
        self.value, self.suggestion = value, suggestion
        self._text, self._params = message, params      # message None: codes.message() when read

    @property
    def message(self) -> str:
        text = self._text
        if text is None:
            from validators.codes import CODES, message     # codes imports this module
            text = self._text = message(CODES[self.code].template, self.value, self.suggestion,
                                        self._params or {})
            self._params = None
        return text

    def with_value(self, value: str | None) -> FindingBody:
        """The same finding about another cell value (formatted with it when read, unless the
        message was fixed already: an eager one, or one read before)."""
        if self._text is not None and self._params is None:
            return FindingBody(self.code, self.severity, self.field, self._text, value, self.suggestion)
        return FindingBody(self.code, self.severity, self.field, None, value, self.suggestion,
                           self._params)


@dataclasses.dataclass(frozen=True)
class _Fields:
    """The dataclass fields Finding had (and still answers to: replace, fields, asdict)."""

    code: str
    severity: Severity
    index: int
    field: str | None
    message: str
    value: str | None = None
    suggestion: str | None = None


class Finding:
    __slots__ = ("_index", "_body")
    __dataclass_fields__ = _Fields.__dataclass_fields__
    __dataclass_params__ = _Fields.__dataclass_params__
    __match_args__ = ("code", "severity", "index", "field", "message", "value", "suggestion")

    def __init__(self, code: str, severity: Severity, index: int, field: str | None, message: str,
                 value: str | None = None, suggestion: str | None = None):
        self._index = index
        self._body = FindingBody(code, severity, field, message, value, suggestion)

    @classmethod
    def of(cls, body: FindingBody, index: int) -> Finding:
        f = cls.__new__(cls)
        f._index, f._body = index, body
        return f

    def at(self, index: int) -> Finding:
        """This finding for another record (the body is shared, not copied)."""
        if index == self._index:
            return self
        return Finding.of(self._body, index)

    @property
    def body(self) -> FindingBody:
        return self._body

    index = property(lambda self: self._index)
    code = property(lambda self: self._body.code)
    severity = property(lambda self: self._body.severity)
    field = property(lambda self: self._body.field)
    message = property(lambda self: self._body.message)
    value = property(lambda self: self._body.value)
    suggestion = property(lambda self: self._body.suggestion)

    @property
    def is_error(self) -> bool:
        return self._body.severity is Severity.ERROR

    def _key(self) -> tuple:
        b = self._body
        return (b.code, b.severity, self._index, b.field, b.message, b.value, b.suggestion)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Finding:
            return NotImplemented
        if self._index != other._index:
            return False
        return self._body is other._body or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        names = self.__match_args__
        return "Finding(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self._key())) + ")"

    def __reduce__(self):
        return Finding, self._key()

    def to_dict(self) -> dict[str, Any]:
        b = self._body
        return {"code": b.code, "severity": b.severity.value, "index": self._index, "field": b.field,
                "message": b.message, "value": b.value, "suggestion": b.suggestion}
