"""The two annex forms and the export profiles, as data files (TOML and TSV).

This package holds no code beyond locating its own files, so that PyInstaller and pip ship
them beside the code.
"""
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent
