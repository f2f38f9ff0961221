"""The tiers in order: exact -> normalized -> structural -> semantic.

Each tier runs only when the cheaper ones could not decide, and the verdict names
the tier that did. Without a judge a remaining difference is a ``fail``; with one
(``semantic=True``) it is the judge's call, and a judge that cannot answer leaves the
verdict inconclusive, never passed.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import Any

from .checks import LARGE_DIFF_LINES, line_opcodes, unified_diff
from .completion_order import unordered_again
from .judge import Judge, JudgeRequest
from .line_filter import LineMemo
from .normalize import clean_terminal, normalize, normalize_columns, terminal_is_clean
from .rerun_diff import LineComparison, compare_lines
from .rules import DEFAULT_RULES, Replacement, Rule, RuleError
from .second_look import second_look
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
    expectation: str | None = None,
    command: str | None = None,
) -> Verdict:
    """Decide whether ``actual`` is equivalent to the recorded ``expected`` output.

    ``rules`` add placeholder rules (run before the defaults; ``use_default_rules=False``
    keeps only them). ``unordered`` declares line (and JSON/YAML array) order
    irrelevant. ``fmt`` forces a structure (``json``, ``yaml``, ``table``) or plain
    ``text``; ``auto`` detects one. With ``semantic=True`` and a ``judge``, a
    difference that survives the deterministic tiers is asked of the judge, in
    segments of at most ``segment_chars`` characters; ``expectation`` (what the output
    must show, in plain English) and ``command`` (what printed it) go to the judge as
    context.
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

    lines = _compare_normalized(expected, actual, rules, use_default_rules)
    evidence: dict[str, Any] = {"placeholders": {
        "expected": _grouped(lines.expected_found), "actual": _grouped(lines.actual_found)}}
    tier: Tier = "normalized"
    left, right = lines.expected_view, lines.actual_view
    if lines.equal:
        return Verdict(
            outcome="pass",
            tier="normalized",
            confidence=1.0,
            explanation="The outputs are equal once dynamic content is replaced by "
            f"placeholders ({_placeholder_summary(lines.counts)}), and every value "
            "that changed changed the way a re-run changes it.",
            evidence=evidence,
        )
    structure = compare_structure(
        expected, actual, fmt=fmt, unordered=unordered, rules=rules,
        use_default_rules=use_default_rules,
    )
    if structure is not None and unordered and not structure.equal and (
            structure.kind == "unordered lines"):  # parallel runs' positions, workers
        structure = unordered_again(expected, actual, structure, rules, use_default_rules)
    if structure is not None:
        tier = "structural"
        evidence["structure"] = structure.kind
        if structure.equal:
            return Verdict(outcome="pass", tier="structural", confidence=1.0,
                           explanation=structure.explanation, evidence=evidence)
        left, right = structure.expected_view, structure.actual_view
        explanation = f"{structure.explanation} {_first_difference(left, right)}"
    else:
        explanation = ("The outputs differ after normalizing dynamic content. "
                       + lines.explanation)
    diff = unified_diff(left, right) or None
    if semantic and judge is not None:
        asked = EQUIVALENCE_EXPECTATION if not expectation else (
            f"{EQUIVALENCE_EXPECTATION}\nWhat the output must show, in the user's words "
            f"(this decides which differences matter): {expectation}")
        requests = [
            JudgeRequest(expectation=asked, actual=act, expected_output=exp, command=command)
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


def _compare_normalized(expected: str, actual: str, rules: tuple[Rule, ...],
                        use_default_rules: bool) -> LineComparison:
    """The normalized tier: the user's rules over the whole outputs, then the
    header-aware columns, then the line-by-line comparison of :mod:`.rerun_diff`."""
    if (not rules and expected.endswith("\n") == actual.endswith("\n")
            and terminal_is_clean(expected) and terminal_is_clean(actual)):
        left, right = expected, actual  # a final newline on both is one equal line more
    else:
        left, right = clean_terminal(expected), clean_terminal(actual)
    found_l: list[Replacement] = []
    found_r: list[Replacement] = []
    printed = (left, right)  # as a terminal shows them: where their columns align
    for rule in rules:
        left, right = rule.apply(left, found_l), rule.apply(right, found_r)
    if use_default_rules:
        left, right = normalize_columns(left, found_l), normalize_columns(right, found_r)
        # values replaced before the line comparison: where their widths differ,
        # the spacing of the tables around them may too (their columns still aligned)
        spacing_free = sorted(len(r.original) for r in found_l) != sorted(
            len(r.original) for r in found_r)
        result = compare_lines(left, right, spacing_free=spacing_free, printed=printed)
        if result is None or not result.equal:  # progress samples, interleaved writers
            result = second_look(left, right, spacing_free, result)
        if result is not None:
            result.expected_found[:0] = found_l
            result.actual_found[:0] = found_r
            result.counts.update(r.placeholder for r in found_l)
            return result
    elif left == right:
        return LineComparison(True, "", left, right, found_l, found_r,
                              Counter(r.placeholder for r in found_l))
    # not the same lines: show the whole outputs normalized (the lines both share,
    # most of a long output, are normalized once)
    memo = LineMemo(DEFAULT_RULES, wanted=_shared_lines(expected, actual))
    norm_exp = normalize(expected, rules, use_default_rules=use_default_rules, memo=memo)
    norm_act = normalize(actual, rules, use_default_rules=use_default_rules, memo=memo)
    del memo
    return LineComparison(False, _first_difference(norm_exp.text, norm_act.text),
                          norm_exp.text, norm_act.text, list(norm_exp.replacements),
                          list(norm_act.replacements))  # (the verdict is a fail: no counts)


def _grouped(found: list[Replacement]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for item in found:
        grouped.setdefault(item.placeholder, []).append(item.original)
    return grouped


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


def _placeholder_summary(counts: Counter[str]) -> str:
    if not counts:
        return "only terminal formatting differed"
    return ", ".join(f"{k} x{n}" for k, n in sorted(counts.items()))
