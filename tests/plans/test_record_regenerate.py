"""Recording replaces guessed checks it contradicts; regeneration re-records cases whose
command changed."""

from __future__ import annotations

from pytest_testronaut.plans import Case, Plan, Recording, StreamExpectation, apply_recordings
from pytest_testronaut.plans.merge import merge_plans


def _error_case() -> Case:
    return Case(id="check", command="sort --check", stdin="b\na\n", exit="failure",
                origin="generated",
                stderr=StreamExpectation(regex=[r"(?i)(usage|invalid)"]),
                stdout=StreamExpectation(not_contains=["injected"]))


def test_a_guessed_pattern_the_recording_contradicts_is_replaced() -> None:
    plan = Plan(tool="sort", cases=[_error_case()])
    recording = Recording(plan_path="p", item_id="check", step=None, exit_code=1,
                          stdout="", stderr="sort: -:2: disorder: a\n")
    recorded, changed = apply_recordings(plan, [recording])
    case = recorded.cases[0]
    assert changed == 1 and case.exit == 1
    assert case.stderr is not None and case.stderr.regex == []
    assert case.stderr.equals == "sort: -:2: disorder: a\n"
    assert case.stdout is not None and case.stdout.not_contains == ["injected"]


def test_a_guessed_pattern_the_recording_meets_is_kept() -> None:
    plan = Plan(tool="sort", cases=[_error_case()])
    recording = Recording(plan_path="p", item_id="check", step=None, exit_code=2,
                          stdout="", stderr="sort: invalid option\n")
    case = apply_recordings(plan, [recording])[0].cases[0]
    assert case.stderr is not None and case.stderr.regex == [r"(?i)(usage|invalid)"]


def test_a_recorded_case_whose_command_changed_is_replaced_and_listed() -> None:
    old = Plan(tool="head", cases=[
        Case(id="lines", command="head -n 2", stdin="a\nb\nc\n", origin="recorded", exit=0,
             stdout=StreamExpectation(equals="a\nb\n")),
        Case(id="bytes", command="head -c 2", stdin="abc\n", origin="recorded", exit=0,
             stdout=StreamExpectation(equals="ab")),
        Case(id="mine", command="head -n 1", stdin="x\ny\n", origin="recorded", exit=0,
             reviewed=True, stdout=StreamExpectation(equals="x\n"))])
    new = Plan(tool="head", cases=[
        Case(id="lines", command="head -n 3", stdin="1\n2\n3\n4\n", origin="generated"),
        Case(id="bytes", command="head -c 2", stdin="abc\n", origin="generated"),
        Case(id="mine", command="head -n 2", stdin="x\ny\n", origin="generated")])
    result = merge_plans(old, new)
    cases = {c.id: c for c in result.plan.cases}
    assert cases["lines"].command == "head -n 3" and not cases["lines"].has_expectation()
    assert cases["bytes"].stdout is not None and cases["bytes"].stdout.equals == "ab"
    assert cases["mine"].command == "head -n 1"  # a person vouched for it
    assert result.rerecord == ["lines"]
    assert "1 recorded case(s) changed their command" in result.summary()
    assert "--testronaut-record" in result.summary()
