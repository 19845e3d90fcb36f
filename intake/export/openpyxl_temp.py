"""openpyxl writes each worksheet to a temporary file before zipping it, in $TMPDIR
(openpyxl.worksheet._writer.create_temporary_file): a killed export would leave the township's
rows there. `temp_files_in(folder)` sends them to `folder` (intake.atomic.scratch_dir, beside the
output) for the saves made by the calling thread; other threads keep openpyxl's default."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from tempfile import NamedTemporaryFile
from typing import Iterator

from openpyxl.worksheet import _writer

_local = threading.local()


def _create_temporary_file(suffix: str = "") -> str:
    """openpyxl's own function, with the folder of the calling thread's output."""
    folder = getattr(_local, "folder", None)
    fobj = NamedTemporaryFile(mode="w+", suffix=suffix, prefix="openpyxl.", delete=False,
                              dir=str(folder) if folder else None)
    name = fobj.name
    fobj.close()
    _writer.ALL_TEMP_FILES.append(name)
    return name


@contextmanager
def temp_files_in(folder: Path) -> Iterator[None]:
    _writer.create_temporary_file = _create_temporary_file
    previous = getattr(_local, "folder", None)
    _local.folder = folder
    try:
        yield
    finally:
        _local.folder = previous
