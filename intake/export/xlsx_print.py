"""Page setup of a sheet written by intake.export.xlsx_stream: orientation, paper, scale, a
footer, and the print titles (rows and columns repeated on every page, the workbook's defined
name _xlnm.Print_Titles).

    PageSetup(landscape=True, paper=9, scale=80, footer="&C第 &P 页，共 &N 页",
              title_rows=(4, 4), title_cols=(1, 3))          # 1-based, inclusive
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from xlsxwriter.utility import xl_col_to_name

MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'


@dataclass(frozen=True)
class PageSetup:
    landscape: bool = False
    paper: int | None = None                      # Excel's paperSize code: 9 = A4
    scale: int | None = None                      # per cent
    footer: str | None = None                     # Excel's header/footer codes (&C, &P, &N)
    title_rows: tuple[int, int] | None = None     # first and last row repeated on each page
    title_cols: tuple[int, int] | None = None     # first and last column
    fit_width: bool = False                       # all columns across one page (scale then ignored)

    def sheet_pr(self) -> str:
        """The sheetPr the fit needs; it opens the sheet, before its dimension."""
        return '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if self.fit_width else ""

    def xml(self) -> str:
        """pageMargins, pageSetup and headerFooter: the last parts of the sheet."""
        fit = (("fitToWidth", 1), ("fitToHeight", 0)) if self.fit_width else (("scale", self.scale),)
        attrs = "".join(f' {k}="{v}"' for k, v in (("paperSize", self.paper), *fit,
                                                    ("orientation", "landscape" if self.landscape else None))
                        if v is not None)
        footer = f"<headerFooter><oddFooter>{escape(self.footer)}</oddFooter></headerFooter>" if self.footer else ""
        return f"{MARGINS}<pageSetup{attrs}/>{footer}"

    def titles(self, sheet: str) -> str | None:
        """The value of the sheet's _xlnm.Print_Titles ("'台账'!$A:$C,'台账'!$4:$4"), or None."""
        quoted = "'" + sheet.replace("'", "''") + "'"
        parts = []
        if self.title_cols:
            first, last = (xl_col_to_name(c - 1) for c in self.title_cols)
            parts.append(f"{quoted}!${first}:${last}")
        if self.title_rows:
            parts.append(f"{quoted}!${self.title_rows[0]}:${self.title_rows[1]}")
        return ",".join(parts) or None
