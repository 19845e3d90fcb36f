"""The answer columns a clerk confirmed, remembered per department in the workspace and used on
the department's next answer (as intake.reader.mapping_memory does for the township forms).

A department sends next year's answer (or a corrected one) with the same headers as before, not
always in the same order or on the same sheet, so the memory is by header text: a header the
clerk confirmed ("参保状况" is 参保状态; "备注二" is not used) is mapped so on every later read
of that department's answers, is no longer doubtful, and the clerk may change it again (the new
choice replaces the old). Stored as workspace decisions of kind "dept_header:<department>",
key: the normalised header text, value: the answer column's key (None: not used).
"""
from __future__ import annotations

from intake.reader.mapping import normalise
from intake.workspace import Workspace

KIND = "dept_header:"


def recalled(workspace: Workspace, dept: str) -> dict[str, str | None]:
    """Normalised header text -> the answer key the clerk confirmed (None: not used)."""
    return workspace.decisions(KIND + dept)


def remember(workspace: Workspace, dept: str, headers: dict[str, str | None]) -> None:
    """Remember the clerk's choices: header text (as shown) -> answer key (None: not used)."""
    for header, key in headers.items():
        if normalise(header):
            workspace.set_decision(KIND + dept, normalise(header), key)


def chosen_headers(tables, choices: dict[tuple[str, int], str | None]) -> dict[str, str | None]:
    """The clerk's choices ((sheet, column) -> key) as header text -> key, over the tables read."""
    headers = {(t.sheet, c.col): c.header for t in tables for c in t.columns}
    return {headers[where]: key for where, key in choices.items() if where in headers}
