"""CellResult and the per-cell helper shared by validators.cells and validators.id_cell."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from validators.codes import make
from validators.errors import ValidationError
from validators.findings import Finding
from validators.form import Field


@dataclass(frozen=True, slots=True)
class CellResult:
    findings: tuple[Finding, ...] = ()
    parsed: Any = None


class Cell:
    """One cell being checked (a plain class: built for every checked cell)."""

    __slots__ = ("field", "value", "index", "numeric", "label")

    def __init__(self, field: Field, value: str, index: int, numeric: bool) -> None:
        self.field, self.value, self.index, self.numeric = field, value, index, numeric
        self.label = field.label       # what messages call the cell (a check may say more)

    def finding(self, code: str, suggestion: str | None = None, **params: object) -> Finding:
        return make(code, self.index, self.field.key, value=self.value, suggestion=suggestion,
                    label=self.label, **params)

    def error(self, exc: ValidationError) -> CellResult:
        return CellResult((self.finding(exc.code, exc.suggestion, **exc.params),), None)

    def normalised(self, code: str, parsed: Any, normal: str) -> CellResult:
        """parsed, with a warning `code` suggesting `normal` when the cell is written otherwise."""
        if normal == self.value:
            return CellResult((), parsed)
        return CellResult((self.finding(code, normal),), parsed)
