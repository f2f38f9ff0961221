"""API keys never leave the LLM layer: not in judgements, cache files, logs or errors."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from llm_server import FAKE_KEY, ScriptedServer

from pytest_testronaut.errors import TestronautError
from pytest_testronaut.llm import REDACTED, build_chat_model, redact
from pytest_testronaut.llm.config import LLMConfig
from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import JudgeRequest


def test_redact_replaces_env_secrets_and_key_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_SERVICE_TOKEN", "tok-123456789")
    assert redact("token tok-123456789 here") == f"token {REDACTED} here"
    assert redact("key sk-abcdefghijklmnop1234 end") == f"key {REDACTED} end"
    assert redact("Authorization: Bearer abcdefghijklmnopqrstu") == \
        f"Authorization: {REDACTED}"
    assert redact("api_key=abcdefgh12345") == f"api_key={REDACTED}"
    assert redact("nothing secret, 12345") == "nothing secret, 12345"


def test_the_key_appears_nowhere(openai_server: ScriptedServer, settings: Settings,
                                 tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # The model echoes the key; a provider error quotes it; the tool printed it.
    echo = json.dumps({"verdict": "fail", "confidence": 0.7,
                       "explanation": f"the output leaks the key {FAKE_KEY}"})
    openai_server.script(
        {"status": 429, "message": f"Rate limit for key {FAKE_KEY}"},
        {"content": echo},
        {"status": 401, "message": f"Incorrect API key provided: {FAKE_KEY}"},
        {"content": f"I'm sorry, I can't repeat {FAKE_KEY}"},
    )
    agent = agent_from_settings(settings)
    leaked = JudgeRequest(expectation="does not print secrets",
                          actual=f"OPENAI_API_KEY={FAKE_KEY}\n")
    judgements = [
        agent.judge(leaked),
        agent.judge(leaked.model_copy(update={"expectation": "prints the key"})),
        agent.judge(leaked.model_copy(update={"expectation": "prints the config"})),
    ]
    assert [j.verdict for j in judgements] == ["fail", "inconclusive", "inconclusive"]
    assert REDACTED in judgements[0].explanation
    for judgement in judgements:
        assert FAKE_KEY not in judgement.model_dump_json()
    cache_files = list((tmp_path / "cache").rglob("*.json"))
    assert cache_files
    for path in cache_files:
        assert FAKE_KEY not in path.read_text()
    assert REDACTED in cache_files[0].read_text()
    assert caplog.records  # the retry was logged
    assert FAKE_KEY not in caplog.text
    assert all(FAKE_KEY not in r.getMessage() for r in caplog.records)
    assert FAKE_KEY not in json.dumps(agent.usage.as_dict())


def test_setup_errors_do_not_show_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    with pytest.raises(TestronautError) as info:
        build_chat_model(f"nope:{FAKE_KEY}", LLMConfig())
    assert FAKE_KEY not in str(info.value)
