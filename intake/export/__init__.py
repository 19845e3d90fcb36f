"""Exports (issue 5): the upload file, the return file, the error report and the blank template.

Each writer takes CheckedSheet-like objects (`.table`: SheetTable, `.findings`: FindingSet),
an optional progress(done, total) and cancelled(), and writes atomically; the input file is
never overwritten.
"""
from intake.export.blank_template import write_template
from intake.export.error_report import write_report
from intake.export.profiles import ExportProfile, load_profile
from intake.export.return_file import ReturnSummary, write_return
from intake.export.upload import UploadSummary, write_upload

__all__ = ["ExportProfile", "ReturnSummary", "UploadSummary", "load_profile", "write_report",
           "write_return", "write_template", "write_upload"]
