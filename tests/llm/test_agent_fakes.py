"""The model-backed agent with LangChain's fake chat models: judge, enrich, propose."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult

from pytest_testronaut.analysis.spec import (
    CliSpec,
    Command,
    Enrichment,
    Option,
    Positional,
    ProposedWorkflow,
)
from pytest_testronaut.llm import ModelAgent, OfflineAgent
from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import Judge, JudgeRequest

PASS = json.dumps({"verdict": "pass", "confidence": 0.95, "explanation": "lists 3 files"})
REQUEST = JudgeRequest(expectation="lists the three files", actual="a\nb\nc\n")


def fake(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


@pytest.fixture
def cache_settings(tmp_path: Path) -> Settings:
    return Settings(cache=str(tmp_path / "cache"))


def test_injected_fake_judges(cache_settings: Settings) -> None:
    agent = agent_from_settings(cache_settings, chat_model=fake(PASS))
    assert isinstance(agent, ModelAgent) and isinstance(agent, Judge)
    judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.confidence) == ("pass", 0.95)
    assert judgement.model == "injected:GenericFakeChatModel"
    # No usage metadata from the fake: tokens are estimated (chars / 4).
    assert judgement.input_tokens > 50 and judgement.output_tokens == (len(PASS) + 3) // 4
    assert agent.usage.as_dict()["unpriced_calls"] == 1
    assert judgement.cost == 0.0


def test_an_unsure_model_is_inconclusive(cache_settings: Settings) -> None:
    reply = json.dumps({"verdict": "inconclusive", "confidence": 0.3, "explanation": "unclear"})
    judgement = agent_from_settings(cache_settings, chat_model=fake(reply)).judge(REQUEST)
    assert judgement.verdict == "inconclusive" and judgement.reason


def test_malformed_output_from_fake_is_inconclusive(cache_settings: Settings) -> None:
    model = FakeListChatModel(responses=["pass!", '{"verdict": "pass"}'])
    judgement = agent_from_settings(cache_settings, chat_model=model).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "malformed output" in judgement.reason
    assert "confidence" in judgement.reason  # says which field is missing


class Broken(GenericFakeChatModel):
    """A chat model whose provider raises something unexpected."""

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        raise KeyError("unexpected provider bug")


def test_judge_never_raises(cache_settings: Settings) -> None:
    agent = agent_from_settings(cache_settings, chat_model=Broken(messages=iter([])))
    judgement = agent.judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "KeyError" in judgement.reason
    assert agent.usage.calls == 1


def test_cache_answers_without_the_model(cache_settings: Settings) -> None:
    agent_from_settings(cache_settings, chat_model=fake(PASS)).judge(REQUEST)
    replay = agent_from_settings(cache_settings, chat_model=fake())  # no replies left
    assert replay.judge(REQUEST).verdict == "pass"
    assert (replay.usage.calls, replay.usage.cache_hits) == (0, 1)


def test_no_cache_folder_means_no_files(tmp_path: Path) -> None:
    agent = agent_from_settings(Settings(cache=""), chat_model=fake(PASS, PASS))
    agent.judge(REQUEST)
    assert agent.judge(REQUEST).verdict == "pass"
    assert agent.usage.calls == 2


SPEC = CliSpec(tool="files", root=Command(
    name="files", path=[],
    options=[Option(flags=["-v", "--verbose"])],
    subcommands=[Command(
        name="rm", path=["rm"],
        options=[Option(flags=["--force"]),
                 Option(flags=["--mode"], takes_value=True, choices=["fast", "safe"]),
                 Option(flags=["-n", "--count"], takes_value=True, value_name="N")],
        positionals=[Positional(name="PATH")],
    )],
))


def test_enrich_keeps_valid_facts_only_as_typed_fields(cache_settings: Settings) -> None:
    reply = {
        "commands": [
            {"path": ["rm"], "purpose": "Delete files.", "risks": ["deletes files"],
             "examples": {"-n": ["2", "3"], "--mode": "reckless", "PATH": ["notes.txt"],
                          "--bogus": ["x"], "--force": ["yes"]}},
            {"path": ["files"], "purpose": "Manage files."},  # the tool's own name is fine
            {"path": ["nonexistent"], "purpose": "invented"},
        ],
        "workflows": [["files rm notes.txt", "files rm --force notes.txt"],
                      {"description": "two at once", "steps": [["files", "rm", "a b"]]},
                      ["files rm 'unbalanced"]],
    }
    agent = agent_from_settings(cache_settings, chat_model=fake(json.dumps(reply)))
    enrichment = agent.enrich(SPEC)
    assert isinstance(enrichment, Enrichment)
    assert enrichment.purposes == {"rm": "Delete files.", "": "Manage files."}
    assert enrichment.risks == {"rm": ["deletes files"]}
    # keyed by the option's primary flag; a value outside the choices is dropped
    assert enrichment.option_examples == {"rm --count": ["2", "3"], "rm PATH": ["notes.txt"]}
    assert enrichment.examples_for(["rm"], ["-n", "--count"]) == ["2", "3"]
    assert enrichment.workflows == [
        ProposedWorkflow(steps=[["files", "rm", "notes.txt"],
                                ["files", "rm", "--force", "notes.txt"]]),
        ProposedWorkflow(description="two at once", steps=[["files", "rm", "a b"]])]
    notes = " | ".join(enrichment.notes)
    assert "nonexistent" in notes and "rm --bogus" in notes and "rm --force" in notes
    assert "'reckless'" in notes and "workflow 3" in notes
    assert agent.last_error is None


def test_enrich_falls_back_to_the_offline_enrichment_on_invalid_output(
        cache_settings: Settings) -> None:
    agent = agent_from_settings(cache_settings, chat_model=fake("no idea", "[1, 2]"))
    assert agent.enrich(SPEC) == OfflineAgent().enrich(SPEC) == Enrichment()
    assert agent.last_error is not None and "malformed output" in agent.last_error


def test_propose_cases_returns_the_models_dicts(cache_settings: Settings) -> None:
    cases = [{"name": "rm-one", "command": "files rm a.txt", "expect_exit": 0}]
    agent = agent_from_settings(cache_settings, chat_model=fake(json.dumps({"cases": cases})))
    assert agent.propose_cases(SPEC, "a file manager") == cases


def test_propose_cases_accepts_a_bare_list(cache_settings: Settings) -> None:
    cases = [{"name": "x", "command": "files -v"}]
    agent = agent_from_settings(cache_settings, chat_model=fake(json.dumps(cases)))
    assert agent.propose_cases(SPEC) == cases


def test_propose_cases_is_empty_on_invalid_output(cache_settings: Settings) -> None:
    agent = agent_from_settings(cache_settings,
                                chat_model=fake('{"cases": ["not an object"]}', "nope"))
    assert agent.propose_cases(SPEC) == []
    assert agent.last_error is not None
