"""Small helpers of a bulk run: progress and cancel, the GC pause, per-record columns."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Callable, Iterator

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The caller's `cancelled()` returned True during a run."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """A bulk run creates millions of small objects and no cycles: the cyclic GC would only
    rescan them again and again (about a fifth of the run). Afterwards they are frozen (moved
    to the collector's permanent generation): they live as long as the sheet, and the first
    collections after the run would otherwise walk all of them (a full one takes ~0.3 s on
    100k rows: an edit in the window that stalls). Refcounting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


def collect_and_freeze() -> None:
    """Once objects frozen by gc_paused may have become garbage held only by reference cycles (a
    sheet was closed in the window): collect them, and freeze again what is still alive. One full
    collection: ~0.3 s per 100k open rows, so at such a moment, not on the edit path."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def child_births(facts: dict[str, list], n: int) -> list:
    """The child's birth per record: 出生日期, else the birth date in the ID number."""
    births = list(facts.get("birth_date") or [None] * n)
    ids = facts.get("id_number")
    if ids is not None:
        births = [b if b is not None or f is None else f.birth for b, f in zip(births, ids)]
    return births


class Stepper:
    """Called after each stage: polls cancelled(), then reports progress(done, total)."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None, total: int):
        self.progress, self.cancelled, self.total, self.done = progress, cancelled, total, 0

    def __call__(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
