"""Lifecycle workflows for stateful tools, generated without an LLM."""

from __future__ import annotations

from pytest_testronaut.analysis.spec import CliSpec, Command, Option, Positional
from pytest_testronaut.generation.cases import generate_plan
from pytest_testronaut.generation.workflows import ID_PATTERN, generate_workflows

from .specs import sort_spec


def notes_spec() -> CliSpec:
    def sub(name: str, *positionals: Positional, options: list[Option] | None = None) -> Command:
        return Command(name=name, path=["notes", name], positionals=list(positionals),
                       options=options or [])

    note_id = Positional(name="ID")
    return CliSpec(tool="notes", root=Command(name="notes", path=["notes"], subcommands=[
        sub("add", Positional(name="TEXT")),
        sub("list"),
        sub("show", note_id, options=[Option(flags=["--json"])]),
        sub("done", note_id),
        sub("delete", note_id),
        sub("stats", options=[Option(flags=["--format"], takes_value=True,
                                     choices=["text", "json"])]),
        sub("export", Positional(name="FILE")),
        sub("import", Positional(name="FILE")),
    ]))


def test_lifecycle_creates_two_items_and_works_on_them_by_id() -> None:
    [workflow] = generate_workflows(notes_spec())
    commands = [s.command for s in workflow.steps]
    assert commands[:2] == ["notes add 'hello first'", "notes add 'hello second'"]
    assert workflow.steps[0].capture == {"first": ID_PATTERN}
    assert "notes show --json ${first}" in commands
    assert "notes stats --format=json" in commands
    done = commands.index("notes done ${first}")
    assert commands[done + 1] == "notes show ${first}"  # the change is observed
    assert commands.index("notes export testronaut-export.out") < commands.index(
        "notes import testronaut-export.out")
    delete = commands.index("notes delete ${second}")
    assert commands[delete + 1:delete + 3] == ["notes show ${first}", "notes show ${second}"]
    assert workflow.tags == ["workflow", "heuristic"]


def test_no_workflow_without_a_creator_or_an_id_command() -> None:
    assert generate_workflows(sort_spec()) == []
    spec = notes_spec()
    spec.root.subcommands = [c for c in spec.root.subcommands if c.name != "add"]
    assert generate_workflows(spec) == []


def test_basic_scope_has_no_workflows_and_comprehensive_has_one() -> None:
    assert generate_plan(notes_spec(), scope="basic").workflows == []
    assert [w.id for w in generate_plan(notes_spec(), scope="comprehensive").workflows] == [
        "lifecycle"]


def test_the_id_pattern_prefers_what_comes_first() -> None:
    import re

    uuid = re.search(ID_PATTERN, "created 0b3f5c1e-2a4d-4e6f-8a9b-0c1d2e3f4a5b at 12:00")
    assert uuid is not None and uuid[1] == "0b3f5c1e-2a4d-4e6f-8a9b-0c1d2e3f4a5b"
    number = re.search(ID_PATTERN, "task 42 added")
    assert number is not None and number[1] == "42"


def test_regenerating_keeps_recorded_workflow_steps() -> None:
    from pytest_testronaut.plans.merge import merge_plans
    from pytest_testronaut.plans.model import StreamExpectation

    plan = generate_plan(notes_spec(), scope="comprehensive")
    [flow] = plan.workflows
    recorded_steps = [s.model_copy(update={"exit": 0, "origin": "recorded",
                                           "stdout": StreamExpectation(equals="ok\n")})
                      for s in flow.steps]
    committed = plan.model_copy(update={
        "workflows": [flow.model_copy(update={"steps": recorded_steps})]})
    merged = merge_plans(committed, generate_plan(notes_spec(), scope="comprehensive"))
    assert merged.plan.workflows[0].steps == recorded_steps
    assert not merged.changed

    # A workflow whose steps the generator now writes differently is replaced ...
    spec = notes_spec()
    spec.root.subcommands = [c for c in spec.root.subcommands if c.name != "done"]
    changed = merge_plans(committed, generate_plan(spec, scope="comprehensive"))
    assert all(s.origin == "generated" for s in changed.plan.workflows[0].steps)
    # ... unless a person touched a step.
    edited = [recorded_steps[0].model_copy(update={"origin": "edited"}), *recorded_steps[1:]]
    mine = committed.model_copy(update={
        "workflows": [flow.model_copy(update={"steps": edited})]})
    assert merge_plans(mine, generate_plan(spec, scope="comprehensive")).plan.workflows[0].steps \
        == edited


def test_an_id_prefix_is_tried_where_the_help_says_it_works() -> None:
    import re

    from pytest_testronaut.generation.workflows import PREFIX_PATTERN

    spec = notes_spec()
    show = next(c for c in spec.root.subcommands if c.name == "show")
    show.positionals[0] = Positional(name="ID", description="note id or a unique prefix of it")
    [workflow] = generate_workflows(spec)
    assert workflow.steps[0].capture == {"first": ID_PATTERN, "first_prefix": PREFIX_PATTERN}
    assert "notes show ${first_prefix}" in [s.command for s in workflow.steps]
    for printed, prefix in [("id: ca4fa295-36d7-4f5a-a409-1025754dcccc", "ca4fa295"),
                            ("[main 3f2a9c1d] message", "3f2a9c1d")]:
        match = re.search(PREFIX_PATTERN, printed)
        assert match is not None and match.group(1) == prefix


def test_created_items_take_the_agents_examples() -> None:
    from pytest_testronaut.analysis.spec import Enrichment

    enrichment = Enrichment(option_examples={"add TEXT": ["buy milk"]})
    [workflow] = generate_workflows(notes_spec(), enrichment)
    assert [s.command for s in workflow.steps[:2]] == ["notes add 'buy milk first'",
                                                      "notes add 'buy milk second'"]
