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

from pytest_testronaut.analysis.spec import CliSpec, Command, Option, Positional
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


def test_enrich_merges_valid_facts_only(cache_settings: Settings) -> None:
    reply = {
        "commands": [
            {"path": ["rm"], "purpose": "Delete files.", "risks": ["deletes files"],
             "sample_values": {"--count": "2", "--mode": "reckless", "PATH": "notes.txt",
                               "--bogus": "x", "--force": "yes"}},
            {"path": ["nonexistent"], "purpose": "invented"},
        ],
        "workflows": [["files rm notes.txt", "files rm --force notes.txt"]],
    }
    agent = agent_from_settings(cache_settings, chat_model=fake(json.dumps(reply)))
    spec = agent.enrich(SPEC)
    rm = spec.root.subcommands[0]
    assert rm.summary == "Delete files."
    assert rm.find_option("--count") is not None
    assert rm.find_option("--count").value_type == "int"  # type: ignore[union-attr]
    assert "risk: files rm: deletes files" in spec.notes
    assert "sample: files rm --count=2" in spec.notes
    assert "sample: files rm PATH=notes.txt" in spec.notes
    assert "sample: files rm --mode=fast" in spec.notes  # invalid choice: default kept
    assert not any("bogus" in n or "--force=" in n or "invented" in n for n in spec.notes)
    assert 'workflow: ["files rm notes.txt", "files rm --force notes.txt"]' in spec.notes
    assert agent.last_error is None
    assert SPEC.notes == []  # the input is not modified


def test_enrich_keeps_the_spec_on_invalid_output(cache_settings: Settings) -> None:
    agent = agent_from_settings(cache_settings, chat_model=fake("no idea", "[1, 2]"))
    spec = agent.enrich(SPEC)
    assert spec == OfflineAgent().enrich(SPEC)  # the parsed spec, deterministic samples only
    assert not any(n.startswith(("risk:", "workflow:")) for n in spec.notes)
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
