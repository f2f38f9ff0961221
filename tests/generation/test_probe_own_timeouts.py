"""A status of 124 or 137 the tool gives itself is its answer, not the prober's timeout
(issue #8, leftover: ``timeout``). The prober stops a candidate that waits (``tail -f``)
and one that outlasts its exec; both end 137 (or 124 with no ``timeout`` in the image).
Reading every 124 and 137 as a stop made ``timeout 1 sleep 2`` (124, its own
timeout) no evidence at all, so the ``timeout`` tool's own statuses never showed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pytest_testronaut.generation.evidence import probe_datasets
from pytest_testronaut.generation.probe import Outcome, Probe, Prober
from pytest_testronaut.generation.probe_script import parse_batch

from .tools import LocalRun

LONG = 20  # the prober's timeout here: a stop it makes shows in the time taken


@pytest.fixture
def prober(tmp_path: Path) -> Prober:
    return Prober(LocalRun(tmp_path), probe_datasets(), wait_seconds=LONG)


def test_a_tool_timing_out_its_own_command_is_not_a_stop(prober: Prober) -> None:
    own, killed = prober.outcomes([
        Probe(("timeout", "0.2", "sleep", "5"), "numbered"),
        Probe(("timeout", "--signal", "KILL", "0.2", "sleep", "5"), "numbered")])
    assert own is not None and own.exit_code == 124 and not own.timed_out
    assert killed is not None and killed.exit_code == 137 and not killed.timed_out


def test_a_137_of_its_own_under_the_prober_guard_is_not_a_stop(prober: Prober) -> None:
    # ``-s`` may wait (``tail -s``): it runs under the prober's timeout, in the background
    start = time.monotonic()
    got = prober.outcome(Probe(("sh", "-c", "kill -9 $$", "-s"), "numbered"))
    assert time.monotonic() - start < LONG / 2
    assert got is not None and got.exit_code == 137 and not got.timed_out


def test_a_candidate_the_prober_stops_still_is_a_stop(prober: Prober) -> None:
    waiting, idle_own_timeout = prober.outcomes([
        Probe(("tail", "-f", "input.txt"), "numbered"),
        # asleep under the guard: the prober stops it before its own 5 s run out
        Probe(("timeout", "-s", "KILL", "5", "sleep", "30"), "numbered")])
    for outcome in (waiting, idle_own_timeout):
        assert outcome is not None and outcome.exit_code == 137 and outcome.timed_out


def test_a_candidate_outlasting_the_timeout_is_a_stop(tmp_path: Path) -> None:
    prober = Prober(LocalRun(tmp_path), probe_datasets(), wait_seconds=1)
    busy_forever = ("sh", "-c", "while :; do :; done", "--follow")
    got = prober.outcome(Probe(busy_forever, "numbered"))
    assert got is not None and got.exit_code == 137 and got.timed_out


def test_the_script_marks_what_it_stopped() -> None:
    mark = "@@testronaut-probe-7f3a@@"
    text = (f"\n{mark} 0\nfirst\n\n{mark}E 137\n{mark}T 0\n"
            f"\n{mark} 1\n\n{mark}E 137\n")
    first, second = parse_batch(text, 2)
    assert first is not None and first.stopped and first.stdout == "first\n"
    assert second is not None and not second.stopped


def test_an_outcome_without_word_of_a_stop_is_told_by_its_status() -> None:
    assert Outcome(124, "", "").timed_out and Outcome(137, "", "").timed_out
    assert not Outcome(124, "", "", stopped=False).timed_out
    assert Outcome(1, "", "", stopped=True).timed_out


def test_a_candidate_does_not_see_where_the_one_before_ran(prober: Prober) -> None:
    # ``env`` prints OLDPWD: the folder ``cd`` left, another candidate's before the fix
    env = ("sh", "-c", 'printf "%s\\n" "$OLDPWD"')
    got = prober.outcomes([Probe(env, "numbered"), Probe(("true",), "keys"),
                           Probe((*env, "x"), "numbered"), Probe(("true",), "spaces"),
                           Probe((*env, "y"), "numbered")])
    seen = {o.stdout for o in (got[0], got[2], got[4]) if o is not None}
    assert len(seen) == 1, seen
