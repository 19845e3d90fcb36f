"""A township's files of one form: new versions of one list, or separate parts (a village's,
a batch's) that all count (intake.county.parts; no Qt)."""
import math
import shutil

import pytest

from countykit import AS_OF, COUNTY, parts_state as _state
from intake.county.desk import CountyDesk
from intake.county.parts import lineages, pair_key, same_list, same_list_share
from intake.county.resubmissions import resubmissions
from intake.workspace import Workspace


def test_the_share_is_data_and_the_rule_holds_around_it():
    share = same_list_share()
    assert 0 < share < 1                                   # templates/county.toml
    older = frozenset(range(20))
    at = math.ceil(share * 20)
    assert same_list(older, frozenset(range(at)) | {"new"})
    assert not same_list(older, frozenset(range(at - 1)) | {"new", "other"})
    assert same_list(frozenset(), frozenset({"x"}))        # an empty older file is replaced
    assert not same_list(older, frozenset(range(19)), share=0.99)


def test_lineages_parts_versions_a_combined_file_and_the_clerks_word():
    kids = {1: frozenset("abcd"), 2: frozenset("efgh"), 3: frozenset("abcdx"), 4: frozenset("abcdefgh")}
    order = [1, 2, 3]
    got = lineages(order, kids.get, {})
    assert got.replaced_by == {1: 3} and set(got.current.values()) == {2, 3}
    got = lineages([1, 2, 3, 4], kids.get, {})                # all of it in one file at last
    assert got.replaced_by == {1: 3, 2: 4, 3: 4} and list(got.current.values()) == [4]
    got = lineages(order, kids.get, {pair_key(3, 1): (1, False), pair_key(2, 3): (2, True)})
    assert got.replaced_by == {2: 3} and set(got.current.values()) == {1, 3}
    said = {pair_key(1, 2): (1, True), pair_key(2, 3): (2, False), pair_key(1, 3): (3, True)}
    assert lineages(order, kids.get, said).replaced_by == {1: 2, 2: 3}     # the latest word counts
    said[pair_key(2, 3)] = (4, False)
    assert lineages(order, kids.get, said).replaced_by == {1: 2}
    got = lineages(order, kids.get, {}, chosen=[1])
    assert set(got.current.values()) == {1, 2}               # restored within its own lineage


@pytest.fixture(scope="module")
def received(county_parts):
    return county_parts


def _desk(base, tmp_path):
    path = tmp_path / "ws.sqlite"
    if not path.exists():
        shutil.copyfile(base, path)
    ws = Workspace(path)
    return ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY)


def test_two_villages_of_one_township_both_count(received):
    _, (versions, line, children) = received
    assert versions["金城镇-村A.xlsx"].current and versions["金城镇-村B.xlsx"].current
    assert versions["金城镇-村A.xlsx"].superseded_by is None and versions["金城镇-村A.xlsx"].parts == 2
    assert line.files == ("金城镇-村A.xlsx", "金城镇-村B.xlsx") and line.rows == 22 and line.replaced == 0
    assert children == 22


def test_a_real_resubmission_still_replaces_only_its_own_part(received, tmp_path):
    base, _ = received
    ws, desk = _desk(base, tmp_path)
    with ws, desk:
        versions, line, children = _state(desk)
        old, new = versions["金城镇-村A.xlsx"], versions["金城镇-村A（更正）.xlsx"]
        assert not old.current and old.replaced_by == old.superseded_by == new.file_id
        assert versions["金城镇-村B.xlsx"].current and new.current
        assert line.files == ("金城镇-村B.xlsx", "金城镇-村A（更正）.xlsx") and line.rows == 21 and line.replaced == 1
        assert children == 21
        (found,) = resubmissions(desk)
        assert (found.old, found.new, len(found.diff.removed)) == ("金城镇-村A.xlsx", "金城镇-村A（更正）.xlsx", 1)
        from intake.county.report import files_part
        by_file = {f["file"]: f["superseded_by"] for f in files_part(desk)}
        assert by_file == {"金城镇-村A.xlsx": "金城镇-村A（更正）.xlsx", "金城镇-村B.xlsx": None, "金城镇-村A（更正）.xlsx": None}


def test_the_clerk_overrides_both_ways_across_a_restart_and_undo(received, tmp_path):
    base, _ = received
    ws, desk = _desk(base, tmp_path)
    with ws, desk:
        ids = {m.file.name: m.file.id for m in desk.snapshot.meta.values()}
        part = desk.set_relation(ids["金城镇-村A（更正）.xlsx"], ids["金城镇-村A.xlsx"], "liudong", False, "第二批，不是更正")
        part.redo()
        version = desk.set_relation(ids["金城镇-村A.xlsx"], ids["金城镇-村B.xlsx"], "liudong", True, "村B是村A改名后重报")
        version.redo()
    ws, desk = _desk(base, tmp_path)                          # a restart
    with ws, desk:
        versions, line, children = _state(desk)
        assert versions["金城镇-村A.xlsx"].replaced_by == ids["金城镇-村B.xlsx"]
        assert versions["金城镇-村A（更正）.xlsx"].current and versions["金城镇-村B.xlsx"].current
        assert line.rows == 10 + 11 and children == 21
        labels = [c.label for c in desk.logged_commands()]
        assert labels == ["标为单独的一部分", "标为新版本"]
        for command in reversed(desk.logged_commands()):
            command.undo()
        versions, line, children = _state(desk)
        assert versions["金城镇-村A.xlsx"].replaced_by == ids["金城镇-村A（更正）.xlsx"] and children == 21
        assert line.files == ("金城镇-村B.xlsx", "金城镇-村A（更正）.xlsx")


def test_a_file_removed_by_mistake_leaves_every_count_and_undo_brings_it_back(received, tmp_path):
    base, _ = received
    ws, desk = _desk(base, tmp_path)
    with ws, desk:
        ids = {m.file.name: m.file.id for m in desk.snapshot.meta.values()}
        removing = desk.remove_file(ids["金城镇-村B.xlsx"], "别的乡镇的测试文件")
        removing.redo()
        versions, line, children = _state(desk)
        assert "金城镇-村B.xlsx" not in versions and line.files == ("金城镇-村A（更正）.xlsx",)
        assert children == 11 and all(f.name != "金城镇-村B.xlsx" for f in desk.snapshot.files)
        assert removing.label == "移除文件：金城镇-村B.xlsx"
    ws, desk = _desk(base, tmp_path)                          # a restart
    with ws, desk:
        assert len(desk.children("liudong")) == 11
        (logged,) = desk.logged_commands()
        logged.undo()
        versions, line, children = _state(desk)
        assert versions["金城镇-村B.xlsx"].current and children == 21
        from intake.errors import MopaiError
        with pytest.raises(MopaiError):
            desk.remove_file(999)
