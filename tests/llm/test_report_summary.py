"""The report's written summary from a configured model: a real pytest run of a plan
in Docker, the real OpenAI client against the scripted server on 127.0.0.1; the second
run with the same failures is answered from the cache."""

from __future__ import annotations

import json

import jsonschema
import pytest
from llm_server import FAKE_KEY, ScriptedServer

from pytest_testronaut.reports import schema

pytestmark = pytest.mark.docker

PLAN = """\
version: 1
tool: sort
cases:
  - id: ordered
    command: printf 'b\\na\\n' | sort
    stdout:
      equals: "a\\nb\\n"
  - id: no-such-option
    command: sort --fast
    exit: 0
"""

ANSWER = {"summary": "One case fails: `sort --fast` exits 2 because sort has no --fast.",
          "causes": ["the option --fast does not exist (no-such-option)"],
          "next_steps": ["drop --fast from the case no-such-option"]}


def test_a_model_summarizes_the_failures_once(pytester: pytest.Pytester,
                                              openai_server: ScriptedServer) -> None:
    pytester.makefile(".testronaut.yaml", sort=PLAN)
    openai_server.script({"answer": ANSWER})
    args = ("--testronaut", "--testronaut-model", "openai:gpt-4o-mini", "-p", "no:cacheprovider",
            "--testronaut-report=out")
    first = pytester.runpytest(*args)
    first.assert_outcomes(passed=1, failed=1)
    first.stdout.fnmatch_lines([
        "llm: 1 calls, 0 answered from the cache, * tokens, $*",
        "*testronaut report summary",
        "written summary in the report: Written by openai:gpt-4o-mini",
    ])
    [asked] = openai_server.hits
    prompt = json.dumps(asked["messages"])
    assert "sort --fast" in prompt and "wrong exit code" in prompt and FAKE_KEY not in prompt
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    jsonschema.validate(report, schema())
    written = report["summary"]["llm"]
    assert (written["source"], written["model"], written["text"]) == (
        "llm", "openai:gpt-4o-mini", ANSWER["summary"])
    assert report["llm"]["calls"] == 1 and report["llm"]["input_tokens"] > 0
    assert report["summary"]["analysis"]["text"].startswith("1 of 2 cases failed")
    html = (pytester.path / "out" / "report.html").read_text()
    assert "Written by openai:gpt-4o-mini" in html and "Deterministic analysis" in html

    again = pytester.runpytest(*args)
    again.assert_outcomes(passed=1, failed=1)
    again.stdout.fnmatch_lines(["llm: 0 calls, 1 answered from the cache*",
                                "written summary in the report: Written by openai:gpt-4o-mini "
                                "(from the answer cache)"])
    assert len(openai_server.hits) == 1


def test_offline_the_report_says_the_analysis_is_alone(pytester: pytest.Pytester,
                                                       openai_server: ScriptedServer) -> None:
    pytester.makefile(".testronaut.yaml", sort=PLAN)
    result = pytester.runpytest("--testronaut", "--testronaut-model", "openai:gpt-4o-mini",
                                "--testronaut-offline", "-p", "no:cacheprovider",
                                "--testronaut-report=out")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["no written summary (offline cache miss): the deterministic "
                                 "analysis alone"])
    assert openai_server.hits == []
    markdown = (pytester.path / "out" / "report.md").read_text()
    assert "**Deterministic analysis**: 1 of 2 cases failed (1 wrong exit code)." in markdown


def test_the_summary_cost_is_part_of_the_stored_run(pytester: pytest.Pytester,
                                                    openai_server: ScriptedServer) -> None:
    import re
    import sqlite3

    pytester.makefile(".testronaut.yaml", sort=PLAN)
    openai_server.script({"answer": ANSWER})
    result = pytester.runpytest("--testronaut", "--testronaut-model", "openai:gpt-4o-mini",
                                "-p", "no:cacheprovider", "--testronaut-report=out")
    result.assert_outcomes(passed=1, failed=1)
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    cost = report["llm"]["cost"]
    assert cost > 0 and report["llm"]["calls"] == 1  # the summary is the run's only call
    [said] = [m for m in (re.match(r"llm: 1 calls, .* \$(\d+\.\d{4})$", line)
                          for line in result.outlines) if m]
    assert float(said.group(1)) == pytest.approx(cost, abs=1e-4)  # the terminal
    assert report["trend"][-1]["cost"] == pytest.approx(cost)  # this run in the trend
    with sqlite3.connect(pytester.path / ".testronaut" / "results.sqlite") as db:
        stored, info = db.execute("SELECT cost, info FROM runs").fetchone()
    assert stored == pytest.approx(cost)  # the store
    llm = json.loads(info)["llm"]
    assert (llm["calls"], llm["cost"]) == (1, pytest.approx(cost))
    assert llm["input_tokens"] == report["llm"]["input_tokens"] > 0
