"""The warm pool in real pytest runs: ``isolation="test"`` tests each get their own
container from it, nothing of it outlives the run (also after SIGTERM), its size is a
setting, and a bad size is a usage error."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from .conftest import Inner, write_modules

pytestmark = pytest.mark.docker

# Records whether the test's sandbox is labelled as pooled, how many the pool handed
# out warm so far, and how many containers of the run exist at that moment; each test
# lasts long enough for the pool to start the next one meanwhile.
POOLED = """
import time

import docker

from pytest_testronaut.session import TestronautSession


def test_{n}(used, request):
    hits = TestronautSession.of(request.config).manager.pool.hits
    client = docker.from_env()
    mine = client.containers.get(used.id)
    of_run = client.containers.list(all=True, ignore_removed=True, filters={{"label": [
        "testronaut.run=" + mine.labels["testronaut.run"]]}})
    client.close()
    print("POOL", mine.labels.get("testronaut.pooled"), hits, len(of_run))
    used.run("true").assert_exit(0)
    time.sleep(2)
"""


def test_each_test_gets_a_warm_container_of_its_own(inner: Inner) -> None:
    for n in range(4):
        inner.pytester.makepyfile(**{f"test_p{n}": POOLED.format(n=n)})
    result = inner.run("--testronaut-isolation=test", "-s")
    result.assert_outcomes(passed=4)
    ids = inner.by_test()
    assert len(set(ids.values())) == 4
    lines = [line.split("POOL ", 1)[1].split() for line in result.stdout.lines
             if "POOL " in line]
    assert [line[0] for line in lines] == ["1"] * 4, lines  # all labelled as pooled
    # every test's container came from the pool, the first one's too: the pool started
    # warming once the tests were collected
    assert [int(line[1]) for line in lines] == [1, 2, 3, 4], lines
    # the pool (2 by default) keeps containers ahead of the one in use, never more; one
    # just released may still be on its way out
    assert all(int(line[2]) <= 1 + 2 + 1 for line in lines), lines


def test_pool_size_zero_starts_and_removes_each_container_in_the_test(inner: Inner) -> None:
    write_modules(inner.pytester, ["a", "b"])
    inner.run("--testronaut-isolation=test", "--testronaut-pool-size=0").assert_outcomes(
        passed=4)
    assert len(set(inner.by_test().values())) == 4
    for record in inner.records():
        assert record.alive == []  # removed before the next test began


def test_pool_size_from_the_ini_file_and_a_bad_one(inner: Inner) -> None:
    inner.pytester.makeini("[pytest]\ntestronaut_pool_size = 3\n")
    inner.pytester.makepyfile(test_size="""
        from pytest_testronaut.session import TestronautSession

        def test_size(request, used):
            assert TestronautSession.of(request.config).manager.pool_size == 3
        """)
    inner.run("--testronaut-isolation=test").assert_outcomes(passed=1)
    result = inner.run("--testronaut-pool-size=-1")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--testronaut-pool-size*0 or more*"])


def test_sigterm_removes_the_warm_containers_too(inner: Inner) -> None:
    inner.pytester.makepyfile(test_hold="""
        def test_hold(used):
            used.run("sleep 120", timeout=300)

        def test_next(used):
            pass
        """)
    proc = inner.pytester.popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                                 "--testronaut-isolation=test"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    run = inner.wait_for_records(1, timeout=90)[0].run
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(inner.labelled(inner.client, run=run)) < 2:
        time.sleep(0.25)  # the one in use and the warm one test_next will take
    time.sleep(1)  # the pool starts no more than the two tests take
    assert len(inner.labelled(inner.client, run=run, pooled="1")) == 2
    proc.send_signal(signal.SIGTERM)
    output = inner.finish(proc)[1]
    assert proc.returncode == pytest.ExitCode.INTERRUPTED, output
    assert inner.labelled(inner.client, run=run) == [], output
