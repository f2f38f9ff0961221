"""The agent's part in authoring plans: proposals are validated, invalid ones are
dropped with a reason, and the deterministic plan is always the floor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from pytest_testronaut.analysis.spec import CliSpec, Enrichment, ProposedWorkflow
from pytest_testronaut.generation.authoring import (
    Enricher,
    add_proposals,
    author_plan,
    enrichment_workflows,
)
from pytest_testronaut.generation.cases import generate_plan
from pytest_testronaut.settings import Settings, agent_from_settings

from .specs import sort_spec


def fake(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


def test_valid_proposals_are_added_and_invalid_ones_dropped_with_a_reason() -> None:
    plan = generate_plan(sort_spec())
    proposals: list[dict[str, Any]] = [
        {"id": "help", "command": "sort --help", "exit": 0},  # id taken: renamed
        {"id": "numbers", "command": "sort -n", "stdin": "10\n9\n", "stdout": "9\n10\n"},
        {"id": "bad", "command": "sort", "exit": "sometimes"},
        {"id": "flow", "steps": [{"command": "sort --version"}]},
    ]
    new, dropped = add_proposals(plan, proposals)
    ids = [c.id for c in new.cases]
    assert "help-2" in ids and "numbers" in ids and "bad" not in ids
    assert [w.id for w in new.workflows] == ["flow"]
    assert all("proposed" in c.tags for c in new.cases[len(plan.cases):])
    assert len(dropped) == 1 and "proposal 3 dropped: exit" in dropped[0]
    assert new.cases[: len(plan.cases)] == plan.cases  # the deterministic floor is intact


def test_enrichment_workflows_become_plan_workflows() -> None:
    enrichment = Enrichment(workflows=[
        ProposedWorkflow(steps=[["sort", "--version"], ["sort", "-t", "a b"]]),
        ProposedWorkflow(description="ids", steps=[["notes", "show", "${first}"]])])
    assert enrichment_workflows(enrichment) == [
        {"id": "workflow-1", "steps": [{"command": "sort --version"},
                                       {"command": "sort -t 'a b'"}]},
        {"id": "workflow-2", "description": "ids",
         "steps": [{"command": "notes show ${first}"}]}]


class _Typed:
    """An agent as authoring sees it: only ``enrich``, no LLM layer involved."""

    def __init__(self, enrichment: Enrichment) -> None:
        self.enrichment = enrichment
        self.asked: list[str] = []

    def enrich(self, spec: CliSpec) -> Enrichment:
        self.asked.append(spec.tool)
        return self.enrichment


ENRICHMENT = Enrichment(
    purposes={"": "Sort lines of text."},
    risks={"": ["writes the file named by --output"]},
    option_examples={"--field-separator": [";"], "--parallel": ["4", "8"],
                     "--sort": ["month", "not-a-choice"]},
    workflows=[ProposedWorkflow(description="version then help",
                                steps=[["sort", "--version"], ["sort", "--help"]])],
    notes=["the model could not tell what -z does"],
)


def test_a_typed_enrichment_is_read_as_fields() -> None:
    spec = sort_spec().model_copy(update={"root": sort_spec().root.model_copy(
        update={"summary": ""})})
    agent = _Typed(ENRICHMENT)
    assert isinstance(agent, Enricher)
    authored = author_plan(spec, agent=agent, scope="comprehensive")
    assert agent.asked == ["sort"]
    commands = [c.command for c in authored.plan.cases]
    assert "sort --field-separator ';' --key 2" in commands
    assert "sort --parallel 4" in commands and "sort --parallel 8" in commands
    assert "sort --sort month" in commands  # a usable example is the sampled value
    assert "sort --sort not-a-choice" not in commands
    assert authored.plan.description.endswith(": Sort lines of text.")
    [flow] = [w for w in authored.plan.workflows if w.id == "workflow-1"]
    assert flow.description == "version then help" and "proposed" in flow.tags
    assert "risk of `sort`: writes the file named by --output" in authored.notes
    assert "the model could not tell what -z does" in authored.notes
    assert authored.enrichment == ENRICHMENT
    # the same enrichment given directly, without an agent, makes the same plan
    direct = author_plan(spec, enrichment=ENRICHMENT, scope="comprehensive")
    assert direct.plan == authored.plan


def test_no_enrichment_is_the_deterministic_plan() -> None:
    authored = author_plan(sort_spec(), agent=_Typed(Enrichment()))
    assert authored.plan == generate_plan(sort_spec())
    assert authored.notes == []


def test_author_plan_with_a_model_uses_its_enrichment_and_proposals(tmp_path: Path) -> None:
    enrich = {"commands": [{"path": [], "purpose": "Sort lines."}],
              "workflows": [["sort --version", "sort -r"]]}
    propose = {"cases": [{"id": "reverse-numbers", "command": "sort -rn",
                          "stdin": "1\n3\n2\n", "stdout": "3\n2\n1\n"},
                         {"command": 42}]}
    agent = agent_from_settings(Settings(cache=str(tmp_path)),
                                chat_model=fake(json.dumps(enrich), json.dumps(propose)))
    authored = author_plan(sort_spec(), agent=agent)
    assert "reverse-numbers" in [c.id for c in authored.plan.cases]
    assert [len(w.steps) for w in authored.plan.workflows] == [2]
    assert any("proposal 2 dropped" in n for n in authored.notes)


def test_author_plan_with_a_broken_model_falls_back_to_the_generator(tmp_path: Path) -> None:
    agent = agent_from_settings(Settings(cache=str(tmp_path)),
                                chat_model=fake("no idea", "[1, 2]", "nope", "still nope"))
    authored = author_plan(sort_spec(), agent=agent)
    assert authored.plan.cases == generate_plan(sort_spec()).cases
    assert authored.plan.workflows == []
    assert authored.notes  # says why


@pytest.mark.docker
def test_testronaut_tool_generates_records_and_runs(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("")
    first = pytester.runpytest("--testronaut", "--testronaut-tool", "wc", "-p", "no:cacheprovider")
    first.stdout.fnmatch_lines(["*testronaut: analyzing wc in testronaut-base:bookworm*",
                                "*wrote * cases to *wc.testronaut.yaml*",
                                "*no expectation yet: run with --testronaut-record*"])
    assert first.ret == 1
    plan = pytester.path / "wc.testronaut.yaml"
    recorded = pytester.runpytest("--testronaut", "--testronaut-record", str(plan))
    outcomes = first.parseoutcomes()
    recorded.assert_outcomes(passed=outcomes["failed"] + outcomes.get("passed", 0))
    again = pytester.runpytest("--testronaut", "--testronaut-tool", "wc")
    again.stdout.fnmatch_lines(["*wc.testronaut.yaml is up to date*"])
    assert again.ret == 0


@pytest.mark.docker
def test_testronaut_tool_that_does_not_exist_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--testronaut", "--testronaut-tool", "no-such-tool-xyz")
    result.stderr.fnmatch_lines(["*--testronaut-tool no-such-tool-xyz: found no help*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_sample_values_from_enrichment_drive_generation(tmp_path: Path) -> None:
    enrich = {"commands": [{"path": [], "purpose": "Sort lines.",
                            "examples": {"--field-separator": [";"], "--parallel": "4"}}]}
    agent = agent_from_settings(Settings(cache=str(tmp_path)),
                                chat_model=fake(json.dumps(enrich), json.dumps({"cases": []})))
    plan = author_plan(sort_spec(), agent=agent, scope="comprehensive").plan
    commands = [c.command for c in plan.cases]
    assert "sort --field-separator ';' --key 2" in commands
    assert "sort --parallel 4" in commands
