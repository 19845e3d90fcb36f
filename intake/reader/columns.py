"""Map a header's columns to one form's fields: exact matches first, then fuzzy ones.

Each field takes at most one column (the first exact one, else the best fuzzy one); a second
column naming the same field stays unmapped and is reported.
"""
from __future__ import annotations

from intake.privacy import quote
from intake.reader.grid import Grid
from intake.reader.layout import Header
from intake.reader.mapping import FormIndex, Match
from intake.table import ImportNote, SourceColumn

# Columns this tool adds to the files it sends back (intake.export.return_marks): kept and
# ignored without a note when such a file is imported again.
OWN_COLUMNS = frozenset({"问题说明"})


def map_columns(header: Header, index: FormIndex, grid: Grid,
                remembered: dict[int, str | None] | None = None) -> list[SourceColumn]:
    """SourceColumns in sheet order; `remembered` (col → field) overrides matching."""
    matches: dict[int, Match] = {}
    taken: set[str] = set()
    for hc in header.columns:
        if remembered is not None and hc.col in remembered:
            key = remembered[hc.col]
            if key is None:
                matches[hc.col] = Match(None, 1.0, "remembered")
            elif index.form.has(key) and key not in taken:
                matches[hc.col] = Match(key, 1.0, "remembered")
                taken.add(key)
    for hc in header.columns:
        if hc.col in matches:
            continue
        hit = index.lookup(hc.text)
        if hit and hit.field not in taken:
            matches[hc.col] = hit
            taken.add(hit.field)
    fuzzy = [(hc.col, index.fuzzy(hc.text)) for hc in header.columns if hc.col not in matches]
    for col, m in sorted(fuzzy, key=lambda cm: cm[1].confidence, reverse=True):
        if m.field is not None and m.field not in taken:
            matches[col] = m
            taken.add(m.field)
        else:
            matches[col] = Match(None, m.confidence, "unmapped", m.candidates)
    return [SourceColumn(col=hc.col, header=hc.display, field=matches[hc.col].field,
                         confidence=matches[hc.col].confidence if matches[hc.col].field else 0.0,
                         how=matches[hc.col].how, hidden=hc.col in grid.hidden_cols,
                         width=grid.widths.get(hc.col))
            for hc in header.columns]


def mapping_notes(columns: list[SourceColumn], header: Header, index: FormIndex) -> list[ImportNote]:
    """Tell the clerk about guessed, unmapped and duplicate columns."""
    notes = []
    texts = {hc.col: hc.text for hc in header.columns}
    for c in columns:
        if c.how == "remembered":
            continue                # the clerk confirmed this column before
        if c.how == "fuzzy":
            label = index.form.field(c.field).label
            notes.append(ImportNote("read.fuzzy_header", f"表头“{quote(c.header)}”按相似度对应到“{label}”"
                                    f"（把握{round(c.confidence * 100)}%），请核对", None, c.col))
        elif c.field is None and _names_taken_field(texts[c.col], index):
            notes.append(ImportNote("read.duplicate_column", f"表头“{quote(c.header)}”与前面的列重复，"
                                    "这一列已保留但不检查", None, c.col))
        elif c.field is None and c.header.strip() in OWN_COLUMNS:
            continue                # this tool's own 问题说明 column in a returned file
        elif c.field is None:
            notes.append(ImportNote("read.unmapped_header", f"表头“{quote(c.header)}”不是登记表的列，"
                                    "已保留但不检查" + _candidates_hint(texts[c.col], index), None, c.col))
    return notes


def _names_taken_field(text: str, index: FormIndex) -> bool:
    return index.lookup(text) is not None


def _candidates_hint(text: str, index: FormIndex) -> str:
    match = index.fuzzy(text)
    if len(match.candidates) > 1:
        labels = "”或“".join(index.form.field(k).label for k in match.candidates[:3])
        return f"（像“{labels}”，无法确定，请在列对应中指定）"
    return ""
