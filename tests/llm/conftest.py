"""Fixtures of the LLM layer tests: a scripted OpenAI-compatible server on 127.0.0.1
that the real ``langchain_openai.ChatOpenAI`` client talks to."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from llm_server import FAKE_KEY, ScriptedServer, make_handler, serving_http

from pytest_testronaut.settings import SPECS, Settings


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedServer]:
    """A scripted OpenAI-compatible server; the OpenAI env points at it."""
    state = ScriptedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    with serving_http(state, httpd):  # sets state.port, which the environment names
        yield from _pointed_at(state, monkeypatch)


def _pointed_at(state: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedServer]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy", "OPENAI_API_BASE", "OPENAI_ORG_ID", "OPENAI_ORGANIZATION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", state.base_url)
    # Fast failure handling for what reads the environment (agent_from_env, inner runs).
    monkeypatch.setenv("TESTRONAUT_LLM_TIMEOUT", "0.5")
    monkeypatch.setenv("TESTRONAUT_LLM_RETRIES", "2")
    monkeypatch.setenv("TESTRONAUT_LLM_BACKOFF", "0.01")
    yield state


@pytest.fixture(autouse=True)
def _clean_llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own model settings."""
    for spec in SPECS:
        monkeypatch.delenv(spec.env, raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a real model name, a private cache folder and fast retries. The
    timeout leaves a loaded machine time to answer (a test of timeouts sets its own:
    a short one)."""
    return Settings(model="openai:gpt-4o-mini", cache=str(tmp_path / "cache"),
                    llm_timeout=5.0, llm_retries=2, llm_backoff=0.01)
