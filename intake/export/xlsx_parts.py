"""The small fixed parts of a workbook written by intake.export.xlsx_stream: content types,
relationships, workbook.xml (sheet names, autofilter and print-title names) and the
book's title and comments (docProps/core.xml, only when given). Styles: intake.export.xlsx_styles."""
from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from intake.export.xlsx_stream import HEAD, NS, NS_R, REL

MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CORE = "application/vnd.openxmlformats-package.core-properties"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def content_types(n_sheets: int, core: bool = False) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{MAIN}.worksheet+xml"/>'
                     for i in range(1, n_sheets + 1))
    return (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{MAIN}.styles+xml"/>{sheets}'
            + (f'<Override PartName="/docProps/core.xml" ContentType="{CORE}+xml"/>' if core else "") + "</Types>")


def root_rels(core: bool = False) -> str:
    props = (f'<Relationship Id="rId2" Type="{PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
             if core else "")
    return (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>{props}</Relationships>')


def core_xml(title: str | None, comments: str | None) -> str:
    """The book's title and comments (Excel: 文件 > 信息 > 属性)."""
    fields = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in (("dc:title", title),
                                                                          ("dc:description", comments)) if text)
    return (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
            'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"{fields}</cp:coreProperties>")


def workbook_rels(n_sheets: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                     for i in range(1, n_sheets + 1))
    return (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{sheets}<Relationship Id="rId{n_sheets + 1}" Type="{REL}/styles" Target="styles.xml"/>'
            '</Relationships>')


def workbook_xml(sheets: Sequence[tuple[str, str | None, str | None]]) -> str:
    """sheets: (name, autofilter range or None, print titles or None) in order."""
    entries = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
                      for i, (name, _, _) in enumerate(sheets, 1))
    names = "".join(
        (f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
         f"{escape(_quoted(name))}!{_absolute(ref)}</definedName>" if ref else "")
        + (f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(titles)}</definedName>'
           if titles else "")
        for i, (name, ref, titles) in enumerate(sheets))
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
