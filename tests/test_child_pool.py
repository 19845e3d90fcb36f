"""intake.child_pool: jobs run in spawned children; a crash fails only its own job."""
import pytest

from intake.child_pool import ChildPool, JobFailed
from intake.errors import Cancelled


@pytest.fixture(scope="module")
def pool():
    with ChildPool(workers=2) as p:        # 2 children once a run has more than 3 jobs
        yield p


def test_results_come_back_in_order_with_progress(pool):
    seen = []
    out = list(pool.run("poolkit:square", [((n,), {}) for n in range(6)],
                        progress=lambda job, done, total: seen.append((job, done, total))))
    assert out == [(n, n * n) for n in range(6)]
    assert sorted(j for j, *_ in seen) == list(range(6)) and all(s[1:] == (1, 2) for s in seen)


def test_a_crashed_child_fails_its_job_and_the_others_still_run(pool):
    out = dict(pool.run("poolkit:square_or_crash", [((n,), {}) for n in range(4)]))
    assert {n: out[n] for n in (0, 2, 3)} == {0: 0, 2: 4, 3: 9}
    assert isinstance(out[1], JobFailed) and out[1].crashed and out[1].exitcode not in (0, None)
    assert dict(pool.run("poolkit:square", [((5,), {})])) == {0: 25}       # the pool recovered


def test_an_exception_is_a_failed_job_with_its_message(pool):
    out = dict(pool.run("poolkit:fail", [((7,), {})]))[0]
    assert isinstance(out, JobFailed) and not out.crashed and "bad 7" in out.message


def test_cancel_stops_the_children(pool):
    with pytest.raises(Cancelled):
        list(pool.run("poolkit:square", [((n,), {}) for n in range(4)], cancelled=lambda: True))
    assert dict(pool.run("poolkit:square", [((2,), {})])) == {0: 4}


def test_children_keep_polars_to_one_thread(pool):
    assert dict(pool.run("poolkit:polars_threads", [((0,), {})])) == {0: 1}
