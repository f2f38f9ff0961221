"""Regeneration keeps a person's cases and shows a diff; recording fills expectations."""

from __future__ import annotations

from pathlib import Path

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.plans import (
    Case,
    Plan,
    Recording,
    StreamExpectation,
    apply_recordings,
    load_plan,
    merge_plans,
    save_plan,
    write_recordings,
)
from pytest_testronaut.plans.record import is_protected

from .specs import sort_spec


def _by_id(plan: Plan) -> dict[str, Case]:
    return {c.id: c for c in plan.cases}


def test_regenerating_an_unchanged_plan_changes_nothing() -> None:
    plan = generate_plan(sort_spec())
    result = merge_plans(plan, generate_plan(sort_spec()))
    assert not result.changed and result.plan == plan


def test_merge_keeps_edited_reviewed_and_recorded_cases() -> None:
    old = generate_plan(sort_spec())
    cases = _by_id(old)
    edited = cases["reverse-numbers"].model_copy(update={"command": "sort -r -n"})
    reviewed = cases["help"].model_copy(update={"reviewed": True, "exit": 0})
    recorded = cases["unique-duplicates"].model_copy(update={"origin": "recorded", "exit": 0,
        "stdout": StreamExpectation(equals="apple\nbanana\ncherry\n")})
    gone = cases["version"].model_copy(update={"id": "old-generated"})
    mine = cases["version"].model_copy(
        update={"id": "my-case", "origin": "edited", "exit": 0})
    swapped = {"reverse-numbers": edited, "help": reviewed, "unique-duplicates": recorded}
    old = old.model_copy(update={"cases": [swapped.get(c.id, c) for c in old.cases]
                                 + [gone, mine]})

    result = merge_plans(old, generate_plan(sort_spec(), image="new:1"))
    merged = _by_id(result.plan)
    assert merged["reverse-numbers"].command == "sort -r -n"
    assert merged["reverse-numbers"].origin == "edited"
    assert merged["help"] == reviewed
    assert merged["unique-duplicates"] == recorded
    assert "my-case" in merged and "old-generated" not in merged
    assert result.removed == ["old-generated"]
    assert set(result.kept) == {"reverse-numbers", "help", "my-case"}
    assert result.plan.image == "new:1"
    assert "-  - id: old-generated" in result.diff
    assert "+image: new:1" in result.diff
    assert result.diff.startswith("--- committed\n+++ regenerated\n")


def test_new_options_are_added() -> None:
    spec = sort_spec()
    old = generate_plan(spec)
    spec.root.options.append(spec.root.options[0].model_copy(
        update={"flags": ["-z", "--zero-terminated"], "description": "end records with NUL"}))
    result = merge_plans(old, generate_plan(spec))
    assert result.added == ["zero-terminated-no-newline"]
    assert "+  - id: zero-terminated-no-newline" in result.diff


def test_recordings_fill_expectations_but_spare_a_persons_cases(tmp_path: Path) -> None:
    plan = generate_plan(sort_spec())
    cases = _by_id(plan)
    mine = cases["help"].model_copy(update={"origin": "edited", "exit": 0})
    plan = plan.model_copy(update={"cases": [mine if c.id == "help" else c for c in plan.cases]})
    assert is_protected(mine) and not is_protected(cases["version"])
    # what has no expectation yet has nothing to protect, even under a reviewed workflow
    bare = cases["version"].model_copy(update={"reviewed": True, "exit": None,
                                               "stdout": None, "stderr": None})
    assert not bare.has_expectation()
    assert not is_protected(bare) and not is_protected(bare, parent_reviewed=True)
    path = tmp_path / "sort.testronaut.yaml"
    save_plan(plan, path)
    recs = [
        Recording(str(path), "help", None, 0, "usage", ""),
        Recording(str(path), "version", None, 0, "sort 9.1\n", ""),
        Recording(str(path), "error-unknown-option", None, 2, "", "sort: unrecognized option\n"),
    ]
    assert write_recordings(recs) == {str(path): 2}
    after = _by_id(load_plan(path).plan)
    assert after["help"] == mine
    version = after["version"]
    assert version.exit == 0 and version.origin == "recorded"
    assert version.stdout is not None and version.stdout.equals == "sort 9.1\n"
    assert version.stderr is not None and version.stderr.equals == ""  # empty, exactly
    error = after["error-unknown-option"]
    assert error.exit == 2
    assert error.stderr is not None and error.stderr.equals == "sort: unrecognized option\n"
    assert error.stderr.regex  # the generated check stays
    _, changed = apply_recordings(plan, [Recording(str(path), "nope", None, 0, "", "")])
    assert changed == 0


def test_re_recording_keeps_equivalent_text_and_takes_real_changes() -> None:
    from pytest_testronaut.plans import parse_plan_text
    from pytest_testronaut.plans.record import Recording, apply_recordings

    plan = parse_plan_text("""\
tool: t
cases:
  - id: add
    command: t add
    origin: recorded
    exit: 0
    stdout:
      equals: "id [uuid:4] at [timestamp]Z, 3 notes\\n"
""").plan

    def again(stdout: str) -> str | None:
        rec = Recording("p", "add", None, 0, stdout, "")
        new, _ = apply_recordings(plan, [rec])
        assert new.cases[0].stdout is not None
        return new.cases[0].stdout.equals

    same = "id 9c0ffee0-1111-4222-8333-444455556666 at 2026-11-27T03:00:00Z, 3 notes\n"
    assert again(same) == plan.cases[0].stdout.equals  # type: ignore[union-attr]
    changed = "id 9c0ffee0-1111-4222-8333-444455556666 at 2026-11-27T03:00:00Z, 4 notes\n"
    assert again(changed) == changed
