"""A township's versions of one sheet side by side: each replaced file against the newer file
that replaced it (separate parts are not versions: intake.county.parts), with the children added, removed and changed (intake.county.diff)."""
from __future__ import annotations

from dataclasses import dataclass

from intake.county.diff import VersionDiff, diff


@dataclass(frozen=True)
class Resubmission:
    township: str
    form: str
    old_file_id: int
    new_file_id: int
    old: str                  # file names
    new: str
    old_sheet_id: int
    new_sheet_id: int
    current: int              # the file id of the version in force
    diff: VersionDiff


def resubmissions(desk, chain: str | None = None) -> list[Resubmission]:
    """Every replaced file with the file that replaced it, oldest first, for every township and form (or only
    the versions of one `chain`, SheetVersion.chain: the window shows one township's)."""
    snap = desk.snapshot
    sheet_of: dict[tuple[int, str], int] = {}
    for m in sorted(snap.meta.values(), key=lambda m: m.info.sheet_id, reverse=True):
        sheet_of[(m.file.id, m.info.form)] = m.info.sheet_id        # a file's first sheet of the form
    names = {f.id: f.name for f in snap.files}
    out = []
    for key, file_ids in snap.versions.chains.items():
        if len(file_ids) < 2 or chain not in (None, key):
            continue
        form = key.rsplit("|", 1)[1]
        of_file = {fid: snap.versions.by_sheet[sheet_of[(fid, form)]] for fid in file_ids}
        for old in file_ids:
            new = of_file[old].replaced_by
            if new is None:
                continue
            a, b = sheet_of[(old, form)], sheet_of[(new, form)]
            changes = diff(desk.records.table(a), desk.records.table(b),
                           desk.workspace.deleted_rows(a), desk.workspace.deleted_rows(b))
            current = of_file[old].superseded_by or old
            out.append(Resubmission(of_file[old].township.name, form, old, new, names[old], names[new], a, b,
                                    current, changes))
    return out
