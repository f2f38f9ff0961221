"""Candidates that may wait (``tail -f``) are stopped once they are seen waiting, not
after the whole timeout: a batch holding one took three seconds, and the option search
of a tool with ``--follow`` runs dozens of such batches (issue #8, generation time).
One that works or sleeps briefly runs to its end. The timeout is set long here (20 s),
so an early stop shows in the time a batch takes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pytest_testronaut.generation.evidence import probe_datasets
from pytest_testronaut.generation.probe import Outcome, Probe, Prober

from .tools import LocalRun

LONG = 20  # the timeout of a waiting candidate in these tests


def _timed(prober: Prober, probes: list[Probe]) -> tuple[list[Outcome | None], float]:
    prober.outcomes([Probe(("true",), "numbered")])  # the inputs written first
    start = time.monotonic()
    got = prober.outcomes(probes)
    return got, time.monotonic() - start


@pytest.fixture
def prober(tmp_path: Path) -> Prober:
    return Prober(LocalRun(tmp_path), probe_datasets(), wait_seconds=LONG)


def test_waiting_candidates_are_stopped_once_seen_waiting(prober: Prober) -> None:
    follows = [Probe(("tail", "-f", "input.txt"), name) for name in ("numbered", "keys")]
    got, took = _timed(prober, [*follows, Probe(("tail", "-F", "input.txt"), "numbered",
                                                 stdin=True)])
    assert took < LONG / 2
    for outcome, probe in zip(got, follows, strict=False):
        assert outcome is not None and outcome.timed_out and outcome.exit_code == 137
        # what it printed before it waited is its answer, as after a timeout
        assert outcome.stdout == probe_datasets()[probe.dataset]["input.txt"]


def test_a_stopped_candidate_leaves_nothing_running(prober: Prober) -> None:
    mark = "--sleep-interval=0.7"  # no other process on this machine has it
    got, _ = _timed(prober, [Probe(("tail", "-f", mark, "input.txt"), "numbered")])
    assert got[0] is not None and got[0].timed_out
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if mark.encode() in line:
            left.append(line)
    assert left == []


def test_a_candidate_that_works_or_sleeps_briefly_runs_to_its_end(prober: Prober) -> None:
    busy = ("python3", "-c", "import time\nend = time.process_time() + 0.5\n"
            "while time.process_time() < end: pass\nprint('worked')", "-s")
    brief = ("sh", "-c", "sleep 0.1; echo slept", "-i")
    worked, slept, follow = prober.outcomes([
        Probe(busy, "numbered"), Probe(brief, "numbered"),
        Probe(("tail", "-f", "input.txt"), "numbered")])  # beside one that waits
    assert worked is not None and (worked.exit_code, worked.stdout) == (0, "worked\n")
    assert slept is not None and (slept.exit_code, slept.stdout) == (0, "slept\n")
    assert follow is not None and follow.timed_out


def test_without_a_stop_the_timeout_still_bounds_a_waiting_candidate(tmp_path: Path) -> None:
    prober = Prober(LocalRun(tmp_path), probe_datasets(), wait_seconds=1)
    busy_forever = ("sh", "-c", "while :; do :; done", "--follow")
    got, took = _timed(prober, [Probe(busy_forever, "numbered")])
    assert got[0] is not None and got[0].exit_code == 137
    assert took >= 1


@pytest.mark.docker
def test_in_the_sandbox_tail_follow_is_stopped_early() -> None:
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    with standalone_sandbox(SandboxConfig()) as sandbox:
        prober = Prober(sandbox.run, probe_datasets(), wait_seconds=LONG)
        got, took = _timed(prober, [Probe(("tail", "--follow", "input.txt"), "numbered"),
                                    Probe(("tail", "--follow"), "keys", stdin=True),
                                    Probe(("tail", "--pid", "1", "input.txt"), "numbered")])
        left = sandbox.run(["sh", "-c", "ps -eo args | grep -c '^tail' || true"]).stdout
    assert took < LONG / 2
    follow, from_stdin, bare = got
    assert follow is not None and follow.exit_code == 137 and "eight 8" in follow.stdout
    assert from_stdin is not None and from_stdin.exit_code == 137
    assert bare is not None and bare.ok and "eight 8" in bare.stdout
    assert left.strip() == "0"
