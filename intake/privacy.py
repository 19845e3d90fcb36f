"""Personal data in logs and messages: never a full ID number.

`mask_id`, `mask_ids_in` and `quote` live in validators.redact (the finding messages use them
too). `MaskingFilter` masks every record a log handler writes, the traceback included;
`install_masking(handler)` puts it on a handler (intake.logs does so for the app and the CLI).
"""
from __future__ import annotations

import logging

from validators.redact import mask_id, mask_ids_in, quote, visible

__all__ = ["MaskingFilter", "install_masking", "mask_id", "mask_ids_in", "quote", "visible"]


class MaskingFilter(logging.Filter):
    """Rewrites a record so that its message, arguments, traceback and stack hold no full ID."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:          # a bad format string: log what there is rather than fail
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = mask_ids_in(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_ids_in(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_ids_in(record.stack_info)
        return True


def install_masking(handler: logging.Handler) -> logging.Handler:
    if not any(isinstance(f, MaskingFilter) for f in handler.filters):
        handler.addFilter(MaskingFilter())
    return handler
