"""Return files stay the same file while their writing is made faster: the fingerprints
(tests/returnprint.py: every cell's value, fill, font, comment text and size, merges, widths,
print settings, sheets) of a plain return file, one with the clerk's edit and deleted row, and
that one returned again, against those recorded before the speed work (tests/golden/)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from returnprint import fingerprint, return_files

GOLDEN = Path(__file__).parent / "golden" / "return_files.json"


@pytest.fixture(scope="module")
def prints(tmp_path_factory):
    return [json.loads(json.dumps(fingerprint(p), ensure_ascii=False))
            for p in return_files(tmp_path_factory.mktemp("same"))]


@pytest.mark.parametrize("n, kind", [(0, "plain"), (1, "edited and deleted"), (2, "returned again")])
def test_return_file_is_the_file_written_before(prints, n, kind):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[n]
    assert prints[n]["sheets"] == golden["sheets"]
    for sheet in golden["sheets"]:
        for key in golden[sheet]:
            if key != "cells":
                assert prints[n][sheet][key] == golden[sheet][key], (kind, sheet, key)
        mine, theirs = prints[n][sheet]["cells"], golden[sheet]["cells"]
        assert sorted(mine) == sorted(theirs), (kind, sheet)
        for coordinate, cell in theirs.items():
            assert mine[coordinate] == cell, (kind, sheet, coordinate)
