"""Runs that end badly: kill -9, Ctrl-C, SIGTERM, and no engine at all."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from .conftest import Inner

# Holds its sandbox inside a command, the place a user's Ctrl-C most likely lands.
HOLD = """
def test_hold(used):
    used.run("sleep 120", timeout=300)
"""


def _start_holding(inner: Inner) -> tuple[subprocess.Popen[bytes], str]:
    inner.pytester.makepyfile(test_hold=HOLD)
    proc = inner.pytester.popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                                 "test_hold.py"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        record = inner.wait_for_records(1)[0]
    except AssertionError:
        proc.kill()
        output = proc.communicate()[0].decode(errors="replace")
        raise AssertionError(f"the inner run never got a sandbox:\n{output}") from None
    assert inner.exists(record.id)
    time.sleep(0.5)  # let the test get into its `sleep 120`
    return proc, record.id



@pytest.mark.docker
def test_kill_9_then_the_next_run_sweeps(inner: Inner) -> None:
    proc, held = _start_holding(inner)
    proc.kill()
    inner.finish(proc)
    # nobody cleaned up: the container outlived its run...
    assert inner.exists(held)
    # ...until the next run's first use of the engine sweeps what dead runs left
    inner.pytester.makepyfile(test_next="def test_next(testronaut_env):\n    pass\n")
    inner.run("test_next.py").assert_outcomes(passed=1)
    assert not inner.exists(held)


@pytest.mark.docker
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_mid_test_removes_the_containers(inner: Inner, signum: signal.Signals) -> None:
    proc, held = _start_holding(inner)
    started = time.monotonic()
    proc.send_signal(signum)
    code, output = inner.finish(proc)
    assert time.monotonic() - started < 30
    assert code == pytest.ExitCode.INTERRUPTED, output
    assert "KeyboardInterrupt" in output
    assert not inner.exists(held), output


def test_no_engine_is_one_clear_line(pytester: pytest.Pytester,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent.sock")
    pytester.makepyfile(test_needs_engine="""
        def test_one(testronaut_env):
            raise AssertionError("must not run")

        def test_two(testronaut_env):
            raise AssertionError("must not run")

        def test_unrelated():
            pass
        """)
    started = time.monotonic()
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    assert time.monotonic() - started < 60
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines([
        "*no Docker engine reachable at unix:///nonexistent.sock "
        "(DOCKER_HOST=unix:///nonexistent.sock)*point DOCKER_HOST at a running one*",
    ])
    text = result.stdout.str() + result.stderr.str()
    assert "Traceback" not in text
    assert "site-packages/docker" not in text and "docker.errors" not in text
    assert "must not run" not in text
    message_lines = [line for line in result.outlines
                     if "no Docker engine reachable" in line and not line.startswith("ERROR ")]
    assert len(message_lines) == 2  # one line per test, nothing around it
