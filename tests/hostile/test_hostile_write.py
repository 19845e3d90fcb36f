"""Writes that fail or are killed: nothing is left in $TMPDIR, nothing but this tool's hidden temp
files (0600, like the outputs) beside the target, and those are swept by the next start of the
app (the journal in the data folder) or by the CLI before it writes into the folder."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import digest, leftovers
from generator import generate, write_xlsx

from intake import atomic
from intake.checking import check_file
from intake.cli import main
from intake.errors import Cancelled, WriteError
from intake.export import write_report, write_return, write_template, write_upload

ROOT = Path(__file__).resolve().parents[2]
OURS = re.compile(r"^\..+\.mopai-\d+-[0-9a-f]+\.tmp(\.d)?$")
AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def township(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("township")
    path = folder / "城关镇.xlsx"
    write_xlsx(path, generate("liudong", 60, seed=3, as_of=AS_OF, inject="all"))
    return path


def _cancel_at_finish(seen: list):
    """cancelled() for Steps: False while the rows are written, True at the final check, when
    the writers' own temporary files exist; it records where they are at that moment."""
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= 2 and not seen.append(_scratch_contents(seen[0])) and True
    return cancelled


def _scratch_contents(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


WRITERS = {"upload": write_upload, "report.xlsx": write_report, "report.csv": write_report}


@pytest.mark.parametrize("kind", list(WRITERS) + ["return"])
def test_a_failed_write_leaves_nothing(kind, township, tmp_path, private_tmp, monkeypatch):
    """Cancelled at the end (the writers' own temp files exist then), or the disk full while
    openpyxl saves the return file."""
    checked = check_file(township, as_of=AS_OF)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / ("结果.csv" if kind.endswith("csv") else "结果.xlsx")
    seen = [out_dir]
    before = digest(township)
    if kind == "return":
        from openpyxl.worksheet._writer import WorksheetWriter

        def disk_full(writer):
            seen.append(_scratch_contents(out_dir))
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(WorksheetWriter, "write", disk_full)
        with pytest.raises(WriteError, match="磁盘空间"):
            write_return(checked, target)
    else:
        with pytest.raises(Cancelled):
            WRITERS[kind](checked, target, cancelled=_cancel_at_finish(seen))
    assert leftovers(out_dir) == [] and leftovers(private_tmp) == []
    assert digest(township) == before
    in_progress = seen[1]                               # what existed just before the failure
    assert in_progress and all(OURS.match(p.split("/")[0]) for p in in_progress)
    if kind == "return":          # openpyxl's sheet files, in the scratch folder beside it
        assert any("/" in p for p in in_progress)
    else:                         # the stream writer (and csv) write only their temporary file
        assert len(in_progress) == 1 and "/" not in in_progress[0]


def test_a_failed_template_write_leaves_nothing(tmp_path, private_tmp):
    seen = [tmp_path]
    with pytest.raises(Cancelled):
        write_template("liudong", tmp_path / "模板.xlsx", cancelled=_cancel_at_finish(seen))
    assert leftovers(tmp_path) == ["TMPDIR"] and leftovers(private_tmp) == []


def _writing(folder: Path) -> bool:
    """The temporary file beside the target has bytes in it: the writer is streaming rows."""
    for p in folder.glob(".*.tmp"):
        try:
            if p.stat().st_size > 0:
                return True
        except FileNotFoundError:
            pass
    return False


def _kill_mid_write(args: list[str], folder: Path, data: Path, tmp: Path, inside: str | None) -> list[str]:
    """Run `mopai export …`, SIGKILL it once a scratch folder beside the target holds a file
    whose name contains `inside` (None: once the temporary file beside the target has bytes:
    the streaming writer writes straight into it); returns the folder's names after the kill."""
    env = {**os.environ, "TMPDIR": str(tmp), "MOPAI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "export", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (_writing(folder) if inside is None else
                    any(inside in p.name for d in folder.glob(".*.tmp.d") for p in d.rglob("*"))):
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.001)
        assert proc.wait(30) == -signal.SIGKILL, "the export ended before it could be killed"
    finally:
        if proc.poll() is None:
            proc.kill()
    return leftovers(folder)


@pytest.fixture(scope="module")
def big_township(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    path = folder / "大镇.xlsx"
    write_xlsx(path, generate("liudong", 800, seed=5, as_of=AS_OF))
    return path


@pytest.mark.parametrize("option,inside", [("--upload", None), ("--return", "openpyxl.")],
                         ids=["upload (stream writer)", "return (openpyxl)"])
def test_a_killed_export_leaves_only_hidden_temp_files_which_are_swept(
        option, inside, big_township, tmp_path, private_tmp, monkeypatch):
    out_dir, data = tmp_path / "out", tmp_path / "data"
    out_dir.mkdir()
    before = digest(big_township)
    target = out_dir / "结果.xlsx"
    left = _kill_mid_write([str(big_township), "--as-of", AS_OF.isoformat(), option, str(target)],
                           out_dir, data, private_tmp, inside)
    assert leftovers(private_tmp) == []                 # nothing with the rows in $TMPDIR
    assert left and all(OURS.match(name) for name in left), left    # hidden, of our pattern
    temp_file, = [out_dir / n for n in left if n.endswith(".tmp")]
    assert temp_file.stat().st_mode & 0o777 == 0o600
    assert digest(big_township) == before
    # the app's start-up sweep finds it through the journal in the data folder
    monkeypatch.setenv("MOPAI_DATA_DIR", str(data))
    assert sorted(p.name for p in atomic.sweep_journal()) == left
    assert leftovers(out_dir) == [] and list((data / atomic.JOURNAL).iterdir()) == []


def test_the_cli_sweeps_a_folder_before_writing_into_it(big_township, tmp_path, private_tmp, capsys):
    out_dir, data = tmp_path / "out", tmp_path / "data"
    out_dir.mkdir()
    target = out_dir / "上报.xlsx"
    left = _kill_mid_write([str(big_township), "--as-of", AS_OF.isoformat(), "--upload", str(target)],
                           out_dir, data, private_tmp, None)
    assert left
    assert main(["export", str(big_township), "--as-of", AS_OF.isoformat(), "--upload", str(target)]) in (0, 1)
    assert leftovers(out_dir) == ["上报.xlsx"] and leftovers(private_tmp) == []


def test_a_running_writers_temp_file_is_not_swept(tmp_path):
    """Another process writing into the same folder keeps its temp file."""
    mine = atomic.temp_path(tmp_path / "a.xlsx")
    mine.write_bytes(b"in progress")
    dead = tmp_path / ".b.xlsx.mopai-999999999-0a1b2c3d.tmp"
    dead.write_bytes(b"left by a killed export")
    assert atomic.sweep(tmp_path) == [dead] and mine.exists()
