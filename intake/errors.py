"""Errors the user can act on. Each carries one plain Chinese message that says what is wrong
and what to do; the CLI prints it (exit code 2) and the app shows it, never a traceback."""
from __future__ import annotations


class MopaiError(Exception):
    """Base: `message` is the Chinese text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReadError(MopaiError):
    """The input file cannot be used (corrupt, encrypted, empty, locked, no table …)."""


class PasswordRequired(ReadError):
    """The workbook is encrypted and no (or a wrong) password was given."""

    def __init__(self, message: str, *, wrong_password: bool = False):
        super().__init__(message)
        self.wrong_password = wrong_password


class WriteError(MopaiError):
    """An output file cannot be written (open in another program, same as the input, no space …)."""


class Cancelled(MopaiError):
    """The user cancelled a long operation."""

    def __init__(self, message: str = "操作已取消"):
        super().__init__(message)
