"""Baselines: save, compare, fail, through pytester runs against the real engine; and
container steps through pytest-benchmark's own ``benchmark`` fixture."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# WORK_<test> units of CPU work each (a unit is ~0.1 s of python3 in the container).
STEPS = '''
import os
import pytest

pytestmark = pytest.mark.testronaut(timeout=60)
LOOP = "python3 -c 'import sys\\nx=0\\nfor i in range(int(sys.argv[1])*1500000): x+=i' {}"
# Work in wall time that the machine's load barely stretches: a step that waits.
WAIT = "python3 -c 'import sys, time; time.sleep(int(sys.argv[1]) * 0.4)' {}"


def work(env, name):
    units = int(os.environ.get("WORK_" + name, "4"))
    command = WAIT if os.environ.get("WORK_KIND") == "wait" else LOOP
    env.run(command.format(units)).assert_exit(0)


def test_grows(testronaut_env):
    work(testronaut_env, "grows")


def test_same(testronaut_env):
    work(testronaut_env, "same")
'''


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *args: str,
         grows: int = 4) -> pytest.RunResult:
    monkeypatch.setenv("WORK_grows", str(grows))
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist", *args,
                                         timeout=300)


def _saved(pytester: pytest.Pytester) -> list[Path]:
    return sorted((pytester.path / ".testronaut-baselines").glob("*/*.json"))


@pytest.mark.docker
@pytest.mark.parametrize("measure", ["cpu", "wall"])
def test_three_times_the_work_is_caught_and_the_unchanged_step_is_not(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, docker_client: Any,
        measure: str) -> None:
    pytester.makepyfile(test_steps=STEPS)
    # CPU time: a loop; wall time: a wait, which a busy shared machine stretches far
    # less than a loop (a loop's wall time doubles when another test takes the core).
    monkeypatch.setenv("WORK_KIND", "loop" if measure == "cpu" else "wait")
    measures = f"--testronaut-baseline-measures={measure}"
    saved = _run(pytester, monkeypatch, "--testronaut-baseline-save=before", measures)
    saved.assert_outcomes(passed=2)
    saved.stdout.fnmatch_lines(["*saved baseline of 2 step(s): .testronaut-baselines/*/"
                                "0001_before.json"])
    [path] = _saved(pytester)
    document = json.loads(path.read_text())
    entries = {(b["fullname"], b["group"]): b for b in document["benchmarks"]}
    grows = entries[("test_steps.py::test_grows", measure)]
    assert grows["stats"]["rounds"] == 3 and len(grows["data"]) == 3  # the default rounds
    assert {g for _, g in entries} == {"cpu", "memory", "wall"}

    # 100 %: three times the work is +200 %; on a busy shared machine an unchanged step
    # drifts by 20 % often enough, and its CPU time drifted by 68 % once in CI with
    # another test beside it (benchmarks/baseline_noise.py counts how often). A minimum
    # difference of 0.5 s: three times the work adds about a second.
    fail = ["--testronaut-baseline-compare", "--testronaut-baseline-fail=median:100%",
            measures, f"--testronaut-baseline-min-diff={measure}=0.5"]
    unchanged = _run(pytester, monkeypatch, *fail)
    assert unchanged.ret == 0, unchanged.stdout.str()
    unchanged.stdout.fnmatch_lines(["*compared 2 step(s) with *0001_before.json*",
                                    "*no regression beyond median:100%*"])

    slower = _run(pytester, monkeypatch, *fail, grows=12)  # three times the work
    assert slower.ret == pytest.ExitCode.TESTS_FAILED, slower.stdout.str()
    slower.assert_outcomes(passed=2)  # the tests pass; the run fails on the regression
    slower.stdout.fnmatch_lines(["*1 regression(s):*",
                                 f"*test_steps.py::test_grows*{measure}*median:100%*+*%"])
    slower.stdout.no_fnmatch_line("*test_steps.py::test_same*median:100%*")


@pytest.mark.docker
def test_a_plan_case_runs_its_own_rounds_and_the_hooks_shape_the_baseline(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, docker_client: Any) -> None:
    pytester.makefile(".testronaut.yaml", count="""\
tool: wc
cases:
  - id: lines
    command: wc -l
    stdin: "a\\nb\\n"
    stdout: {regex: '^2$'}
    benchmark: {rounds: 2}
""")
    pytester.makeconftest("""
def pytest_testronaut_baseline_entry(config, entry):
    if entry["measure"] == "wall":
        return False
    entry["extra_info"]["by"] = "conftest"
    return entry


def pytest_testronaut_baseline_compare(config, comparison):
    return comparison.measure == "memory"  # every memory comparison is a regression
""")
    _run(pytester, monkeypatch, "--testronaut", "--testronaut-baseline-save").assert_outcomes(
        passed=1)
    [path] = _saved(pytester)
    assert path.name.startswith("0001_") and path.parent.name.startswith(sys.platform.title())
    document = json.loads(path.read_text())
    assert {b["group"] for b in document["benchmarks"]} == {"cpu", "memory"}
    assert all(b["stats"]["rounds"] == 2 and b["extra_info"]["by"] == "conftest"
               for b in document["benchmarks"])

    # A baseline from another machine: the comparison says so.
    document["machine_info"]["node"] = "elsewhere"
    path.write_text(json.dumps(document, indent=4))
    result = _run(pytester, monkeypatch, "--testronaut", "--testronaut-baseline-compare=0001",
                  "--testronaut-baseline-fail=max:1000%")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "*note: the baseline comes from another machine*node: elsewhere -> *",
        "*1 regression(s):*",
        "*count.testronaut.yaml::lines*memory*max:1000%*",
    ])

    # pytest-benchmark's own command reads our storage.
    listed = subprocess.run(
        [str(Path(sys.executable).with_name("pytest-benchmark")), "--storage",
         str(pytester.path / ".testronaut-baselines"), "compare", "--columns=min,median,max"],
        capture_output=True, text=True, timeout=120, cwd=pytester.path)
    assert listed.returncode == 0, listed.stderr
    assert "lines" in listed.stdout, listed.stdout


def test_bad_settings_and_a_missing_baseline_are_clear(pytester: pytest.Pytester,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(test_none="def test_none():\n    pass\n")
    result = pytester.runpytest("--testronaut-baseline-fail=median:lots")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--testronaut-baseline-fail='median:lots' is not valid: "
                                 "expected FIELD:PERCENT% or FIELD:DIFFERENCE*"])
    result = pytester.runpytest("--testronaut-baseline-measures=cpu,disk")
    result.stderr.fnmatch_lines(["*expected a comma-separated list of cpu, memory, wall*"])
    result = pytester.runpytest("--testronaut-baseline-save", "test_none.py")
    result.stderr.fnmatch_lines(["*a bare option followed by a test path takes the path*"])
    result = pytester.runpytest("--testronaut-baseline-compare=nothing")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stdout.fnmatch_lines(["*error: no baseline 'nothing' in *.testronaut-baselines "
                                 "(saved: none); save one first*"])


BENCHMARKED = '''
import pytest

pytestmark = pytest.mark.testronaut(timeout=30)


def test_sort_speed(testronaut_env, testronaut_benchmark):
    result = testronaut_benchmark(testronaut_env, "seq 20000 | sort -rn | head -1", rounds=3)
    result.assert_exit(0)
    assert result.stdout == "20000\\n"
'''


@pytest.mark.docker
def test_a_container_step_through_pytest_benchmark(pytester: pytest.Pytester,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   docker_client: Any) -> None:
    # pytest-benchmark disables itself when it sees an xdist worker's environment,
    # which the inner run would inherit when this suite runs under -n.
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    pytester.makepyfile(test_bench=BENCHMARKED)
    storage = pytester.path / "bench"
    common = ("-p", "no:cacheprovider", "-p", "no:xdist", f"--benchmark-storage={storage}")
    pytester.runpytest_subprocess(*common, "--benchmark-autosave",
                                  timeout=300).assert_outcomes(passed=1)
    [saved] = storage.glob("*/*.json")
    document = json.loads(saved.read_text())
    [bench] = document["benchmarks"]
    assert bench["stats"]["rounds"] == 3
    ours = bench["extra_info"]["testronaut"]
    assert ours["command"] == "seq 20000 | sort -rn | head -1"
    assert ours["cpu"]["rounds"] == 3 and ours["cpu"]["median"] > 0
    assert ours["memory"]["median"] > 1024 * 1024  # sort's resident set, in bytes
    assert document["testronaut"]["measures"]["test_bench.py::test_sort_speed"] == ours
    compared = pytester.runpytest_subprocess(*common, "--benchmark-compare",
                                             "--benchmark-compare-fail=min:100000%", timeout=300)
    compared.assert_outcomes(passed=1)
    compared.stdout.fnmatch_lines(["*test_sort_speed*"])


@pytest.mark.docker
def test_under_xdist_the_controller_saves_every_workers_steps(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, docker_client: Any) -> None:
    pytester.makepyfile(test_steps=STEPS)
    monkeypatch.setenv("WORK_grows", "1")
    monkeypatch.setenv("WORK_same", "1")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", "--dist",
                                           "load", "--testronaut-baseline-save=split",
                                           "--testronaut-baseline-rounds=1", timeout=300)
    result.assert_outcomes(passed=2)
    [path] = _saved(pytester)
    document = json.loads(path.read_text())
    assert {b["fullname"] for b in document["benchmarks"]} == {
        "test_steps.py::test_grows", "test_steps.py::test_same"}
    assert all(b["stats"]["rounds"] == 1 for b in document["benchmarks"])


def test_a_change_below_the_minimum_difference_is_no_regression(tmp_path: Path) -> None:
    from pytest_testronaut.baselines import BaselineStore, build_document, compare, parse_checks

    def document(cpu: list[float], wall: list[float]) -> dict[str, Any]:
        entries = [{"fullname": "t.py::test_a", "name": "test_a", "measure": "cpu", "data": cpu},
                   {"fullname": "t.py::test_a", "name": "test_a", "measure": "wall",
                    "data": wall}]
        return build_document(entries, rounds=3, machine={"node": "a"}, commit={})

    before = document([0.010, 0.011, 0.010], [1.0, 1.0, 1.0])
    after = document([0.015, 0.016, 0.015], [1.5, 1.6, 1.5])  # +50 % both
    checks = parse_checks(["median:20%"])
    outcome = compare(after["benchmarks"], before["benchmarks"], measures=["cpu", "wall"],
                      checks=checks, min_diff={"cpu": 0.02, "wall": 0.1})
    decided = {c.measure: c for c in outcome.comparisons}
    assert not decided["cpu"].regressed  # 5 ms more: under the 20 ms minimum
    assert "below the minimum difference 20.0 ms" in decided["cpu"].reason
    assert decided["wall"].regressed and decided["wall"].reason == "median:20% exceeded"

    store = BaselineStore(tmp_path, machine="Linux-CPython-3.11-64bit")
    first = store.save(before, "one")
    second = store.save(after, "two")
    assert (first.name, second.name) == ("0001_one.json", "0002_two.json")
    assert store.find("latest") == second and store.find("one") == first
    assert store.find("2") == second
    other = BaselineStore(tmp_path, machine="Darwin-CPython-3.12-64bit")
    assert other.find("latest") == second  # another machine's, when this one has none
    assert BaselineStore.load(first)["benchmarks"][0]["stats"]["median"] == 0.010
