"""The warm pool of ``isolation="test"`` sandboxes, against the real engine: containers
started ahead of need with their runner running, one per taker, removed in the
background, bounded, shared fairly between configurations, nothing left after close
(even with a start in flight), and the sweeper removing the pool of a killed run."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pytest_testronaut.errors import TestronautError
from pytest_testronaut.sandbox import SandboxConfig, SandboxManager
from pytest_testronaut.sandbox.labels import sweep

pytestmark = pytest.mark.docker

PER_TEST = SandboxConfig(isolation="test")


def _of_run(client: Any, manager: SandboxManager) -> list[Any]:
    return list(client.containers.list(all=True, ignore_removed=True, filters={
        "label": ["testronaut.managed", f"testronaut.run={manager.run_id}"]}))


@pytest.fixture
def pooled(docker_client: Any) -> Iterator[SandboxManager]:
    made = SandboxManager(pool_size=2)
    yield made
    made.close()
    assert _of_run(docker_client, made) == []


def test_tests_take_warm_sandboxes_and_leave_them_to_the_reaper(
        pooled: SandboxManager, docker_client: Any) -> None:
    first = pooled.sandbox(PER_TEST, "test:1")  # nothing warm yet: started now
    assert pooled.pool.misses == 1
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 2
    warm = pooled.sandbox(PER_TEST, "test:2")
    assert pooled.pool.hits == 1
    assert warm.id != first.id
    assert warm.runner_pid is not None  # its runner was started ahead of need
    assert warm.run("echo hi").stdout == "hi\n"
    labels = docker_client.containers.get(warm.id).labels
    assert labels["testronaut.pooled"] == "1"
    assert labels["testronaut.run"] == pooled.run_id

    started = time.monotonic()
    pooled.release("test:2")
    assert time.monotonic() - started < 0.5  # the removal does not hold the test up
    assert pooled.pool.wait_idle()
    assert not docker_client.containers.list(all=True, filters={"id": warm.id})
    # the released one is gone, the pool is full again, the first still in use
    ids = {c.id for c in _of_run(docker_client, pooled)}
    assert first.id in ids and len(ids) == 3


def test_a_configuration_warmed_up_ahead_is_ready_for_the_first_test(
        pooled: SandboxManager) -> None:
    # What the session does once it has collected tests of isolation="test": the first
    # test, right after, gets the container the pool started, not one of its own.
    pooled.warm_up([PER_TEST, SandboxConfig()])  # the module-isolation one is not pooled
    first = pooled.sandbox(PER_TEST, "test:1")
    assert (pooled.pool.hits, pooled.pool.misses) == (1, 0)
    assert first.run("echo hi").stdout == "hi\n"
    pooled.release("test:1")
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 2


def test_a_warm_up_with_a_count_starts_no_more_than_the_tests_take(
        pooled: SandboxManager, docker_client: Any) -> None:
    # One test will ask: one container, not a full pool, and no refill after it took
    # it. A test nobody announced still gets one (started now), and then the pool
    # warms as it would without a count.
    pooled.warm_up([PER_TEST], counts={PER_TEST: 1})
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 1
    pooled.sandbox(PER_TEST, "test:1")
    assert (pooled.pool.hits, pooled.pool.misses) == (1, 0)
    pooled.release("test:1")
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 0
    assert _of_run(docker_client, pooled) == []
    pooled.sandbox(PER_TEST, "test:2")
    assert pooled.pool.hits + pooled.pool.misses == 2
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 2


def test_a_negative_count_is_refused(pooled: SandboxManager) -> None:
    with pytest.raises(ValueError, match="0 or more"):
        pooled.pool.want(PER_TEST, "unused", count=-1)


def test_the_pool_is_bounded_and_shared_between_configurations(
        pooled: SandboxManager, docker_client: Any) -> None:
    other = SandboxConfig(isolation="test", env=(("WHICH", "other"),))
    pooled.sandbox(PER_TEST, "a")
    pooled.release("a")
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 2
    got = pooled.sandbox(other, "b")  # a miss: room is made for it
    assert got.run('printf %s "$WHICH"').stdout == "other"
    pooled.release("b")
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 2  # never more than the size
    warm = pooled.sandbox(other, "c")
    assert pooled.pool.hits == 1
    assert warm.run('printf %s "$WHICH"').stdout == "other"
    pooled.release("c")
    assert pooled.pool.wait_idle()
    assert len(_of_run(docker_client, pooled)) == 2


def test_a_sandbox_the_pool_cannot_start_fails_in_the_test_that_asks(
        pooled: SandboxManager, docker_client: Any) -> None:
    broken = SandboxConfig(isolation="test", user="nobody-of-that-name")
    with pytest.raises(TestronautError, match=r"nobody-of-that-name|cannot run commands"):
        pooled.sandbox(broken, "x")
    assert pooled.pool.wait_idle()
    with pytest.raises(TestronautError):  # every time, not only the first
        pooled.sandbox(broken, "y")
    assert pooled.pool.wait_idle()
    assert pooled.pool.ready == 0  # the pool stopped warming what cannot start
    assert _of_run(docker_client, pooled) == []


def test_close_removes_warm_ones_and_a_start_in_flight(docker_client: Any) -> None:
    manager = SandboxManager(pool_size=2)
    manager.sandbox(PER_TEST, "t")
    manager.release("t")  # the pool is now starting containers
    manager.close()
    time.sleep(1.0)  # anything started after close would show up by now
    assert _of_run(docker_client, manager) == []


def test_without_a_pool_each_test_starts_and_removes_its_own(docker_client: Any) -> None:
    manager = SandboxManager(pool_size=0)
    try:
        sandbox = manager.sandbox(PER_TEST, "t")
        assert manager._pool is None
        assert "testronaut.pooled" not in docker_client.containers.get(sandbox.id).labels
        manager.release("t")
        assert not docker_client.containers.list(all=True, filters={"id": sandbox.id})
    finally:
        manager.close()


def test_a_kept_run_has_no_pool(docker_client: Any) -> None:
    manager = SandboxManager(pool_size=3, keep=True)
    assert manager.pool_size == 0
    with pytest.raises(TestronautError, match="pool_size"):
        SandboxManager(pool_size=-1)


def test_the_sweeper_removes_the_pool_of_a_killed_run(docker_client: Any) -> None:
    # A process with a full pool dies without any cleanup (as after kill -9).
    script = (
        "import os\n"
        "from pytest_testronaut.sandbox import SandboxConfig, SandboxManager\n"
        "m = SandboxManager(pool_size=2)\n"
        "m.sandbox(SandboxConfig(isolation='test'), 't')\n"
        "assert m.pool.wait_idle()\n"
        "print(m.run_id, flush=True)\n"
        "os._exit(9)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=180, check=False)
    run_id = done.stdout.strip()
    assert done.returncode == 9 and run_id, done.stderr
    left = docker_client.containers.list(all=True, filters={
        "label": [f"testronaut.run={run_id}"]})
    assert len(left) == 3  # the one in use and two warm ones
    assert sum(1 for c in left if c.labels.get("testronaut.pooled") == "1") == 3
    sweep(docker_client)
    assert docker_client.containers.list(all=True, filters={
        "label": [f"testronaut.run={run_id}"]}) == []


def test_the_sweeper_leaves_what_a_dead_run_kept_until_asked(docker_client: Any) -> None:
    # A run with --testronaut-keep ends; its container is there to debug, and the
    # sweep of the next run (any xdist worker's start) must not take it away.
    script = (
        "import os\n"
        "from pytest_testronaut.sandbox import SandboxConfig, SandboxManager\n"
        "m = SandboxManager(keep=True)\n"
        "m.sandbox(SandboxConfig(isolation='test'), 't')\n"
        "print(m.run_id, flush=True)\n"
        "os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=180, check=False)
    run_id = done.stdout.strip()
    assert done.returncode == 0 and run_id, done.stderr
    run_filter = {"label": [f"testronaut.run={run_id}"]}
    try:
        [kept] = docker_client.containers.list(all=True, filters=run_filter)
        assert kept.labels.get("testronaut.kept") == "1"
        sweep(docker_client)
        assert [c.id for c in docker_client.containers.list(all=True, filters=run_filter)] \
            == [kept.id]
        assert sweep(docker_client, kept=True)["containers"] >= 1
        assert docker_client.containers.list(all=True, filters=run_filter) == []
    finally:
        for container in docker_client.containers.list(all=True, filters=run_filter):
            container.remove(force=True, v=True)
