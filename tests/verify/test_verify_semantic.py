"""The semantic tier with scripted judges (the Judge protocol is ours; the real LLM
layer is tested by its own suite)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_testronaut.verify import (
    Judge,
    Judgement,
    JudgeRequest,
    Verdict,
    check_expectation,
    compare_outputs,
    segment_pairs,
    segment_text,
    unified_diff,
)
from pytest_testronaut.verify.difference import difference_kind
from pytest_testronaut.verify.semantic import EQUIVALENCE_EXPECTATION
from pytest_testronaut.verify.verdict import judgment_of


class ScriptedJudge:
    """Answers from a list, in order, and remembers the requests."""

    def __init__(self, *answers: Judgement | Exception) -> None:
        self.answers: Iterator[Judgement | Exception] = iter(answers)
        self.requests: list[JudgeRequest] = []

    def judge(self, request: JudgeRequest) -> Judgement:
        self.requests.append(request)
        answer = next(self.answers)
        if isinstance(answer, Exception):
            raise answer
        return answer


def said(verdict: str, confidence: float = 0.9, **extra: object) -> Judgement:
    return Judgement(verdict=verdict, confidence=confidence,  # type: ignore[arg-type]
                     explanation=f"judge says {verdict}", **extra)  # type: ignore[arg-type]


def test_scripted_judge_satisfies_protocol() -> None:
    assert isinstance(ScriptedJudge(), Judge)


def test_judge_decides_a_remaining_difference() -> None:
    judge = ScriptedJudge(said("pass", model="m", input_tokens=10, output_tokens=2))
    verdict = compare_outputs("Hello, Ada!", "Hi Ada!", judge=judge, semantic=True)
    assert (verdict.outcome, verdict.tier, verdict.confidence) == ("pass", "semantic", 0.9)
    assert verdict.evidence["judge"]["model"] == "m"
    assert verdict.evidence["judge"]["input_tokens"] == 10
    assert verdict.evidence["deterministic"]["tier"] == "normalized"
    assert verdict.diff and "-Hello, Ada!" in verdict.diff
    assert judge.requests[0].expected_output == "Hello, Ada!"


def test_judge_not_asked_when_a_cheaper_tier_decides_or_semantic_off() -> None:
    judge = ScriptedJudge()  # any call would raise StopIteration
    assert compare_outputs("a in 0.1s", "a in 0.2s", judge=judge, semantic=True).tier == "normalized"
    assert compare_outputs("3", "4", judge=judge).tier == "normalized"
    assert judge.requests == []


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (said("fail"), "fail"),
        (said("inconclusive", 0.0, reason="provider down"), "inconclusive"),
        (said("pass", 0.2), "inconclusive"),
        (RuntimeError("boom"), "inconclusive"),
    ],
)
def test_judge_failure_is_never_a_pass(answer: Judgement | Exception, outcome: str) -> None:
    verdict = compare_outputs("x", "y", judge=ScriptedJudge(answer), semantic=True)
    assert (verdict.outcome, verdict.tier) == (outcome, "semantic")
    assert not verdict.passed


def test_judge_returning_garbage_is_inconclusive() -> None:
    class Garbage:
        def judge(self, request: JudgeRequest) -> Judgement:
            return "pass"  # type: ignore[return-value]

    verdict = compare_outputs("x", "y", judge=Garbage(), semantic=True)
    assert verdict.outcome == "inconclusive"


def test_segments_combine_conservatively() -> None:
    expected = "\n".join(f"line {i} value {i}" for i in range(200))
    actual = expected.replace("value 10\n", "value ten\n").replace("value 150\n", "value X\n")
    pairs = segment_pairs(expected, actual, 300)
    assert len(pairs) == 2  # only the two differing regions are asked
    assert all(len(e) + len(a) <= 300 for e, a in pairs)
    for answers, outcome in [
        ((said("pass"), said("pass")), "pass"),
        ((said("pass"), said("fail")), "fail"),
        ((said("inconclusive"), said("pass")), "inconclusive"),
        ((said("inconclusive"), said("fail")), "fail"),
    ]:
        verdict = compare_outputs(expected, actual, judge=ScriptedJudge(*answers),
                                  semantic=True, segment_chars=300)
        assert verdict.outcome == outcome
        assert verdict.evidence["judge"]["segments"] == 2


def test_segment_text_respects_budget() -> None:
    pieces = segment_text("a" * 25 + "\nbb\ncc", 10)
    assert all(len(p) <= 10 for p in pieces)
    assert "".join(pieces).replace("\n", "") == "a" * 25 + "bbcc"
    with pytest.raises(ValueError):
        segment_text("x", 0)


def test_check_expectation_without_judge_is_inconclusive() -> None:
    verdict = check_expectation("prints a greeting", "hello", judge=None)
    assert (verdict.outcome, verdict.tier) == ("inconclusive", None)
    assert verdict.evidence["reason"] == "no judge"
    assert not verdict.passed
    with pytest.raises(ValueError, match="empty"):
        check_expectation("  ", "hello", judge=None)


def test_check_expectation_passes_context_and_segments() -> None:
    judge = ScriptedJudge(said("pass"))
    verdict = check_expectation("greets Ada", "\x1b[1mhello Ada\x1b[0m", judge=judge,
                                command="greet Ada", stream="stderr", exit_code=0)
    assert (verdict.outcome, verdict.tier) == ("pass", "semantic")
    request = judge.requests[0]
    assert (request.actual, request.command, request.stream, request.exit_code) == (
        "hello Ada", "greet Ada", "stderr", 0)
    long_judge = ScriptedJudge(said("pass"), said("inconclusive"), said("pass"))
    verdict = check_expectation("lists 30 users", "\n".join(f"user{i}" for i in range(30)),
                                judge=long_judge, segment_chars=80)
    assert verdict.outcome == "inconclusive"
    assert "segment 1 of 3" in long_judge.requests[0].expectation


def test_expectation_and_command_go_to_the_judge() -> None:
    judge = ScriptedJudge(said("pass"))
    verdict = compare_outputs("users: ada, bob", "users: bob, ada", judge=judge, semantic=True,
                              expectation="both users, in any order", command="users ls")
    assert verdict.outcome == "pass"
    [request] = judge.requests
    assert request.command == "users ls"
    assert request.expectation.startswith(EQUIVALENCE_EXPECTATION)
    assert request.expectation.endswith("both users, in any order")
    # without context the question is the plain equivalence one
    plain = ScriptedJudge(said("pass"))
    compare_outputs("a", "b", judge=plain, semantic=True)
    assert plain.requests[0].expectation == EQUIVALENCE_EXPECTATION
    assert plain.requests[0].command is None


@pytest.mark.parametrize(("verdict", "judgment"), [
    (Verdict(outcome="pass", tier="exact", confidence=1.0, explanation=""), "equivalent"),
    (Verdict(outcome="fail", tier="semantic", confidence=0.9, explanation="",
             evidence={"difference": "values"}), "different"),
    (Verdict(outcome="fail", tier="normalized", confidence=1.0, explanation="",
             evidence={"difference": "values"}), "needs judgment"),
    (Verdict(outcome="fail", tier="normalized", confidence=1.0, explanation="",
             evidence={"difference": "content"}), "different"),
    (Verdict(outcome="fail", tier="structural", confidence=1.0, explanation=""), "different"),
    (Verdict(outcome="inconclusive", tier="semantic", confidence=0.0, explanation=""),
     "needs judgment"),
])
def test_judgment_of(verdict: Verdict, judgment: str) -> None:
    assert judgment_of(verdict) == judgment


@pytest.mark.parametrize(("expected", "actual", "kind"), [
    ("3 files\n", "4 files\n", "values"),
    ("at 2024-01-02T10:00:00Z\n", "at 2024-01-03T11:30:00Z\n", "values"),
    ("sha 9f86d081884c7d65\n", "sha 60303ae22b998861\n", "values"),
    ("3 files\n", "3 folders\n", "content"),
    ("a  b\n", "a b\n", "content"),
    ("x\ny\n", "x\n", "content"),
    ("x\n", "x\ny\n", "content"),
    ("1\nsame\n2\n", "5\nsame\n6\n", "values"),
    ("1\nsame\nok\n", "5\nsame\nko\n", "content"),
    # a number that changed sign is no drifting value; a dash inside a value is no sign
    ("-1\n", "1\n", "content"),
    ("offset +3, -2\n", "offset +3, 2\n", "content"),
    ("x -5 y\n", "x -7 y\n", "values"),
    ("v1.2-3 on 2024-01-02\n", "v1.2-4 on 2024-01-03\n", "values"),
])
def test_difference_kind(expected: str, actual: str, kind: str) -> None:
    assert difference_kind(unified_diff(expected, actual)) == kind


def test_difference_kind_without_a_diff() -> None:
    assert difference_kind(None) is None and difference_kind("") is None
