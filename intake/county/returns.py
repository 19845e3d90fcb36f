"""Every township's return file at once (`mopai county --returns FOLDER`, the county page's
导出全部退回文件…): one return file (intake.export.write_return, through
intake.county.upload.return_sheets) for each current received file that has something to send
back - an error, a warning, a record the county sent back from the conflict queue or a
department check sent back - named as intake.county.return_names says, and an index workbook
(intake.county.returns_index) listing them. Files with nothing to send back are skipped (hints
alone do not count: templates/county.toml [returns]).

All-or-nothing as far as a file system allows: every file is written into a hidden folder of
intake.atomic's pattern inside FOLDER (removed on any failure or cancel, swept if the process
is killed), and only when all are written is each moved into FOLDER with one rename. The
received files are never written: a target that is one of them is refused before anything
moves.
"""
from __future__ import annotations

import os
import shutil
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from intake.atomic import scratch_dir, sweep, temp_path
from intake.county.return_names import UNKNOWN_TOWNSHIP, return_names
from intake.errors import Cancelled, WriteError
from intake.export.output import check_output
from intake.stale_temps import journal_add
from validators.findings import Severity

SEND_BACK_CODES = frozenset({"county.sent_back", "dept.sent_back"})
INDEX_NAME = "退回文件清单.xlsx"


@lru_cache(maxsize=1)
def hints_alone() -> bool:
    from intake.county.parts import CONFIG
    with open(CONFIG, "rb") as fh:
        return bool(tomllib.load(fh)["returns"]["hints_alone"])


@dataclass(frozen=True)
class ReturnWritten:
    file: str               # the received file's name
    township: str
    forms: tuple[str, ...]
    target: Path
    problems: int           # errors and warnings of the township's own sheet
    send_backs: int         # records the county or a department check sent back
    hints: int = 0
    listed: bool = True     # the township is one of the county's (else another county's file)

    def as_json(self) -> dict:
        return {"file": self.file, "return_file": self.target.name, "township": self.township,
                "form": "+".join(self.forms), "problems": self.problems, "send_backs": self.send_backs}


@dataclass
class ReturnsSummary:
    folder: Path
    written: list[ReturnWritten] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # current files with nothing to send back
    index: Path | None = None

    def lines(self) -> list[str]:
        return [f"已为 {len(self.written)} 个乡镇文件导出退回文件，{len(self.skipped)} 个文件没有需要退回的问题"]


def check_folder(folder: str | os.PathLike, inputs=(), create: bool = False) -> Path:
    """The folder the return files go in (made when `create`, else only its nearest existing
    folder is tried); a WriteError saying what to do if it cannot be written, or if it holds
    received files or lies in a received folder (`inputs`: the received files and folders): the
    return files would be received as the townships' newer files the next time that folder is
    added."""
    folder = Path(folder)
    where = folder.resolve()
    for p in map(Path, inputs):
        p = p.resolve()
        if where == p or where in p.parents or (p.is_dir() and p in where.parents):
            raise WriteError(f"退回文件不能保存在收到的乡镇文件所在的文件夹“{folder}”中（下次添加这个文件夹时会把退回文件"
                             "当作乡镇的新文件收下），请另选一个文件夹")
    if folder.exists() and not folder.is_dir():
        raise WriteError(f"“{folder}”是一个文件，不是文件夹，请另选一个保存退回文件的文件夹")
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        existing = next(p for p in (where, *where.parents) if p.exists())
        if not existing.is_dir():
            raise NotADirectoryError(20, f"“{existing.name}”是一个文件")
        probe = temp_path(existing / "退回文件")
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        probe.unlink()
    except OSError as exc:
        raise WriteError(f"无法在文件夹“{folder}”中保存退回文件（{exc.strerror or exc}），请换一个文件夹") from exc
    return folder


def _counts(sheets) -> tuple[int, int, int]:
    problems = send_backs = hints = 0
    for sheet in sheets:
        for f in sheet.findings.all():
            if f.code in SEND_BACK_CODES:
                send_backs += 1
            elif f.severity == Severity.HINT:
                hints += 1
            else:
                problems += 1
    return problems, send_backs, hints


def _current_files(desk) -> list:
    """(file, township, [forms], listed) of every received file with a current sheet, by township
    then name; listed: the township is one of the county's."""
    forms: dict[int, list[str]] = {}
    files = {}
    for m in desk.snapshot.meta.values():
        if m.version.current:
            files[m.file.id] = (m.file, m.township.name or UNKNOWN_TOWNSHIP, m.township.listed)
            forms.setdefault(m.file.id, [])
            if m.info.form not in forms[m.file.id]:
                forms[m.file.id].append(m.info.form)
    order = sorted(files, key=lambda i: (files[i][1], files[i][0].name))
    return [(files[i][0], files[i][1], sorted(forms[i]), files[i][2]) for i in order]


def write_returns(desk, folder, *, protected=(), progress=None, cancelled=None) -> ReturnsSummary:
    """Write the return files of every current file that has something to send back into
    `folder`; returns what was written and skipped."""
    from intake.county.returns_index import write_index
    from intake.county.upload import return_sheets
    from intake.departments.returns import SendBacks
    from intake.export import write_return
    protected = [Path(p) for p in protected] + [Path(f.path) for f in desk.snapshot.files]
    folder = check_folder(folder, protected, create=True)
    files = _current_files(desk)
    summary = ReturnsSummary(folder)
    total = len(files) + 1
    if progress:
        progress(0, total)
    desk.findings_for([m.info.sheet_id for m in desk.snapshot.meta.values() if m.version.current])
    names = dict(zip((f.id for f, *_ in files), return_names([(t, forms, f.name) for f, t, forms, _ in files])))
    dept_send_backs = SendBacks(desk)   # the department log and stored answers read once for every file
    sweep(folder)
    staging = scratch_dir(temp_path(folder / "退回文件"))
    entry = journal_add(staging)
    try:
        for done, (file, township, forms, listed) in enumerate(files):
            if cancelled and cancelled():
                raise Cancelled()
            sheets = return_sheets(desk, file.id, dept_send_backs)
            problems, send_backs, hints = _counts(sheets)
            if problems or send_backs or (hints and hints_alone()):
                write_return(sheets, staging / names[file.id], protected=protected, cancelled=cancelled)
                summary.written.append(ReturnWritten(file.name, township, tuple(forms), folder / names[file.id],
                                                     problems, send_backs, hints, listed))
            else:
                summary.skipped.append(file.name)
            if progress:
                progress(done + 1, total)
        if summary.written:
            write_index(summary, staging / INDEX_NAME)
            summary.index = folder / INDEX_NAME
        _move_all(staging, folder, [w.target for w in summary.written] + ([summary.index] if summary.index else []),
                  protected)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if entry is not None:
            entry.unlink(missing_ok=True)
    if progress:
        progress(total, total)
    return summary


def _move_all(staging: Path, folder: Path, targets: list[Path], protected: list[Path]) -> None:
    """Every check first (a received file, a file open in Excel/WPS), then one rename each."""
    for target in targets:
        check_output(target, protected)
    for target in targets:
        try:
            os.replace(staging / target.name, target)
        except OSError as exc:
            raise WriteError(f"无法写入“{target.name}”：文件可能正在被Excel或WPS打开，请关闭后再试"
                             f"（{exc.strerror or exc}）") from exc
