"""Baseline rounds of tests that change their sandbox, tests that use pytest-benchmark,
and runs with nothing to save: what a user trips on when adding
``--testronaut-baseline-save`` to an existing suite (pytester runs, real engine)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SUITE = '''
import pytest

pytestmark = pytest.mark.testronaut(timeout=30)


def test_makes_a_folder(testronaut_env):
    # Passes once; a second run in the same sandbox finds the folder.
    testronaut_env.run("mkdir made && echo ok").assert_exit(0)


def test_repeats(testronaut_env):
    testronaut_env.run("echo same").assert_exit(0)


def test_through_pytest_benchmark(testronaut_env, testronaut_benchmark):
    testronaut_benchmark(testronaut_env, "true", rounds=2).assert_exit(0)


def test_fails(testronaut_env):
    testronaut_env.run("false").assert_exit(0)
'''


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
         *args: str) -> pytest.RunResult:
    # pytest-benchmark turns itself off in what looks like an xdist worker.
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist", *args,
                                         timeout=300)


def _saved(pytester: pytest.Pytester) -> list[Path]:
    return sorted((pytester.path / ".testronaut-baselines").glob("*/*.json"))


@pytest.mark.docker
def test_a_later_round_that_fails_ends_the_measuring_not_the_test(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, docker_client: Any) -> None:
    pytester.makepyfile(test_suite=SUITE)
    result = _run(pytester, monkeypatch, "--testronaut-baseline-save=first")
    # Only the test that fails on its own fails: the others pass as without baselines.
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*saved baseline of 3 step(s)*0001_first.json",
        "*not measured, since they failed (1): test_suite.py::test_fails",
        "*measured in fewer rounds than asked (1 test(s)*",
        "*test_suite.py::test_makes_a_folder: round 2 of 3 failed: *exited 1, expected 0*",
    ])
    assert "FixtureAlreadyUsed" not in result.stdout.str()
    [path] = _saved(pytester)
    stored = {(b["fullname"], b["group"]): b for b in json.loads(path.read_text())["benchmarks"]}
    assert len(stored[("test_suite.py::test_makes_a_folder", "cpu")]["data"]) == 1
    assert len(stored[("test_suite.py::test_repeats", "cpu")]["data"]) == 3
    # pytest-benchmark's fixture runs its own rounds and may be called once a test.
    assert len(stored[("test_suite.py::test_through_pytest_benchmark", "cpu")]["data"]) == 1


@pytest.mark.docker
def test_nothing_measured_saves_no_baseline_and_a_compare_counts_what_it_found(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, docker_client: Any) -> None:
    pytester.makepyfile(test_suite=SUITE)
    _run(pytester, monkeypatch, "--testronaut-baseline-save=good", "-k", "repeats",
         "--testronaut-baseline-rounds=1").assert_outcomes(passed=1)
    empty = _run(pytester, monkeypatch, "--testronaut-baseline-save=empty", "-k", "fails")
    empty.assert_outcomes(failed=1)
    empty.stdout.fnmatch_lines(["*no baseline saved: no test passed with a container "
                                "command to measure (1 failed)*"])
    assert [p.name for p in _saved(pytester)] == ["0001_good.json"]  # still the latest
    compared = _run(pytester, monkeypatch, "--testronaut-baseline-compare",
                    "--testronaut-baseline-rounds=1", "-k", "repeats or through")
    compared.assert_outcomes(passed=2)
    compared.stdout.fnmatch_lines([
        "*compared 1 of 2 step(s) with *0001_good.json*",
        "*not in the baseline: test_suite.py::test_through_pytest_benchmark (cpu, memory)*",
    ])
