"""pytest-rerunfailures and plan workflows: a failed step's rerun runs its workflow
again (never a skip), the report keeps every attempt, a pass on the rerun is flaky,
and the terminal counts each case once. Real runs in Docker."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import jsonschema
import pytest

from pytest_testronaut.reports import schema

pytestmark = pytest.mark.docker

PLAN = """\
version: 1
tool: sh
workflows:
  - id: flow
    steps:
      - id: one
        command: echo hi > greeting
        exit: 0
      - id: two
        command: {two}
        exit: 0
      - id: three
        command: cat greeting
        stdout:
          contains: [hi]
"""

# Each new sandbox gets the number of sandboxes before it, plus one, in ./attempt.
COUNTING = """\
count = [0]


def pytest_testronaut_sandbox_ready(sandbox, item):
    count[0] += 1
    sandbox.put_file("attempt", str(count[0]))
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytest.importorskip("pytest_rerunfailures")
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "--reruns=1",
                                         "--testronaut-report=out", *args, timeout=180)


def _cases(pytester: pytest.Pytester) -> dict[str, dict[str, Any]]:
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    jsonschema.validate(report, schema())
    return {c["key"].split("::", 1)[1]: c for c in report["cases"]}


def test_a_step_failing_on_its_rerun_fails_with_both_attempts(pytester: pytest.Pytester) -> None:
    (pytester.path / "flow.testronaut.yaml").write_text(PLAN.format(two='"false"'))
    result = _run(pytester, "--junitxml=junit.xml")
    # the rerun is a failure, not a skip: the run fails
    assert result.parseoutcomes() == {"failed": 1, "passed": 1, "skipped": 1, "rerun": 1}
    assert result.ret == 1
    result.stdout.fnmatch_lines(["plan cases: 1 failed, 1 passed, 1 skipped (1 rerun)"])
    cases = _cases(pytester)
    two = cases["flow::two"]
    assert (two["verdict"], two["reruns"], two["attempts"], two["flaky"]) == (
        "fail", 1, ["fail"], False)
    # the rerun ran the workflow again from its first step, in a fresh sandbox
    assert [c["command"] for c in two["commands"]] == ["echo hi > greeting", "false"]
    assert (cases["flow::three"]["verdict"], cases["flow::three"]["message"]) == (
        "skip", "step two (flow.testronaut.yaml:9) failed")
    markdown = (pytester.path / "out" / "report.md").read_text()
    assert "| `flow.testronaut.yaml::flow::two` (2 attempts) | wrong exit code |" in markdown
    html = (pytester.path / "out" / "report.html").read_text()
    assert "attempts: fail → fail" in html
    attempts = [t for t in ET.parse(pytester.path / "junit.xml").getroot().iter("testcase")
                if t.get("name") == "two"]
    assert len(attempts) == 2  # one <testcase> per attempt, each with its verdict


def test_a_step_passing_on_its_rerun_is_flaky(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(COUNTING)
    # fails in the first sandbox, passes in the second (the rerun's)
    (pytester.path / "flow.testronaut.yaml").write_text(
        PLAN.format(two='test "$(cat attempt)" -ge 2'))
    result = _run(pytester)
    assert result.parseoutcomes() == {"passed": 3, "rerun": 1}
    result.stdout.fnmatch_lines(["plan cases: 3 passed (1 rerun)",
                                 "flaky cases: flow.testronaut.yaml::flow::two"])
    cases = _cases(pytester)
    two = cases["flow::two"]
    assert (two["verdict"], two["reruns"], two["attempts"], two["flaky"]) == (
        "pass", 1, ["fail"], True)
    assert cases["flow::three"]["verdict"] == "pass"  # after the rerun, the rest runs
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    [flaky] = report["flaky"]
    assert [h["verdict"] for h in flaky["history"]] == ["fail", "pass"]
    assert "- `flow.testronaut.yaml::flow::two`: fail → pass" in (
        pytester.path / "out" / "report.md").read_text()


def test_a_plan_case_rerun_counts_once(pytester: pytest.Pytester) -> None:
    (pytester.path / "cases.testronaut.yaml").write_text(
        "version: 1\ntool: sh\ncases:\n  - id: bad\n    command: 'true'\n    exit: 3\n"
        "  - id: good\n    command: 'true'\n    exit: 0\n")
    result = _run(pytester)
    assert result.parseoutcomes() == {"failed": 1, "passed": 1, "rerun": 1}
    result.stdout.fnmatch_lines(["plan cases: 1 failed, 1 passed (1 rerun)"])


MARKER_WORKFLOW = """\
import pytest


@pytest.mark.testronaut_workflow("flow")
class TestFlow:
    def test_one(self, testronaut_workflow):
        testronaut_workflow.run("echo hi > greeting").assert_exit(0)

    def test_two(self, testronaut_workflow):
        testronaut_workflow.run({two!r}).assert_exit(0)

    def test_three(self, testronaut_workflow):
        testronaut_workflow.run("cat greeting").assert_exit(0)
"""


def test_a_marker_workflow_step_failing_on_its_rerun_fails(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_flow=MARKER_WORKFLOW.format(two="false"))
    result = _run(pytester)
    assert result.parseoutcomes() == {"failed": 1, "passed": 1, "skipped": 1, "rerun": 1}
    cases = json.loads((pytester.path / "out" / "report.json").read_text())["cases"]
    verdicts = {c["key"].rsplit("::", 1)[1]: (c["verdict"], c["attempts"]) for c in cases}
    assert verdicts == {"test_one": ("pass", []), "test_two": ("fail", ["fail"]),
                        "test_three": ("skip", [])}


def test_a_marker_workflow_step_retried_where_it_failed(pytester: pytest.Pytester) -> None:
    # fails the first time; the rerun runs in the same sandbox, where the marker is
    pytester.makepyfile(test_flow=MARKER_WORKFLOW.format(
        two="test -e tried || { touch tried; exit 1; }"))
    result = _run(pytester)
    assert result.parseoutcomes() == {"passed": 3, "rerun": 1}
    result.stdout.fnmatch_lines(["flaky cases: test_flow.py::TestFlow::test_two"])
