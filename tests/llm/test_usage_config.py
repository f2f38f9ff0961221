"""Prices, usage accounting, configuration errors, the rate limiter and the cache."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest
from llm_server import ScriptedServer

from pytest_testronaut.cli.common import agent_from_env
from pytest_testronaut.errors import TestronautError
from pytest_testronaut.llm import (
    LLMConfig,
    ModelAgent,
    PriceTable,
    Usage,
    build_chat_model,
    estimate_cost,
)
from pytest_testronaut.llm.cache import ResponseCache, cache_key
from pytest_testronaut.llm.usage import Tally
from pytest_testronaut.settings import Settings, agent_from_settings, from_environ, llm_config
from pytest_testronaut.verify.judge import JudgeRequest


def test_prices_by_exact_name_and_longest_prefix() -> None:
    table = PriceTable()
    assert table.lookup("openai:gpt-4o") == (2.50, 10.00)
    assert table.lookup("gpt-4o-mini-2024-07-18") == (0.15, 0.60)
    assert table.lookup("ollama:llama3.1") is None
    assert table.cost("openai:gpt-4o-mini", 1_000_000, 1_000_000) == pytest.approx(0.75)
    assert table.cost("my-local-model", 10**6, 10**6) == 0.0


def test_prices_overridden_by_dict_and_file(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"my-model": {"input": 1, "output": 2}, "gpt-4o": [9, 9]}))
    table = PriceTable.from_file(path)
    assert table.lookup("openai:my-model") == (1.0, 2.0)
    assert table.lookup("gpt-4o") == (9.0, 9.0)
    with pytest.raises(TestronautError, match="USD per 1M tokens"):
        PriceTable({"x": "cheap"})
    (tmp_path / "bad.json").write_text("{nope")
    with pytest.raises(TestronautError, match="cannot read the LLM price table"):
        PriceTable.from_file(tmp_path / "bad.json")


def test_price_table_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"house-model": {"input": 5, "output": 5}}))
    monkeypatch.setenv("TESTRONAUT_PRICES", str(path))
    config = llm_config(from_environ(), prices={"other": [1, 1]})
    assert config.prices.lookup("house-model") == (5.0, 5.0)
    assert config.prices.lookup("other") == (1.0, 1.0)


def test_usage_labels_and_merge() -> None:
    usage = Usage()
    with usage.label("t1"):
        usage.record(Tally(calls=1, input_tokens=10, output_tokens=5, cost=0.5))
    usage.record(Tally(cache_hits=1))
    worker = Usage()
    with worker.label("t2"):
        worker.record(Tally(calls=2, cost=0.25))
    usage.merge(worker.as_dict())
    data = usage.as_dict()
    assert (data["calls"], data["cache_hits"], data["cost"]) == (3, 1, 0.75)
    assert data["by_label"]["t1"]["input_tokens"] == 10
    assert data["by_label"]["t2"]["calls"] == 2
    assert data["by_label"]["(run)"]["cache_hits"] == 1
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (3, 10, 5)


def test_estimate_cost_counts_chars_over_four() -> None:
    request = JudgeRequest(expectation="x", actual="y" * 4000)
    one = estimate_cost([request], "openai:gpt-4o")
    assert one == pytest.approx(estimate_cost([request] * 2, "openai:gpt-4o") / 2)
    # about 1000 tokens of output plus the prompt, and 120 answer tokens
    assert 1000 * 2.5 / 1e6 < one < 1400 * 2.5 / 1e6 + 120 * 10 / 1e6
    assert estimate_cost([request], "ollama:llama3") == 0.0


def test_missing_provider_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if the integrations were not installed: importing them raises ImportError, and
    # init_chat_model forgets the classes it has cached (an lru_cache) from other tests.
    monkeypatch.setitem(sys.modules, "langchain_anthropic", None)
    monkeypatch.setitem(sys.modules, "langchain_ollama", None)
    from langchain.chat_models import base

    creator = getattr(base, "_get_chat_model_creator", None)
    if creator is not None and hasattr(creator, "cache_clear"):
        creator.cache_clear()
    with pytest.raises(TestronautError, match=r"pip install 'pytest-testronaut\[anthropic\]'"):
        build_chat_model("anthropic:claude-3-5-haiku-latest", LLMConfig())
    with pytest.raises(TestronautError, match=r"pytest-testronaut\[ollama\]"):
        agent_from_settings(Settings(model="ollama:llama3.1"))


def test_unknown_provider_says_how_to_write_a_model() -> None:
    with pytest.raises(TestronautError, match="PROVIDER:MODEL"):
        build_chat_model("nope:model", LLMConfig())


def test_missing_api_key_is_a_setup_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(TestronautError, match="OPENAI_API_KEY"):
        agent_from_settings(Settings(model="openai:gpt-4o-mini"))


def test_unknown_task_is_rejected() -> None:
    with pytest.raises(TestronautError, match="analyze, generate, verify, report"):
        agent_from_settings(Settings(model="openai:x"), models={"judging": "openai:y"})


def test_settings_name_a_model_for_every_llm_task() -> None:
    # settings keeps its own copy so the plugin's start-up imports no layer
    from pytest_testronaut.llm import TASKS
    from pytest_testronaut.settings import LLM_TASKS

    assert LLM_TASKS == TASKS


def test_llm_config_from_settings(tmp_path: Path) -> None:
    settings = Settings(model="openai:x", model_verify="openai:y", cache=".cache",
                        llm_rps=0.0, max_cost=2.0)
    config = llm_config(settings, tmp_path)
    assert config.cache_dir == tmp_path / ".cache" / "llm"  # relative: under the root
    assert config.models == {"verify": "openai:y"} and config.model_for("report") == "openai:x"
    assert config.requests_per_second is None and config.max_cost == 2.0
    assert llm_config(Settings(cache="")).cache_dir is None
    assert llm_config(Settings(cache=str(tmp_path)), Path("/elsewhere")).cache_dir == \
        tmp_path / "llm"


def test_llm_config_build_checks_values() -> None:
    assert LLMConfig.build().model is None and LLMConfig.build().cache_dir is None
    with pytest.raises(TestronautError, match="timeout must be more than 0"):
        LLMConfig.build(timeout=0)
    with pytest.raises(TestronautError, match="retries must be 0 or more"):
        LLMConfig.build(retries=-1)
    with pytest.raises(TestronautError, match="unknown LLM task"):
        LLMConfig.build(task_models={"judging": "openai:y"})


def test_bad_llm_env_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESTRONAUT_LLM_TIMEOUT", "soon")
    with pytest.raises(TestronautError, match="TESTRONAUT_LLM_TIMEOUT='soon' is not valid"):
        from_environ()


def test_openai_compatible_server_via_env(openai_server: ScriptedServer,
                                         monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    monkeypatch.setenv("TESTRONAUT_MODEL", "openai:my-local-model")
    monkeypatch.setenv("TESTRONAUT_CACHE", str(tmp_path / "c"))
    monkeypatch.setenv("TESTRONAUT_LLM_RPS", "50")
    reply = json.dumps({"verdict": "pass", "confidence": 1, "explanation": "ok"})
    openai_server.script({"content": reply})
    agent = agent_from_env()
    assert isinstance(agent, ModelAgent) and agent.name == "openai:my-local-model"
    assert agent.judge(JudgeRequest(expectation="says ok", actual="ok")).verdict == "pass"
    assert openai_server.hits[0]["model"] == "my-local-model"
    assert agent.usage.as_dict()["unpriced_calls"] == 1
    chat = build_chat_model("openai:my-local-model", agent.config,
                            rate_limiter=None)
    assert chat.rate_limiter is None
    assert agent._caller._chat("openai:my-local-model").rate_limiter is not None


def test_cache_writes_are_safe_in_parallel(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "llm")
    key = cache_key("m", [("user", "q")], {"task": "verify"})
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            for _ in range(20):
                cache.put(key, model="m", task="verify", messages=[("user", "q")],
                          response="answer", input_tokens=i, output_tokens=1)
                assert cache.get(key) is not None
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p.name for p in (tmp_path / "llm").rglob("*")] == [key[:2], f"{key}.json"]


def test_cache_key_depends_on_model_messages_and_params() -> None:
    base = cache_key("m", [("user", "q")], {"task": "verify"})
    assert base == cache_key("m", [("user", "q")], {"task": "verify"})
    assert base != cache_key("n", [("user", "q")], {"task": "verify"})
    assert base != cache_key("m", [("user", "q2")], {"task": "verify"})
    assert base != cache_key("m", [("user", "q")], {"task": "analyze"})


def test_a_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = cache_key("m", [], {})
    cache.put(key, model="m", task="t", messages=[], response="r", input_tokens=1,
              output_tokens=1)
    next(tmp_path.rglob("*.json")).write_text("<<<<<<< HEAD\n")
    assert cache.get(key) is None
