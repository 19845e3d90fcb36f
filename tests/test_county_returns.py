"""Every township's return file at once (intake.county.returns, `mopai county --returns`): the
files with something to send back and only those, their names, the send-backs in their
township's file, the index, the originals untouched, nothing left behind on failure."""
import hashlib
import json
import os
import shutil

import pytest
from openpyxl import load_workbook

from countykit import AS_OF, COUNTY, desk_on
from intake.cli import main
from intake.county.model import SENT_BACK
from intake.county.return_names import return_names
from intake.county.returns import INDEX_NAME
from intake.errors import Cancelled, WriteError

ARGS = ["--as-of", AS_OF.isoformat(), "--county", COUNTY]


@pytest.fixture(scope="module")
def base(county_set):
    return county_set[1]


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def _texts(path, row):
    ws = load_workbook(path).worksheets[1]
    return [str(c.value) for r in ws.iter_rows(min_row=row, max_row=row) for c in r if c.value]


def test_one_return_file_per_current_file_with_problems(county_set, base, tmp_path):
    made = county_set[0]
    before = _digests(made.folder)
    with desk_on(base, tmp_path) as desk:
        current = {m.file.name: m for m in desk.snapshot.meta.values() if m.version.current}
        summary = desk.write_returns(tmp_path / "退回")
    counts = {name: m.info.counts.n_errors + m.info.counts.n_warnings for name, m in current.items()}
    assert {w.file: w.problems for w in summary.written} == {n: c for n, c in counts.items() if c}
    assert sorted(summary.skipped) == sorted(n for n, c in counts.items() if not c)
    assert summary.skipped and "马鞍镇留守儿童（第一版）.xlsx" not in summary.skipped      # replaced: not current
    written = {w.file: w.target.name for w in summary.written}
    assert written["金城镇流动儿童.xlsx"] == "金城镇_流动儿童_退回.xlsx"
    assert sorted(os.listdir(tmp_path / "退回")) == sorted([*written.values(), INDEX_NAME])   # no temp left
    assert _digests(made.folder) == before
    if os.name == "posix":
        assert {oct((tmp_path / "退回" / n).stat().st_mode & 0o777) for n in os.listdir(tmp_path / "退回")} == {"0o600"}
    index = list(load_workbook(tmp_path / "退回" / INDEX_NAME).active.iter_rows(values_only=True))
    lines = {r[3]: r for r in index if r[3] and r[3].endswith("_退回.xlsx")}
    assert {(r[0], r[2], r[4], r[5]) for r in lines.values()} == {
        (w.township if w.listed else f"{w.township}（不是本县的乡镇）", w.file, w.problems, w.send_backs)
        for w in summary.written}
    stranger = next(n for n in made.files if n.startswith("外县"))       # another county's township: said so
    assert [w.listed for w in summary.written if w.file == stranger] == [False]
    assert all(w.listed for w in summary.written if w.file != stranger)
    assert any(r[2] == summary.skipped[0] for r in index)
    assert summary.lines()[0].startswith(f"已为 {len(written)} 个乡镇文件导出退回文件，{len(summary.skipped)} 个文件")


def test_a_send_back_appears_in_its_townships_file_even_a_clean_one(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        clean = {m.file.name for m in desk.snapshot.meta.values()
                 if m.version.current and not (m.info.counts.n_errors or m.info.counts.n_warnings)}
        g = next(g for g in desk.groups() if any(o.file in clean for o in g.occurrences))
        target = next(o for o in g.occurrences if o.file in clean)
        assert not any(w.file == target.file for w in desk.write_returns(tmp_path / "前").written)
        desk.send_back(g, [target.ref], "请核对这名儿童").redo()
        assert desk.group(g.key).status == SENT_BACK
        summary = desk.write_returns(tmp_path / "后")
    w = next(w for w in summary.written if w.file == target.file)
    assert (w.problems, w.send_backs) == (0, 1)
    assert any("县级汇总时发现" in t and "请核对这名儿童" in t for t in _texts(w.target, target.row))
    others = [x for x in summary.written if x.file != target.file]
    assert all(x.send_backs == 0 for x in others)


def test_a_failure_or_a_cancel_leaves_nothing_in_the_folder(base, tmp_path, monkeypatch):
    import intake.export
    calls = []
    real = intake.export.write_return

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise WriteError("磁盘已满")
        return real(*args, **kwargs)
    out = tmp_path / "退回"
    out.mkdir()
    (out / "金城镇_流动儿童_退回.xlsx").write_bytes(b"an earlier return file")
    monkeypatch.setattr(intake.export, "write_return", failing)
    with desk_on(base, tmp_path) as desk:
        with pytest.raises(WriteError):
            desk.write_returns(out)
        monkeypatch.setattr(intake.export, "write_return", real)
        seen = []
        with pytest.raises(Cancelled):
            desk.write_returns(out, progress=lambda d, t: seen.append(d), cancelled=lambda: len(seen) > 2)
    assert os.listdir(out) == ["金城镇_流动儿童_退回.xlsx"]         # no temp file or folder left
    assert (out / "金城镇_流动儿童_退回.xlsx").read_bytes() == b"an earlier return file"


def test_names_are_unique_when_a_township_sent_several_files():
    names = return_names([("金城镇", ["liudong"], "金城镇-村A.xlsx"), ("金城镇", ["liudong"], "金城镇-村B.xlsx"),
                          ("金城镇", ["liushou"], "留守.xlsx"), ("", ["liudong"], "x.csv"),
                          ("新政镇", ["liudong"], "a/b.xlsx"), ("新政镇", ["liudong"], "A/B.xlsx")])
    assert names[:4] == ["金城镇_流动儿童_金城镇-村A_退回.xlsx", "金城镇_流动儿童_金城镇-村B_退回.xlsx",
                         "金城镇_留守儿童_退回.xlsx", "未识别乡镇_流动儿童_退回.xlsx"]
    assert len({n.lower() for n in names}) == len(names)


def test_cli_writes_the_returns_and_lists_them_in_the_json(county_set, base, tmp_path, capsys):
    made = county_set[0]
    ws = tmp_path / "ws.sqlite"
    shutil.copyfile(base, ws)
    code = main(["county", str(made.folder), *ARGS, "--workspace", str(ws), "--json", str(tmp_path / "r.json"),
                 "--returns", str(tmp_path / "退回")])
    assert code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {"files", "groups", "children", "returns"} <= set(report)
    assert {r["return_file"] for r in report["returns"]} | {INDEX_NAME} == set(os.listdir(tmp_path / "退回"))
    r = next(r for r in report["returns"] if r["file"] == "金城镇流动儿童.xlsx")
    assert r == {"file": "金城镇流动儿童.xlsx", "return_file": "金城镇_流动儿童_退回.xlsx", "township": "金城镇",
                 "form": "liudong", "problems": r["problems"], "send_backs": 0} and r["problems"] > 0
    assert "个乡镇文件导出退回文件" in capsys.readouterr().out


@pytest.mark.parametrize("where", ["a file", "under a file", "inside the received folder"])
def test_cli_refuses_a_folder_it_cannot_use(county_set, tmp_path, capsys, where):
    made = county_set[0]
    if where in ("a file", "under a file"):
        folder = tmp_path / "退回"
        folder.write_text("not a folder")
        folder = folder / "乡镇" if where == "under a file" else folder
    else:
        folder = made.folder / "退回"
    code = main(["county", str(made.folder), *ARGS, "--json", str(tmp_path / "r.json"), "--returns", str(folder)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "退回文件" in err
    assert not (tmp_path / "r.json").exists()
    assert not (made.folder / "退回").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["退回"] if "file" in where else [])   # nothing made


def test_a_missing_folder_is_made_only_when_written(base, tmp_path):
    from intake.county.returns import check_folder
    assert check_folder(tmp_path / "新" / "退回") == tmp_path / "新" / "退回"
    assert list(tmp_path.iterdir()) == []
    with desk_on(base, tmp_path) as desk:
        summary = desk.write_returns(tmp_path / "新" / "退回")
    assert summary.written and (tmp_path / "新" / "退回" / INDEX_NAME).is_file()
