"""Another county's children (a file sent here by mistake: the generated set's 外县…流动儿童.xlsx,
every row 现居住地 in another county) stay on the board and in the JSON's counts, but are no part
of the county's statistics, key-care ledger or department lists."""
from __future__ import annotations

from countykit import desk_on
from intake.county.children import OUTSIDE_COUNTY
from intake.stats.inputs import desk_children

OTHER = "外县"


def _files(children) -> set[str]:
    return {c.file for c in children}


def test_other_county_children_left_out_of_the_county_only_children(county_set, tmp_path):
    made, base, _ = county_set
    with desk_on(base, tmp_path) as desk:
        everyone = desk.children("liudong")
        own = desk.children("liudong", county_only=True)
        others = [c for c in everyone if c.file.startswith(OTHER)]
        assert len(others) == 4                                   # the JSON's rule: they count there
        assert not any(c.file.startswith(OTHER) for c in own)
        assert len(own) == len(everyone) - len(others)
        # what left them out is the county check's own finding on each of their rows
        live = desk.keys.live(desk.snapshot)
        flagged = live.filter(live["file"].str.starts_with(OTHER))["errors"].to_list()
        assert flagged and all(OUTSIDE_COUNTY in (e or "") for e in flagged)
        # the 留守 form has no such file: nothing is left out there
        assert len(desk.children("liushou", county_only=True)) == len(desk.children("liushou"))


def test_statistics_and_department_lists_hold_only_the_countys_children(county_set, tmp_path):
    made, base, _ = county_set
    with desk_on(base, tmp_path) as desk:
        children = desk_children(desk)
        assert not any(f.startswith(OTHER) for f in _files(children.children["liudong"]))
        # the source line names only the files counted: the other county's file is not one
        assert children.source.files and not any(f.startswith(OTHER) for f in children.source.files)
        assert set(children.source.files) >= {c.file for refs in children.children.values() for c in refs}
        keys = desk.children_keys(county_only=True)
        assert not any(f.startswith(OTHER) for f in keys["file"].to_list())
        assert any(f.startswith(OTHER) for f in desk.children_keys()["file"].to_list())
        from intake.departments.desk import DepartmentDesk
        dept = DepartmentDesk(desk)
        register = dept.register("jiaoyu", ["name"])
        assert len(register) and not any(f.startswith(OTHER) for f in register["file"].to_list())
