"""SIGTERM and SIGHUP end a run and remove its sandboxes, with and without xdist, and an
xdist worker whose controller died still removes its own: real pytest processes, real
signals, and the engine asked afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import Inner

pytestmark = pytest.mark.docker

# Two modules, each holding its sandbox inside a long command, so that with two workers
# both hold one when the signal lands.
HOLD = """
def test_hold(used):
    used.run("sleep 120", timeout=300)
"""


def _start(inner: Inner, *args: str, holders: int = 1) -> tuple[subprocess.Popen[bytes], list[str]]:
    for n in range(holders):
        inner.pytester.makepyfile(**{f"test_hold{n}": HOLD})
    proc = inner.pytester.popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                                 *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        records = inner.wait_for_records(holders, timeout=90)
    except AssertionError:
        proc.kill()
        output = proc.communicate()[0].decode(errors="replace")
        raise AssertionError(f"the inner run never got its sandboxes:\n{output}") from None
    time.sleep(0.5)  # let the tests get into their `sleep 120`
    return proc, [r.id for r in records]



def _gone_within(inner: Inner, ids: list[str], seconds: float) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [i for i in ids if inner.exists(i)]
        if not left:
            return []
        time.sleep(0.25)
    return [i for i in ids if inner.exists(i)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_without_xdist_removes_the_sandbox(inner: Inner, signum: signal.Signals) -> None:
    proc, held = _start(inner, "test_hold0.py")
    proc.send_signal(signum)
    output = inner.finish(proc)[1]
    assert proc.returncode == pytest.ExitCode.INTERRUPTED, output
    assert _gone_within(inner, held, 5) == [], output
    assert inner.leftovers() == [], output


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_to_the_xdist_controller_removes_every_sandbox(inner: Inner,
                                                              signum: signal.Signals) -> None:
    proc, held = _start(inner, "-n", "2", "--dist", "loadfile", holders=2)
    assert len({r.pid for r in inner.records()}) == 2  # one sandbox per worker
    started = time.monotonic()
    proc.send_signal(signum)
    output = inner.finish(proc)[1]
    assert time.monotonic() - started < 45
    assert proc.returncode != 0, output
    assert _gone_within(inner, held, 10) == [], output
    assert inner.leftovers() == [], output


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_to_an_xdist_worker_removes_its_sandbox(inner: Inner,
                                                       signum: signal.Signals) -> None:
    proc, held = _start(inner, "-n", "2", "--dist", "loadfile", holders=2)
    worker = inner.records()[0]
    os.kill(worker.pid, signum)
    assert _gone_within(inner, [worker.id], 30) == []
    proc.send_signal(signal.SIGTERM)
    output = inner.finish(proc)[1]
    assert _gone_within(inner, held, 10) == [], output


def test_orphaned_worker_removes_its_sandboxes(inner: Inner) -> None:
    proc, held = _start(inner, "-n", "2", "--dist", "loadfile", holders=2)
    workers = {r.pid for r in inner.records()}
    proc.kill()  # the controller dies without a word: nobody tells the workers
    inner.finish(proc)
    # each worker sees it is orphaned, removes its sandbox and ends
    assert _gone_within(inner, held, 30) == []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.25)
    assert not any(_alive(pid) for pid in workers)
    assert inner.leftovers() == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
