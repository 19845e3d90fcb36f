"""Drop-down lists (data validation of type list) for intake.export.xlsx_stream: a column's
cells offer a few fixed options, with an input prompt. Written after the sheet's autofilter.

    ListValidation("Q5:Q510", ("是",), title="主动求助", prompt="符合时选“是”")
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

MAX_FORMULA = 255          # Excel's limit on a list written into the validation itself


@dataclass(frozen=True)
class ListValidation:
    ref: str                        # the cells, "Q5:Q510" (several ranges space-separated)
    items: tuple[str, ...]
    title: str | None = None        # the input prompt's title and text
    prompt: str | None = None

    def formula(self) -> str:
        if any("," in i or '"' in i for i in self.items):
            raise ValueError(f"drop-down options cannot hold a comma or a quote: {self.items}")
        text = '"' + ",".join(self.items) + '"'
        if len(text) > MAX_FORMULA:
            raise ValueError(f"drop-down options too long for the cell ({len(text)} > {MAX_FORMULA})")
        return text


def validations_xml(validations: Sequence[ListValidation]) -> str:
    if not validations:
        return ""
    out = []
    for v in validations:
        prompt = "".join(f" {attr}={quoteattr(text)}" for attr, text in
                         (("promptTitle", v.title), ("prompt", v.prompt)) if text)
        out.append(f'<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"'
                   f'{prompt} sqref="{v.ref}"><formula1>{escape(v.formula())}</formula1></dataValidation>')
    return f'<dataValidations count="{len(out)}">{"".join(out)}</dataValidations>'
