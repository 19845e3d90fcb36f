import hashlib
import multiprocessing
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A fresh, empty $TMPDIR for this test and the processes it starts."""
    folder = tmp_path / "TMPDIR"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    assert not multiprocessing.active_children()        # no reader child left behind


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
