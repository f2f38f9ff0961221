"""The same suite with two xdist workers and with xdist disabled: it passes, each worker
has its own sandboxes, and none is left afterwards."""

from __future__ import annotations

import pytest

from .conftest import Inner, write_modules

pytestmark = pytest.mark.docker

MODULES = ["w", "x", "y", "z"]


def test_two_workers(inner: Inner) -> None:
    write_modules(inner.pytester, MODULES)
    result = inner.run("-n", "2", "--dist", "loadfile")
    result.assert_outcomes(passed=8)
    records = inner.records()
    assert len(records) == 8
    assert len({r.pid for r in records}) == 2  # both workers made sandboxes
    assert len({r.run for r in records}) == 1  # one run id shared by the workers
    ids = inner.by_test()
    for name in MODULES:  # module isolation holds inside each worker
        assert ids[f"test_{name}1"] == ids[f"test_{name}2"]
    assert len(set(ids.values())) == 4


def test_two_workers_with_session_isolation(inner: Inner) -> None:
    write_modules(inner.pytester, MODULES, tests=1)
    inner.run("-n", "2", "--testronaut-isolation=session").assert_outcomes(passed=4)
    by_pid: dict[int, set[str]] = {}
    for record in inner.records():
        by_pid.setdefault(record.pid, set()).add(record.id)
    assert all(len(ids) == 1 for ids in by_pid.values())  # one per worker
    assert len(set().union(*by_pid.values())) == len(by_pid)


def test_without_xdist(inner: Inner) -> None:
    write_modules(inner.pytester, MODULES)
    result = inner.run("-p", "no:xdist")
    result.assert_outcomes(passed=8)
    assert len({r.pid for r in inner.records()}) == 1
    assert len(set(inner.by_test().values())) == 4
