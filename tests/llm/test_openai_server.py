"""The model-backed agent driving the real ``ChatOpenAI`` client against a scripted
OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest
from llm_server import ScriptedServer

from pytest_testronaut.llm import BUDGET_SPENT, OFFLINE_MISS
from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import JudgeRequest

HANG_TIMEOUT = 0.5  # seconds: where the hang tests cut a server's hang short

PASS = json.dumps({"verdict": "pass", "confidence": 0.9, "explanation": "it greets Ada"})
FAIL = json.dumps({"verdict": "fail", "confidence": 0.8, "explanation": "no greeting"})
REQUEST = JudgeRequest(expectation="prints a greeting naming the user",
                       actual="Hello, Ada!\n", command="greet Ada", exit_code=0)


def test_normal_answer_is_a_judgement_with_usage(openai_server: ScriptedServer,
                                                 settings: Settings) -> None:
    openai_server.script({"content": PASS})
    agent = agent_from_settings(settings)
    with agent.label("tests/test_x.py::test_greet"):
        judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.confidence) == ("pass", 0.9)
    assert judgement.explanation == "it greets Ada"
    assert judgement.model == "openai:gpt-4o-mini"
    assert (judgement.input_tokens, judgement.output_tokens) == (1000, 50)
    assert judgement.cost == pytest.approx((1000 * 0.15 + 50 * 0.60) / 1e6)
    body = openai_server.hits[0]
    assert body["model"] == "gpt-4o-mini"
    assert body["temperature"] == 0
    assert "Hello, Ada!" in body["messages"][-1]["content"]
    usage = agent.usage.as_dict()
    assert usage["calls"] == 1 and usage["input_tokens"] == 1000
    assert usage["by_label"]["tests/test_x.py::test_greet"]["calls"] == 1
    assert not agent.is_offline


def test_a_failing_verdict_is_reported_as_fail(openai_server: ScriptedServer,
                                               settings: Settings) -> None:
    openai_server.script({"content": FAIL})
    assert agent_from_settings(settings).judge(REQUEST).verdict == "fail"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_transient_errors_are_retried(openai_server: ScriptedServer, settings: Settings,
                                      status: int) -> None:
    openai_server.script({"status": status}, {"content": PASS})
    agent = agent_from_settings(settings)
    assert agent.judge(REQUEST).verdict == "pass"
    assert len(openai_server.hits) == 2
    assert agent.usage.calls == 2


def test_a_client_error_is_not_retried(openai_server: ScriptedServer,
                                       settings: Settings) -> None:
    openai_server.script({"status": 400, "message": "bad request"}, {"content": PASS})
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "provider error" in judgement.reason
    assert len(openai_server.hits) == 1


def test_a_hang_times_out_and_is_retried(openai_server: ScriptedServer,
                                         settings: Settings) -> None:
    openai_server.script({"hang": 5}, {"content": PASS})
    agent = agent_from_settings(dataclasses.replace(settings, llm_timeout=HANG_TIMEOUT))
    # (importing the client is not timed)
    started = time.monotonic()
    judgement = agent.judge(REQUEST)
    assert judgement.verdict == "pass"
    assert len(openai_server.hits) == 2
    assert time.monotonic() - started < 3


def test_a_provider_that_stays_down_is_inconclusive(openai_server: ScriptedServer,
                                                    settings: Settings) -> None:
    openai_server.script({"hang": 5}, {"hang": 5})
    agent = agent_from_settings(dataclasses.replace(settings, llm_retries=1,
                                                    llm_timeout=HANG_TIMEOUT))
    started = time.monotonic()
    judgement = agent.judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.confidence == 0.0
    assert judgement.reason is not None
    assert "provider unavailable after 2 attempts" in judgement.reason
    assert "Timeout" in judgement.reason
    assert time.monotonic() - started < 4


def test_malformed_output_is_asked_again_then_inconclusive(openai_server: ScriptedServer,
                                                           settings: Settings) -> None:
    # The tool request answered in prose, then the text path: prose, then bad JSON.
    openai_server.script({"content": "Sure! The verdict is pass."},
                         {"content": "Sure! The verdict is pass."},
                         {"content": '{"verdict": "maybe", "confidence": 2}'})
    agent = agent_from_settings(settings)
    judgement = agent.judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and judgement.reason.startswith(
        "openai:gpt-4o-mini: malformed output")
    assert len(openai_server.hits) == 3
    assert "tools" in openai_server.hits[0]
    assert "tools" not in openai_server.hits[1] and "tools" not in openai_server.hits[2]
    # The last request shows the model its mistake.
    assert "not valid" in openai_server.hits[2]["messages"][-1]["content"]
    assert judgement.input_tokens == 3000  # every request is paid for
    assert agent.usage.calls == 3


def test_malformed_then_valid_output_passes(openai_server: ScriptedServer,
                                            settings: Settings) -> None:
    openai_server.script({"content": "not json"}, {"content": f"```json\n{PASS}\n```"})
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert judgement.verdict == "pass"
    assert judgement.input_tokens == 2000  # both requests are paid for


@pytest.mark.parametrize("action", [
    {"refusal": "I cannot help with that request."},
    {"content": "I'm sorry, but I can't help with that."},
])
def test_a_refusal_is_inconclusive_and_not_retried(openai_server: ScriptedServer,
                                                   settings: Settings,
                                                   action: dict[str, str]) -> None:
    openai_server.script(action)
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "model refused" in judgement.reason
    assert len(openai_server.hits) == 1


def test_fallback_model_answers_when_the_first_is_down(openai_server: ScriptedServer,
                                                       settings: Settings) -> None:
    openai_server.script({"status": 500}, {"status": 500}, {"status": 500}, model="gpt-4o-mini")
    openai_server.script({"content": PASS}, model="gpt-4.1-mini")
    settings = dataclasses.replace(settings, model_fallback=("openai:gpt-4.1-mini",))
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert judgement.verdict == "pass"
    assert judgement.model == "openai:gpt-4.1-mini"
    assert openai_server.hits_for("gpt-4o-mini") == 3
    assert openai_server.hits_for("gpt-4.1-mini") == 1


def test_per_task_model(openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script({"content": PASS})
    settings = dataclasses.replace(settings, model_verify="openai:gpt-4.1-nano")
    assert agent_from_settings(settings).judge(REQUEST).model == "openai:gpt-4.1-nano"
    assert openai_server.hits[0]["model"] == "gpt-4.1-nano"


def test_second_run_makes_zero_calls(openai_server: ScriptedServer, settings: Settings,
                                     tmp_path: Path) -> None:
    openai_server.script({"content": PASS})
    first = agent_from_settings(settings).judge(REQUEST)
    assert len(openai_server.hits) == 1
    files = list((tmp_path / "cache" / "llm").rglob("*.json"))
    assert len(files) == 1
    entry = json.loads(files[0].read_text())
    assert files[0].read_text() == json.dumps(entry, sort_keys=True, indent=2) + "\n"
    assert entry["model"] == "openai:gpt-4o-mini" and entry["task"] == "verify"

    again = agent_from_settings(settings)
    second = again.judge(REQUEST)
    assert len(openai_server.hits) == 1  # zero calls on the unchanged re-run
    assert (second.verdict, second.explanation) == (first.verdict, first.explanation)
    assert (again.usage.calls, again.usage.cache_hits, again.usage.cost) == (0, 1, 0.0)
    # A different question is a miss and is asked.
    openai_server.script({"content": FAIL})
    assert again.judge(REQUEST.model_copy(update={"actual": "Bye"})).verdict == "fail"
    assert len(openai_server.hits) == 2


def test_offline_replays_the_cache_and_never_calls(openai_server: ScriptedServer,
                                                   settings: Settings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    openai_server.script({"content": PASS})
    agent_from_settings(settings).judge(REQUEST)
    monkeypatch.delenv("OPENAI_API_KEY")  # offline needs no key
    offline = agent_from_settings(dataclasses.replace(settings, offline=True))
    assert offline.is_offline
    assert offline.judge(REQUEST).verdict == "pass"
    miss = offline.judge(REQUEST.model_copy(update={"expectation": "prints a farewell"}))
    assert miss.verdict == "inconclusive"
    assert miss.reason == OFFLINE_MISS
    assert len(openai_server.hits) == 1
    assert offline.usage.calls == 0


def test_budget_cap_stops_calls(openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script({"content": PASS}, {"content": PASS})
    agent = agent_from_settings(dataclasses.replace(settings, max_cost=0.0002))
    assert agent.judge(REQUEST).verdict == "pass"
    spent = agent.judge(REQUEST.model_copy(update={"actual": "Hi Ada"}))
    assert spent.verdict == "inconclusive"
    assert spent.reason == BUDGET_SPENT
    assert len(openai_server.hits) == 1
    assert agent.usage.cost <= 0.0002


def test_estimate_cost_before_running(openai_server: ScriptedServer,
                                      settings: Settings) -> None:
    agent = agent_from_settings(settings)
    estimate = agent.estimate_cost([REQUEST] * 10)
    assert 10 * 120 * 0.60 / 1e6 < estimate < 0.01
    assert openai_server.hits == []
