"""The GUI-free application layer: reading workbooks, header mapping, workspace, export, CLI."""
__version__ = "0.1.0"
