"""The dry-run cost estimate of a plan's plain-English expectations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.cli import main
from pytest_testronaut.generation.estimate import ASSUMED_OUTPUT, judge_requests
from pytest_testronaut.plans import parse_plan_text

PLAN = """\
version: 1
tool: echo
cases:
  - id: greet
    command: echo Hello
    expect: greets someone
    stdout:
      equals: "Hello\\n"
      expect: is short
  - id: plain
    command: echo plain
workflows:
  - id: flow
    steps:
      - command: echo step
        stderr:
          expect: says nothing alarming
"""


def test_one_request_per_plain_english_expectation() -> None:
    requests = list(judge_requests(parse_plan_text(PLAN).plan))
    assert [(r.expectation, r.actual) for r in requests] == [
        ("greets someone", "Hello\n"), ("is short", "Hello\n"),
        ("says nothing alarming", ASSUMED_OUTPUT)]


def test_estimate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "p.testronaut.yaml"
    plan.write_text(PLAN)
    assert main(["estimate", str(plan), "--model", "openai:gpt-4o-mini"]) == 0
    out = capsys.readouterr().out
    assert "3 judged expectation(s), about $0.000" in out
    assert "total: 3 judge call(s) with openai:gpt-4o-mini" in out
    assert main(["estimate", str(plan), "--model", "openai:gpt-4o"]) == 0
    pricier = capsys.readouterr().out
    assert pricier != out


def test_estimate_needs_a_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("TESTRONAUT_MODEL", raising=False)
    plan = tmp_path / "p.testronaut.yaml"
    plan.write_text(PLAN)
    assert main(["estimate", str(plan)]) == 2
    assert "name a model: --model PROVIDER:MODEL" in capsys.readouterr().err
