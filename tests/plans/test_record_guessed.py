"""Recording a generated plan: a guessed text pattern (``usage``) that the tool's real
message contradicts is replaced by the recording, while a guessed exit status the tool
contradicts is reported and the case is not recorded (a real pytest run, as a user)."""

from __future__ import annotations

import pytest

from pytest_testronaut.plans import load_plan

PLAN = """\
tool: tr
cases:
  - id: bad-option
    command: tr --bogus
    origin: generated
    exit: failure
    stderr:
      regex: [usage]
      not_contains: [Traceback]
  - id: needs-failure
    command: tr a b
    stdin: "abc\\n"
    origin: generated
    exit: failure
"""


@pytest.mark.docker
def test_a_contradicted_guessed_pattern_is_replaced_and_a_wrong_exit_is_reported(
        pytester: pytest.Pytester) -> None:
    plan_file = pytester.makefile(".testronaut.yaml", tr=PLAN)
    result = pytester.runpytest("--testronaut", "--testronaut-record", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*case 'needs-failure' failed*",
        "*not recorded: the generated expectation does not hold*"])
    cases = {c.id: c for c in load_plan(plan_file).plan.cases}
    bad = cases["bad-option"]
    assert bad.origin == "recorded"
    assert bad.stderr is not None and bad.stderr.regex == []
    assert "unrecognized option '--bogus'" in (bad.stderr.equals or "")
    assert bad.stderr.not_contains == ["Traceback"]  # forbidden text stays forbidden
    assert cases["needs-failure"].origin == "generated"
    assert cases["needs-failure"].stdout is None
    for _ in range(2):
        again = pytester.runpytest("--testronaut", "-k", "bad-option", "-p", "no:cacheprovider")
        again.assert_outcomes(passed=1)
