"""The county desk's outputs (a mixin of intake.county.desk.CountyDesk): the merged upload file,
one township file's return file, and every township's return file at once.

Each file written is remembered by its content (CountyStore.remember_written): saved into the
received folder and that folder added again, it is skipped, not taken for the township's newer
file (a return file the township has corrected differs, and is received as usual)."""
from __future__ import annotations

from pathlib import Path


class DeskOutputs:
    def write_upload(self, target, *, profiles=None, protected=(), progress=None, cancelled=None):
        """The county's merged upload file (intake.county.upload); returns its UploadSummary."""
        from intake.county.upload import upload_sheets
        from intake.export import write_upload
        summary = write_upload(upload_sheets(self), target, profiles=profiles, protected=protected,
                               progress=progress, cancelled=cancelled)
        self._written([target])
        return summary

    def write_returns(self, folder, *, protected=(), progress=None, cancelled=None):
        """Every township's return file that has something to send back (intake.county.returns)."""
        from intake.county.returns import write_returns
        summary = write_returns(self, folder, protected=protected, progress=progress, cancelled=cancelled)
        self._written([w.target for w in summary.written])
        return summary

    def write_return(self, file_id: int, target, *, progress=None, cancelled=None):
        """A township's return file for one received file, with the county's send-backs."""
        from intake.county.upload import return_sheets
        from intake.export import write_return
        result = write_return(return_sheets(self, file_id), target, progress=progress, cancelled=cancelled)
        self._written([target])
        return result

    def _written(self, paths) -> None:
        from intake.opening import file_hash
        for path in map(Path, paths):
            if path.is_file():
                self.store.remember_written(file_hash(path), path.name)
