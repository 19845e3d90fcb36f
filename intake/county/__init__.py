"""The county's desk (县级汇总): receive every township's files, see who has sent what, find
the same child sent twice, decide, and produce the distinct children, statistics' frame, the
merged upload file and the townships' return files. No Qt; the window and `mopai county` use
the same core. See docs/architecture.md ("intake/county") for the API.
"""
from intake.county.board import BoardLine
from intake.county.children import ChildRef
from intake.county.desk import CountyDesk
from intake.county.model import (BOTH_FORMS, DUPLICATE, KINDS, POSSIBLE, Decision, Group, Occurrence,
                                 Override, Ref)
from intake.county.receive import Received, sheet_files

__all__ = ["BOTH_FORMS", "BoardLine", "ChildRef", "CountyDesk", "DUPLICATE", "Decision", "Group",
           "KINDS", "Occurrence", "Override", "POSSIBLE", "Received", "Ref", "sheet_files"]
