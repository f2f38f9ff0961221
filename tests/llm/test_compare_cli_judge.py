"""``testronaut compare`` with a judge: the model configured by the environment alone
(``TESTRONAUT_MODEL`` and the OpenAI variables), the real ``ChatOpenAI`` client and
the scripted OpenAI-compatible server; ``--expect`` and ``--command`` reach the judge,
``--json`` names the deciding tier and the three-way verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from llm_server import ScriptedServer

from pytest_testronaut.cli import main

EXPECT = "the names of the three users; the order may change"
COMMAND = "users list --all"


@pytest.fixture
def judged(openai_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch,
           tmp_path: Path) -> ScriptedServer:
    monkeypatch.setenv("TESTRONAUT_MODEL", "openai:gpt-4o-mini")
    monkeypatch.setenv("TESTRONAUT_CACHE", str(tmp_path / "cache"))
    return openai_server


def outputs(tmp_path: Path) -> tuple[str, str]:
    exp, act = tmp_path / "expected.txt", tmp_path / "actual.txt"
    exp.write_text("users: ada, bob, cy\n", encoding="utf-8")
    act.write_text("users: bob, cy, ada\n", encoding="utf-8")
    return str(exp), str(act)


def test_expect_and_command_reach_the_judge(judged: ScriptedServer, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    judged.script({"answer": {"verdict": "pass", "confidence": 0.9,
                              "explanation": "the same three users, reordered"}})
    exp, act = outputs(tmp_path)
    code = main(["compare", exp, act, "--expect", EXPECT, "--command", COMMAND, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (data["verdict"], data["proven"], data["tier"], data["exit_code"]) == (
        "equivalent", True, "semantic", 0)
    assert data["judge"]["model"] == "openai:gpt-4o-mini"
    assert data["judge"]["judgements"][0]["output_mode"] == "function_calling"
    assert data["deterministic"]["tier"] == "normalized"
    [body] = judged.hits
    asked = body["messages"][-1]["content"]
    assert EXPECT in asked and f"COMMAND:\n{COMMAND}" in asked
    assert "RECORDED:\nusers: ada, bob, cy" in asked
    assert body["tools"][0]["function"]["name"] == "JudgeAnswer"


def test_a_judged_difference_is_different(judged: ScriptedServer, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    judged.script({"answer": {"verdict": "fail", "confidence": 0.8,
                              "explanation": "ada is listed twice"}})
    exp, act = outputs(tmp_path)
    assert main(["compare", exp, act, "--expect", EXPECT]) == 1
    out = capsys.readouterr().out
    assert out.startswith("different (decided by the semantic tier): ada is listed twice")
    assert "the normalized tier found:" in out


def test_a_judge_that_cannot_answer_leaves_it_to_judgment(
        judged: ScriptedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    judged.script(*[{"status": 503}] * 3)
    exp, act = outputs(tmp_path)
    assert main(["compare", exp, act, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["proven"], data["tier"], data["outcome"]) == (
        "needs judgment", False, "semantic", "inconclusive")
    assert "provider unavailable" in data["explanation"]
    assert main(["compare", exp, act]) == 1
    out = capsys.readouterr().out
    assert out.startswith("needs judgment (the semantic tier could not decide; this is not "
                          "a proven difference)")


def test_no_llm_never_asks_the_configured_judge(judged: ScriptedServer, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    exp, act = outputs(tmp_path)
    assert main(["compare", exp, act, "--no-llm", "--expect", EXPECT, "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["verdict"] == "different"  # words moved: content
    assert "--expect and --command are only read by the judge" in captured.err
    assert judged.hits == []
