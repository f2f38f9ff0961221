"""The evidence search's bounds (issue #8, T8b): the plan for a seed must not depend on
how fast the machine is. Runs are counted the same whether a candidate was run ahead
or not; the time limit is a safety net that never cuts the first :data:`MIN_RUNS`
runs, grows with the cost of a run, and, when it stops the search, the plan and the
findings say which options were not searched."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from pytest_testronaut.generation import cases, probe
from pytest_testronaut.generation.cases import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import probe_datasets
from pytest_testronaut.generation.probe import Probe, Prober

from .tools import LocalRun, Result


class UnevenRun(LocalRun):
    """The prober's scripts run on this machine, each exec delayed by a random time
    (a loaded machine): what the search finds must not change with it."""

    def __init__(self, root: Path, seed: int) -> None:
        super().__init__(root)
        self.random = random.Random(seed)

    def __call__(self, cmd: Sequence[str], *, timeout: float | None = None,
                 **extra: object) -> Result:
        time.sleep(self.random.uniform(0, 0.04))
        return super().__call__(cmd, timeout=timeout, **extra)


def test_a_tiny_time_limit_gives_the_same_plan_every_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cases.SEARCH_BOUNDS, "basic", (1500, 0.001))  # always past
    monkeypatch.setattr(probe, "MIN_RUNS", 150)  # enough for two of the four options
    plans, findings = [], []
    for number in range(2):
        run = UnevenRun(tmp_path / str(number), seed=number)
        found: list[str] = []
        plans.append(generate_plan(run.spec("numlines"), run=run, findings=found))
        findings.append(found)
    assert plans[0].model_dump() == plans[1].model_dump()
    assert findings[0] == findings[1]
    options = {c.id: c for c in plans[0].cases if c.id.split("-")[0] in
               ("number", "first", "cut", "upper")}
    searched = [c for c in options.values() if NO_EFFECT_TAG not in c.tags]
    left = [c for c in options.values() if NO_EFFECT_TAG in c.tags]
    assert searched, options  # the first runs are never cut, whatever the time
    assert left, options  # the time limit did stop the search ...
    for case in left:  # ... and the plan says where
        assert "not searched: the search's time limit" in case.description, case
    assert any("not searched: the search's time limit" in f for f in findings[0])


def _probes(count: int) -> list[Probe]:
    return [Probe(("echo", str(n)), "numbered") for n in range(count)]


def test_runs_run_ahead_count_as_if_run_when_asked_for(tmp_path: Path) -> None:
    answers = []
    for room in (0, 80):  # never ahead, and as many ahead as an exec holds
        prober = Prober(LocalRun(tmp_path / str(room)), probe_datasets(), max_runs=10,
                        ahead_room=room)
        wanted = _probes(30)
        got = [prober.outcomes(wanted[:6], ahead=wanted[6:20]),
               prober.outcomes(wanted[6:20]),  # run ahead (room 80) or now (room 0)
               prober.outcomes(wanted[20:])]
        answers.append(([[o is not None for o in step] for step in got], prober.runs))
    assert answers[0] == answers[1]
    steps, runs = answers[0]
    # a chunk starting within the 10 runs runs whole, whether it ran ahead or not
    assert all(steps[0]) and all(steps[1]) and not any(steps[2])
    assert runs == 20


def test_the_time_limit_grows_with_the_cost_of_a_run_and_says_when_it_stopped(
        tmp_path: Path) -> None:
    now = [0.0]
    prober = Prober(LocalRun(tmp_path), probe_datasets(), max_runs=1000, time_budget=10.0,
                    min_runs=0, clock=lambda: now[0])
    assert prober.extension() == 0.0
    prober.outcomes(_probes(5))
    cost = prober.run_cost()  # measured on this machine
    assert prober.extension() == pytest.approx(min(max(cost * 1000 - 10, 0), 20.0))
    # a run that costs 0.05 s: 1000 runs take 50 s, the limit grows to three times
    prober._spent_seconds, prober._spent_runs = 0.05 * 100, 100
    assert prober.extension() == pytest.approx(20.0)
    now[0] = 25.0  # past the limit, within the grown one
    assert not prober.exhausted
    now[0] = 31.0
    assert prober.exhausted and prober.timed_out_at == 5
    assert "time limit (30 s, a safety net) stopped it after 5 runs" in prober.spent()


def test_an_exec_may_take_longer_when_a_run_is_measured_slow(tmp_path: Path) -> None:
    """A loaded machine or a slow interpreter must not make working candidates look
    like waiting ones (those run again guarded and are killed after 3 s)."""
    prober = Prober(LocalRun(tmp_path), probe_datasets(), max_runs=1000)
    assert prober.exec_allowance(35, 0) == pytest.approx(8.0 + 35 * 0.2)  # nothing measured
    prober._spent_seconds, prober._spent_runs = 0.4 * 100, 100  # 0.4 s a run
    assert prober.exec_allowance(35, 0) == pytest.approx(8.0 + 35 * 0.8)
    prober._spent_seconds = 10.0 * 100  # a run that hangs does not grow it without end
    assert prober.exec_allowance(35, 0) == pytest.approx(8.0 + 35 * probe.SLOW_RUN)
    waited = prober.exec_allowance(35, 2) - prober.exec_allowance(35, 0)
    assert waited == pytest.approx(2 * (prober.wait_seconds + 1))
    assert prober.exec_allowance(35, 0, guarded=True) == pytest.approx(15.0 + 0.5 * 35)
