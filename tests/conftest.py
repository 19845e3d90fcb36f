import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """No test touches the real user's data folder."""
    monkeypatch.setenv("MOPAI_DATA_DIR", str(tmp_path_factory.mktemp("mopai-data")))
