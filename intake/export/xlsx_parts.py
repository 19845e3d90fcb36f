"""The small fixed parts of a workbook written by intake.export.xlsx_stream: content types,
relationships, workbook.xml (sheet names, autofilter names) and styles.xml."""
from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from intake.export.xlsx_stream import HEAD, NS, NS_R, REL, Style

MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def content_types(n_sheets: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{MAIN}.worksheet+xml"/>'
                     for i in range(1, n_sheets + 1))
    return (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{MAIN}.styles+xml"/>{sheets}</Types>')


def root_rels() -> str:
    return (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def workbook_rels(n_sheets: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                     for i in range(1, n_sheets + 1))
    return (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{sheets}<Relationship Id="rId{n_sheets + 1}" Type="{REL}/styles" Target="styles.xml"/>'
            '</Relationships>')


def workbook_xml(sheets: Sequence[tuple[str, str | None]]) -> str:
    """sheets: (name, autofilter range or None) in order."""
    entries = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
                      for i, (name, _) in enumerate(sheets, 1))
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(_quoted(name))}!{_absolute(ref)}</definedName>"
        for i, (name, ref) in enumerate(sheets) if ref)
    return (f'{HEAD}<workbook {NS} {NS_R}><bookViews><workbookView/></bookViews><sheets>{entries}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>")


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    """A1:J100 -> $A$1:$J$100"""
    def one(cell: str) -> str:
        letters = cell.rstrip("0123456789")
        return f"${letters}${cell[len(letters):]}"
    return ":".join(one(c) for c in ref.split(":"))


def _argb(color: str) -> str:
    return "FF" + color.lstrip("#").upper()


def styles_xml(styles: Sequence[Style]) -> str:
    """One font, fill and border per style (a handful of styles: no sharing needed)."""
    fonts, fills, borders, xfs = [], ['<fill><patternFill patternType="none"/></fill>',
                                      '<fill><patternFill patternType="gray125"/></fill>'], [], []
    for n, s in enumerate(styles):
        color = f'<color rgb="{_argb(s.color)}"/>' if s.color else ""
        fonts.append(f'<font>{"<b/>" if s.bold else ""}<sz val="11"/>{color}<name val="等线"/>'
                     '<family val="2"/><charset val="134"/></font>')
        fill = 0
        if s.fill:
            fills.append(f'<fill><patternFill patternType="solid"><fgColor rgb="{_argb(s.fill)}"/>'
                         '<bgColor indexed="64"/></patternFill></fill>')
            fill = len(fills) - 1
        side = '<{0} style="thin"><color auto="1"/></{0}>' if s.border else "<{0}/>"
        borders.append("<border>" + "".join(side.format(e) for e in ("left", "right", "top", "bottom"))
                       + "<diagonal/></border>")
        applied = "".join(attr for attr, on in ((' applyNumberFormat="1"', s.text),
                                                 (' applyFont="1"', s.bold or bool(s.color)),
                                                 (' applyFill="1"', bool(fill)),
                                                 (' applyBorder="1"', s.border),
                                                 (' applyAlignment="1"', s.center)) if on)
        align = '<alignment horizontal="center" vertical="center" wrapText="1"/>' if s.center else ""
        head = (f'<xf numFmtId="{49 if s.text else 0}" fontId="{n}" fillId="{fill}" borderId="{n}" '
                f'xfId="0"{applied}')
        xfs.append(f"{head}>{align}</xf>" if align else f"{head}/>")
    return (f"{HEAD}<styleSheet {NS}>"
            f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
            f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
            f'<borders count="{len(borders)}">{"".join(borders)}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>")
