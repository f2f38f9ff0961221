"""What a reviewer writes by hand on a generated plan survives ``testronaut generate``
over it: run settings (``track_files``, ``benchmark``, ``timeout``, ``env``), tags,
descriptions, expectations with holes, on cases and workflow steps alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.cli import main
from pytest_testronaut.generation import generate_plan
from pytest_testronaut.plans import Case, Plan, load_plan, merge_plans
from pytest_testronaut.plans.model import Benchmark, StreamExpectation

from .specs import sort_spec
from .test_workflows import notes_spec


def _generate(spec_file: Path, out: Path, *args: str) -> None:
    assert main(["generate", "--spec", str(spec_file), "-o", str(out), "--quiet", *args]) == 0


def _edit_case(out: Path, case_id: str, *lines: str, replace: tuple[str, str] | None = None) -> None:
    """Edit the plan's text as a reviewer does: lines added under ``- id: case_id``."""
    text = out.read_text(encoding="utf-8")
    head = f"  - id: {case_id}\n"
    start = text.index(head) + len(head)
    end = text.find("  - id: ", start)
    body = text[start:end]
    if replace is not None:
        assert replace[0] in body
        body = body.replace(replace[0], replace[1])
    body = "".join(f"    {line}\n" for line in lines) + body
    out.write_text(text[:start] + body + text[end:], encoding="utf-8")


@pytest.fixture
def plan_file(tmp_path: Path) -> tuple[Path, Path]:
    spec_file = tmp_path / "sort.json"
    spec_file.write_text(sort_spec().model_dump_json(), encoding="utf-8")
    out = tmp_path / "sort.testronaut.yaml"
    _generate(spec_file, out)
    return spec_file, out


HAND_EDITS: dict[str, tuple[list[str], tuple[str, str] | None, Callable[[Case], Any], Any]] = {
    "track_files-list": (["track_files: [out, /var/tmp]"], None,
                         lambda c: c.track_files, ["out", "/var/tmp"]),
    "track_files-true": (["track_files: true"], None, lambda c: c.track_files, True),
    "track_files-false": (["track_files: false"], None, lambda c: c.track_files, False),
    "benchmark": (["benchmark: {rounds: 7}"], None, lambda c: c.benchmark, Benchmark(rounds=7)),
    "timeout": (["timeout: 42"], None, lambda c: c.timeout, 42),
    "env": (["env: {LC_ALL: C}"], None, lambda c: c.env, {"LC_ALL": "C"}),
    "tags": (["tags: [slow]"], None, lambda c: c.tags, ["slow"]),
    "description": ([], ("description: runs `sort` reading words text on stdin",
                         "description: the reviewer's words"),
                    lambda c: c.description, "the reviewer's words"),
    "expectation-with-holes": (["exit: 0", "stdout: {equals: \"apple [..]\\n\"}"], None,
                               lambda c: (c.exit, c.stdout and c.stdout.equals),
                               (0, "apple [..]\n")),
}


@pytest.mark.parametrize("edit", sorted(HAND_EDITS))
def test_a_reviewers_edit_of_a_generated_case_survives_regeneration(
        plan_file: tuple[Path, Path], edit: str) -> None:
    spec_file, out = plan_file
    lines, replace, read, expected = HAND_EDITS[edit]
    _edit_case(out, "stdin-words", *lines, replace=replace)
    edited = load_plan(out).plan.case("stdin-words")
    assert edited is not None and read(edited) == expected  # the edit is valid

    # A larger scope regenerates: new cases come, the reviewer's edit stays.
    _generate(spec_file, out, "--scope", "comprehensive")
    merged = load_plan(out).plan
    case = merged.case("stdin-words")
    assert case is not None and read(case) == expected
    assert merged.case("error-sort-bad-choice") is not None
    # and the other cases are still the generator's
    assert merged.case("stdin-empty") == generate_plan(
        sort_spec(), scope="comprehensive").case("stdin-empty")

    # Regenerating once more changes nothing.
    before = out.read_text(encoding="utf-8")
    _generate(spec_file, out, "--scope", "comprehensive")
    assert out.read_text(encoding="utf-8") == before


def test_a_run_setting_does_not_make_the_case_a_persons(plan_file: tuple[Path, Path]) -> None:
    """track_files and benchmark change how a case runs, not what it checks: the case stays
    the generator's (origin generated, recorded and regenerated as before)."""
    _, out = plan_file
    _edit_case(out, "stdin-words", "track_files: [out]", "benchmark: {rounds: 3}")
    result = merge_plans(load_plan(out).plan, generate_plan(sort_spec()))
    case = result.plan.case("stdin-words")
    assert case is not None and case.origin == "generated"
    assert case.track_files == ["out"] and case.benchmark == Benchmark(rounds=3)
    assert "stdin-words" not in result.kept and not result.changed


def test_plan_settings_survive_regeneration(plan_file: tuple[Path, Path]) -> None:
    spec_file, out = plan_file
    text = out.read_text(encoding="utf-8").replace(
        "cases:\n", "settings:\n  track_files: [out]\n  timeout: 9\ncases:\n", 1)
    out.write_text(text, encoding="utf-8")
    _generate(spec_file, out, "--scope", "comprehensive")
    settings = load_plan(out).plan.settings
    assert settings.track_files == ["out"] and settings.timeout == 9


def test_a_recorded_case_keeps_its_holes_description_and_settings() -> None:
    old = generate_plan(sort_spec())
    recorded = old.case("stdin-words")
    assert recorded is not None
    recorded = recorded.model_copy(update={
        "origin": "recorded", "exit": 0, "description": "mine", "track_files": True,
        "stdout": StreamExpectation(equals="apple\nbanana\n[..]\n")})
    old = old.model_copy(update={"cases": [recorded if c.id == "stdin-words" else c
                                           for c in old.cases]})
    result = merge_plans(old, generate_plan(sort_spec()))
    assert result.plan.case("stdin-words") == recorded
    assert not result.changed


def test_a_recorded_case_to_record_again_keeps_its_run_settings() -> None:
    old_case = Case(id="lines", command="head -n 2", stdin="a\nb\nc\n", origin="recorded",
                    exit=0, stdout=StreamExpectation(equals="a\nb\n"), track_files=["out"],
                    benchmark=Benchmark(rounds=4), description="two lines")
    new_case = Case(id="lines", command="head -n 3", stdin="1\n2\n3\n4\n",
                    origin="generated", description="three lines")
    result = merge_plans(Plan(tool="head", cases=[old_case]),
                         Plan(tool="head", cases=[new_case]))
    case = result.plan.case("lines")
    assert case is not None and result.rerecord == ["lines"]
    assert case.command == "head -n 3" and not case.has_expectation()
    # it tests another command now: its description is the new one; settings carry over
    assert case.description == "three lines"
    assert case.track_files == ["out"] and case.benchmark == Benchmark(rounds=4)


def test_workflow_step_settings_and_description_survive_regeneration() -> None:
    committed = generate_plan(notes_spec(), scope="comprehensive")
    [flow] = committed.workflows
    steps = [s.model_copy(update={"track_files": ["notes"]}) if n == 0 else s
             for n, s in enumerate(flow.steps)]
    committed = committed.model_copy(update={"workflows": [flow.model_copy(
        update={"steps": steps, "description": "the reviewer's words"})]})

    # same steps: all kept
    same = merge_plans(committed, generate_plan(notes_spec(), scope="comprehensive"))
    assert same.plan.workflows == committed.workflows and not same.changed

    # the generator writes the steps differently now: new steps, the settings of a step
    # of the same id and the workflow's description stay
    spec = notes_spec()
    spec.root.subcommands = [c for c in spec.root.subcommands if c.name != "done"]
    changed = merge_plans(committed, generate_plan(spec, scope="comprehensive"))
    [merged] = changed.plan.workflows
    assert merged.description == "the reviewer's words"
    assert merged.steps[0].id == steps[0].id and merged.steps[0].track_files == ["notes"]
    assert [s.command for s in merged.steps] != [s.command for s in flow.steps]
