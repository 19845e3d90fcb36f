"""Memory hogs for tests/hostile/test_child_memory.py: importable by spawned children."""
import time

CHUNK = 32 << 20
MAX_BYTES = 1536 << 20      # the test's limit is far below: this is only a safety stop


def _hog() -> int:
    held = []
    while len(held) * CHUNK < MAX_BYTES:
        held.append(b"\x01" * CHUNK)          # written, so resident (calloc pages would not be)
        time.sleep(0.02)
    return len(held)


def hog_reader(path, progress=None, **options):
    """Shaped like intake.reader.read_tables: what calamine does with an absurd sheet."""
    _hog()
    return []


def hog_job(n: int) -> int:
    return _hog() if n == 1 else n * n
