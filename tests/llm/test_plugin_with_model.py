"""A whole pytest run judged by a configured model: plan files with plain-English
expectations and hand-written ``result.should()``, through the real OpenAI client
against the scripted server on 127.0.0.1. Needs Docker for the sandbox."""

from __future__ import annotations

import json

import pytest
from llm_server import FAKE_KEY, ScriptedServer

pytestmark = pytest.mark.docker

PASS = json.dumps({"verdict": "pass", "confidence": 0.9, "explanation": "it greets Ada"})
FAIL = json.dumps({"verdict": "fail", "confidence": 0.9, "explanation": "no greeting at all"})

PLAN = """\
version: 1
tool: echo
cases:
  - id: greet
    command: echo Hello, Ada
    exit: 0
    expect: greets Ada by name
"""

SUITE = """
def test_should(testronaut_env):
    testronaut_env.run("echo Hello, Ada").should("greets Ada by name")
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--testronaut", "--testronaut-model", "openai:gpt-4o-mini",
                              "-p", "no:cacheprovider", *args)


def test_plan_and_should_pass_then_replay_from_the_cache(
        pytester: pytest.Pytester, openai_server: ScriptedServer) -> None:
    pytester.makefile(".testronaut.yaml", greet=PLAN)
    pytester.makepyfile(test_greet=SUITE)
    openai_server.script({"content": PASS}, {"content": PASS})
    first = run(pytester)
    first.assert_outcomes(passed=2)
    first.stdout.fnmatch_lines(["llm: 2 calls, 0 answered from the cache, 2000 input / 100 "
                                "output tokens, $0.0004"])
    assert len(openai_server.hits) == 2
    # An unchanged re-run makes zero model calls; so does --testronaut-offline.
    again = run(pytester)
    again.assert_outcomes(passed=2)
    again.stdout.fnmatch_lines(["llm: 0 calls, 2 answered from the cache*"])
    run(pytester, "--testronaut-offline").assert_outcomes(passed=2)
    assert len(openai_server.hits) == 2
    cached = "".join(p.read_text() for p in (pytester.path / ".testronaut-cache").rglob("*.json"))
    assert "greets Ada by name" in cached and FAKE_KEY not in cached


def test_a_failing_judgement_fails_with_the_explanation(
        pytester: pytest.Pytester, openai_server: ScriptedServer) -> None:
    pytester.makefile(".testronaut.yaml", greet=PLAN)
    openai_server.script({"content": FAIL})
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no greeting at all*"])


def test_provider_down_is_inconclusive_and_fails_with_the_reason(
        pytester: pytest.Pytester, openai_server: ScriptedServer) -> None:
    pytester.makefile(".testronaut.yaml", greet=PLAN)
    pytester.makepyfile(test_greet=SUITE)
    openai_server.script(*[{"status": 500}] * 20)
    result = run(pytester)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*inconclusive*"])
    assert FAKE_KEY not in result.stdout.str()
    skipped = run(pytester, "--testronaut-inconclusive=skip")
    skipped.assert_outcomes(skipped=2)


def test_budget_cap_stops_calls(pytester: pytest.Pytester,
                                openai_server: ScriptedServer) -> None:
    pytester.makefile(".testronaut.yaml", greet=PLAN)
    openai_server.script({"content": PASS})
    result = run(pytester, "--testronaut-max-cost", "0.0000001")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*budget spent*"])
    assert openai_server.hits == []


def test_the_cache_lives_at_the_rootdir_wherever_pytest_runs(
        pytester: pytest.Pytester, openai_server: ScriptedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makeini("[pytest]\n")
    sub = pytester.mkdir("plans")
    (sub / "greet.testronaut.yaml").write_text(PLAN)
    monkeypatch.chdir(sub)
    openai_server.script({"content": PASS})
    run(pytester, str(sub / "greet.testronaut.yaml")).assert_outcomes(passed=1)
    assert list((pytester.path / ".testronaut-cache").rglob("*.json"))
    assert not (sub / ".testronaut-cache").exists()
