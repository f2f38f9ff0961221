"""``pytest -ra`` points a skipped plan case or step at its line in the plan file, not at
testronaut's code: the short test summary is where a user looks for the reason."""

from __future__ import annotations

import pytest

FLOW = """\
tool: sh
workflows:
  - id: broken
    steps:
      - id: make
        command: echo nothing here
        capture: {n: 'id=(\\d+)'}
      - id: use
        command: echo ${n}
        exit: 0
      - id: last
        command: echo done
        exit: 0
"""

CASES = """\
tool: sort
cases:
  - id: reverse
    command: sort -r
    exit: 0
  - id: numbers
    command: sort -n
    exit: 0
"""


def _no_code_locations(result: pytest.RunResult) -> None:
    result.stdout.no_fnmatch_line("SKIPPED*pytest_testronaut*")
    result.stdout.no_fnmatch_line("SKIPPED*.py:*")


@pytest.mark.docker
def test_steps_after_a_failed_step_are_skipped_at_their_plan_lines(
        pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", flow=FLOW)
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "-ra")
    result.assert_outcomes(failed=1, skipped=2)
    result.stdout.fnmatch_lines([
        "*short test summary info*",
        "SKIPPED [[]1[]] flow.testronaut.yaml:8: step make (flow.testronaut.yaml:5) failed",
        "SKIPPED [[]1[]] flow.testronaut.yaml:11: step make (flow.testronaut.yaml:5) failed",
    ])
    result.stdout.fnmatch_lines(["FAILED flow.testronaut.yaml::broken::make - "
                                 "flow.testronaut.yaml:5: *"])
    _no_code_locations(result)


@pytest.mark.docker
def test_skip_lines_hold_under_xdist(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    pytester.makefile(".testronaut.yaml", flow=FLOW)
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "-ra", "-n", "2")
    result.assert_outcomes(failed=1, skipped=2)
    result.stdout.fnmatch_lines(["SKIPPED [[]1[]] flow.testronaut.yaml:8: *",
                                 "SKIPPED [[]1[]] flow.testronaut.yaml:11: *"])
    _no_code_locations(result)


def test_skip_and_xfail_marks_on_plan_items_report_the_plan(pytester: pytest.Pytester) -> None:
    """Plans have no skip/xfail keys (those tag names are refused); a conftest may still
    mark plan items, and the summary then names the plan (nothing runs: no Docker
    needed)."""
    pytester.makefile(".testronaut.yaml", sort=CASES)
    pytester.makeconftest("""
import pytest

def pytest_collection_modifyitems(items):
    for item in items:
        if item.name == "reverse":
            item.add_marker(pytest.mark.skip(reason="not on this host"))
        if item.name == "numbers":
            item.add_marker(pytest.mark.xfail(reason="known bug 7", run=False))
""")
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "-ra")
    result.assert_outcomes(skipped=1, xfailed=1)
    # pytest folds the skips of one skip mark per file and drops their line (as for a
    # module of Python tests); the file named is the plan
    result.stdout.fnmatch_lines([
        "SKIPPED [[]1[]] sort.testronaut.yaml: not on this host",
        "XFAIL * sort.testronaut.yaml::numbers - *known bug 7",
    ])
    _no_code_locations(result)


def test_a_plan_tag_named_skip_is_refused_with_its_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", sort=CASES.replace(
        "    command: sort -n\n", "    command: sort -n\n    tags: [xfail]\n"))
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["sort.testronaut.yaml:*: cases[[]1[]].tags*pytest marker*"])


@pytest.mark.docker
def test_an_inconclusive_case_skipped_by_policy_points_at_the_plan(
        pytester: pytest.Pytester) -> None:
    # no model configured: the judge's check is inconclusive, and the policy skips it
    pytester.makefile(".testronaut.yaml", sh="""\
tool: sh
cases:
  - id: plain
    command: echo ok
    exit: 0
  - id: judged
    command: echo hi
    expect: prints a greeting
""")
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "-ra",
                                "--testronaut-inconclusive=skip")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED [[]1[]] sh.testronaut.yaml:6: inconclusive: *"])
    _no_code_locations(result)
