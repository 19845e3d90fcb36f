"""The identity-number cell check behind validators.cells.check_cell (field type 'id')."""
from __future__ import annotations

from validators import idnumber
from validators.cell_types import Cell, CellResult
from validators.errors import ValidationError
from validators.text import is_ascii_digits


def check_id(cell: Cell) -> CellResult:
    value = cell.value
    number = value if len(value) == 18 and value.isascii() and value.isdigit() else \
        idnumber.compact(value)
    legacy = len(number) == 15 and is_ascii_digits(number)
    if (cell.numeric and not legacy) or idnumber.looks_like_excel_number(number):
        return CellResult((cell.finding("id.excel_number"),), None)
    if legacy:
        return _check_legacy(cell, number)
    if number[:6] in idnumber.PERMIT_REGIONS:       # messages name the residence permit
        cell.label = idnumber.permit_label(cell.field.label, number[:6])
    try:
        info = idnumber.parse(number)
    except ValidationError as exc:
        return cell.error(exc)
    findings = []
    if info.number != cell.value:
        findings.append(cell.finding("id.normalised", info.number))
    findings.extend(_area_and_suspect(cell, info))
    return CellResult(tuple(findings), info)


def _area_and_suspect(cell: Cell, info: idnumber.IdInfo) -> list:
    out = []
    for code, params in idnumber.area_findings(cell.field.role, info.area, info.birth.year):
        out.append(cell.finding(code, **params))
    if info.number.endswith("000"):
        out.append(cell.finding("id.excel_suspect"))
    return out


def _check_legacy(cell: Cell, number: str) -> CellResult:
    """15 digits: an error for a child (parsed None, like every ID error, so no rule builds on
    a 19xx birth date); for an adult a warning suggesting the 18-digit form, parsed given."""
    upgraded = idnumber.upgrade15(number)
    try:
        born = idnumber.birth_date(upgraded)
        idnumber.check_area(upgraded[:6])
    except ValidationError as exc:
        return cell.error(exc)
    if cell.field.role == "child":     # no facts: the century (19xx) would be a guess
        return CellResult((cell.finding("id.legacy_child"),), None)
    info = idnumber.info(upgraded, legacy15=True)
    findings = [cell.finding("id.legacy_adult", upgraded)]
    return CellResult(tuple(findings), info)
