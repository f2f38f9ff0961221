"""The judge's structured output: a forced tool call (OpenAI, Azure OpenAI, Anthropic)
or a JSON schema (Ollama) through the real LangChain clients and the scripted servers
of each API, and the prompt-and-parse fallback when a server answers in plain text,
gives a malformed tool call or rejects the request's shape."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import test_providers
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import Runnable
from llm_server import ScriptedServer
from provider_servers import ProviderServer
from test_providers import ANTHROPIC, AZURE, OLLAMA, Provider, Start, cache_texts

from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import JudgeRequest

ANSWER = {"verdict": "pass", "confidence": 0.9, "explanation": "it greets Ada"}
PASS = json.dumps(ANSWER)
REQUEST = JudgeRequest(expectation="prints a greeting naming the user",
                       actual="Hello, Ada!\n", command="greet Ada", exit_code=0)
TOOL = "JudgeAnswer"
# The provider servers' fixture: ``start(provider)`` serves it and points its env at it.
start = test_providers.start


def agent_for(provider: Provider, tmp_path: Path) -> Any:
    """An agent for ``provider``'s scripted server, as test_providers makes one but with
    a timeout a loaded machine meets (a client's first request may take a second or
    two): nothing here is about timeouts."""
    return agent_from_settings(Settings(model=provider.model, cache=str(tmp_path / "cache"),
                                        llm_timeout=15.0, llm_retries=2, llm_backoff=0.01))


def openai_tool_request(body: dict[str, Any]) -> dict[str, Any]:
    """The forced tool of an OpenAI/Azure request body (asserting it is one)."""
    [tool] = body["tools"]
    assert isinstance(tool, dict)
    assert tool["type"] == "function" and tool["function"]["name"] == TOOL
    assert body["tool_choice"] == {"type": "function", "function": {"name": TOOL}}
    # (AzureChatOpenAI leaves it out: older api-versions reject it.)
    assert body.get("parallel_tool_calls", False) is False
    schema = tool["function"]["parameters"]
    assert set(schema["required"]) == {"verdict", "confidence", "explanation"}
    assert schema["properties"]["verdict"]["enum"] == ["pass", "fail", "inconclusive"]
    return tool


# --- OpenAI-compatible server ----------------------------------------------------------------

def test_openai_answers_through_the_forced_tool(openai_server: ScriptedServer,
                                                settings: Settings, tmp_path: Path) -> None:
    openai_server.script({"answer": ANSWER})
    agent = agent_from_settings(settings)
    judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.confidence, judgement.explanation) == (
        "pass", 0.9, "it greets Ada")
    assert judgement.output_mode == "function_calling"
    assert (judgement.input_tokens, judgement.output_tokens) == (1000, 50)
    assert judgement.cost == pytest.approx((1000 * 0.15 + 50 * 0.60) / 1e6)
    [body] = openai_server.hits
    openai_tool_request(body)
    assert body["temperature"] == 0
    assert agent.usage.calls == 1
    # The answer is cached as its JSON, and replayed without a call.
    [entry] = [json.loads(t) for t in cache_texts(tmp_path)]
    assert json.loads(entry["response"]) == ANSWER
    again = agent_from_settings(settings).judge(REQUEST)
    assert (again.verdict, again.output_mode) == ("pass", "cache")
    assert len(openai_server.hits) == 1


@pytest.mark.parametrize("malformed", [
    '{"verdict": "pass", "confid',  # cut short: not JSON
    '{"verdict": "maybe", "confidence": 2, "explanation": "?"}',  # JSON, not the schema
    "{}",
], ids=["not-json", "off-schema", "empty"])
def test_openai_malformed_tool_call_falls_back_to_text(openai_server: ScriptedServer,
                                                       settings: Settings,
                                                       malformed: str) -> None:
    openai_server.script({"tool_args": malformed}, {"content": PASS})
    agent = agent_from_settings(settings)
    judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text"), judgement.reason
    first, second = openai_server.hits
    openai_tool_request(first)
    assert "tools" not in second and "tool_choice" not in second
    # The text request is today's prompt: the system prompt asks for the JSON object.
    assert "Reply with ONLY one JSON object" in second["messages"][0]["content"]
    assert judgement.input_tokens == 2000 and agent.usage.calls == 2


def test_openai_plain_text_json_is_taken_without_asking_again(
        openai_server: ScriptedServer, settings: Settings) -> None:
    # A model that ignores the tool but writes the JSON asked for in its text.
    openai_server.script({"content": f"Here you go:\n```json\n{PASS}\n```"})
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text")
    assert len(openai_server.hits) == 1


def test_openai_plain_prose_falls_back_to_text(openai_server: ScriptedServer,
                                               settings: Settings) -> None:
    openai_server.script({"content": "The output greets Ada, so it passes."},
                         {"content": PASS})
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text")
    assert ["tools" in hit for hit in openai_server.hits] == [True, False]


def test_a_server_without_tools_is_asked_as_text_from_then_on(
        openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script({"status": 400, "message": "tools are not supported by this model"},
                         {"content": PASS}, {"content": PASS})
    agent = agent_from_settings(settings)
    assert agent.judge(REQUEST).output_mode == "text"
    second = agent.judge(REQUEST.model_copy(update={"actual": "Hello, Bob!\n"}))
    assert (second.verdict, second.output_mode) == ("pass", "text")
    assert ["tools" in hit for hit in openai_server.hits] == [True, False, False]
    assert agent.usage.calls == 3


def test_a_server_rejecting_a_malformed_tool_request_is_not_a_provider_failure(
        openai_server: ScriptedServer, settings: Settings) -> None:
    # The scripted server checks the tool request as OpenAI does: a tool_choice that
    # names no tool is a 400 before any answer. Ours always names its tool, so every
    # structured request passes that check (and a 400 about it would fall back).
    openai_server.script({"answer": ANSWER}, {"answer": ANSWER})
    agent = agent_from_settings(settings)
    assert agent.judge(REQUEST).output_mode == "function_calling"
    assert agent.judge(REQUEST.model_copy(update={"actual": "Hi"})).output_mode == \
        "function_calling"


def test_a_provider_down_during_the_tool_request_is_not_asked_as_text(
        openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script(*[{"status": 503}] * 3, {"content": PASS})
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "provider unavailable after 3" in judgement.reason
    assert len(openai_server.hits) == 3 and all("tools" in h for h in openai_server.hits)


def test_a_refusal_of_the_tool_request_is_inconclusive(openai_server: ScriptedServer,
                                                       settings: Settings) -> None:
    openai_server.script({"refusal": "I cannot help with that."}, {"content": PASS})
    judgement = agent_from_settings(settings).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "model refused" in judgement.reason
    assert len(openai_server.hits) == 1


def test_budget_counts_the_tool_request(openai_server: ScriptedServer,
                                        settings: Settings) -> None:
    openai_server.script({"tool_args": "{", "prompt_tokens": 1500}, {"content": PASS})
    # The tool request cost 0.000255: the fallback's request would pass the cap.
    agent = agent_from_settings(dataclasses.replace(settings, max_cost=0.0003))
    judgement = agent.judge(REQUEST)
    assert judgement.verdict == "inconclusive" and judgement.reason == "budget spent"
    assert len(openai_server.hits) == 1
    assert agent.usage.cost <= 0.0003


# --- Anthropic, Azure OpenAI and Ollama ------------------------------------------------------

def test_anthropic_answers_through_a_tool_use_block(start: Start, tmp_path: Path) -> None:
    server = start(ANTHROPIC)
    server.script({"answer": ANSWER, "prompt_tokens": 400, "completion_tokens": 30})
    judgement = agent_for(ANTHROPIC, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "function_calling")
    assert (judgement.input_tokens, judgement.output_tokens) == (400, 30)
    [seen] = server.requests
    [tool] = seen.body["tools"]
    assert tool["name"] == TOOL and tool["input_schema"]["type"] == "object"
    assert seen.body["tool_choice"]["type"] == "tool"
    assert seen.body["tool_choice"]["name"] == TOOL


@pytest.mark.parametrize("action", [
    {"tool_input": {"verdict": "maybe", "confidence": 0.9, "explanation": "?"}},
    {"tool_input": {"verdict": "pass"}},
    {"content": "It greets Ada."},
], ids=["bad-value", "missing-fields", "prose"])
def test_anthropic_falls_back_to_text(start: Start, tmp_path: Path,
                                      action: dict[str, Any]) -> None:
    server = start(ANTHROPIC)
    server.script(action, {"content": PASS})
    judgement = agent_for(ANTHROPIC, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text"), judgement.reason
    assert ["tools" in s.body for s in server.requests] == [True, False]
    assert judgement.input_tokens == 2000


def test_azure_answers_through_the_forced_tool(start: Start, tmp_path: Path) -> None:
    server = start(AZURE)
    server.script({"answer": ANSWER})
    judgement = agent_for(AZURE, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "function_calling")
    openai_tool_request(server.requests[0].body)


def test_azure_malformed_tool_call_falls_back(start: Start, tmp_path: Path) -> None:
    server = start(AZURE)
    server.script({"tool_args": "not json"}, {"content": PASS})
    judgement = agent_for(AZURE, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text")
    assert len(server.requests) == 2


def test_ollama_answers_under_a_json_schema(start: Start, tmp_path: Path) -> None:
    server = start(OLLAMA)
    server.script({"answer": ANSWER, "prompt_tokens": 321, "completion_tokens": 12})
    judgement = agent_for(OLLAMA, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "json_schema")
    assert (judgement.input_tokens, judgement.output_tokens) == (321, 12)
    [seen] = server.requests
    schema = seen.body["format"]
    assert schema["type"] == "object"
    assert set(schema["required"]) == {"verdict", "confidence", "explanation"}
    assert not seen.body.get("tools")


@pytest.mark.parametrize("content", ['{"verdict": "pass", "conf', "I think it passes."],
                         ids=["cut-json", "prose"])
def test_ollama_malformed_answer_falls_back_to_text(start: Start, tmp_path: Path,
                                                    content: str) -> None:
    server = start(OLLAMA)
    server.script({"content": content}, {"content": PASS})
    judgement = agent_for(OLLAMA, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text")
    assert [bool(s.body.get("format")) for s in server.requests] == [True, False]


def test_an_ollama_without_schema_support_is_asked_as_text(start: Start,
                                                          tmp_path: Path) -> None:
    server = start(OLLAMA)
    server.unsupported = ("format",)
    server.script({"content": PASS}, {"content": PASS})
    agent = agent_for(OLLAMA, tmp_path)
    assert agent.judge(REQUEST).output_mode == "text"
    assert agent.judge(REQUEST.model_copy(update={"actual": "Hi Bob"})).output_mode == "text"
    # The 400 was asked once; the scripts were answered by text requests only.
    assert [bool(s.body.get("format")) for s in server.requests] == [True, False, False]


def test_provider_server_checks_tool_requests(start: Start) -> None:
    """The scripted Anthropic server rejects what the API rejects."""
    import anthropic

    server: ProviderServer = start(ANTHROPIC)
    server.script({"answer": ANSWER})
    client = anthropic.Anthropic(max_retries=0)
    with pytest.raises(anthropic.BadRequestError, match="not found in tools"):
        client.messages.create(
            model="claude-3-5-haiku-latest", max_tokens=50,
            messages=[{"role": "user", "content": "hi"}],
            tools=[{"name": "a", "input_schema": {"type": "object", "properties": {}}}],
            tool_choice={"type": "tool", "name": "b"})
    reply = client.messages.create(
        model="claude-3-5-haiku-latest", max_tokens=50,
        messages=[{"role": "user", "content": "hi"}],
        tools=[{"name": "a", "input_schema": {"type": "object", "properties": {}}}],
        tool_choice={"type": "tool", "name": "a"})
    assert reply.stop_reason == "tool_use"
    assert reply.content[0].type == "tool_use" and reply.content[0].input == ANSWER


# --- LangChain fake chat models ---------------------------------------------------------------

class ToolCallingFake(GenericFakeChatModel):
    """A fake chat model that takes tools (``bind_tools``) and records them."""

    bound: list[Any] = []

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[Any, AIMessage]:
        self.bound.append((list(tools), kwargs))
        return self.bind(**kwargs)


def test_a_fake_without_tool_support_is_asked_as_text(tmp_path: Path) -> None:
    chat = GenericFakeChatModel(messages=iter([AIMessage(content=PASS)] * 2))
    agent = agent_from_settings(Settings(cache=str(tmp_path / "c")), chat_model=chat)
    assert agent.judge(REQUEST).output_mode == "text"
    assert agent.judge(REQUEST.model_copy(update={"actual": "x"})).output_mode == "text"


def test_a_fake_with_tool_support_answers_by_tool_call(tmp_path: Path) -> None:
    call = AIMessage(content="", tool_calls=[{"name": TOOL, "args": ANSWER, "id": "call_1"}])
    chat = ToolCallingFake(messages=iter([call]), bound=[])
    agent = agent_from_settings(Settings(cache=str(tmp_path / "c")), chat_model=chat)
    judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "function_calling")
    [(tools, kwargs)] = chat.bound
    assert tools[0].__name__ == TOOL and kwargs["tool_choice"] == "any"
    # No usage metadata: the output is estimated from the tool call's arguments.
    assert judgement.output_tokens == (len(json.dumps(ANSWER, sort_keys=True)) + 3) // 4
    assert agent.usage.calls == 1


def test_a_fake_with_a_malformed_tool_call_falls_back(tmp_path: Path) -> None:
    bad = AIMessage(content="", tool_calls=[
        {"name": TOOL, "args": {"verdict": "yes"}, "id": "call_1"}])
    chat = ToolCallingFake(messages=iter([bad, AIMessage(content=PASS)]), bound=[])
    agent = agent_from_settings(Settings(cache=str(tmp_path / "c")), chat_model=chat)
    judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.output_mode) == ("pass", "text")
    assert agent.usage.calls == 2


def test_the_breaker_counts_tool_requests_the_provider_failed(
        openai_server: ScriptedServer, settings: Settings) -> None:
    # Three questions whose tool requests all fail at the provider open the breaker;
    # none of them was asked again as text.
    openai_server.script(*[{"status": 500}] * 9, {"answer": ANSWER})
    agent = agent_from_settings(settings)
    with pytest.warns(RuntimeWarning, match="provider down"):
        for n in range(3):
            agent.judge(REQUEST.model_copy(update={"actual": f"Hello {n}"}))
    assert len(openai_server.hits) == 9 and all("tools" in h for h in openai_server.hits)
    later = agent.judge(REQUEST)
    assert later.reason is not None and later.reason.startswith("provider down")
    assert len(openai_server.hits) == 9


def test_a_rejected_tool_request_does_not_count_towards_the_breaker(
        openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script({"status": 400, "message": "this model does not support tools"},
                         *[{"content": PASS}] * 4)
    agent = agent_from_settings(dataclasses.replace(settings, llm_breaker=1))
    for n in range(4):
        judgement = agent.judge(REQUEST.model_copy(update={"actual": f"Hello {n}"}))
        assert (judgement.verdict, judgement.output_mode) == ("pass", "text")


# --- the scripted servers themselves, with the real clients' other structured forms ------------

def test_openai_server_answers_a_json_schema_response_format(openai_server: ScriptedServer
                                                             ) -> None:
    from langchain_openai import ChatOpenAI

    from pytest_testronaut.llm.prompts import JudgeAnswer

    openai_server.script({"answer": ANSWER})
    chat = ChatOpenAI(model="gpt-4o-mini", max_retries=0)
    answer = chat.with_structured_output(JudgeAnswer, method="json_schema").invoke("judge")
    assert answer == JudgeAnswer.model_validate(ANSWER)
    fmt = openai_server.hits[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["name"] == TOOL


def test_openai_server_rejects_a_tool_choice_naming_no_tool(openai_server: ScriptedServer
                                                            ) -> None:
    import openai

    openai_server.script({"answer": ANSWER})
    client = openai.OpenAI(max_retries=0)
    with pytest.raises(openai.BadRequestError, match="not in 'tools'"):
        client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}],
            tools=[{"type": "function", "function": {"name": "a", "parameters": {}}}],
            tool_choice={"type": "function", "function": {"name": "b"}})
    assert openai_server.scripts["*"] == [{"answer": ANSWER}]  # rejected before answering


def test_ollama_server_answers_tool_calls(start: Start) -> None:
    from langchain_ollama import ChatOllama

    from pytest_testronaut.llm.prompts import JudgeAnswer

    server = start(OLLAMA, env={"OLLAMA_API_KEY": None}, api_key=None)
    server.script({"answer": ANSWER})
    chat = ChatOllama(model="llama3.1")
    answer = chat.with_structured_output(JudgeAnswer, method="function_calling").invoke("x")
    assert answer == JudgeAnswer.model_validate(ANSWER)
    [seen] = server.requests
    assert seen.body["tools"][0]["function"]["name"] == TOOL
