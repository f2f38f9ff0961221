"""Plans at scale: a big plan collects every case at its line, its independent cases
spread over two xdist workers (its workflows, and the cases of a plan that share a
sandbox, staying on one), and no run keeps a case's output after its report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pytest_testronaut.plans import load_plan
from pytest_testronaut.workflow_scheduling import (
    GROUPS_PER_WORKER,
    past_durations,
    plan_units,
    unit_order,
)


def big_plan(cases: int, *, workflow: bool = False, command: str = "echo",
             isolation: str | None = None) -> str:
    lines = ["version: 1", "tool: echo"]
    if isolation:
        lines += ["settings:", f"  isolation: {isolation}"]
    lines += ["cases:"]
    for index in range(cases):
        lines += [f"  - id: case-{index}", f"    command: [{command}, '{index}']",
                  "    exit: 0", "    tags: [smoke]"]
    if workflow:
        lines += ["workflows:", "  - id: flow", "    steps:",
                  "      - id: make", "        command: echo id=7",
                  "        capture: {n: 'id=(\\d+)'}", "        exit: 0",
                  "      - id: use", "        command: echo got ${n}",
                  "        stdout: {equals: \"got 7\\n\"}",
                  "      - id: last", "        command: [echo, done]", "        exit: 0"]
    return "\n".join(lines) + "\n"


def test_plan_units_group_cases_and_keep_workflows_whole() -> None:
    cases = [f"p.testronaut.yaml::c{i}" for i in range(100)]
    steps = [f"p.testronaut.yaml::flow::s{i}" for i in range(3)]
    other = [f"q.testronaut.yaml::x{i}" for i in range(3)]
    units = plan_units(cases + steps + other, workers=2, independent={*cases, *other})
    case_units = [units[c] for c in cases]
    assert len(set(case_units)) == GROUPS_PER_WORKER * 2
    assert case_units == sorted(case_units, key=case_units.index)  # in plan order
    assert len({units[s] for s in steps}) == 1
    assert units[steps[0]] not in case_units
    # a small plan: one case per unit, never an empty group
    assert len({units[o] for o in other}) == 3


def test_cases_that_share_a_sandbox_stay_in_one_unit() -> None:
    # Not said to be independent: state may carry from case to case, so the plan's
    # cases go to one worker in file order; its workflow is still a unit of its own.
    cases = [f"p.testronaut.yaml::c{i}" for i in range(50)]
    steps = [f"p.testronaut.yaml::flow::s{i}" for i in range(3)]
    units = plan_units(cases + steps, workers=2)
    assert {units[c] for c in cases} == {"plan:p.testronaut.yaml"}
    assert len({units[s] for s in steps}) == 1
    assert units[steps[0]] != units[cases[0]]


def test_a_thousand_cases_collect_each_at_its_line(pytester: pytest.Pytester) -> None:
    text = big_plan(1000, workflow=True)
    path = pytester.makefile(".testronaut.yaml", big=text)
    loaded = load_plan(path)
    lines = text.splitlines()
    for case_id in ("case-0", "case-500", "case-999"):
        line = loaded.case_line(case_id)
        assert line is not None and lines[line - 1].endswith(f"id: {case_id}")
    assert loaded.step_line("flow", 2) is not None
    result = pytester.runpytest("--testronaut", "--collect-only", "-q", "-m", "smoke")
    result.stdout.fnmatch_lines(["big.testronaut.yaml::case-999", "*1000/1003 tests collected*"])


def test_anchors_still_go_through_the_bounded_composer(pytester: pytest.Pytester) -> None:
    # A plan with an alias takes the checked path: its lines and values are the same.
    path = pytester.makefile(".testronaut.yaml", alias=(
        "version: 1\ntool: echo\ncases:\n  - id: one\n    command: &cmd [echo, hi]\n"
        "    exit: 0\n  - id: two\n    command: *cmd\n    exit: 0\n"))
    loaded = load_plan(path)
    assert [c.command for c in loaded.plan.cases] == [["echo", "hi"], ["echo", "hi"]]
    assert loaded.case_line("two") == 7


def _workers(output: str) -> dict[str, str]:
    """Node id to the xdist worker that ran it, from ``-v`` lines."""
    return {m.group(2): m.group(1)
            for m in re.finditer(r"^\[(gw\d+)\] \[ *\d+%\] \w+ (\S+)", output, re.M)}


@pytest.mark.docker
@pytest.mark.parametrize("dist", [[], ["--dist", "load"], ["--dist", "loadfile"]],
                         ids=["default", "load", "loadfile"])
def test_a_plan_spreads_over_two_workers(pytester: pytest.Pytester, dist: list[str]) -> None:
    pytester.makefile(".testronaut.yaml", many=big_plan(24, workflow=True, isolation="test"))
    pytester.makepyfile(test_py="def test_a():\n    pass\n\n\ndef test_b():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-n", "2",
                                           "-v", *dist, timeout=300)
    result.assert_outcomes(passed=29)
    ran = _workers(result.stdout.str())
    assert len(ran) == 29
    case_workers = {w for n, w in ran.items() if "::case-" in n}
    assert case_workers == {"gw0", "gw1"}, ran  # the plan's cases use both workers
    assert len({w for n, w in ran.items() if "::flow::" in n}) == 1  # the workflow: one
    if dist != ["--dist", "load"]:  # by file, a Python module stays on one worker
        assert len({w for n, w in ran.items() if n.startswith("test_py.py")}) == 1


@pytest.mark.docker
def test_cases_of_a_shared_sandbox_run_in_order_on_one_worker(
        pytester: pytest.Pytester) -> None:
    # Each case appends to a file of the plan's one sandbox and checks what the earlier
    # ones wrote: true serially, and under -n 2 only if the plan stays on one worker.
    lines = ["version: 1", "tool: sh", "cases:"]
    for index in range(12):
        lines += [f"  - id: step-{index}",
                  f"    command: echo {index} >> seen && wc -l < seen",
                  f"    stdout: {{equals: \"{index + 1}\\n\"}}"]
    pytester.makefile(".testronaut.yaml", state="\n".join(lines) + "\n")
    for name in ("other", "more"):  # other plans of their own, for the other worker
        pytester.makefile(".testronaut.yaml", **{name: big_plan(4, isolation="test")})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-n", "2",
                                           "-v", timeout=300)
    result.assert_outcomes(passed=20)
    ran = _workers(result.stdout.str())
    assert len({w for n, w in ran.items() if n.startswith("state.")}) == 1, ran
    assert {w for n, w in ran.items() if "::case-" in n} == {"gw0", "gw1"}, ran


@pytest.mark.docker
def test_outputs_are_not_kept_past_their_report(pytester: pytest.Pytester) -> None:
    # Each case prints 200 kB; what the run keeps of it is a bounded excerpt.
    plan = ["version: 1", "tool: head", "cases:"]
    for index in range(5):
        plan += [f"  - id: big-{index}",
                 "    command: head -c 200000 /dev/zero | tr '\\0' x", "    exit: 0"]
    pytester.makefile(".testronaut.yaml", out="\n".join(plan) + "\n")
    pytester.makeconftest(f'''
import json


def pytest_sessionfinish(session):
    from pytest_testronaut.session import TestronautSession

    state = TestronautSession.of(session.config)
    cases = state.report_state["cases"]
    with open({str(pytester.path / "kept.json")!r}, "w") as fh:
        json.dump({{"runs": len(state.runs),
                   "stdout": [len(c["commands"][0]["stdout"]) for c in cases.values()]}}, fh)
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut",
                                           timeout=300)
    result.assert_outcomes(passed=5)
    kept = json.loads((pytester.path / "kept.json").read_text())
    assert kept["runs"] == 0  # every result was dropped once its record was made
    assert len(kept["stdout"]) == 5
    assert all(0 < n <= 1000 for n in kept["stdout"]), kept


def test_units_go_out_longest_first_by_their_past_durations() -> None:
    units = {"plan:a": {"a::1": False, "a::2": False, "a::3": False},
             "t.py": {"t.py::slow": False},
             "u.py": {"u.py::new": False, "u.py::old": False}}
    assert unit_order(units, {}) is None  # no history: xdist's order (most tests first)
    # a test without a duration counts as the average of those with one (1.0 here)
    durations = {"a::1": 0.1, "a::2": 0.1, "a::3": 0.1, "t.py::slow": 4.0, "u.py::old": 0.7}
    assert unit_order(units, durations) == ["t.py", "u.py", "plan:a"]


def test_no_store_or_an_unreadable_one_gives_no_durations(tmp_path: Path) -> None:
    assert past_durations(tmp_path, ["a::1"]) == {}
    store = tmp_path / ".testronaut" / "results.sqlite"
    store.parent.mkdir()
    store.write_bytes(b"not a database")
    assert past_durations(tmp_path, ["a::1"]) == {}


FIRST_TEST = """
FIRST = []
CONFIG = []


def pytest_configure(config):
    CONFIG.append(config)


def pytest_runtest_logstart(nodeid):
    # the worker id from xdist itself: PYTEST_XDIST_WORKER is inherited by a child
    # pytest of an outer xdist worker (the controller too)
    worker = getattr(CONFIG[0], "workerinput", {}).get("workerid")
    if worker and not FIRST:
        FIRST.append(nodeid)
        with open(f"first-{worker}.txt", "w") as out:
            out.write(nodeid)
"""


@pytest.mark.docker
def test_the_unit_that_took_longest_last_time_goes_out_first(
        pytester: pytest.Pytester) -> None:
    pytester.makeconftest(FIRST_TEST)
    pytester.makefile(".testronaut.yaml", quick=big_plan(3))
    marked = "import pytest\n\n\n@pytest.mark.testronaut\n"
    pytester.makepyfile(
        test_fast="".join(f"{marked}def test_{n}():\n    pass\n\n\n" for n in range(3)),
        test_slow=f"import time\n{marked}def test_slow():\n    time.sleep(3)\n")

    def firsts() -> set[str]:
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut",
                                               "-n", "2", timeout=300)
        result.assert_outcomes(passed=7)
        return {(pytester.path / f"first-gw{n}.txt").read_text() for n in (0, 1)}

    # No results store yet: xdist's order, the units with the most tests first.
    assert "test_slow.py::test_slow" not in firsts()
    assert past_durations(pytester.path, ["test_slow.py::test_slow"])["test_slow.py::test_slow"] \
        >= 3
    # Now the store says which unit is long: it starts first, not last.
    assert "test_slow.py::test_slow" in firsts()
