"""Jobs for tests/test_child_pool.py: importable by the pool's spawned children."""
import os

from intake.child_pool import report_progress


def square(n: int) -> int:
    report_progress(1, 2)
    return n * n


def square_or_crash(n: int) -> int:
    if n == 1:
        os.abort()      # what a Rust abort in a native reader does to the process
    return n * n


def fail(n: int) -> int:
    raise ValueError(f"bad {n}")


def polars_threads(n: int) -> int:
    import polars as pl
    return pl.thread_pool_size()
