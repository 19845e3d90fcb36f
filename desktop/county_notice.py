"""The line above a sheet whose every row lies outside the clerk's county. Either the county was
picked wrong at the first start (one slip in the search list, and 2,000 rows turn red) or the
sheet is another county's: the red 不在本县范围 alone says neither, so the tab says both ways out."""
from __future__ import annotations

from desktop import sample
from validators import divisions

CODE = "address.outside_county"


def text(findings, n_live_rows: int, county: str | None) -> str:
    """'' unless every row still in the sheet is 不在本县范围 (one such finding per row)."""
    n = findings.count(CODE)
    if not county or n_live_rows <= 0 or n < n_live_rows:
        return ""
    name = divisions.full_name(county) if divisions.get(county) else county
    return (f"这张表的全部 {n_live_rows} 行都不在本县（{name}）范围。如果本县选错了，请点“设置”改选本县，"
            f"改后会重新检查；如果这是别的县的表，请退回报表单位。")


def for_tab(workspace, session, county: str | None) -> str:
    """The tab's notice: the sample's own county, or the whole sheet outside the clerk's county."""
    own = sample.notice(workspace, session.sheet_id, county)
    if own:
        return own
    live = session.table.n_rows - len(session.deleted_rows)
    return text(session.findings, live, county)
