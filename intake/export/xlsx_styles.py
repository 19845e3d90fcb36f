"""styles.xml of a workbook written by intake.export.xlsx_stream: one font, fill, border and
cell format per Style (a handful of styles: no sharing needed), and the custom number formats
("yyyy-mm-dd") the styles use. A style with only the original fields (bold, border, center,
fill, color, text) is written exactly as before the font, size, vcenter, border_color and
num_format fields existed (the upload file's bytes do not change)."""
from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import quoteattr

from intake.export.xlsx_stream import HEAD, NS, Style

BUILTIN_FORMATS = {"0": 1, "0.00": 2, "@": 49}
FIRST_CUSTOM_FORMAT = 164


def _argb(color: str) -> str:
    return "FF" + color.lstrip("#").upper()


def _number_formats(styles: Sequence[Style]) -> dict[str, int]:
    custom = dict.fromkeys(s.num_format for s in styles if s.num_format and s.num_format not in BUILTIN_FORMATS)
    return {**BUILTIN_FORMATS, **{f: FIRST_CUSTOM_FORMAT + i for i, f in enumerate(custom)}}


def _font(s: Style) -> str:
    color = f'<color rgb="{_argb(s.color)}"/>' if s.color else ""
    size = f"{s.size:g}" if s.size is not None else "11"
    charset = "" if s.font else '<charset val="134"/>'      # a named font: its own (LibreOffice sizes
    return (f'<font>{"<b/>" if s.bold else ""}<sz val="{size}"/>{color}<name val={quoteattr(s.font or "等线")}/>'
            f'<family val="2"/>{charset}</font>')                 # rows by the GB2312 font otherwise)


def _border(s: Style) -> str:
    color = f'<color rgb="{_argb(s.border_color)}"/>' if s.border_color else '<color auto="1"/>'
    side = f'<{{0}} style="thin">{color}</{{0}}>' if s.border else "<{0}/>"
    return "<border>" + "".join(side.format(e) for e in ("left", "right", "top", "bottom")) + "<diagonal/></border>"


def _alignment(s: Style) -> str:
    if s.center:
        return '<alignment horizontal="center" vertical="center" wrapText="1"/>'
    return '<alignment vertical="center"/>' if s.vcenter else ""


def styles_xml(styles: Sequence[Style]) -> str:
    formats = _number_formats(styles)
    fonts, fills, borders, xfs = [], ['<fill><patternFill patternType="none"/></fill>',
                                      '<fill><patternFill patternType="gray125"/></fill>'], [], []
    for n, s in enumerate(styles):
        fonts.append(_font(s))
        fill = 0
        if s.fill:
            fills.append(f'<fill><patternFill patternType="solid"><fgColor rgb="{_argb(s.fill)}"/>'
                         '<bgColor indexed="64"/></patternFill></fill>')
            fill = len(fills) - 1
        borders.append(_border(s))
        number = 49 if s.text else formats[s.num_format] if s.num_format else 0
        applied = "".join(attr for attr, on in ((' applyNumberFormat="1"', bool(number)),
                                                 (' applyFont="1"', s.bold or bool(s.color) or bool(s.font)
                                                  or s.size is not None),
                                                 (' applyFill="1"', bool(fill)),
                                                 (' applyBorder="1"', s.border),
                                                 (' applyAlignment="1"', s.center or s.vcenter)) if on)
        align = _alignment(s)
        head = f'<xf numFmtId="{number}" fontId="{n}" fillId="{fill}" borderId="{n}" xfId="0"{applied}'
        xfs.append(f"{head}>{align}</xf>" if align else f"{head}/>")
    custom = [(f, i) for f, i in formats.items() if i >= FIRST_CUSTOM_FORMAT]
    numfmts = (f'<numFmts count="{len(custom)}">'
               + "".join(f"<numFmt numFmtId=\"{i}\" formatCode={quoteattr(f)}/>" for f, i in custom)
               + "</numFmts>" if custom else "")
    return (f"{HEAD}<styleSheet {NS}>{numfmts}"
            f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
            f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
            f'<borders count="{len(borders)}">{"".join(borders)}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>")
