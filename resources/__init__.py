"""Bundled data: the division table, icons and sample workbooks."""
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
SAMPLES_DIR = RESOURCES_DIR / "samples"
