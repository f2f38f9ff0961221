"""The semantic tier: asking an injected :class:`~.judge.Judge`, segment by segment.

Long outputs are cut into pieces that fit a model's context (a character budget), and
the pieces' judgements are combined conservatively: any fail fails, otherwise any
inconclusive (or an unconvincing pass) is inconclusive. A judge that raises or answers
nonsense is inconclusive, never a pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from .judge import Judge, Judgement, JudgeRequest
from .verdict import Verdict

__all__ = [
    "DEFAULT_SEGMENT_CHARS",
    "EQUIVALENCE_EXPECTATION",
    "MIN_PASS_CONFIDENCE",
    "ask_judge",
    "segment_pairs",
    "segment_text",
]

#: Characters of output per judge request (expected plus actual). About 2k tokens.
DEFAULT_SEGMENT_CHARS = 8000
#: A judge's pass below this confidence is reported as inconclusive.
MIN_PASS_CONFIDENCE = 0.5

EQUIVALENCE_EXPECTATION = (
    "The actual output is equivalent to the expected (recorded) output: the same "
    "values, counts, names, statuses, errors and order. Only dynamic content may differ "
    "(timestamps, ids, durations, temporary paths, addresses; placeholders such as "
    "<UUID> or <TIMESTAMP> mark content already discounted). Any other difference in "
    "meaning is a failure."
)


def segment_text(text: str, budget: int) -> list[str]:
    """Cut ``text`` at line ends into pieces of at most ``budget`` characters (a
    longer line is cut inside)."""
    if budget < 1:
        raise ValueError(f"segment budget must be at least 1 character, got {budget}")
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > budget:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:budget])
            line = line[budget:]
        candidate = f"{current}\n{line}" if current else line
        if current and len(candidate) > budget:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def segment_pairs(expected: str, actual: str, budget: int) -> list[tuple[str, str]]:
    """Pair pieces of ``expected`` and ``actual`` for judging.

    Short outputs go whole. Long ones are reduced to the regions that differ (with
    three lines of context) — equal regions were already checked deterministically —
    and each region is cut to fit ``budget``.
    """
    if len(expected) + len(actual) <= budget:
        return [(expected, actual)]
    left, right = expected.split("\n"), actual.split("\n")
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    pairs: list[tuple[str, str]] = []
    for group in matcher.get_grouped_opcodes(3):
        exp_part = "\n".join(left[group[0][1] : group[-1][2]])
        act_part = "\n".join(right[group[0][3] : group[-1][4]])
        size = len(exp_part) + len(act_part)
        exp_pieces = segment_text(exp_part, max(1, budget * len(exp_part) // max(size, 1)))
        act_pieces = segment_text(act_part, max(1, budget * len(act_part) // max(size, 1)))
        count = max(len(exp_pieces), len(act_pieces))
        for index in range(count):
            pairs.append(
                (
                    exp_pieces[index] if index < len(exp_pieces) else "",
                    act_pieces[index] if index < len(act_pieces) else "",
                )
            )
    return pairs or [(expected[: budget // 2], actual[: budget // 2])]


def _ask_one(judge: Judge, request: JudgeRequest) -> Judgement:
    try:
        answer = judge.judge(request)
    except Exception as exc:  # the protocol says never raise; a broken judge is no pass
        return Judgement(
            verdict="inconclusive",
            confidence=0.0,
            explanation=f"The judge failed: {type(exc).__name__}: {exc}",
            reason=f"judge raised {type(exc).__name__}",
        )
    if not isinstance(answer, Judgement):
        return Judgement(
            verdict="inconclusive",
            confidence=0.0,
            explanation=f"The judge answered {type(answer).__name__}, not a Judgement.",
            reason="invalid judge answer",
        )
    return answer


def ask_judge(
    judge: Judge, requests: Sequence[JudgeRequest], *, diff: str | None = None
) -> Verdict:
    """Ask ``judge`` every request and combine the answers conservatively."""
    answers = [_ask_one(judge, request) for request in requests]
    evidence: dict[str, Any] = {
        "judge": {
            "model": next((a.model for a in answers if a.model), None),
            "segments": len(answers),
            "input_tokens": sum(a.input_tokens for a in answers),
            "output_tokens": sum(a.output_tokens for a in answers),
            "cost": sum(a.cost for a in answers),
            "judgements": [a.model_dump(exclude_none=True) for a in answers],
        }
    }

    def where(index: int) -> str:
        return f" (segment {index + 1} of {len(answers)})" if len(answers) > 1 else ""

    for index, answer in enumerate(answers):
        if answer.verdict == "fail":
            return Verdict(
                outcome="fail",
                tier="semantic",
                confidence=answer.confidence,
                explanation=answer.explanation + where(index),
                diff=diff,
                evidence=evidence,
            )
    for index, answer in enumerate(answers):
        if answer.verdict != "pass" or answer.confidence < MIN_PASS_CONFIDENCE:
            reason = answer.reason or (
                "low confidence" if answer.verdict == "pass" else "judge undecided"
            )
            evidence["reason"] = reason
            said = answer.explanation.removeprefix("inconclusive: ").strip()
            # Say the reason once, even when the judge's words repeat it.
            detail = said if reason.lower() in said.lower() else f"{reason}: {said}".rstrip(": ")
            return Verdict(
                outcome="inconclusive",
                tier="semantic",
                confidence=answer.confidence,
                explanation=f"The judge could not decide{where(index)}: {detail}",
                diff=diff,
                evidence=evidence,
            )
    return Verdict(
        outcome="pass",
        tier="semantic",
        confidence=min(a.confidence for a in answers),
        explanation=answers[0].explanation
        if len(answers) == 1
        else f"The judge accepted all {len(answers)} segments: {answers[0].explanation}",
        diff=diff,
        evidence=evidence,
    )
