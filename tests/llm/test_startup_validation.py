"""Configuration mistakes of the LLM setup stop a ``--testronaut`` run at start-up with
one usage error, and a dead judge endpoint costs a run three questions, not one slow
failure per check. Whole pytest runs through ``pytester``; no Docker needed."""

from __future__ import annotations

import json
import socket

import pytest
from llm_server import FAKE_KEY, ScriptedServer

NEVER_JUDGES = """
def test_plain():
    assert 1 + 1 == 2
"""

JUDGES = """
import pytest
from pytest_testronaut.verify.judge import JudgeRequest

@pytest.mark.parametrize("n", range(8))
def test_judged(testronaut_agent, n):
    judgement = testronaut_agent.judge(JudgeRequest(expectation=f"greets {n}",
                                                    actual=f"Hello {n}"))
    assert judgement.verdict == "pass", judgement.reason
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--testronaut", "-p", "no:cacheprovider", *args)


@pytest.mark.parametrize(("args", "env", "message"), [
    (["--testronaut-model", "gpt4-but-wrong"], {}, "Write it as PROVIDER:MODEL"),
    (["--testronaut-model", "nosuch:model"], {}, "Unsupported provider='nosuch'"),
    (["--testronaut-model", "openai:gpt-4o-mini"], {"OPENAI_API_KEY": None},
     "OPENAI_API_KEY"),
    (["--testronaut-model", "anthropic:claude-3-5-haiku-latest"],
     {"ANTHROPIC_API_KEY": None, "ANTHROPIC_AUTH_TOKEN": None}, "ANTHROPIC_API_KEY"),
    (["--testronaut-prices", "missing-prices.json"], {}, "missing-prices.json"),
    ([], {"TESTRONAUT_MODEL": "openai:gpt-4o-mini", "OPENAI_API_KEY": None},
     "OPENAI_API_KEY"),
])
def test_a_bad_llm_setup_is_one_usage_error_before_any_test(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, args: list[str],
        env: dict[str, str | None], message: str) -> None:
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    pytester.makepyfile(test_plain=NEVER_JUDGES)
    result = run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR  # a run that never judges fails too
    errors = result.stderr.str()
    assert "testronaut: the LLM setup is not usable" in errors and message in errors
    assert "Traceback" not in errors and "passed" not in result.stdout.str()


def test_a_good_setup_starts_without_asking_the_model(
        pytester: pytest.Pytester, openai_server: ScriptedServer) -> None:
    pytester.makepyfile(test_plain=NEVER_JUDGES)
    run(pytester, "--testronaut-model", "openai:gpt-4o-mini").assert_outcomes(passed=1)
    assert openai_server.hits == []  # start-up builds the client, it makes no call


def test_without_testronaut_a_configured_model_is_not_touched(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    # The plugin stays inert: a model in the environment is not built for a plain run.
    monkeypatch.setenv("TESTRONAUT_MODEL", "nosuch:model")
    pytester.makepyfile(test_plain=NEVER_JUDGES)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_dead_endpoint_makes_the_rest_of_the_run_inconclusive_at_once(
        pytester: pytest.Pytester, openai_server: ScriptedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("TESTRONAUT_LLM_BACKOFF", "0.2")
    pytester.makepyfile(test_judged=JUDGES)
    result = run(pytester, "--testronaut-model", "openai:gpt-4o-mini", "--durations=0",
                 "-W", "default")
    result.assert_outcomes(failed=8)
    out = result.stdout.str()
    assert out.count("3 questions in a row failed at the provider") >= 5  # in each failure
    # one warning in the summary, however many checks it spared
    assert out.count("RuntimeWarning: provider down") == 1
    assert FAKE_KEY not in out
    # the first three asked (with 2 retries and 0.2 s, 0.4 s of backoff), the rest did not
    slow = [line for line in out.splitlines() if line.strip().endswith("]")
            and " call " in line and float(line.split("s", 1)[0]) >= 0.5]
    assert len(slow) == 3, out


def test_server_errors_make_the_rest_of_the_run_inconclusive(
        pytester: pytest.Pytester, openai_server: ScriptedServer) -> None:
    openai_server.script(*[{"status": 500}] * 40)
    pytester.makepyfile(test_judged=JUDGES)
    result = run(pytester, "--testronaut-model", "openai:gpt-4o-mini")
    result.assert_outcomes(failed=8)
    assert len(openai_server.hits) == 9  # three questions, three attempts each
    assert json.dumps(FAKE_KEY) not in result.stdout.str()
