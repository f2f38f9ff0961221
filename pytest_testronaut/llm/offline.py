"""The embedded offline agent: deterministic, free, and honest about its limits.

It decides a handful of plain-English expectations exactly ("prints valid JSON",
"output is empty", "mentions X", "contains 'X'", "exits successfully", "exits with
code N", "prints a number", "lists N lines", their negations, and several of them
joined by "and"); anything else is ``inconclusive`` with a message saying how to get
a real judge. Its enrichment is empty (analysis infers value types, generation picks
sample values) and it proposes no cases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..analysis.spec import CliSpec, Enrichment
from ..verify.judge import Judgement, JudgeRequest
from .redact import redact

OFFLINE_CANNOT_JUDGE = (
    "inconclusive: the offline agent cannot judge this expectation; "
    "configure --testronaut-model"
)
_NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve"))}
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")

# A check returns (holds, evidence) or None when it needs facts it does not have.
Check = Callable[[JudgeRequest], "tuple[bool, str] | None"]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _quoted_or_word(raw: str) -> tuple[str, bool] | None:
    """The needle of "mentions X": quoted text (case-sensitive) or one bare word
    (case-insensitive). A longer unquoted phrase is a description, not a needle."""
    raw = raw.strip()
    quoted = re.fullmatch(r"""(['"`])(.+)\1""", raw)
    if quoted:
        return quoted.group(2), True
    if re.fullmatch(r"[\w.\-/:@=+]+", raw) and raw not in ("it", "them", "something"):
        return raw, False
    return None


def _rules(text: str) -> Check | None:
    """The check an expectation names, or None when it is not one we know."""
    t = text.strip().rstrip(".").strip()
    t = re.sub(r"(?i)^(?:the )?(?:command |tool |program |it )", "", t)
    low = t.lower()
    neg = r"(?:does not|doesn't|do not|never)"
    verb = r"(?:prints?|outputs?|returns?|emits?|produces?|writes?|is|are|gives?)"
    subj = r"(?:(?:the )?(?:output|stdout|stderr|result)\s+)?"

    if re.fullmatch(subj + r"(?:" + verb + r" )?(?:(?:a )?valid |well-formed |parseable )?json"
                    r"(?: output| data| document)?", low):
        return _is_json
    if re.fullmatch(subj + r"(?:is valid json|is json|parses as json)", low):
        return _is_json
    if re.fullmatch(subj + r"(?:is empty|(?:prints|outputs|produces|writes) nothing|"
                           r"(?:prints|outputs|produces) no output|has no output|no output)",
                    low):
        return _is_empty
    if re.fullmatch(subj + r"(?:is not empty|is non-?empty|(?:prints|outputs|produces) "
                           r"(?:something|some output))", low):
        return _negate(_is_empty)
    if re.fullmatch(r"(?:exits? (?:successfully|cleanly|with (?:code|status) 0|zero)|succeeds|"
                    r"(?:the )?exit (?:code|status) is 0|returns? 0|runs successfully)", low):
        return _exit(lambda c: c == 0, "0")
    if re.fullmatch(r"(?:fails|exits? (?:with an error|unsuccessfully|non-?zero|with a "
                    r"non-?zero (?:code|status))|(?:the )?exit (?:code|status) is non-?zero)",
                    low):
        return _exit(lambda c: c != 0, "non-zero")
    code = re.fullmatch(r"(?:exits? with (?:exit )?(?:code|status)|(?:the )?exit (?:code|status)"
                        r" is|returns?(?: exit)? (?:code|status)) (\d+)", low)
    if code:
        wanted = int(code.group(1))
        return _exit(lambda c: c == wanted, str(wanted))
    if re.fullmatch(subj + r"(?:" + verb + r" |is )?(?:a |one )?(?:single )?"
                           r"(?:number|integer|numeric value)", low):
        return _is_number
    lines = re.fullmatch(subj + r"(?:lists|prints|outputs|has|contains|shows|produces|is) "
                         r"(?:exactly )?(\d+|" + "|".join(_NUMBER_WORDS) + r") "
                         r"(?:non-empty )?(?:lines?|items?|entries|rows)", low)
    if lines:
        return _line_count(_count(lines.group(1)))
    found = re.fullmatch(r"(?i)" + subj + r"(" + neg + r" )?(?:mentions?|contains?|includes?|"
                         r"says?|shows?|prints?|outputs?|displays?)(?: the (?:word|text|string))?"
                         r"\s+(.+)", t)
    if found:
        needle = _quoted_or_word(found.group(2))
        strict_verb = re.search(r"(?i)\b(?:says?|shows?|prints?|outputs?|displays?)\b",
                                t[:found.start(2)])
        if needle is None or (strict_verb and not needle[1]):
            return None  # "prints a greeting" describes, it does not quote
        check = _contains(*needle)
        return _negate(check) if found.group(1) else check
    return None


def _is_json(req: JudgeRequest) -> tuple[bool, str]:
    try:
        json.loads(req.actual)
    except ValueError as exc:
        return False, f"the {req.stream} is not valid JSON ({exc})"
    return True, f"the {req.stream} is valid JSON"


def _is_empty(req: JudgeRequest) -> tuple[bool, str]:
    if req.actual.strip():
        return False, f"the {req.stream} is not empty ({len(req.actual)} characters)"
    return True, f"the {req.stream} is empty"


def _is_number(req: JudgeRequest) -> tuple[bool, str]:
    value = req.actual.strip()
    if _NUMBER.fullmatch(value):
        return True, f"the {req.stream} is the number {value}"
    return False, f"the {req.stream} is not a single number: {value[:60]!r}"


def _line_count(wanted: int) -> Check:
    def check(req: JudgeRequest) -> tuple[bool, str]:
        got = len([line for line in req.actual.splitlines() if line.strip()])
        return got == wanted, f"the {req.stream} has {got} non-empty line(s), {wanted} expected"
    return check


def _exit(test: Callable[[int], bool], wanted: str) -> Check:
    def check(req: JudgeRequest) -> tuple[bool, str] | None:
        if req.exit_code is None:
            return None
        return test(req.exit_code), f"the exit code is {req.exit_code} ({wanted} expected)"
    return check


def _contains(needle: str, exact: bool) -> Check:
    def check(req: JudgeRequest) -> tuple[bool, str]:
        hay, pin = (req.actual, needle) if exact else (req.actual.lower(), needle.lower())
        if pin in hay:
            return True, f"the {req.stream} contains {needle!r}"
        return False, f"the {req.stream} does not contain {needle!r}"
    return check


def _negate(check: Check) -> Check:
    def negated(req: JudgeRequest) -> tuple[bool, str] | None:
        result = check(req)
        return None if result is None else (not result[0], result[1])
    return negated


def _parse(expectation: str) -> list[Check] | None:
    """Checks of all clauses ("prints valid JSON and exits successfully"), else of the
    whole text ("mentions 'salt and pepper'"), else None."""
    parts = [p for p in re.split(r"\s*(?:;|,?\s+and\s+|,\s*)\s*", expectation.strip()) if p]
    if len(parts) > 1:
        checks = [_rules(p) for p in parts]
        if all(c is not None for c in checks):
            return [c for c in checks if c is not None]
    whole = _rules(expectation)
    return [whole] if whole else None


def offline_judge(request: JudgeRequest) -> Judgement:
    """The deterministic judgement of ``request`` (see the module docstring)."""
    def verdict(kind: str, text: str, reason: str | None = None) -> Judgement:
        return Judgement(verdict=kind,  # type: ignore[arg-type]
                         confidence=1.0 if kind != "inconclusive" else 0.0,
                         explanation=redact(text), reason=reason, model="offline")

    if request.expected_output is not None:
        def norm(s: str) -> str:
            return "\n".join(line.rstrip() for line in s.strip().splitlines())
        if norm(request.expected_output) == norm(request.actual):
            return verdict("pass", f"the {request.stream} equals the recorded output")
        return verdict("inconclusive", OFFLINE_CANNOT_JUDGE + " (the output differs from the "
                       "recorded one; deciding whether the difference matters needs a model)",
                       "offline agent cannot judge this expectation")
    stream = re.search(r"\b(stdout|stderr)\b", request.expectation.lower())
    checks = None if stream and stream.group(1) != request.stream else _parse(
        request.expectation)
    if not checks:
        return verdict("inconclusive", OFFLINE_CANNOT_JUDGE,
                       "offline agent cannot judge this expectation")
    results = [c(request) for c in checks]
    if any(r is None for r in results):
        return verdict("inconclusive", "inconclusive: the offline agent needs the exit code to "
                       "judge this expectation", "exit code unknown")
    decided = [r for r in results if r is not None]
    failed = [text for ok, text in decided if not ok]
    if failed:
        return verdict("fail", "; ".join(failed))
    return verdict("pass", "; ".join(text for _, text in decided))


# --- enrichment ----------------------------------------------------------------------

def offline_enrich(spec: CliSpec) -> Enrichment:
    """The offline agent adds nothing to the analysis: value types are analysis's own
    (:func:`~pytest_testronaut.analysis.spec.infer_value_type`) and sample values the
    generator's, so its enrichment is empty (and the plan is the generator's alone)."""
    del spec
    return Enrichment()


def offline_propose(spec: CliSpec, context: str = "") -> list[dict[str, Any]]:
    """The offline agent proposes nothing: the plan layer's generator covers the tree."""
    del spec, context
    return []
