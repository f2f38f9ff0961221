"""Faults around the judge: a dead or failing provider opens the circuit breaker, and a
cache that cannot be written keeps the answer. The real OpenAI client talks to a closed
port or to the scripted server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import socket
import time
import warnings
from pathlib import Path

import pytest
from llm_server import FAKE_KEY, ScriptedServer

from pytest_testronaut.llm.calls import PROVIDER_DOWN, CacheWriteWarning
from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import JudgeRequest

PASS = json.dumps({"verdict": "pass", "confidence": 0.9, "explanation": "it greets Ada"})


def request(n: int) -> JudgeRequest:
    return JudgeRequest(expectation=f"prints greeting number {n}", actual=f"Hello {n}\n")


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_dead_endpoint_opens_the_breaker_after_three_questions(
        openai_server: ScriptedServer, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1")
    agent = agent_from_settings(dataclasses.replace(settings, llm_retries=1))
    with pytest.warns(RuntimeWarning, match="3 questions in a row failed"):
        first = [agent.judge(request(n)) for n in range(3)]
    assert all(j.verdict == "inconclusive" for j in first)
    assert all("Connection" in (j.reason or "") for j in first)
    calls = agent.usage.calls
    assert calls == 6  # three questions, each tried twice
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the breaker speaks once, not per check
        rest = [agent.judge(request(n)) for n in range(3, 50)]
    assert time.monotonic() - started < 1.0
    assert agent.usage.calls == calls  # no further attempt at the dead endpoint
    for judgement in rest:
        assert judgement.verdict == "inconclusive"
        assert judgement.reason is not None and judgement.reason.startswith(PROVIDER_DOWN)
        assert "--testronaut-llm-breaker" in judgement.reason


def test_server_errors_open_the_breaker_and_a_success_resets_the_count(
        openai_server: ScriptedServer, settings: Settings) -> None:
    # Two questions fail (500 after the retries), one passes, then three fail: the
    # success in between restarts the count, so only the third failure in a row opens.
    down = [{"status": 500}] * 3  # llm_retries=2: three attempts per question
    openai_server.script(*down, *down, {"content": PASS}, *down, *down, *down)
    agent = agent_from_settings(settings)
    verdicts = [agent.judge(request(n)).verdict for n in range(3)]
    assert verdicts == ["inconclusive", "inconclusive", "pass"]
    with pytest.warns(RuntimeWarning, match="500"):
        for n in range(3, 6):
            assert agent.judge(request(n)).verdict == "inconclusive"
    hits = len(openai_server.hits)
    assert hits == 3 * 5 + 1
    later = agent.judge(request(99))
    assert later.reason is not None and later.reason.startswith(PROVIDER_DOWN)
    assert len(openai_server.hits) == hits
    assert FAKE_KEY not in (later.reason or "")


def test_cached_answers_are_still_served_once_the_breaker_is_open(
        openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script({"content": PASS}, *[{"status": 503}] * 9)
    agent = agent_from_settings(settings)
    assert agent.judge(request(0)).verdict == "pass"
    with pytest.warns(RuntimeWarning):
        for n in range(1, 4):
            agent.judge(request(n))
    assert agent.judge(request(0)).verdict == "pass"  # from the cache, no provider call


def test_a_bad_request_does_not_count_towards_the_breaker(
        openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script(*[{"status": 400, "message": "prompt too long"}] * 4,
                         {"content": PASS})
    agent = agent_from_settings(settings)
    for n in range(4):
        assert "provider error" in (agent.judge(request(n)).reason or "")
    assert agent.judge(request(4)).verdict == "pass"


def test_breaker_zero_never_opens(openai_server: ScriptedServer, settings: Settings) -> None:
    openai_server.script(*[{"status": 500}] * 12, {"content": PASS})
    agent = agent_from_settings(dataclasses.replace(settings, llm_breaker=0))
    for n in range(4):
        assert agent.judge(request(n)).verdict == "inconclusive"
    assert agent.judge(request(4)).verdict == "pass"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_cache_in_a_read_only_place_warns_once_and_keeps_the_answers(
        openai_server: ScriptedServer, settings: Settings) -> None:
    # /proc takes no new folders, not even from root (root ignores mode bits)
    _assert_kept_and_warned_once(openai_server,
                                 dataclasses.replace(settings, cache="/proc/self/cache"))


def test_an_unwritable_cache_warns_once_and_keeps_the_answers(
        openai_server: ScriptedServer, settings: Settings, tmp_path: Path) -> None:
    # Even root cannot create a folder below a regular file (as with a full disk,
    # the write itself fails with an OSError).
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be\n")
    _assert_kept_and_warned_once(openai_server,
                                 dataclasses.replace(settings, cache=str(blocker)))


def _assert_kept_and_warned_once(server: ScriptedServer, settings: Settings) -> None:
    server.script({"content": PASS}, {"content": PASS})
    agent = agent_from_settings(settings)
    with pytest.warns(CacheWriteWarning, match="cannot write the LLM response cache") as seen:
        first = agent.judge(request(1))
        second = agent.judge(request(2))
    assert (first.verdict, second.verdict) == ("pass", "pass")
    assert len([w for w in seen if issubclass(w.category, CacheWriteWarning)]) == 1
    assert "--testronaut-cache" in str(seen[0].message)
    assert len(server.hits) == 2
