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


@pytest.fixture(autouse=True)
def _own_log_handlers():
    """The CLI and the app install a log file handler (intake.logs): removed after each test."""
    import logging
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def pytest_configure(config):
    config.addinivalue_line("markers", "build: builds the PyInstaller app (minutes); "
                            "runs only with MOPAI_BUILD_TEST=1")


def pytest_collection_modifyitems(config, items):
    """Tests marked `build` (tests/test_build.py) are deselected unless MOPAI_BUILD_TEST=1."""
    if os.environ.get("MOPAI_BUILD_TEST") == "1":
        return
    slow = [item for item in items if item.get_closest_marker("build")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("build")]


@pytest.fixture(scope="session")
def stats_base(tmp_path_factory):
    """The statistics tests' county set (statskit), received once into a base workspace."""
    from statskit import build_base
    return build_base(tmp_path_factory.mktemp("stats"))


@pytest.fixture(scope="session")
def county_set(tmp_path_factory):
    """A generated county's township files, received once into a base workspace (countykit)."""
    from countykit import build
    return build(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="session")
def county_parts(tmp_path_factory):
    """Two parts of one township's sheet and a resubmission of one of them (countykit)."""
    from countykit import build_parts
    return build_parts(tmp_path_factory.mktemp("parts"))
