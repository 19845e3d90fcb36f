"""The county's desk on a generated township set: files received, townships, versions, groups,
the board (no Qt)."""
import pytest

from countykit import desk_on, where
from intake.county.model import BOTH_FORMS, DUPLICATE, OPEN, POSSIBLE
from intake.county.receive import ADDED, SAME, UNREADABLE
from intake.county.township import ADDRESSES, FILE_NAME, UNIT_COLUMN, UNIT_LINE
from validators.townships import townships_of


@pytest.fixture
def county(county_set):
    return county_set


def test_every_expected_group_is_found_with_its_rows_and_no_other(county, tmp_path):
    made, base, _ = county
    with desk_on(base, tmp_path) as desk:
        found = {(g.kind, where(g)) for g in desk.groups()}
    expected = {(g.kind, tuple(sorted(g.occurrences))) for g in made.groups}
    assert found == expected
    kinds = {(g.kind, g.how) for g in made.groups}
    assert {k for k, _ in kinds} == {DUPLICATE, BOTH_FORMS, POSSIBLE}
    assert {h for k, h in kinds if k == POSSIBLE} == {"one_digit", "swapped", "order_code", "missing",
                                                      "homophone", "one_char"}


def test_no_group_where_children_merely_share_a_name(county, tmp_path):
    made, base, _ = county
    with desk_on(base, tmp_path) as desk:
        grouped = {o for g in desk.groups() for o in where(g)}
    assert made.not_grouped and all(a not in grouped and b not in grouped for a, b in made.not_grouped)


def test_groups_say_why_and_which_fields_differ(county, tmp_path):
    _, base, _ = county
    with desk_on(base, tmp_path) as desk:
        dup = desk.groups(kind=DUPLICATE)[0]
        assert dup.differs is None                               # compared on demand
        dup = desk.compared(dup)
        assert dup.why == ("id.same",) and dup.differs == ("father_phone",) and "name" in dup.agrees
        homophone = next(g for g in desk.groups(kind=POSSIBLE, compared=True) if "name.homophone" in g.why)
        assert {"name", "id_number"} <= set(homophone.differs)
        assert desk.groups()[0].differs is not None               # kept once compared
        assert all(g.status == OPEN for g in desk.groups())


def test_received_added_same_content_skipped_unreadable_listed(county):
    made, _, received = county
    status = {r.path.name: r for r in received}
    assert status[f"复件-{made.copy[1]}"].status == SAME
    assert made.copy[1] in status[f"复件-{made.copy[1]}"].message
    assert status[made.unreadable].status == UNREADABLE and "损坏的文件.xlsx" in status[made.unreadable].message
    assert all(status[name].status == ADDED for name in made.files)
    assert not any(n.startswith(("~$", ".")) for n in status)       # owner and hidden files ignored


def test_township_of_each_file_with_and_without_a_unit_line(county, tmp_path):
    made, base, _ = county
    with desk_on(base, tmp_path) as desk:
        towns = {m.file.name: m.township for m in desk.snapshot.meta.values()}
    for name, town in made.township_of.items():
        assert towns[name].name == town, name
    hows = {towns[name].how for name in made.files}
    assert {UNIT_LINE, ADDRESSES, FILE_NAME} <= hows | {UNIT_COLUMN}
    plain = [n for n in made.files if towns[n].how == ADDRESSES]
    assert plain and towns[next(n for n in made.files if n.startswith(made.towns[2]) and "流动" in n)].how == FILE_NAME
    assert not towns[next(n for n in made.files if n.startswith("外县"))].listed


def test_board_lists_every_township_of_the_county_and_the_stranger(county, tmp_path):
    made, base, _ = county
    with desk_on(base, tmp_path) as desk:
        board = desk.board()
    listed = [b for b in board if b.listed]
    assert len(listed) == 2 * len(townships_of("511324"))
    sent = {(b.township, b.form) for b in listed if b.received}
    assert sent == {(t, f) for t in made.towns for f in ("liudong", "liushou")}
    silent = [b for b in listed if not b.received]
    assert silent and all(b.rows == 0 and not b.files for b in silent)
    stranger, = [b for b in board if not b.listed]
    assert stranger.files == (next(n for n in made.files if n.startswith("外县")),)
    assert stranger.rows_with_errors == stranger.rows           # 现居住地 outside the county
    line = next(b for b in listed if b.township == made.towns[0] and b.form == "liudong")
    assert line.rows == made.rows[line.files[0]] and line.open_conflicts >= 3 and line.last_fill_date == "2025-12-31"
    resub = next(b for b in listed if b.township == made.resubmission["township"] and b.form == "liushou")
    assert resub.replaced == 1 and resub.files == (made.resubmission["new"],)


def test_resubmission_replaces_the_older_version_and_says_what_changed(county, tmp_path):
    made, base, _ = county
    r = made.resubmission
    with desk_on(base, tmp_path) as desk:
        from intake.county.resubmissions import resubmissions
        (found,) = resubmissions(desk)
        assert (found.old, found.new) == (r["old"], r["new"])
        assert (len(found.diff.added), len(found.diff.removed), len(found.diff.changed)) == (3, 2, 2)
        assert all(c.changes[0].field == "guardianship" for c in found.diff.changed)
        chain = desk.snapshot.versions.by_sheet[found.new_sheet_id].chain
        assert [x.new for x in resubmissions(desk, chain)] == [r["new"]]       # one township's only
        other = next(m.version.chain for m in desk.snapshot.meta.values() if m.version.chain != chain)
        assert resubmissions(desk, other) == []
        old = next(m for m in desk.snapshot.meta.values() if m.file.name == r["old"])
        assert not old.version.current and old.version.superseded_by == found.new_file_id
        before = len(desk.children("liushou"))
        restore = desk.make_current(old.file.id, "liushou", "更正版有误，先用第一版")
        restore.redo()
        assert desk.snapshot.meta[old.info.sheet_id].version.current
        assert len(desk.children("liushou")) == before - 1          # 30 children, not 31
        restore.undo()
        assert not desk.snapshot.meta[old.info.sheet_id].version.current
        assert len(desk.children("liushou")) == before


def test_a_reader_crash_in_its_child_becomes_a_listed_file(tmp_path):
    from intake.child_pool import JobFailed
    from intake.county.receive import _failure
    message = _failure(tmp_path / "坏表.xlsx", JobFailed("", crashed=True, exitcode=-6))
    assert "坏表.xlsx" in message and "读取程序意外退出" in message


def test_folders_are_searched_recursively_without_owner_or_hidden_files(county_set):
    from intake.county.receive import sheet_files
    made, _, _ = county_set
    found = [p.name for p in sheet_files([made.folder])]
    assert f"复件-{made.copy[1]}" in found and made.unreadable in found
    assert not [n for n in found if n.startswith(("~$", "."))]
    assert found.index(made.copy[1]) < found.index(f"复件-{made.copy[1]}")   # a folder's own files first


def test_the_queue_filters_walks_and_shows_records_side_by_side(county, tmp_path):
    made, base, _ = county
    with desk_on(base, tmp_path) as desk:
        town = made.towns[1]
        mine = desk.groups(township=town)
        assert mine and all(town in g.townships for g in mine)
        possible = desk.groups(kind=POSSIBLE)
        assert desk.neighbour(possible[0].key, 1, kind=POSSIBLE).key == possible[1].key
        assert desk.neighbour(possible[0].key, -1, kind=POSSIBLE).key == possible[-1].key
        g = next(g for g in possible if "name.homophone" in g.why)
        (a, va), (b, vb) = desk.side_by_side(g)
        assert va["name"] != vb["name"] and va["birth_date"] == vb["birth_date"]
        table = desk.open_session(a.ref.sheet_id).table          # a double-click opens that row
        assert table.row_numbers[a.ref.index] == a.row and table.data.values["name"][a.ref.index] == va["name"]


def test_without_a_county_the_county_is_inferred_from_the_addresses(county, tmp_path):
    _, base, _ = county
    with desk_on(base, tmp_path, county=None) as desk:
        assert desk.county == "511324" and desk.county_inferred
        assert len([b for b in desk.board() if b.listed]) == 2 * len(townships_of("511324"))
