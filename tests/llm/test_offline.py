"""The embedded offline agent: deterministic judgements, enrichment, no proposals."""

from __future__ import annotations

import pytest

from pytest_testronaut.analysis.spec import (
    CliSpec,
    Command,
    Enrichment,
    Option,
    Positional,
    infer_value_type,
)
from pytest_testronaut.cli.common import agent_from_env
from pytest_testronaut.llm import OFFLINE_CANNOT_JUDGE, OfflineAgent
from pytest_testronaut.settings import Settings, agent_from_settings
from pytest_testronaut.verify.judge import JudgeRequest


def judge(expectation: str, actual: str, exit_code: int | None = 0, **kw: str) -> str:
    request = JudgeRequest(expectation=expectation, actual=actual, exit_code=exit_code, **kw)
    return OfflineAgent().judge(request).verdict


@pytest.mark.parametrize(("expectation", "actual", "verdict"), [
    ("prints valid JSON", '{"a": 1}', "pass"),
    ("prints valid JSON", "{a: 1}", "fail"),
    ("The output is valid JSON.", "[1, 2]", "pass"),
    ("outputs JSON", "", "fail"),
    ("output is empty", "  \n", "pass"),
    ("output is empty", "x", "fail"),
    ("prints nothing", "", "pass"),
    ("output is not empty", "x", "pass"),
    ("mentions usage", "Usage: tool [OPTIONS]", "pass"),
    ("mentions usage", "hello", "fail"),
    ("contains 'Usage:'", "Usage: tool", "pass"),
    ("contains 'Usage:'", "usage: tool", "fail"),  # quoted: case-sensitive
    ('prints "Hello, world"', "Hello, world\n", "pass"),
    ("does not mention error", "all good", "pass"),
    ("does not contain 'Traceback'", "Traceback (most recent call last)", "fail"),
    ("prints a number", "42\n", "pass"),
    ("prints a number", "-3.5e2", "pass"),
    ("prints a number", "forty-two", "fail"),
    ("lists 3 lines", "a\nb\n\nc\n", "pass"),
    ("lists three lines", "a\nb\n", "fail"),
    ("prints exactly 2 lines", "a\nb", "pass"),
    ("exits successfully", "", "pass"),
    ("prints valid JSON and exits successfully", "{}", "pass"),
    ("prints valid JSON and mentions zebra", "{}", "fail"),
    ("mentions 'salt and pepper'", "add salt and pepper", "pass"),
])
def test_deterministic_expectations(expectation: str, actual: str, verdict: str) -> None:
    assert judge(expectation, actual) == verdict


@pytest.mark.parametrize(("expectation", "code", "verdict"), [
    ("exits successfully", 0, "pass"),
    ("exits successfully", 1, "fail"),
    ("succeeds", 2, "fail"),
    ("fails", 2, "pass"),
    ("exits with an error", 0, "fail"),
    ("exits with code 2", 2, "pass"),
    ("exit code is 3", 2, "fail"),
])
def test_exit_code_expectations(expectation: str, code: int, verdict: str) -> None:
    assert judge(expectation, "", exit_code=code) == verdict


def test_unknown_exit_code_is_inconclusive() -> None:
    assert judge("exits successfully", "", exit_code=None) == "inconclusive"


@pytest.mark.parametrize("expectation", [
    "prints a greeting naming the user",
    "mentions the version number",  # a description, not a word to look for
    "explains how to use the tool",
    "prints a friendly message and mentions help",
    "stderr is empty",  # asked about stdout
])
def test_what_it_cannot_judge_is_inconclusive(expectation: str) -> None:
    judgement = OfflineAgent().judge(JudgeRequest(expectation=expectation, actual="Hi Ada"))
    assert judgement.verdict == "inconclusive"
    assert judgement.explanation == OFFLINE_CANNOT_JUDGE
    assert judgement.confidence == 0.0
    assert judgement.model == "offline"


def test_recorded_output_equivalence() -> None:
    same = JudgeRequest(expectation="equivalent", actual="a  \nb\n", expected_output="a\nb")
    other = same.model_copy(update={"actual": "a\nc"})
    assert OfflineAgent().judge(same).verdict == "pass"
    differing = OfflineAgent().judge(other)
    assert differing.verdict == "inconclusive"
    assert "configure --testronaut-model" in differing.explanation


def test_explanations_give_evidence() -> None:
    judgement = OfflineAgent().judge(JudgeRequest(expectation="lists 2 lines", actual="a\n"))
    assert judgement.explanation == "the stdout has 1 non-empty line(s), 2 expected"
    assert judgement.confidence == 1.0


def test_default_agent_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    agent = agent_from_settings(Settings())
    assert isinstance(agent, OfflineAgent)
    assert (agent.name, agent.is_offline) == ("offline", True)
    assert isinstance(agent_from_env(), OfflineAgent)
    assert agent.estimate_cost([JudgeRequest(expectation="x", actual="y")]) == 0.0


SPEC = CliSpec(tool="tool", root=Command(
    name="tool", path=[],
    options=[Option(flags=["--out"], takes_value=True, value_name="FILE"),
             Option(flags=["--color"], takes_value=True, choices=["auto", "never"]),
             Option(flags=["-q"])],
    positionals=[Positional(name="COUNT")],
    subcommands=[Command(name="get", path=["get"],
                         options=[Option(flags=["--url"], takes_value=True,
                                         value_type="url")])],
))


def test_offline_enrichment_is_empty_and_proposes_nothing() -> None:
    """Value types are analysis's and sample values the generator's: the offline agent
    has nothing to add, so a plan authored with it is the generator's alone."""
    agent = OfflineAgent()
    assert agent.enrich(SPEC) == Enrichment()
    assert agent.last_error is None
    assert agent.propose_cases(SPEC) == []


@pytest.mark.parametrize(("name", "kind"), [
    ("FILE", "file"), ("N", "int"), ("--timeout", "duration"), ("DIR", "directory"),
    ("URL", "url"), ("NAME", "string"), ("--max-count", "int"),
])
def test_the_one_value_type_inference(name: str, kind: str) -> None:
    assert infer_value_type(name, None) == kind


def test_value_types_of_a_hand_built_spec_are_inferred_where_missing() -> None:
    from pytest_testronaut.analysis.spec import value_type_of

    out, color, quiet = SPEC.root.options
    assert [value_type_of(o) for o in (out, color, quiet)] == ["file", "choice", None]
    assert value_type_of(SPEC.root.positionals[0]) == "int"  # COUNT
    assert value_type_of(SPEC.root.subcommands[0].options[0]) == "url"  # as recorded
