"""The tiers in order: exact -> normalized -> structural -> semantic.

Each tier runs only when the cheaper ones could not decide, and the verdict names
the tier that did. Without a judge a remaining difference is a ``fail``; with one
(``semantic=True``) it is the judge's call, and a judge that cannot answer leaves the
verdict inconclusive, never passed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import Any

from .checks import LARGE_DIFF_LINES, line_opcodes, unified_diff
from .judge import Judge, JudgeRequest
from .line_filter import LineMemo
from .normalize import Normalized, clean_terminal, normalize
from .rules import DEFAULT_RULES, IDENTITY_PLACEHOLDERS, Rule, RuleError
from .semantic import (
    DEFAULT_SEGMENT_CHARS,
    EQUIVALENCE_EXPECTATION,
    ask_judge,
    segment_pairs,
    segment_text,
)
from .structural import Format, compare_structure
from .verdict import Tier, Verdict

# unified_diff lives in .checks (one diff for every message); re-exported for callers.
__all__ = ["check_expectation", "compare_outputs", "unified_diff"]

_FORMATS = ("auto", "text", "json", "yaml", "table")


def compare_outputs(
    expected: str,
    actual: str,
    *,
    rules: Sequence[Rule] = (),
    use_default_rules: bool = True,
    unordered: bool = False,
    fmt: Format = "auto",
    judge: Judge | None = None,
    semantic: bool = False,
    segment_chars: int = DEFAULT_SEGMENT_CHARS,
) -> Verdict:
    """Decide whether ``actual`` is equivalent to the recorded ``expected`` output.

    ``rules`` add placeholder rules (run before the defaults; ``use_default_rules=False``
    keeps only them). ``unordered`` declares line (and JSON/YAML array) order
    irrelevant. ``fmt`` forces a structure (``json``, ``yaml``, ``table``) or plain
    ``text``; ``auto`` detects one. With ``semantic=True`` and a ``judge``, a
    difference that survives the deterministic tiers is asked of the judge, in
    segments of at most ``segment_chars`` characters.
    """
    if fmt not in _FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(_FORMATS)}, not {fmt!r}")
    rules = tuple(rules)
    for rule in rules:
        if not isinstance(rule, Rule):
            raise RuleError(f"rules must be Rule objects, got {type(rule).__name__}: {rule!r}")
    if expected == actual:
        return Verdict(outcome="pass", tier="exact", confidence=1.0,
                       explanation="The outputs are identical.")

    # the lines both outputs share (most, in a regression test) are normalized once
    memo = LineMemo(DEFAULT_RULES, wanted=_shared_lines(expected, actual))
    norm_exp = normalize(expected, rules, use_default_rules=use_default_rules, memo=memo)
    norm_act = normalize(actual, rules, use_default_rules=use_default_rules, memo=memo)
    del memo
    evidence: dict[str, Any] = {
        "placeholders": {"expected": norm_exp.placeholders(), "actual": norm_act.placeholders()}
    }
    tier: Tier = "normalized"
    left, right = norm_exp.text, norm_act.text
    if left == right:
        mismatch = _identity_mismatch(norm_exp, norm_act)
        if mismatch is None:
            return Verdict(
                outcome="pass",
                tier="normalized",
                confidence=1.0,
                explanation="The outputs are equal once dynamic content is replaced by "
                f"placeholders ({_placeholder_summary(norm_exp)}).",
                evidence=evidence,
            )
        explanation = mismatch
    else:
        structure = compare_structure(
            expected, actual, fmt=fmt, unordered=unordered, rules=rules,
            use_default_rules=use_default_rules,
        )
        if structure is not None:
            tier = "structural"
            evidence["structure"] = structure.kind
            if structure.equal:
                return Verdict(outcome="pass", tier="structural", confidence=1.0,
                               explanation=structure.explanation, evidence=evidence)
            left, right = structure.expected_view, structure.actual_view
            explanation = f"{structure.explanation} {_first_difference(left, right)}"
        else:
            explanation = (
                "The outputs differ after normalizing dynamic content. "
                + _first_difference(left, right)
            )
    diff = unified_diff(left, right) or None
    if semantic and judge is not None:
        requests = [
            JudgeRequest(expectation=EQUIVALENCE_EXPECTATION, actual=act, expected_output=exp)
            for exp, act in segment_pairs(left, right, segment_chars)
        ]
        verdict = ask_judge(judge, requests, diff=diff)
        verdict.evidence.update(evidence)
        verdict.evidence["deterministic"] = {"tier": tier, "explanation": explanation.strip()}
        return verdict
    return Verdict(outcome="fail", tier=tier, confidence=1.0, explanation=explanation.strip(),
                   diff=diff, evidence=evidence)


def check_expectation(
    expectation: str,
    actual: str,
    *,
    judge: Judge | None,
    command: str | None = None,
    stream: str = "stdout",
    exit_code: int | None = None,
    segment_chars: int = DEFAULT_SEGMENT_CHARS,
) -> Verdict:
    """Ask ``judge`` whether ``actual`` satisfies a plain-English ``expectation``.

    Without a judge the verdict is ``inconclusive`` (reason ``"no judge"``): plain
    English cannot be checked deterministically, and guessing would be a silent pass.
    Long output is judged in segments; every segment must pass.
    """
    if not expectation.strip():
        raise ValueError("the expectation is empty; describe what the output must show")
    if judge is None:
        return Verdict(
            outcome="inconclusive",
            tier=None,
            confidence=0.0,
            explanation="No judge is configured, so the plain-English expectation "
            f"{expectation!r} could not be checked; configure an LLM or the offline agent, "
            "or use a deterministic assertion (contains, regex, recorded output).",
            evidence={"reason": "no judge"},
        )
    pieces = segment_text(clean_terminal(actual), segment_chars)
    requests = []
    for index, piece in enumerate(pieces):
        asked = expectation
        if len(pieces) > 1:
            asked = (
                f"{expectation}\n\n(This is segment {index + 1} of {len(pieces)} of the "
                f"{stream}. Answer fail if this segment contradicts the expectation, "
                "inconclusive if it cannot show whether the expectation holds.)"
            )
        requests.append(JudgeRequest(expectation=asked, actual=piece, command=command,
                                     stream=stream, exit_code=exit_code))
    return ask_judge(judge, requests)


def _shared_lines(expected: str, actual: str) -> set[str]:
    """The lines both outputs hold (as printed, before any cleaning), found a slice at
    a time and by hash: no list of every line of a long output is made. A line whose
    hash only matches one of the other output is kept too, at the cost of one entry."""
    hashes: set[int] = set()
    for piece in _pieces(expected):
        hashes.update(map(hash, piece.split("\n")))
    shared: set[str] = set()
    for piece in _pieces(actual):
        lines = piece.split("\n")
        shared.update(compress(lines, map(hashes.__contains__, map(hash, lines))))
    return shared


def _pieces(text: str, size: int = 1_000_000) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, cut at line breaks (dropped)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _first_difference(expected: str, actual: str) -> str:
    left, right = expected.split("\n"), actual.split("\n")
    codes = (line_opcodes(left, right)  # bounded in time for long outputs
             if len(left) + len(right) > LARGE_DIFF_LINES
             else difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes())
    for tag, i1, _i2, j1, _j2 in codes:
        if tag == "replace":
            return f"Line {i1 + 1}: expected {_clip(left[i1])}, got {_clip(right[j1])}."
        if tag == "delete":
            return f"Line {i1 + 1} of the expected output is missing: {_clip(left[i1])}."
        if tag == "insert":
            return f"Unexpected line {j1 + 1} in the actual output: {_clip(right[j1])}."
    return ""


def _clip(line: str, width: int = 120) -> str:
    return repr(line if len(line) <= width else line[: width - 3] + "...")


def _placeholder_summary(norm: Normalized) -> str:
    counts = {k: len(v) for k, v in norm.placeholders().items()}
    if not counts:
        return "only terminal formatting differed"
    return ", ".join(f"{k} x{n}" for k, n in sorted(counts.items()))


def _identity_mismatch(expected: Normalized, actual: Normalized) -> str | None:
    """One value repeated in expected must be repeated in actual (and vice versa):
    ``created <id1> ... deleted <id1>`` against ``... deleted <id2>`` is a change."""
    for placeholder in sorted(IDENTITY_PLACEHOLDERS):
        left = [r.original for r in expected.replacements if r.placeholder == placeholder]
        right = [r.original for r in actual.replacements if r.placeholder == placeholder]
        if len(left) != len(right):
            continue
        if _shape(left) != _shape(right):
            for index, (a, b) in enumerate(zip(_shape(left), _shape(right), strict=True)):
                if a != b:
                    return (
                        f"The outputs match only up to {placeholder} identities: occurrence "
                        f"{index + 1} ({right[index]!r}) should "
                        + ("repeat an earlier value" if a < index else "be a new value")
                        + f", as {left[index]!r} does in the expected output."
                    )
    return None


def _shape(values: list[str]) -> list[int]:
    first: dict[str, int] = {}
    return [first.setdefault(value, index) for index, value in enumerate(values)]
