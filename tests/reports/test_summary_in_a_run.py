"""The testronaut terminal section of real runs (Docker): a list cut short says how
many more it has, and a recording run names its undecided cases as recorded."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.docker


def _plan(expected: str, count: int = 5) -> str:
    cases = "".join(f"  - id: case{n}\n    command: echo ok\n"
                    + (f"    stdout: {{contains: [{expected}]}}\n" if expected else "")
                    for n in range(count))
    return f"tool: sh\ncases:\n{cases}"


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut",
                                         "--testronaut-report=out", *args, timeout=180)


def test_five_regressions_show_three_and_say_two_more(pytester: pytest.Pytester) -> None:
    plan = pytester.path / "tool.testronaut.yaml"
    plan.write_text(_plan("ok"))
    _run(pytester).assert_outcomes(passed=5)
    plan.write_text(_plan("nope"))  # every case passed before and fails now
    result = _run(pytester)
    result.assert_outcomes(failed=5)
    lines = result.stdout.lines
    start = lines.index("regressions (passed in the previous run): 5")
    assert [line.strip() for line in lines[start + 1:start + 5]] == [
        "tool.testronaut.yaml::case0", "tool.testronaut.yaml::case1",
        "tool.testronaut.yaml::case2", "... and 2 more"]


def test_a_recording_run_says_its_cases_were_recorded(pytester: pytest.Pytester) -> None:
    (pytester.path / "tool.testronaut.yaml").write_text(_plan("", count=4))
    result = _run(pytester, "--testronaut-record", "--testronaut-record-runs=1")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["verdicts by tier: recorded: 4 pass"])
    assert "none 4 pass" not in result.stdout.str()
