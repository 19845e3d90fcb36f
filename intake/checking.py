"""Read a registration file and validate every table in it: the one path the CLI and the
desktop app share.

The sheet's 填报日期 line (above the table) becomes the context's sheet_report_date, so a row
without its own 填报日期 cell is judged on the sheet's date before --as-of or today; its 填报单位
line names the sheet's own township (the context's township).

Reading in a child process (`isolated`) leaves this process idle for seconds: the validators are
imported and their tables loaded (intake.warm_up) meanwhile, on a thread, so the check after
the read starts warm; this module therefore imports them only when it needs them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from intake import warm_up
from intake.errors import Cancelled, ReadError
from intake.table import SheetTable

if TYPE_CHECKING:
    from validators.data import ValidationContext
    from validators.engine import TableValidator

Progress = Callable[[int, int], None]


@dataclass
class CheckedSheet:
    table: SheetTable
    validator: TableValidator

    @property
    def ctx(self) -> ValidationContext:
        return self.validator.ctx

    @property
    def findings(self):
        return self.validator.findings


def parse_report_date(text: str | None) -> date | None:
    """The date in a 填报日期 line ('填报日期：2025年12月31日', '2025-12-31'); None if there is none."""
    from validators import dates
    from validators.errors import ValidationError
    if not text:
        return None
    body = text.strip()
    for sep in ("：", ":"):
        if sep in body:
            body = body.split(sep, 1)[1]
    try:
        return dates.validate(body.strip())
    except ValidationError:
        return None


def sheet_township(table: SheetTable, county: str | None = None) -> str | None:
    """The 9-digit code of the township whose sheet this is: its 填报单位 line (or the one value
    of its 填报单位 column), looked up among the configured county's townships when there is
    one (a prefecture code: the county named in the line), else by the county the line names."""
    from validators import townships
    unit = table.reporting_unit
    if not unit and "reporting_unit" in table.data.values:
        named = {v.strip() for v in table.data.values["reporting_unit"] if v and v.strip()}
        unit = named.pop() if len(named) == 1 else None
    local = county if county and not county.endswith("00") else None
    found = townships.from_unit_text(unit, local)
    if (found is None or found.code is None) and local:
        found = townships.from_unit_text(unit)
        if found is not None and found.county != local:
            return None          # a township of another county: not this county's sheet
    return found.code if found is not None else None


def validator_for(table: SheetTable, *, as_of: date | None = None, county: str | None = None,
                  today: date | None = None) -> TableValidator:
    from intake.forms import load_form
    from validators.data import ValidationContext
    from validators.engine import TableValidator
    ctx = ValidationContext(as_of=as_of, sheet_report_date=parse_report_date(table.report_date_text),
                            county=county, township=sheet_township(table, county),
                            **({"today": today} if today else {}))
    row_numbers = table.row_numbers
    return TableValidator(load_form(table.form), table.data, ctx,
                          row_label=lambda i: str(row_numbers[i]))


def check_file(path: str | Path, *, form: str | None = None, as_of: date | None = None,
               county: str | None = None, password: str | None = None,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               isolated: bool = False) -> list[CheckedSheet]:
    """Read every table of the file and validate it. Raises ReadError / PasswordRequired
    (unreadable file) and intake.errors.Cancelled. `isolated`: read in a child process
    (intake.reader.isolated), so a crash of a native reader on a hostile file is a ReadError."""
    from validators.run_support import gc_paused
    if isolated:
        from intake.reader.isolated import read_tables_isolated as read_tables
    else:
        from intake.reader import read_tables
    with gc_paused():       # (a warm-up's own pause must not switch the collector back on)
        warming = warm_up.start() if isolated else None
        tables = read_tables(Path(path), password=password, form=form,
                             progress=_half(progress, 0), cancelled=cancelled)
        if warming is not None:
            warming.join()
    from validators.engine import Cancelled as EngineCancelled
    if not tables:
        raise ReadError(f"文件“{Path(path).name}”中没有找到流动儿童或留守儿童登记表")
    checked = []
    for n, table in enumerate(tables):
        validator = validator_for(table, as_of=as_of, county=county)
        try:
            validator.run(progress=_half(progress, 1, n, len(tables)), cancelled=cancelled)
        except EngineCancelled:
            raise Cancelled() from None
        checked.append(CheckedSheet(table, validator))
    return checked


def _half(progress: Progress | None, half: int, part: int = 0, parts: int = 1) -> Progress | None:
    """Reading is the first half of the progress bar, validating (table by table) the second."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        fraction = (part + done / max(total, 1)) / parts
        progress(int((half + fraction) * 500), 1000)
    return report
