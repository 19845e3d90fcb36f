"""No full ID number is left where it should not be: after validate, export (finished and
killed) and a GUI session on a generated sheet, no file the tool wrote outside the upload and
return outputs holds one (data folder, log, temp folders, JSON messages, the problem list's
说明 column), nor does the console. The workspace database holds the rows by design: it is
checked to be private (0600 in a 0700 folder) instead. The JSON's value/suggestion keep the real
value (county IT needs it)."""
from __future__ import annotations

import json
import logging
import os
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import leftovers
from generator import generate, write_xlsx
from test_hostile_write import _kill_mid_write

from intake import atomic, logs, stale_temps
from intake.cli import main

AS_OF = date(2025, 12, 31)
ID18 = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")
WORKSPACE = re.compile(r".*\.sqlite(-wal|-shm|-journal)?$")


def _ids_of(sheet) -> set[str]:
    found = set()
    for row in sheet.rows:
        for value in row:
            found.update(ID18.findall(str(value or "")))
    return found


def _holding_ids(folder: Path, ids: set[str], skip=lambda p: False) -> list[str]:
    bad = []
    for path in folder.rglob("*"):
        if not path.is_file() or skip(path):
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", "ignore")
        if any(i.encode() in data for i in ids) or ID18.search(text):
            bad.append(str(path.relative_to(folder)))
    return bad


@pytest.fixture
def sheet_file(tmp_path):
    sheet = generate("liudong", 150, seed=7, as_of=AS_OF, inject="all")
    path = tmp_path / "城关镇.xlsx"
    write_xlsx(path, sheet)
    return path, _ids_of(sheet)


def test_no_full_id_outside_the_upload_and_return_files(sheet_file, tmp_path, private_tmp, capfd,
                                                        qtbot, monkeypatch):
    source, ids = sheet_file
    assert len(ids) > 30
    data = Path(os.environ["MOPAI_DATA_DIR"])
    out = tmp_path / "out"
    out.mkdir()

    # validate with a JSON report
    report = out / "report.json"
    assert main(["validate", str(source), "--as-of", AS_OF.isoformat(), "--json", str(report)]) == 1
    console = "".join(capfd.readouterr())
    doc = json.loads(report.read_text("utf-8"))
    messages = [f["message"] for f in doc["findings"]] + [n["message"] for n in doc["notes"]]
    assert not [m for m in messages if ID18.search(m)] and not ID18.search(console)
    kept = [f for f in doc["findings"] if ID18.search(f"{f['value']} {f['suggestion']}")]
    assert kept and any("**********" in f["message"] for f in kept)     # masked, value kept

    # export every output, then one killed mid-write and swept at the next start
    upload, back, problems = out / "上报.xlsx", out / "退回.xlsx", out / "问题清单.xlsx"
    assert main(["export", str(source), "--as-of", AS_OF.isoformat(), "--upload", str(upload),
                 "--return", str(back), "--report", str(problems)]) == 1
    assert not ID18.search("".join(capfd.readouterr()))
    sheet = openpyxl.load_workbook(problems).worksheets[0]
    header = [c.value for c in sheet[1]]
    explained = [row[header.index("说明")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert explained and not [m for m in explained if ID18.search(m or "")]
    killed = tmp_path / "killed"
    killed.mkdir()
    assert _kill_mid_write([str(source), "--as-of", AS_OF.isoformat(), "--return", str(killed / "退回.xlsx")],
                           killed, data, private_tmp, "openpyxl.")
    atomic.sweep_journal()
    assert leftovers(killed) == []

    # a GUI session: open, edit an ID, export the problem list; a failing job is logged
    _gui_session(qtbot, tmp_path / "gui", source, out / "窗口问题清单.csv", sorted(ids)[0], monkeypatch)

    log_text = (data / logs.LOG_NAME).read_text("utf-8")
    assert "worker failed" in log_text and "**********" in log_text    # logged, masked
    assert _holding_ids(data, ids, skip=lambda p: bool(WORKSPACE.fullmatch(p.name))) == []
    assert _holding_ids(tmp_path / "gui", ids, skip=lambda p: bool(WORKSPACE.fullmatch(p.name))) == []
    assert leftovers(private_tmp) == []
    for db in [*data.glob("*.sqlite*"), *(tmp_path / "gui").glob("*.sqlite*")]:
        assert db.stat().st_mode & 0o777 == 0o600, db
    assert data.stat().st_mode & 0o777 == 0o700
    assert (data / logs.LOG_NAME).stat().st_mode & 0o777 == 0o600
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def _gui_session(qtbot, folder: Path, source: Path, problems: Path, an_id: str, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox
    from desktop.export_actions import run_export
    from test_gui_helpers import make_window, open_and_wait

    folder.mkdir()
    logs.configure()                                # what the app does at start-up
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    window = make_window(qtbot, folder)
    tab = open_and_wait(qtbot, window, source)[0]
    tab.model.setData(tab.model.index(0, tab.model.column_of("id_number")), an_id[:17] + "0")
    with qtbot.waitSignal(window.export_done, timeout=30000):
        run_export(window, tab, "report", problems)
    qtbot.waitUntil(lambda: not window.jobs, timeout=10000)

    def failing(progress, cancelled):
        raise ValueError(f"cannot use {an_id}")
    with qtbot.waitSignal(window.opener.start(failing, "测试").failed, timeout=10000):
        pass
    qtbot.waitUntil(lambda: not window.jobs, timeout=10000)
    window.workspace.close()
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_the_log_handler_masks_messages_arguments_and_tracebacks(tmp_path):
    path = logs.configure(tmp_path / "t.log")
    number = "411302201503021012"
    log = logging.getLogger("mopai.test")
    try:
        {"child": number}["parent"]
    except KeyError:
        log.exception("lookup of %s failed", number)
    try:
        raise ValueError(f"bad number {number} in row 7")
    except ValueError:
        log.error("worker failed", exc_info=True)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text("utf-8")
    assert number not in text and text.count("4113**********1012") == 2
    assert "ValueError: bad number 4113**********1012 in row 7" in text


def test_the_app_start_installs_the_masked_log_and_sweeps(tmp_path, monkeypatch, qtbot):
    """desktop.app.run_app, with the window and the event loop replaced."""
    import desktop.app as app
    data = Path(os.environ["MOPAI_DATA_DIR"])
    stale = tmp_path / ".退回.xlsx.mopai-999999999-0a1b2c3d.tmp"
    stale.write_bytes(b"rows")
    journal = stale_temps._journal_dir() / "x.txt"
    journal.write_text(str(stale), "utf-8")

    class Window:
        def __init__(self, *a):
            pass
        def __getattr__(self, name):         # show, show_fitted, open_files, handle_request …
            return lambda *a, **k: None

    monkeypatch.setattr(app, "MainWindow", Window)
    monkeypatch.setattr(app, "first_start", lambda *a: None)
    monkeypatch.setattr(app, "AppSettings", lambda: type("S", (), {"open_sheets": lambda self: [],
                                                                   "get": lambda self, s: s.default})())
    monkeypatch.setattr(app.QApplication, "exec", lambda self: 0)
    assert app.run_app([]) == 0
    assert not stale.exists() and not journal.exists()
    handler, = [h for h in logging.getLogger().handlers if getattr(h, "_mopai", False)]
    assert Path(handler.baseFilename) == data / logs.LOG_NAME
    assert any(type(f).__name__ == "MaskingFilter" for f in handler.filters)


def test_an_old_world_readable_data_folder_and_workspace_are_made_private(tmp_path, monkeypatch):
    from intake.paths import data_dir
    from intake.workspace import Workspace
    folder = tmp_path / "old-data"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    monkeypatch.setenv("MOPAI_DATA_DIR", str(folder))
    db = folder / "workspace.sqlite"
    Workspace(db).close()
    for part in (db, db.with_name(db.name + "-wal")):
        part.touch()
        os.chmod(part, 0o644)
    assert data_dir() == folder and folder.stat().st_mode & 0o777 == 0o700
    Workspace(db).close()
    assert db.stat().st_mode & 0o777 == 0o600
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.glob("workspace.sqlite*"))
