"""What `mopai validate` needs from a file, computed in one child process
(intake.reader.isolated.run_isolated): read, validate, the summary lines and the JSON report.

The CLI needs no table afterwards, so nothing but these lines and bytes crosses back: reading
in the child and sending every column to the parent (as the window must) cost 1-2 s on a
100k-row sheet, longer than any part of the check but the read itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

CHECK_REPORT = "intake.check_report:check_report"


@dataclass(frozen=True)
class CheckOutcome:
    sheets: list[list[str]]         # per sheet: the lines to print (mapping first when asked)
    report: bytes | None            # the JSON report, when asked
    has_errors: bool


def check_report(path: Path, *, progress: Callable[[int, int], None] | None = None,
                 form: str | None = None, as_of: date | None = None, county: str | None = None,
                 password: str | None = None, show_mapping: bool = False,
                 json: bool = False) -> CheckOutcome:
    from intake.checking import check_file
    from intake.report import mapping_lines, report_json, summary_lines
    checked = check_file(path, form=form, as_of=as_of, county=county, password=password,
                         progress=progress)
    sheets = [(mapping_lines(sheet) if show_mapping else []) + summary_lines(sheet) for sheet in checked]
    return CheckOutcome(sheets, report_json(checked) if json else None,
                        any(sheet.findings.n_errors for sheet in checked))
