"""The county desk's outputs (a mixin of intake.county.desk.CountyDesk): the merged upload file,
one township file's return file, and every township's return file at once."""
from __future__ import annotations


class DeskOutputs:
    def write_upload(self, target, *, profiles=None, protected=(), progress=None, cancelled=None):
        """The county's merged upload file (intake.county.upload); returns its UploadSummary."""
        from intake.county.upload import upload_sheets
        from intake.export import write_upload
        return write_upload(upload_sheets(self), target, profiles=profiles, protected=protected,
                            progress=progress, cancelled=cancelled)

    def write_returns(self, folder, *, protected=(), progress=None, cancelled=None):
        """Every township's return file that has something to send back (intake.county.returns)."""
        from intake.county.returns import write_returns
        return write_returns(self, folder, protected=protected, progress=progress, cancelled=cancelled)

    def write_return(self, file_id: int, target, *, progress=None, cancelled=None):
        """A township's return file for one received file, with the county's send-backs."""
        from intake.county.upload import return_sheets
        from intake.export import write_return
        return write_return(return_sheets(self, file_id), target, progress=progress, cancelled=cancelled)
