"""check_cell: the context-free check of one cell.

The engine calls it for every cell its bulk schema flags and for every cell of a re-validated
row. It returns the findings (made only with validators.codes.make) and the parsed value:
IdInfo (id), datetime.date (date), ResolvedAddress (address), canonical str (choice),
tuple[str, ...] (multi), normalised str (phone, name, text, relation). Blank → no findings and
parsed None; parsed is None otherwise only when the value cannot be understood at all.
Cosmetic differences (full-width digits, spaces, synonyms, short forms, non-ISO dates) are
warnings whose suggestion is the normalised value, so a bulk fix can apply them.
"""
from __future__ import annotations

from typing import Callable

from validators import address, dates, formula_errors, options, phone, text
from validators.cell_types import Cell, CellResult
from validators.errors import InvalidFormat, ValidationError
from validators.form import Field
from validators.redact import preformatted
from validators.id_cell import check_id

BLANK = CellResult()


def is_blank(value: str | None) -> bool:
    return value is None or not value.strip()


def check_cell(field: Field, value: str | None, index: int, numeric: bool = False) -> CellResult:
    if value is not None and not isinstance(value, str):
        value = as_text(value)
    if is_blank(value):
        return BLANK
    if value.lstrip()[:1] in "#＃" and formula_errors.error_of(value):
        error = formula_errors.error_of(value)
        return CellResult((Cell(field, value, index, numeric).finding(
            "cell.formula_error", error=error, why=preformatted(formula_errors.ERRORS[error])),), None)
    if field.type == "address":          # the hot path: every distinct address of a sheet
        check = address.resolve(value)
        if not check.issues:
            return CellResult((), check.resolved)
    checker = _CHECKERS.get(field.type, _check_text)
    return checker(Cell(field, value, index, numeric))


def as_text(value: object) -> str:
    """A number given where cell text is expected, as the reader would write it; any other
    object is refused with InvalidFormat (validators.errors)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    raise InvalidFormat(f"cell value must be text, got {type(value).__name__}")


def _check_text(cell: Cell) -> CellResult:
    cleaned = text.clean_text(cell.value)
    return cell.normalised("text.whitespace", cleaned, cleaned)


def _check_name(cell: Cell) -> CellResult:
    try:
        name = text.validate_name(cell.value)
    except ValidationError as exc:
        return CellResult((cell.finding(exc.code),), text.compact_name(cell.value))
    return cell.normalised("name.normalised", name, name)


def _check_date(cell: Cell) -> CellResult:
    try:
        day = dates.validate(cell.value)
    except ValidationError as exc:
        return cell.error(exc)
    return cell.normalised("date.normalised", day, day.isoformat())


def _check_phone(cell: Cell) -> CellResult:
    try:
        number = phone.validate(cell.value)
    except ValidationError as exc:
        return cell.error(exc)
    return cell.normalised("phone.normalised", number, number)


def _check_option(cell: Cell) -> CellResult:
    try:
        result = options.check(cell.field, cell.value)
    except ValidationError as exc:
        return cell.error(exc)
    parsed = result.options if cell.field.type == "multi" else result.options[0]
    return cell.normalised("option.normalised", parsed, result.normalised)


def _check_address(cell: Cell) -> CellResult:
    check = address.resolve(cell.value)
    found = tuple(cell.finding(i.code, i.suggestion, **i.params) for i in check.issues)
    return CellResult(found, check.resolved)


_CHECKERS: dict[str, Callable[[Cell], CellResult]] = {
    "text": _check_text, "relation": _check_text, "name": _check_name, "date": _check_date,
    "phone": _check_phone, "choice": _check_option, "multi": _check_option,
    "address": _check_address, "id": check_id,
}
