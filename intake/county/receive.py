"""Receiving files: every sheet file under the paths given, read and checked in child
processes, stored in the workspace.

Files: .xlsx/.xlsm/.xls/.et/.csv, folders searched recursively; Office owner files (~$…) and
hidden files and folders are left alone. A file whose content (SHA-256) was received before, or
appears twice among the paths, is skipped with a note. A file that cannot be used (not a sheet,
password, damaged, or a reader crash in its child process) is listed with its one-line Chinese
message and the others still go in. Each file is stored whole or not at all, in path order.
A file the county desk itself wrote (an upload or return file, unchanged since) is skipped with a
note: saved into the received folder, it would otherwise replace the township's own file.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from intake import child_memory
from intake.child_pool import ChildPool, JobFailed
from intake.county.intake_job import FileResult
from intake.county.recheck import context
from intake.county.store import CountyStore
from intake.errors import ReadError
from intake.opening import file_hash
from validators.finding_set import FindingSet

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".csv")
JOB = "intake.county.intake_job:read_and_check"
ADDED, SAME, UNREADABLE = "added", "same", "unreadable"


@dataclass
class Received:
    path: Path
    status: str                           # ADDED / SAME / UNREADABLE
    message: str = ""                     # the note (same content) or why it is unreadable
    file_id: int | None = None
    sheet_ids: list[int] = field(default_factory=list)


def _hidden(path: Path) -> bool:
    if path.name.startswith((".", "~$")):
        return True
    attrs = getattr(os.stat(path), "st_file_attributes", 0)       # Windows only
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def sheet_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The sheet files under the paths: files as given; a folder's own files by name, then its
    subfolders' the same way (so a file beats its copy in a subfolder)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for folder, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not _hidden(Path(folder, d)))
                out += [Path(folder, n) for n in sorted(names)
                        if n.lower().endswith(SHEET_SUFFIXES) and not _hidden(Path(folder, n))]
        elif p.is_file():
            out.append(p)
    return list(dict.fromkeys(out))


def receive(store: CountyStore, files: list[Path], *, as_of: date | None, county: str | None,
            pool: ChildPool, keep_findings: bool = False,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> tuple[list[Received], dict[int, FindingSet]]:
    """Read, check and store the files; returns what became of each and, with keep_findings,
    the findings of every stored sheet (sheet id -> FindingSet)."""
    received: list[Received] = []
    todo: list[tuple[Path, str]] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            digest = file_hash(path)
        except ReadError as exc:
            received.append(Received(path, UNREADABLE, exc.message))
            continue
        before = store.readable_file(digest)
        if before is not None or digest in seen:
            other = before.name if before is not None else seen[digest]
            received.append(Received(path, SAME, f"“{path.name}”与已收到的“{other}”内容相同，已跳过"))
            continue
        written = store.written_name(digest)
        if written is not None:
            received.append(Received(path, SAME, f"“{path.name}”是摸排助手导出的“{written}”，未经乡镇修改，"
                                                 "不作为乡镇的登记表收取，已跳过"))
            continue
        seen[digest] = path.name
        todo.append((path, digest))
    checked = context(as_of, county, 0)
    jobs = [((str(p), as_of, county, keep_findings), {}) for p, _ in todo]
    findings: dict[int, FindingSet] = {}
    for n, result in pool.run(JOB, jobs, cancelled=cancelled):
        path, digest = todo[n]
        message = _failure(path, result)
        if message is not None:
            file_id, _ = store.add_file(digest, path.name, str(path), [], checked, message)
            received.append(Received(path, UNREADABLE, message, file_id))
        else:
            file_id, sheet_ids = store.add_file(digest, path.name, str(path), result.tables, checked)
            received.append(Received(path, ADDED, "", file_id, sheet_ids))
            findings.update({s: t.findings for s, t in zip(sheet_ids, result.tables) if t.findings is not None})
        if progress is not None:
            progress(n + 1, len(jobs))
    return sorted(received, key=lambda r: files.index(r.path)), findings


def _failure(path: Path, result: FileResult | JobFailed) -> str | None:
    if isinstance(result, JobFailed):
        if result.memory:
            return child_memory.too_much_memory(path.name)
        if result.crashed:
            return (f"文件“{path.name}”无法读取：读取程序意外退出（文件可能已损坏或过大），"
                    "请让乡镇重新导出后再发送")
        return f"文件“{path.name}”无法读取，请确认它是完整的登记表文件"
    if result.message:
        return result.message
    if not result.tables:
        return f"文件“{path.name}”中没有找到流动儿童或留守儿童登记表"
    return None
