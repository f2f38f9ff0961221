"""An exec of the option search also runs what the search would try next (issue #8,
generation time: an exec costs more than a few candidates). Those answers count as
runs only when asked for, so the plan and the run budget are what they were; only the
number of execs drops. Real tools, run through the prober on this machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.evidence import Search, probe_datasets
from pytest_testronaut.generation.probe import CHUNK, Probe, Prober

from .test_probe_stderr import Counted
from .tools import LocalRun

FIRST = [Probe(("head", "-n", str(n)), "numbered", stdin=True) for n in (1, 2)]
NEXT = [Probe(("tail", "-n", str(n)), "numbered", stdin=True) for n in (1, 2)]


def test_probes_run_ahead_count_only_once_asked_for(tmp_path: Path) -> None:
    run = Counted(LocalRun(tmp_path))
    prober = Prober(run, probe_datasets(), ahead_room=CHUNK)
    first = prober.outcomes(FIRST, ahead=NEXT)
    assert run.calls == 2 and prober.runs == 2  # the inputs, then one batch
    later = prober.outcomes(NEXT)
    assert run.calls == 2 and prober.runs == 4  # no exec: they ran with the first
    assert [o.stdout for o in first if o] == ["one 1\n", "one 1\ntwo 2\n"]
    assert [o.stdout for o in later if o] == ["eight 8\n", "seven 7\neight 8\n"]
    again = prober.outcomes(FIRST, ahead=[Probe(("true",), "numbered")])
    assert again == first and run.calls == 2  # nothing to run: nothing runs ahead
    assert Probe(("true",), "numbered") not in prober.ahead


def test_a_spent_budget_hands_out_no_answer_run_ahead(tmp_path: Path) -> None:
    prober = Prober(LocalRun(tmp_path), probe_datasets(), max_runs=2, ahead_room=CHUNK)
    prober.outcomes(FIRST, ahead=NEXT)
    assert prober.exhausted
    assert prober.outcomes(NEXT) == [None, None]  # as if they had never run


def test_the_plan_is_the_same_with_fewer_execs(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``numlines -N`` shows only beside ``-n`` (a later setting of its search)."""
    ahead = Counted(LocalRun(tmp_path / "ahead"))
    with monkeypatch.context() as patched:
        patched.setattr(Prober, "_room", lambda _: CHUNK)
        plan = generate_plan(ahead.run.spec("numlines"), run=ahead)
    monkeypatch.setattr(Search, "next_probes", lambda *_, **__: [])
    alone = Counted(LocalRun(tmp_path / "alone"))
    without = generate_plan(alone.run.spec("numlines"), run=alone)
    assert plan == without
    assert ahead.calls < alone.calls


@pytest.mark.parametrize(("per_exec", "per_candidate", "room"), [
    (0.060, 0.003, 20),  # coreutils: twenty candidates cost what an exec does
    (0.060, 0.300, 0),  # a Python tool: running ahead would cost more than it saves
])
def test_as_many_run_ahead_as_cost_what_an_exec_does(
        tmp_path: Path, per_exec: float, per_candidate: float, room: int) -> None:
    prober = Prober(LocalRun(tmp_path), probe_datasets())
    assert prober._room() == 0  # nothing timed yet: nothing runs ahead
    prober._times = [(n, per_exec + per_candidate * n) for n in (1, 3, 10, 40, 80)]
    assert prober._room() == room


def test_beside_a_waiting_candidate_everything_runs_ahead(tmp_path: Path) -> None:
    """An exec holding ``tail -f`` lasts until it is seen waiting: whatever runs
    beside it costs nothing more."""
    run = Counted(LocalRun(tmp_path))
    prober = Prober(run, probe_datasets())  # nothing timed yet
    prober.outcomes([Probe(("tail", "-f", "input.txt"), "numbered")], ahead=NEXT)
    calls = run.calls
    assert [o.stdout for o in prober.outcomes(NEXT) if o] == ["eight 8\n", "seven 7\neight 8\n"]
    assert run.calls == calls
