"""Anthropic, Azure OpenAI and Ollama through their real LangChain clients
(``ChatAnthropic``, ``AzureChatOpenAI``, ``ChatOllama``), each configured only by the
provider's own environment variables and talking to a scripted server of its API on
127.0.0.1 (see ``provider_servers``).

What the environment variables are, as the installed clients read them:

* Anthropic: ``ANTHROPIC_API_KEY``; the base URL from ``ANTHROPIC_BASE_URL`` (the
  SDK's name) or ``ANTHROPIC_API_URL`` (langchain-anthropic reads it first).
* Azure OpenAI: ``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_API_KEY`` (else
  ``OPENAI_API_KEY``), ``OPENAI_API_VERSION``; the model is ``azure_openai:<deployment>``.
* Ollama: ``OLLAMA_HOST`` (``host:port`` or a URL, read by the ``ollama`` client);
  ``OLLAMA_API_KEY``, sent as a bearer token, for ollama.com or an auth proxy.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from provider_servers import (
    ANTHROPIC_KEY,
    AZURE_API_VERSION,
    AZURE_KEY,
    OLLAMA_KEY,
    AnthropicHandler,
    AzureHandler,
    OllamaHandler,
    ProviderHandler,
    ProviderServer,
    Seen,
    serving,
)

from pytest_testronaut.cli.common import agent_from_env
from pytest_testronaut.errors import TestronautError
from pytest_testronaut.llm import REDACTED
from pytest_testronaut.llm.agent import Agent
from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import JudgeRequest

PASS = json.dumps({"verdict": "pass", "confidence": 0.9, "explanation": "it greets Ada"})
REQUEST = JudgeRequest(expectation="prints a greeting naming the user",
                       actual="Hello, Ada!\n", command="greet Ada", exit_code=0)
# Fast failure handling, so every test stays quick.
TIMEOUT, RETRIES, BACKOFF = 0.5, 2, 0.01
ATTEMPTS = RETRIES + 1

# Every variable that could point a client somewhere else or give it other credentials.
_FOREIGN_PREFIXES = ("ANTHROPIC_", "AZURE_", "OPENAI_", "OLLAMA_", "LANGSMITH_",
                     "LANGCHAIN_")
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@dataclass(frozen=True)
class Provider:
    """How one provider is configured, and where its requests say what they are."""

    name: str
    handler: type[ProviderHandler]
    model: str  # PROVIDER:MODEL as the user writes it
    sent_model: str  # the model (or Azure deployment) the request must name
    key: str
    # Statuses the provider really answers when it is busy or broken.
    transient: tuple[int, ...]

    def env(self, server: ProviderServer) -> dict[str, str]:
        if self.name == "anthropic":
            return {"ANTHROPIC_API_KEY": self.key, "ANTHROPIC_BASE_URL": server.origin}
        if self.name == "azure_openai":
            return {"AZURE_OPENAI_API_KEY": self.key, "AZURE_OPENAI_ENDPOINT": server.origin + "/",
                    "OPENAI_API_VERSION": AZURE_API_VERSION}
        return {"OLLAMA_HOST": f"127.0.0.1:{server.port}", "OLLAMA_API_KEY": self.key}

    def temperature(self, seen: Seen) -> Any:
        if self.name == "ollama":
            return seen.body.get("options", {}).get("temperature")
        return seen.body.get("temperature")

    def model_of(self, seen: Seen) -> str:
        if self.name == "azure_openai":
            return seen.path.split("/")[3]  # /openai/deployments/<deployment>/chat/completions
        return str(seen.body.get("model"))


ANTHROPIC = Provider("anthropic", AnthropicHandler, "anthropic:claude-3-5-haiku-latest",
                     "claude-3-5-haiku-latest", ANTHROPIC_KEY, (429, 500, 529))
AZURE = Provider("azure_openai", AzureHandler, "azure_openai:judge-prod", "judge-prod",
                 AZURE_KEY, (429, 500, 503))
OLLAMA = Provider("ollama", OllamaHandler, "ollama:llama3.1", "llama3.1", OLLAMA_KEY,
                  (429, 500, 503))
PROVIDERS = (ANTHROPIC, AZURE, OLLAMA)

def each_provider() -> list[Any]:
    return [pytest.param(p, id=p.name) for p in PROVIDERS]


class Start(Protocol):
    def __call__(self, provider: Provider, env: dict[str, str | None] | None = None,
                 api_key: str | None = "") -> ProviderServer: ...


@pytest.fixture
def start(monkeypatch: pytest.MonkeyPatch) -> Iterator[Start]:
    """``start(provider)``: its scripted server, and the provider's environment (only
    that) pointing at it. ``env={...}`` changes or (``None``) drops variables of that
    environment; ``api_key`` is the key the server accepts (default: the provider's
    fake key; ``None``: no key needed)."""
    for name in [n for n in os.environ if n.startswith(_FOREIGN_PREFIXES)]:
        monkeypatch.delenv(name)
    for name in _PROXIES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with ExitStack() as stack:
        def start_(provider: Provider, env: dict[str, str | None] | None = None,
                   api_key: str | None = "") -> ProviderServer:
            state = ProviderServer(api_key=provider.key if api_key == "" else api_key)
            stack.enter_context(serving(state, provider.handler))
            values: dict[str, str | None] = {**provider.env(state), **(env or {})}
            for name, value in values.items():
                if value is None:
                    monkeypatch.delenv(name, raising=False)
                else:
                    monkeypatch.setenv(name, value)
            return state
        yield start_


def settings_for(provider: Provider, tmp_path: Path) -> Settings:
    return Settings(model=provider.model, cache=str(tmp_path / "cache"),
                    llm_timeout=TIMEOUT, llm_retries=RETRIES, llm_backoff=BACKOFF)


def agent_for(provider: Provider, tmp_path: Path) -> Agent:
    return agent_from_settings(settings_for(provider, tmp_path))


def cache_texts(tmp_path: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in (tmp_path / "cache").rglob("*") if p.is_file()]


# --- configured by the provider's own environment ----------------------------------------

@pytest.mark.parametrize("provider", each_provider())
def test_a_pass_verdict_through_the_real_client(start: Start, provider: Provider,
                                                tmp_path: Path) -> None:
    server = start(provider)
    server.script({"content": PASS})
    agent = agent_for(provider, tmp_path)
    judgement = agent.judge(REQUEST)
    assert (judgement.verdict, judgement.confidence) == ("pass", 0.9)
    assert judgement.explanation == "it greets Ada"
    assert judgement.model == provider.model
    assert (judgement.input_tokens, judgement.output_tokens) == (1000, 50)
    [seen] = server.requests
    assert provider.model_of(seen) == provider.sent_model
    assert provider.temperature(seen) == 0
    assert seen.credential() == provider.key
    assert "Hello, Ada!" in json.dumps(seen.body)
    assert agent.usage.calls == 1
    assert len(cache_texts(tmp_path)) == 1


def test_anthropic_request_is_a_messages_api_request(start: Start, tmp_path: Path) -> None:
    server = start(ANTHROPIC)
    server.script({"content": PASS})
    judgement = agent_for(ANTHROPIC, tmp_path).judge(REQUEST)
    assert judgement.verdict == "pass"
    assert judgement.cost == pytest.approx((1000 * 0.80 + 50 * 4.00) / 1e6)  # priced model
    [seen] = server.requests
    assert seen.path == "/v1/messages"
    assert seen.headers.get("anthropic-version")
    assert seen.body["max_tokens"] > 0
    # The system prompt travels in "system", not as a message.
    assert "verification judge" in str(seen.body["system"])
    assert [m["role"] for m in seen.body["messages"]] == ["user"]


def test_azure_request_names_the_deployment_and_api_version(start: Start,
                                                             tmp_path: Path) -> None:
    server = start(AZURE)
    server.script({"content": PASS})
    assert agent_for(AZURE, tmp_path).judge(REQUEST).verdict == "pass"
    [seen] = server.requests
    assert seen.path == "/openai/deployments/judge-prod/chat/completions"
    assert seen.query == {"api-version": AZURE_API_VERSION}
    assert seen.headers["api-key"] == AZURE_KEY
    assert "authorization" not in seen.headers


def test_ollama_streams_ndjson_and_counts_its_tokens(start: Start, tmp_path: Path) -> None:
    server = start(OLLAMA)
    server.script({"content": PASS, "prompt_tokens": 321, "completion_tokens": 12})
    judgement = agent_for(OLLAMA, tmp_path).judge(REQUEST)
    assert (judgement.verdict, judgement.input_tokens, judgement.output_tokens) == ("pass", 321, 12)
    [seen] = server.requests
    assert seen.path == "/api/chat"
    assert seen.body.get("stream", True) is True  # the chunked answer was reassembled
    assert [m["role"] for m in seen.body["messages"]] == ["system", "user"]


@pytest.mark.parametrize("variable", ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_URL"])
def test_anthropic_base_url_variables(start: Start, tmp_path: Path, variable: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    server = start(ANTHROPIC, env={"ANTHROPIC_BASE_URL": None})
    monkeypatch.setenv(variable, server.origin)
    server.script({"content": PASS})
    assert agent_for(ANTHROPIC, tmp_path).judge(REQUEST).verdict == "pass"
    assert len(server.requests) == 1


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "http://127.0.0.1:{port}",
                                  "http://127.0.0.1:{port}/"])
def test_ollama_host_forms(start: Start, tmp_path: Path, host: str,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    server = start(OLLAMA, env={"OLLAMA_API_KEY": None}, api_key=None)
    monkeypatch.setenv("OLLAMA_HOST", host.format(port=server.port))
    server.script({"content": PASS})
    assert agent_for(OLLAMA, tmp_path).judge(REQUEST).verdict == "pass"
    # A local Ollama needs no key, and gets none.
    assert "authorization" not in server.requests[0].headers


@pytest.mark.parametrize("provider", each_provider())
def test_configured_entirely_from_the_environment(start: Start, provider: Provider,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """The console script's path: TESTRONAUT_* and the provider's variables only."""
    server = start(provider)
    monkeypatch.setenv("TESTRONAUT_MODEL", provider.model)
    monkeypatch.setenv("TESTRONAUT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TESTRONAUT_LLM_TIMEOUT", str(TIMEOUT))
    monkeypatch.setenv("TESTRONAUT_LLM_RETRIES", str(RETRIES))
    monkeypatch.setenv("TESTRONAUT_LLM_BACKOFF", str(BACKOFF))
    server.script({"content": PASS})
    agent = agent_from_env()
    assert not agent.is_offline
    assert agent.judge(REQUEST).verdict == "pass"
    assert provider.model_of(server.requests[0]) == provider.sent_model


# --- failures: retried, then a pass or an inconclusive verdict, never a pass without one ---

@pytest.mark.parametrize(("provider", "status"), [
    pytest.param(p, status, id=f"{p.name}-{status}") for p in PROVIDERS for status in p.transient])
def test_a_transient_error_is_retried(start: Start, provider: Provider, status: int,
                                      tmp_path: Path) -> None:
    server = start(provider)
    server.script({"status": status}, {"content": PASS})
    agent = agent_for(provider, tmp_path)
    assert agent.judge(REQUEST).verdict == "pass"
    assert len(server.requests) == 2
    assert agent.usage.calls == 2


@pytest.mark.parametrize("provider", each_provider())
def test_a_provider_that_stays_down_is_inconclusive(start: Start, provider: Provider,
                                                    tmp_path: Path) -> None:
    status = provider.transient[-1]  # 529 overloaded for Anthropic, 503 for the others
    server = start(provider)
    server.script(*[{"status": status}] * ATTEMPTS, {"content": PASS})
    judgement = agent_for(provider, tmp_path).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.confidence == 0.0
    assert judgement.reason is not None
    assert f"provider unavailable after {ATTEMPTS} attempts" in judgement.reason
    assert str(status) in judgement.reason
    assert len(server.requests) == ATTEMPTS
    assert cache_texts(tmp_path) == []  # nothing to replay as if it had been judged


@pytest.mark.parametrize("provider", each_provider())
def test_a_hang_times_out_and_is_retried(start: Start, provider: Provider,
                                         tmp_path: Path) -> None:
    server = start(provider)
    server.script({"hang": 2.0}, {"content": PASS})
    agent = agent_for(provider, tmp_path)  # (importing the client is not timed)
    started = time.monotonic()
    judgement = agent.judge(REQUEST)
    elapsed = time.monotonic() - started
    assert judgement.verdict == "pass", judgement.reason
    assert len(server.requests) == 2
    assert elapsed < 1.5  # the 0.5 s timeout cut the 2 s hang short


@pytest.mark.parametrize("provider", each_provider())
def test_a_dropped_connection_is_retried(start: Start, provider: Provider,
                                         tmp_path: Path) -> None:
    server = start(provider)
    server.script({"drop": True}, {"content": PASS})
    judgement = agent_for(provider, tmp_path).judge(REQUEST)
    assert judgement.verdict == "pass", judgement.reason
    assert len(server.requests) == 2


@pytest.mark.parametrize("provider", [ANTHROPIC, AZURE], ids=lambda p: p.name)
def test_retry_after_is_honoured(start: Start, provider: Provider, tmp_path: Path) -> None:
    server = start(provider)
    server.script({"status": 429, "retry_after": "0.4"}, {"content": PASS})
    started = time.monotonic()
    assert agent_for(provider, tmp_path).judge(REQUEST).verdict == "pass"
    assert time.monotonic() - started >= 0.4
    assert len(server.requests) == 2


def test_ollama_not_running_is_inconclusive(start: Start, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    start(OLLAMA)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{port}")
    judgement = agent_for(OLLAMA, tmp_path).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "Connect" in judgement.reason


def test_ollama_model_not_pulled_is_inconclusive_and_says_so(start: Start,
                                                             tmp_path: Path) -> None:
    server = start(OLLAMA)
    server.script({"content": PASS}, model="qwen2.5")  # llama3.1 is not "pulled"
    judgement = agent_for(OLLAMA, tmp_path).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "try pulling it first" in judgement.reason
    assert len(server.requests) == 1  # a 404 is not retried


# --- keys: a wrong one is not retried, and none ever leaks ----------------------------------

@pytest.mark.parametrize("provider", each_provider())
def test_a_rejected_key_is_inconclusive_and_not_retried(start: Start, provider: Provider,
                                                        tmp_path: Path) -> None:
    server = start(provider, api_key="the-key-the-server-wants-0123456789")
    server.script({"content": PASS})
    judgement = agent_for(provider, tmp_path).judge(REQUEST)
    assert judgement.verdict == "inconclusive"
    assert judgement.reason is not None and "provider error" in judgement.reason
    assert "401" in judgement.reason or "uthentication" in judgement.reason
    assert len(server.requests) == 1
    assert server.requests[0].credential() == provider.key
    assert provider.key not in judgement.reason + judgement.explanation


@pytest.mark.parametrize("provider", each_provider())
def test_the_key_never_reaches_verdicts_cache_or_logs(start: Start, provider: Provider,
                                                      tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = start(provider)
    echo = json.dumps({"verdict": "pass", "confidence": 0.9,
                       "explanation": f"the request was signed with {provider.key}"})
    # A provider (or proxy) that quotes the key back, in an error and in an answer.
    server.script({"status": 400, "message": f"bad request for key {provider.key}"},
                  {"status": 503, "message": f"busy, key={provider.key}"},
                  {"content": echo})
    agent = agent_for(provider, tmp_path)
    refused = agent.judge(REQUEST)
    judged = agent.judge(REQUEST.model_copy(update={"actual": "Hello, Bob!\n"}))
    assert refused.verdict == "inconclusive"
    assert judged.verdict == "pass"
    assert refused.reason is not None and REDACTED in refused.reason
    assert REDACTED in judged.explanation
    for judgement in (refused, judged):
        assert provider.key not in judgement.model_dump_json()
    texts = cache_texts(tmp_path)
    assert len(texts) == 1 and REDACTED in texts[0]
    assert not any(provider.key in text for text in texts)
    assert provider.key not in caplog.text
    assert all(s.credential() == provider.key for s in server.requests)  # it was sent


# --- configuration mistakes are reported at setup, naming the variable ----------------------

def test_anthropic_without_a_key_is_a_setup_error(start: Start, tmp_path: Path) -> None:
    server = start(ANTHROPIC, env={"ANTHROPIC_API_KEY": None})
    with pytest.raises(TestronautError, match="ANTHROPIC_API_KEY"):
        agent_for(ANTHROPIC, tmp_path)
    assert server.requests == []


def test_anthropic_auth_token_instead_of_a_key(start: Start, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    token = "gateway-token-FAKE-0123456789abcdef"
    server = start(ANTHROPIC, env={"ANTHROPIC_API_KEY": None}, api_key=token)
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", token)
    server.script({"content": PASS})
    judgement = agent_for(ANTHROPIC, tmp_path).judge(REQUEST)
    assert judgement.verdict == "pass", judgement.reason
    assert server.requests[0].headers.get("authorization") == f"Bearer {token}"


@pytest.mark.parametrize("missing", [
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_API_KEY",
])
def test_azure_missing_setting_is_a_setup_error_naming_it(start: Start, tmp_path: Path,
                                                          missing: str) -> None:
    server = start(AZURE, env={missing: None})
    with pytest.raises(TestronautError) as raised:
        agent_for(AZURE, tmp_path)
    assert missing in str(raised.value)
    assert "PROVIDER:MODEL" not in str(raised.value)  # the model string is fine
    assert AZURE_KEY not in str(raised.value)
    assert server.requests == []


def test_azure_falls_back_to_openai_api_key(start: Start, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    server = start(AZURE, env={"AZURE_OPENAI_API_KEY": None})
    monkeypatch.setenv("OPENAI_API_KEY", AZURE_KEY)
    server.script({"content": PASS})
    assert agent_for(AZURE, tmp_path).judge(REQUEST).verdict == "pass"
    assert server.requests[0].headers["api-key"] == AZURE_KEY


# --- the scripted Ollama server itself, with the real ollama client ---------------------------

@pytest.mark.parametrize("stream", [False, True])
def test_ollama_server_answers_both_forms(start: Start, stream: bool) -> None:
    import ollama

    server = start(OLLAMA)
    server.script({"content": "Hello there", "prompt_tokens": 7, "completion_tokens": 3})
    client = ollama.Client()  # OLLAMA_HOST and OLLAMA_API_KEY from the environment
    messages = [{"role": "user", "content": "hi"}]
    if stream:
        parts = list(client.chat(model="llama3.1", messages=messages, stream=True))
        assert len(parts) > 2 and [p.done for p in parts][-1] is True
        text = "".join(p.message.content or "" for p in parts)
        last = parts[-1]
    else:
        last = client.chat(model="llama3.1", messages=messages, stream=False)
        text = last.message.content or ""
    assert text == "Hello there"
    assert (last.prompt_eval_count, last.eval_count, last.done_reason) == (7, 3, "stop")
    assert server.requests[0].body["stream"] is stream
